//! Filling seats that freed up: the first in line move to going, in the
//! caller's transaction (the one that freed the seats), and each gets one
//! "You're in" in the outbox of that same transaction.

use chrono::{DateTime, Utc};
use turnout_domain::event::EventDetails;
use turnout_persistence::{ConnectionTrait, outbox, rsvps};

use crate::compose::{self, Recipient};
use crate::error::Error;

/// The links every message about an RSVP carries: the site, the RSVP's
/// manage page, and its check-in link (drawn as a QR code for those going).
pub struct RsvpLinks<'a> {
    pub base_url: &'a str,
    pub manage: &'a (dyn Fn(i64) -> String + Sync),
    pub checkin: &'a (dyn Fn(i64) -> String + Sync),
}

/// Promotes from the waitlist of `event` and queues their emails; returns how
/// many were promoted.
pub async fn promote_and_notify(
    txn: &impl ConnectionTrait,
    event: &EventDetails,
    links: &RsvpLinks<'_>,
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let promoted = rsvps::promote_waitlist(txn, event.id, now).await?;
    notify_promoted(txn, event, &promoted, links, now).await?;
    Ok(promoted.len())
}

/// Queues one "You're in" for each of `promoted` (by hand or by a freed seat).
pub async fn notify_promoted(
    txn: &impl ConnectionTrait,
    event: &EventDetails,
    promoted: &[rsvps::Promoted],
    links: &RsvpLinks<'_>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    for p in promoted {
        let Some(email) = &p.email else { continue };
        let url = (links.manage)(p.rsvp_id);
        let to = Recipient {
            rsvp_id: p.rsvp_id,
            name: &p.name,
            email,
            manage_url: &url,
            waitlist_position: None,
            guests: p.guests,
            hold_until: p.hold_until,
            language: p.language,
        };
        let mut message = compose::promoted(event, to, links.base_url);
        crate::checkin_qr::add_to(turnout_domain::catalogue::Tr(p.language), &mut message, &(links.checkin)(p.rsvp_id));
        outbox::enqueue(txn, &message, now).await?;
    }
    Ok(())
}
