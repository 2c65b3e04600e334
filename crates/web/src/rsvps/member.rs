//! A logged-in member's RSVP: one click on the event page records it under
//! their account and confirmed address; the same buttons change it (answer
//! or guests) until RSVPs close. Then back to the event page (POST, redirect,
//! GET), which says where they stand.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use turnout_domain::FieldErrors;
use turnout_domain::language::Language;
use turnout_domain::rsvp::{Reply, RsvpStatus, check_open, parse_reply};
use turnout_notifications::compose::{self, Recipient};
use turnout_persistence::rsvps::{self, NewRsvp};
use turnout_persistence::{begin_write, outbox};

use crate::events::public::{Section, page_for};
use crate::http::access::visible_event;
use crate::http::error::Error;
use crate::http::secrets::sha256_hex;
use crate::http::visitor::{CurrentUser, Visitor};
use crate::rsvps::change::{self, Outcome, Person};
use crate::state::AppState;

pub async fn answer(s: &AppState, v: &Visitor, id: &str, answer: &str, guests: &str, now: DateTime<Utc>) -> Result<Response, Error> {
    let Some(u) = &v.user else { return Err(Error::LoginRequired(format!("/events/{id}"))) };
    let event = visible_event(s, id, v.actor()).await?;
    let mut errors = FieldErrors::new();
    let Some(reply) = parse_reply(v.tr, answer, guests, event.guests_allowed, &mut errors) else {
        let page = page_for(s, v, &event, Section::Member { errors: &errors }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let back = Redirect::to(&format!("/events/{}#rsvp", event.id)).into_response();
    match rsvps::mine(&s.db, event.id, u.id, &u.email).await? {
        Some(m) => {
            let who = Person { rsvp_id: m.rsvp_id, name: &u.name, email: &u.email, language: v.tr.language() };
            match change::apply(s, &event, who, reply, now).await? {
                Outcome::Done { .. } => Ok(back),
                Outcome::Closed(_) => closed(s, v, id).await,
                Outcome::NoRoom { left } => {
                    errors.add("guests", change::no_room_message(v.tr, left));
                    let page = page_for(s, v, &event, Section::Member { errors: &errors }).await?;
                    Ok((StatusCode::CONFLICT, page).into_response())
                }
            }
        }
        None => match first_answer(s, &event, u, reply, v.tr.language(), now).await? {
            Ok(()) => Ok(back),
            Err(Refusal::Closed) => closed(s, v, id).await,
            Err(Refusal::Full) => {
                errors.add("answer", crate::rsvps::guest::full_message(v.tr, &event));
                let page = page_for(s, v, &event, Section::Member { errors: &errors }).await?;
                Ok((StatusCode::CONFLICT, page).into_response())
            }
        },
    }
}

/// RSVPs closed (perhaps a moment ago): the event page as it is now, which says why.
async fn closed(s: &AppState, v: &Visitor, id: &str) -> Result<Response, Error> {
    let event = visible_event(s, id, v.actor()).await?;
    let page = page_for(s, v, &event, Section::Fresh { open: false }).await?;
    Ok((StatusCode::CONFLICT, page).into_response())
}

/// Why a first answer was not recorded.
enum Refusal {
    /// The page as it is now says why (it reads the event again).
    Closed,
    Full,
}

/// A member's first answer: recorded under the account, with its manage
/// link and its confirmation, in one transaction.
async fn first_answer(
    s: &AppState,
    event: &turnout_domain::event::EventDetails,
    u: &CurrentUser,
    reply: Reply,
    language: Language,
    now: DateTime<Utc>,
) -> Result<Result<(), Refusal>, Error> {
    if check_open(event, now).is_err() {
        return Ok(Err(Refusal::Closed));
    }
    let txn = begin_write(&s.db).await?;
    if !rsvps::hold_open_event(&txn, event.id, now).await? {
        return Ok(Err(Refusal::Closed));
    }
    let (name, email) = (u.name.as_str(), u.email.as_str());
    let waitlist = !event.rsvp_options.no_waitlist;
    let new = NewRsvp { name, email, user_id: Some(u.id), reply, hold_until: None, waitlist, language, reserved: None };
    let outcome = match rsvps::record(&txn, event.id, new, now).await {
        Ok(o) => o,
        // A double click: the other request recorded it.
        Err(turnout_persistence::Error::Duplicate) => return Ok(Ok(())),
        Err(turnout_persistence::Error::Full) => return Ok(Err(Refusal::Full)),
        Err(e) => return Err(e.into()),
    };
    if !outcome.already_registered {
        rsvps::set_manage_token_hash(&txn, outcome.rsvp_id, &sha256_hex(&s.manage_token(outcome.rsvp_id))).await?;
        let manage_url = s.manage_url(outcome.rsvp_id);
        let waitlist_position = match outcome.status {
            RsvpStatus::Waitlisted => Some(rsvps::waitlist_position(&txn, event.id, outcome.rsvp_id).await?),
            _ => None,
        };
        let to = Recipient {
            rsvp_id: outcome.rsvp_id,
            name,
            email,
            manage_url: &manage_url,
            waitlist_position,
            guests: reply.guests,
            hold_until: None,
            language,
        };
        let mut confirmation = compose::rsvp_confirmation(event, outcome.status, to, &s.base_url);
        if outcome.status == RsvpStatus::Going {
            turnout_notifications::checkin_qr::add_to(
                turnout_domain::catalogue::Tr(language),
                &mut confirmation,
                &s.checkin_url(outcome.rsvp_id),
            );
        }
        outbox::enqueue(&txn, &confirmation, now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Ok(()))
}
