//! The guest RSVP use case: validate, record, queue the confirmation, all in
//! one transaction, then wake the mail worker.

use chrono::{DateTime, Utc};
use turnout_domain::FieldErrors;
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::{GuestRsvpInput, RsvpClosed, RsvpOutcome, check_open};
use turnout_notifications::compose;
use turnout_persistence::{Db, begin_write, events, outbox, rsvps};

use crate::error::Error;

pub enum Outcome {
    Recorded {
        event: EventDetails,
        outcome: RsvpOutcome,
        name: String,
        email: String,
    },
    Invalid {
        event: EventDetails,
        errors: FieldErrors,
    },
    Closed {
        event: EventDetails,
        why: RsvpClosed,
    },
}

/// Loads an event a visitor may see, or `NotFound`.
pub async fn visible_event(db: &Db, id: &str) -> Result<EventDetails, Error> {
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    match events::details(db, id).await? {
        Some(e) if e.visible_to_public() => Ok(e),
        _ => Err(Error::NotFound),
    }
}

pub async fn rsvp_as_guest(
    db: &Db,
    event_id: &str,
    input: GuestRsvpInput,
    now: DateTime<Utc>,
    base_url: &str,
) -> Result<Outcome, Error> {
    let event = visible_event(db, event_id).await?;
    let guest = match input.validate() {
        Ok(g) => g,
        Err(errors) => return Ok(Outcome::Invalid { event, errors }),
    };
    if let Err(why) = check_open(&event, now) {
        return Ok(Outcome::Closed { event, why });
    }
    let txn = begin_write(db).await?;
    let outcome = match rsvps::record_guest(&txn, event.id, &guest, None, now).await {
        Ok(o) => o,
        // The same address RSVP'd in a parallel request: treat it as a repeat.
        Err(turnout_persistence::Error::Duplicate) => {
            drop(txn);
            return Box::pin(rsvp_as_guest(
                db,
                event_id,
                GuestRsvpInput {
                    name: guest.name,
                    email: guest.email,
                },
                now,
                base_url,
            ))
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    if !outcome.already_registered {
        let message = compose::rsvp_confirmation(
            &event,
            outcome.rsvp_id,
            outcome.status,
            &guest.name,
            &guest.email,
            base_url,
        );
        outbox::enqueue(&txn, &message, now).await?;
    }
    txn.commit()
        .await
        .map_err(turnout_persistence::Error::from)?;
    Ok(Outcome::Recorded {
        event,
        outcome,
        name: guest.name,
        email: guest.email,
    })
}
