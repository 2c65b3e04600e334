//! Changing an RSVP, from a member's event page or a guest's manage link:
//! the new answer and guests, seats taken or given back, the waitlist moved
//! and every email queued, all in one transaction.

use chrono::{DateTime, Utc};
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::{Reply, RsvpClosed, RsvpStatus, check_open};
use turnout_notifications::compose::{self, Recipient};
use turnout_persistence::rsvps::{self, Changed};
use turnout_persistence::{audit, begin_write, outbox};

use crate::http::error::Error;
use crate::state::AppState;

/// What came of a change.
pub enum Outcome {
    Done {
        status: RsvpStatus,
    },
    /// More people than places left: nothing changed.
    NoRoom {
        left: i32,
    },
    /// RSVPs are closed: nothing changed.
    Closed(RsvpClosed),
}

/// Whom the change is about, for the email that confirms it.
pub struct Person<'a> {
    pub rsvp_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    /// The language their messages are written in.
    pub language: turnout_domain::language::Language,
}

pub async fn apply(s: &AppState, event: &EventDetails, who: Person<'_>, reply: Reply, now: DateTime<Utc>) -> Result<Outcome, Error> {
    if let Err(why) = check_open(event, now) {
        return Ok(Outcome::Closed(why));
    }
    let txn = begin_write(&s.db).await?;
    // Held against a cancellation racing this change (see `hold_open_event`).
    if !rsvps::hold_open_event(&txn, event.id, now).await? {
        return Ok(Outcome::Closed(RsvpClosed::Cancelled));
    }
    let status = match rsvps::change(&txn, who.rsvp_id, reply, now).await? {
        Changed::NoRoom { left } => return Ok(Outcome::NoRoom { left }),
        Changed::Done { status, freed } => {
            let promoted = if freed { s.fill_freed_seats(&txn, event, now).await? } else { 0 };
            let what = format!(
                "{} with {} guest(s); {promoted} promoted from the waitlist",
                status.label(turnout_domain::catalogue::Tr::default()),
                reply.guests
            );
            audit::record(&txn, None, "rsvp.change", &format!("rsvp #{}", who.rsvp_id), &what, now).await?;
            status
        }
    };
    let manage_url = s.manage_url(who.rsvp_id);
    let waitlist_position = match status {
        RsvpStatus::Waitlisted => Some(rsvps::waitlist_position(&txn, event.id, who.rsvp_id).await?),
        _ => None,
    };
    let to = Recipient {
        rsvp_id: who.rsvp_id,
        name: who.name,
        email: who.email,
        manage_url: &manage_url,
        waitlist_position,
        guests: reply.guests,
        hold_until: None,
        language: who.language,
    };
    let mut message = compose::rsvp_changed(event, status, to, &s.base_url, now);
    if status == RsvpStatus::Going {
        turnout_notifications::checkin_qr::add_to(turnout_domain::catalogue::Tr(who.language), &mut message, &s.checkin_url(who.rsvp_id));
    }
    outbox::enqueue(&txn, &message, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Outcome::Done { status })
}

/// The message for "no room for that many": how many places are left.
pub fn no_room_message(t: turnout_domain::catalogue::Tr, left: i32) -> String {
    t.f("att-error-no-room", &[("left", left.max(0).into())])
}
