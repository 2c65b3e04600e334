//! Filling seats that freed up: the first in line move to going, in the
//! caller's transaction (the one that freed the seats), and each gets one
//! "You're in" in the outbox of that same transaction.

use chrono::{DateTime, Utc};
use turnout_domain::event::EventDetails;
use turnout_persistence::{ConnectionTrait, outbox, rsvps};

use crate::compose::{self, Recipient};
use crate::error::Error;

/// Promotes from the waitlist of `event` and queues their emails; returns how
/// many were promoted. `manage_url` gives each RSVP's manage link.
pub async fn promote_and_notify(
    txn: &impl ConnectionTrait,
    event: &EventDetails,
    base_url: &str,
    manage_url: &(dyn Fn(i64) -> String + Sync),
    now: DateTime<Utc>,
) -> Result<usize, Error> {
    let promoted = rsvps::promote_waitlist(txn, event.id, now).await?;
    notify_promoted(txn, event, &promoted, base_url, manage_url, now).await?;
    Ok(promoted.len())
}

/// Queues one "You're in" for each of `promoted` (by hand or by a freed seat).
pub async fn notify_promoted(
    txn: &impl ConnectionTrait,
    event: &EventDetails,
    promoted: &[rsvps::Promoted],
    base_url: &str,
    manage_url: &(dyn Fn(i64) -> String + Sync),
    now: DateTime<Utc>,
) -> Result<(), Error> {
    for p in promoted {
        let Some(email) = &p.email else { continue };
        let url = manage_url(p.rsvp_id);
        let to = Recipient {
            rsvp_id: p.rsvp_id,
            name: &p.name,
            email,
            manage_url: &url,
            waitlist_position: None,
            guests: p.guests,
            hold_until: p.hold_until,
        };
        outbox::enqueue(txn, &compose::promoted(event, to, base_url), now).await?;
    }
    Ok(())
}
