//! The RSVP form's answer: limits per client and event, then the member's
//! one click (their own account, never another address) or the guest use
//! case, and the page that follows.

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::rsvp::GuestRsvpInput;

use crate::events::public::{Section, page_for};
use crate::events::rsvp_section::Typed;
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::visitor::Visitor;
use crate::rsvps::guest::Outcome;
use crate::state::AppState;

/// Someone who reloads or bookmarks the form's address lands on the event.
pub(super) async fn rsvp_get(Path(id): Path<String>) -> Redirect {
    let id: i64 = id.parse().unwrap_or(0);
    Redirect::to(&format!("/events/{id}#rsvp"))
}

#[derive(Debug, Deserialize)]
pub(super) struct RsvpForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    /// going, maybe or cant_go (the button pressed); empty means going.
    #[serde(default)]
    answer: String,
    #[serde(default)]
    guests: String,
}

pub(super) async fn rsvp_post(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    form: Result<Form<RsvpForm>, FormRejection>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let Form(form) = form.map_err(|e| Error::BadRequest(v.tr.f("att-error-form-unreadable", &[("why", (&e.body_text()).into())])))?;
    let event_id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    if let Some(u) = &v.user {
        // A member answers for themselves: whatever address was posted, the
        // RSVP is the account's (others are added by organizers).
        let email = u.email.clone();
        match rsvp_limits(&s, &v, event_id, &email, now).await {
            Ok(()) => {}
            Err(Error::TooManyRequests(seconds)) => return limited(&s, &v, &id, None, seconds).await,
            Err(e) => return Err(e),
        }
        return crate::rsvps::member::answer(&s, &v, &id, &form.answer, &form.guests, now).await;
    }
    let typed = Typed { name: form.name.clone(), email: form.email.clone(), guests: form.guests.clone() };
    let limits = guest_limits(&v, event_id, &form.email);
    let input = GuestRsvpInput { name: form.name.clone(), email: form.email.clone(), answer: form.answer, guests: form.guests };
    match crate::rsvps::guest::rsvp_as_guest(&s, &id, input, v.actor(), v.tr, now, &limits).await? {
        Outcome::Limited { seconds } => limited(&s, &v, &id, Some(&typed), seconds).await,
        Outcome::Recorded { event, name, email, .. } => {
            s.notifier.wake();
            // Whoever typed an address is not its owner: the page is the same
            // for a new and a repeated address; the inbox learns the status.
            Ok(crate::rsvps::sent::redirect(&s, event.id, &name, &email))
        }
        Outcome::Invalid { event, errors } => {
            let page = page_for(&s, &v, &event, Section::Guest { typed: &typed, errors: &errors }).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Outcome::Full { event, errors } => {
            let page = page_for(&s, &v, &event, Section::Guest { typed: &typed, errors: &errors }).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Outcome::Closed { event, .. } => {
            let page = page_for(&s, &v, &event, Section::Fresh { open: false }).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}

/// RSVPs are counted per client and event (a campus RSVPing to its own
/// meeting is not stopped by a flood elsewhere), under a far higher ceiling
/// per client, and per address mailed, in one statement.
pub(super) async fn rsvp_limits(s: &AppState, v: &Visitor, event_id: i64, email: &str, now: chrono::DateTime<Utc>) -> Result<(), Error> {
    s.limit_all(&guest_limits(v, event_id, email), now).await
}

/// In order: the address is counted only once the client may go on (a
/// refused key leaves those after it uncounted), so a flood from one client
/// never uses up the allowance of the address it names.
fn guest_limits<'a>(v: &'a Visitor, event_id: i64, email: &'a str) -> [Limited<'a>; 3] {
    [Limited::RsvpToEvent { client: &v.address, event_id }, Limited::Rsvp { client: &v.address }, Limited::MailTo { address: email }]
}

/// Over a limit: the event page again with what was typed still in the form.
async fn limited(s: &AppState, v: &Visitor, id: &str, typed: Option<&Typed>, seconds: i64) -> Result<Response, Error> {
    let event = crate::http::access::visible_event(s, id, v.actor()).await?;
    let mut errors = FieldErrors::new();
    let minutes = (seconds + 59) / 60;
    let field = if typed.is_some() { "email" } else { "answer" };
    errors.add(field, v.tr.f("att-error-too-many-rsvps", &[("minutes", minutes.into())]));
    let section = match typed {
        Some(typed) => Section::Guest { typed, errors: &errors },
        None => Section::Member { errors: &errors },
    };
    let page = page_for(s, v, &event, section).await?;
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
    Ok(response)
}
