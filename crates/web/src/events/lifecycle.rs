//! What happens to an event after it is written: publish, cancel with a
//! reason (everyone who RSVP'd is told), skip a date of a series, duplicate,
//! delete a draft.

use crate::events::form::input_from;
use crate::events::form::save_venue;
use crate::events::form::to_new;
use crate::events::workflow::managed_event;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::event::{EventDetails, EventStatus, Skip, cancel_reason};
use turnout_domain::rsvp::RsvpStatus;
use turnout_notifications::compose;
use turnout_persistence::events::{self};
use turnout_persistence::{audit, begin_write, outbox, rsvps};

use crate::frame::layout::page;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn publish(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_publish() {
        return Err(Error::Conflict("Only a draft can be published."));
    }
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    events::set_status(&txn, e.id, EventStatus::Published, None, now).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.publish", &format!("event #{}", e.id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{}", e.id)).into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct CancelForm {
    #[serde(default)]
    reason: String,
}

/// Cancels with a reason, and tells everyone who RSVP'd, in one transaction.
pub(super) async fn cancel(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Form(f): Form<CancelForm>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_cancel() {
        return Err(Error::Conflict("Only a published event can be cancelled."));
    }
    let reason = match cancel_reason(&f.reason) {
        Ok(reason) => reason,
        Err(problem) => return Ok(cancel_again(&v, &e, &f.reason, problem)),
    };
    cancel_and_notify(&s, &v, &e, reason).await?;
    Ok(Redirect::to(&format!("/events/{}", e.id)).into_response())
}

/// The cancel form again with the reason as typed (control characters shown
/// as spaces) and what is wrong with it next to the field: 400, nothing changed.
pub(super) fn cancel_again(v: &Visitor, e: &EventDetails, typed: &str, problem: &str) -> Response {
    let typed: String = typed.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let body = html! {
        h1 { "Cancel: " (e.title) }
        form.stacked method="post" action={ "/events/" (e.id) "/cancel" } {
            (v.csrf_field())
            label for="reason" { "Reason" }
            input id="reason" name="reason" type="text" required value=(typed) aria-invalid="true" aria-describedby="reason-error";
            p.field-error id="reason-error" { (problem) }
            button type="submit" { "Cancel event" }
        }
        p { a href={ "/events/" (e.id) } { "Back to the event" } }
    };
    (StatusCode::BAD_REQUEST, page(v, &format!("Cancel: {}", e.title), html! {}, body)).into_response()
}

pub(super) async fn cancel_and_notify(s: &AppState, v: &Visitor, e: &EventDetails, reason: &str) -> Result<(), Error> {
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    events::set_status(&txn, e.id, EventStatus::Cancelled, Some(reason.to_owned()), now).await?;
    let mut cancelled = e.clone();
    cancelled.status = EventStatus::Cancelled;
    cancelled.cancel_reason = Some(reason.to_owned());
    cancelled.sequence += 1;
    for person in rsvps::attendees_with_address(&txn, e.id).await? {
        if person.status == RsvpStatus::Cancelled {
            continue;
        }
        let message = compose::cancellation(&cancelled, person.rsvp_id, person.status, &person.name, &person.email, &s.base_url);
        outbox::enqueue(&txn, &message, now).await?;
    }
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.cancel", &format!("event #{}", e.id), reason, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(())
}

/// Skips one date of a series: removed if nobody RSVP'd yet, otherwise
/// cancelled so those who did are told.
pub(super) async fn skip(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if e.series.is_none() {
        return Err(Error::Conflict("Only a date of a recurring series can be skipped."));
    }
    let anyone = rsvps::attendees_with_address(&s.db, e.id).await?.iter().any(|p| p.status != RsvpStatus::Cancelled);
    if turnout_domain::event::skip(e.status, anyone) == Skip::Cancel {
        cancel_and_notify(&s, &v, &e, "This date of the series is skipped.").await?;
        return Ok(Redirect::to(&format!("/events/{}", e.id)).into_response());
    }
    let txn = begin_write(&s.db).await?;
    events::delete(&txn, e.id).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.skip", &format!("event #{}", e.id), "", Utc::now()).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{}/dashboard", e.chapter_slug)).into_response())
}

/// A new draft with the same details, for next month's meeting.
pub(super) async fn duplicate(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    let now = Utc::now();
    let input = input_from(&e);
    let valid = input.validate().map_err(|errors| Error::BadRequest(format!("This event cannot be copied as it is: {errors}")))?;
    let txn = begin_write(&s.db).await?;
    let venue_id = save_venue(&txn, e.chapter_id, &valid).await?;
    let copy = events::insert(&txn, to_new(e.chapter_id, EventStatus::Draft, venue_id, valid), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{copy}/edit")).into_response())
}

pub(super) async fn delete(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_delete() {
        return Err(Error::Conflict("Only a draft can be deleted; cancel a published event instead."));
    }
    let txn = begin_write(&s.db).await?;
    events::delete(&txn, e.id).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{}/dashboard", e.chapter_slug)).into_response())
}
