//! The RSVP form's answer: limits per client and event, the use case, and the
//! page that follows ("check your email" unless the address is the member's own).

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::event::Viewer;
use turnout_domain::rsvp::{GuestRsvpInput, RsvpStatus};
use turnout_persistence::rsvps;

use crate::events::rsvp_section::Typed;
use crate::events::views::RsvpSection;
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
}

pub(super) async fn rsvp_post(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    form: Result<Form<RsvpForm>, FormRejection>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let Form(form) =
        form.map_err(|e| Error::BadRequest(format!("The form could not be read ({}). Please go back and try again.", e.body_text())))?;
    let typed = Typed { name: form.name.clone(), email: form.email.clone() };
    let event_id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    match rsvp_limits(&s, &v, event_id, &form.email, now).await {
        Ok(()) => {}
        Err(Error::TooManyRequests(seconds)) => return limited(&s, &v, &id, &typed, seconds, now).await,
        Err(e) => return Err(e),
    }
    let input = GuestRsvpInput { name: form.name, email: form.email };
    let account_email = v.user.as_ref().map(|u| u.email.as_str());
    match crate::rsvps::guest::rsvp_as_guest(&s, &id, input, v.actor(), account_email, now).await? {
        Outcome::Recorded { event, outcome, name, email, own } => {
            s.notifier.wake();
            if !own {
                let shown = event.for_viewer(Viewer::default(), now);
                return Ok(crate::rsvps::views::check_email(&v, &shown, &name, &email).into_response());
            }
            let viewer = Viewer { organizer: false, going: outcome.status == RsvpStatus::Going };
            let shown = event.for_viewer(viewer, now);
            Ok(crate::rsvps::views::confirmation(&v, &shown, outcome.status, &name, &email).into_response())
        }
        Outcome::Invalid { event, errors } => {
            let going = rsvps::count(&s.db, event.id, RsvpStatus::Going).await?;
            let event = event.for_viewer(Viewer::default(), now);
            let page =
                crate::events::views::event(&v, &event, going, RsvpSection::Open { typed: &typed, errors: &errors }, false, &s.base_url);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Outcome::Closed { event, why } => {
            let going = rsvps::count(&s.db, event.id, RsvpStatus::Going).await?;
            let event = event.for_viewer(Viewer::default(), now);
            let page = crate::events::views::event(&v, &event, going, RsvpSection::Closed(&why.to_string()), false, &s.base_url);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}

/// RSVPs are counted per client and event (a campus RSVPing to its own
/// meeting is not stopped by a flood elsewhere), under a far higher ceiling
/// per client, and per address mailed.
pub(super) async fn rsvp_limits(s: &AppState, v: &Visitor, event_id: i64, email: &str, now: chrono::DateTime<Utc>) -> Result<(), Error> {
    s.limit(Limited::RsvpToEvent { client: &v.address, event_id }, now).await?;
    s.limit(Limited::Rsvp { client: &v.address }, now).await?;
    s.limit(Limited::MailTo { address: email }, now).await
}

/// Over a limit: the event page again with what was typed still in the form.
pub(super) async fn limited(
    s: &AppState,
    v: &Visitor,
    id: &str,
    typed: &Typed,
    seconds: i64,
    now: chrono::DateTime<Utc>,
) -> Result<Response, Error> {
    let event = crate::http::access::visible_event(&s.db, id, v.actor()).await?;
    let going = rsvps::count(&s.db, event.id, RsvpStatus::Going).await?;
    let event = event.for_viewer(Viewer::default(), now);
    let mut errors = FieldErrors::new();
    let minutes = (seconds + 59) / 60;
    errors.add(
        "email",
        format!("Too many RSVPs from here just now. Please wait {minutes} minute(s) and press RSVP again; what you typed is kept."),
    );
    let page = crate::events::views::event(v, &event, going, RsvpSection::Open { typed, errors: &errors }, false, &s.base_url);
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
    Ok(response)
}
