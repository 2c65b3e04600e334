//! The guest RSVP use case: validate, record, queue the confirmation, all in
//! one transaction, then wake the mail worker.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::event::EventDetails;
use turnout_domain::language::Language;
use turnout_domain::outbox::NewMessage;
use turnout_domain::policy::Actor;
use turnout_domain::rate_limit::Limit;
use turnout_domain::rsvp::{Answer, GuestRsvp, GuestRsvpInput, RsvpClosed, RsvpOutcome, RsvpStatus, check_open};
use turnout_notifications::compose::{self, Recipient};
use turnout_persistence::rsvps::NewRsvp;
use turnout_persistence::{ConnectionTrait, begin_write, events, outbox, rate_limits, rsvps};

use crate::http::access::{visible_event, visible_event_without_counts};
use crate::http::error::Error;
use crate::http::limits::Limited;
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
    /// Over one of the limits: try again in this many seconds.
    Limited {
        seconds: i64,
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
    limits: &[Limited<'_>],
) -> Result<Outcome, Error> {
    let db = &s.db;
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
    // The confirmation of a new RSVP is composed (with its QR code) before
    // the write, under an id taken for it, so the transaction only writes:
    // on SQLite every RSVP waits for the one before it to commit.
    let id = s.rsvp_ids.next(db).await?;
    let manage_url = s.manage_url(id);
    let language = tr.language();
    // As it will be unless the event is full (then: waitlisted, composed below).
    let expected = guest.reply.answer.status_without_seat();
    let to = Recipient {
        rsvp_id: id,
        name: &guest.name,
        email: &guest.email,
        manage_url: &manage_url,
        waitlist_position: None,
        guests: guest.reply.guests,
        hold_until,
        language,
    };
    let composed = confirmation(&s.guest_writes.keys, &event, expected, to);
    let plan = Arc::new(Plan { event, guest, hold_until, language, id, expected, composed, limits: s.limit_keys(limits), now });
    let step = s.guest_writes.write(plan.clone()).await?;
    let Plan { event, guest, .. } = Arc::unwrap_or_clone(plan);
    match step {
        Step::Recorded(outcome) => Ok(Outcome::Recorded { event, outcome, name: guest.name, email: guest.email }),
        Step::Limited(seconds) => Ok(Outcome::Limited { seconds }),
        Step::Closed => {
            let now_event = events::details(db, event.id).await?.unwrap_or(event);
            let why = check_open(&now_event, now).err().unwrap_or(RsvpClosed::Cancelled);
            Ok(Outcome::Closed { event: now_event, why })
        }
        // Full, and no waitlist: nothing is written and the form says so.
        Step::Full => {
            let event = visible_event(s, event_id, actor).await?;
            let mut errors = FieldErrors::new();
            errors.add("answer", full_message(tr, &event));
            Ok(Outcome::Full { event, errors })
        }
        // The same address RSVP'd in a parallel request: treat it as a repeat.
        Step::Duplicate => {
            let again = GuestRsvpInput {
                name: guest.name,
                email: guest.email,
                answer: guest.reply.answer.as_str().to_owned(),
                guests: guest.reply.guests.to_string(),
            };
            Box::pin(rsvp_as_guest(s, event_id, again, actor, tr, now, limits)).await
        }
    }
}

/// What the write needs, all of it prepared beforehand.
#[derive(Clone)]
pub struct Plan {
    event: EventDetails,
    guest: GuestRsvp,
    hold_until: Option<DateTime<Utc>>,
    language: Language,
    /// The id taken for the RSVP, and the status `composed` was written for.
    id: i64,
    expected: RsvpStatus,
    composed: NewMessage,
    limits: Vec<(String, Limit)>,
    now: DateTime<Utc>,
}

/// What the write did.
pub enum Step {
    Recorded(RsvpOutcome),
    /// Over a limit (counted): try again in this many seconds.
    Limited(i64),
    /// Cancelled or started since it was read: the limits were counted.
    Closed,
    /// No seats and no waitlist: the limits were counted.
    Full,
    /// The address was recorded meanwhile (by another instance): undo.
    Duplicate,
}

/// A guest RSVP in its own transaction.
pub async fn write_one(s: &Keys, plan: &Plan) -> Result<Step, Error> {
    let txn = begin_write(&s.db).await?;
    let step = steps(s, &txn, plan).await?;
    if !matches!(step, Step::Duplicate) {
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
    }
    Ok(step)
}

/// What is needed to write a guest RSVP, apart from the request.
pub struct Keys {
    pub db: turnout_persistence::Db,
    pub base_url: String,
    pub manage_key: Vec<u8>,
}

/// The limits, the RSVP and its message, in the caller's write transaction.
/// Only `Step::Duplicate` leaves something to undo (seats taken).
pub async fn steps(s: &Keys, txn: &impl ConnectionTrait, p: &Plan) -> Result<Step, Error> {
    let (event, guest, now) = (&p.event, &p.guest, p.now);
    // Counted in the transaction that records the RSVP (one commit, not
    // two); a refusal keeps its count.
    let keys: Vec<(&str, Limit)> = p.limits.iter().map(|(k, l)| (k.as_str(), *l)).collect();
    if let Some(wait) = rate_limits::hit_all_in(txn, &keys, now).await? {
        return Ok(Step::Limited(wait.num_seconds().max(1)));
    }
    // Checked again inside the transaction, holding the event's row: an event
    // cancelled (or started) since it was read takes no RSVP, and a
    // cancellation waits for this RSVP, so its notice reaches this person too.
    if !rsvps::hold_open_event(txn, event.id, now).await? {
        return Ok(Step::Closed);
    }
    let waitlist = !event.rsvp_options.no_waitlist;
    let reserved = Some((p.id, sha256_hex(&crate::state::manage_token(&s.manage_key, p.id))));
    let (hold_until, language) = (p.hold_until, p.language);
    let new =
        NewRsvp { name: &guest.name, email: &guest.email, user_id: None, reply: guest.reply, hold_until, waitlist, language, reserved };
    let outcome = match rsvps::record(txn, event.id, new, now).await {
        Ok(o) => o,
        Err(turnout_persistence::Error::Duplicate) => return Ok(Step::Duplicate),
        Err(turnout_persistence::Error::Full) => return Ok(Step::Full),
        Err(e) => return Err(e.into()),
    };
    if !outcome.already_registered && outcome.rsvp_id == p.id && outcome.status == p.expected {
        outbox::enqueue(txn, &p.composed, now).await?;
        return Ok(Step::Recorded(outcome));
    }
    // A repeat, or a party that joined the waitlist: not the RSVP the
    // message was composed for. Every RSVP has a manage link; one from
    // before links existed gets one now.
    let token = crate::state::manage_token(&s.manage_key, outcome.rsvp_id);
    let manage_url = format!("{}/rsvps/manage/{token}", s.base_url);
    rsvps::set_manage_token_hash(txn, outcome.rsvp_id, &sha256_hex(&token)).await?;
    let waitlist_position = match outcome.status {
        RsvpStatus::Waitlisted => Some(rsvps::waitlist_position(txn, event.id, outcome.rsvp_id).await?),
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
        outbox::enqueue(txn, &confirmation(s, event, outcome.status, to), now).await?;
    } else if turnout_domain::rsvp::repeat_mail_due(outcome.recorded_at, now) {
        // The page said "check your email" as for a new RSVP; the inbox says
        // where they stand, with the link to change it.
        outbox::enqueue(txn, &compose::rsvp_reminder_of_existing(event, outcome.status, to, &s.base_url, now), now).await?;
    }
    Ok(Step::Recorded(outcome))
}

/// A new RSVP's confirmation; going, with the QR code organizers scan at the door.
fn confirmation(s: &Keys, event: &EventDetails, status: RsvpStatus, to: Recipient<'_>) -> NewMessage {
    let (language, rsvp_id) = (to.language, to.rsvp_id);
    let mut message = compose::rsvp_confirmation(event, status, to, &s.base_url);
    if status == RsvpStatus::Going {
        let checkin = format!("{}/rsvps/checkin/{}", s.base_url, crate::state::checkin_token(&s.manage_key, rsvp_id));
        turnout_notifications::checkin_qr::add_to(turnout_domain::catalogue::Tr(language), &mut message, &checkin);
    }
    message
}
