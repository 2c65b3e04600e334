//! The guest RSVP use case: validate, record, queue the confirmation, all in
//! one transaction, then wake the mail worker.

use chrono::{DateTime, Utc};
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::event::EventDetails;
use turnout_domain::policy::Actor;
use turnout_domain::rsvp::{Answer, GuestRsvpInput, RsvpClosed, RsvpOutcome, RsvpStatus, check_open};
use turnout_notifications::compose::{self, Recipient};
use turnout_persistence::rsvps::NewRsvp;
use turnout_persistence::{begin_write, events, outbox, rsvps};

use crate::http::access::{visible_event, visible_event_without_counts};
use crate::http::error::Error;
use crate::http::secrets::sha256_hex;
use crate::state::AppState;

pub enum Outcome {
    /// Recorded, or there already: the page says only "check your email".
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
    /// No seats for the whole party, and the event keeps no waitlist.
    Full {
        event: EventDetails,
        errors: FieldErrors,
    },
}

/// What a full event without a waitlist answers.
pub fn full_message(t: Tr, event: &EventDetails) -> String {
    match event.seats_left() {
        Some(left) if left > 0 => t.f("att-error-full-places-left", &[("left", left.into())]),
        _ => t.s("att-error-full-no-waitlist"),
    }
}

/// Records an RSVP from the form. Whoever typed an address is not its owner:
/// the answer is the same whether the address already had an RSVP or not,
/// and only its inbox learns the status (and a protected street address).
/// Members do not come here: their RSVP is their account's (`member.rs`).
pub async fn rsvp_as_guest(
    s: &AppState,
    event_id: &str,
    input: GuestRsvpInput,
    actor: Option<&Actor>,
    tr: Tr,
    now: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let (db, base_url) = (&s.db, s.base_url.as_str());
    // Its seats may be behind (RSVPs are not re-read for each RSVP): seats
    // are taken in the transaction below, and what is shown reads them anew.
    let event = visible_event_without_counts(s, event_id, actor).await?;
    let guest = match input.validate(tr, event.guests_allowed) {
        Ok(g) => g,
        Err(errors) => return Ok(Outcome::Invalid { event, errors }),
    };
    if let Err(why) = check_open(&event, now) {
        return Ok(Outcome::Closed { event, why });
    }
    // Someone who has not proved the address holds a seat only until they do,
    // when the organizer asked for that; maybe and can't go hold nothing.
    let hold_until = (event.rsvp_options.guests_confirm_by_email && guest.reply.answer == Answer::Going).then(|| now + s.guest_hold);
    let txn = begin_write(db).await?;
    // Checked again inside the transaction, holding the event's row: an event
    // cancelled (or started) since it was read above takes no RSVP, and a
    // cancellation waits for this RSVP, so its notice reaches this person too.
    if !rsvps::hold_open_event(&txn, event.id, now).await? {
        drop(txn);
        let now_event = events::details(db, event.id).await?.unwrap_or(event);
        let why = check_open(&now_event, now).err().unwrap_or(RsvpClosed::Cancelled);
        return Ok(Outcome::Closed { event: now_event, why });
    }
    let waitlist = !event.rsvp_options.no_waitlist;
    let language = tr.language();
    let new = NewRsvp { name: &guest.name, email: &guest.email, user_id: None, reply: guest.reply, hold_until, waitlist, language };
    let outcome = match rsvps::record(&txn, event.id, new, now).await {
        Ok(o) => o,
        // The same address RSVP'd in a parallel request: treat it as a repeat.
        Err(turnout_persistence::Error::Duplicate) => {
            drop(txn);
            let again = GuestRsvpInput {
                name: guest.name,
                email: guest.email,
                answer: guest.reply.answer.as_str().to_owned(),
                guests: guest.reply.guests.to_string(),
            };
            return Box::pin(rsvp_as_guest(s, event_id, again, actor, tr, now)).await;
        }
        // Full, and no waitlist: nothing is written and the form says so.
        Err(turnout_persistence::Error::Full) => {
            drop(txn);
            let event = visible_event(s, event_id, actor).await?;
            let mut errors = FieldErrors::new();
            errors.add("answer", full_message(tr, &event));
            return Ok(Outcome::Full { event, errors });
        }
        Err(e) => return Err(e.into()),
    };
    // Every RSVP has a manage link; an RSVP from before links existed gets one now.
    let manage_url = s.manage_url(outcome.rsvp_id);
    rsvps::set_manage_token_hash(&txn, outcome.rsvp_id, &sha256_hex(&s.manage_token(outcome.rsvp_id))).await?;
    let waitlist_position = match outcome.status {
        RsvpStatus::Waitlisted => Some(rsvps::waitlist_position(&txn, event.id, outcome.rsvp_id).await?),
        _ => None,
    };
    let to = Recipient {
        rsvp_id: outcome.rsvp_id,
        name: &guest.name,
        email: &guest.email,
        manage_url: &manage_url,
        waitlist_position,
        guests: guest.reply.guests,
        hold_until: if outcome.already_registered { None } else { hold_until },
        language,
    };
    if !outcome.already_registered {
        let mut confirmation = compose::rsvp_confirmation(&event, outcome.status, to, base_url);
        if outcome.status == RsvpStatus::Going {
            // The QR code organizers scan at the door.
            turnout_notifications::checkin_qr::add_to(
                turnout_domain::catalogue::Tr(language),
                &mut confirmation,
                &s.checkin_url(outcome.rsvp_id),
            );
        }
        outbox::enqueue(&txn, &confirmation, now).await?;
    } else if turnout_domain::rsvp::repeat_mail_due(outcome.recorded_at, now) {
        // The page said "check your email" as for a new RSVP; the inbox says
        // where they stand, with the link to change it.
        outbox::enqueue(&txn, &compose::rsvp_reminder_of_existing(&event, outcome.status, to, base_url, now), now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Outcome::Recorded { event, outcome, name: guest.name, email: guest.email })
}
