//! What happens to an event after it is written: publish, cancel with a
//! reason (everyone who RSVP'd is told), skip a date of a series, duplicate,
//! delete a draft. Cancel, skip and delete are reached from the pages in
//! `confirm`, which say who will be emailed.

use crate::events::form::input_from;
use crate::events::form::save_venue;
use crate::events::form::to_new;
use crate::events::workflow::managed_event;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{EventStatus, Skip, cancel_reason, told_of_cancellation};
use turnout_notifications::compose;
use turnout_persistence::events::{self};
use turnout_persistence::{WriteTxn, audit, begin_write, outbox, rsvps};

use crate::events::confirm;
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
        return Err(Error::Refused(v.tr.s("org-only-draft-publish")));
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
/// The confirmation page (`confirm::cancel_page`) leads here.
pub(super) async fn cancel(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Form(f): Form<CancelForm>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_cancel() {
        return Err(confirm::only_published_cancel(v.tr));
    }
    let reason = match cancel_reason(v.tr, &f.reason) {
        Ok(reason) => reason,
        Err(problem) => {
            let mut errors = FieldErrors::new();
            errors.add("reason", problem);
            let told = confirm::told(&s.db, e.id).await?;
            return Ok((StatusCode::BAD_REQUEST, confirm::cancel_form(&v, &e, &f.reason, &errors, &told)).into_response());
        }
    };
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    if !events::hold(&txn, e.id, EventStatus::Published).await? {
        return Err(Error::Refused(v.tr.s("org-cancel-changed-meanwhile")));
    }
    cancel_and_notify(&txn, &s, e.id, reason, now).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.cancel", &format!("event #{}", e.id), reason, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&format!("/events/{}", e.id)).into_response())
}

/// Marks the event cancelled and queues a notice to everyone told of it, in
/// the caller's transaction, which holds the event's row (`events::hold`):
/// the event is read again here, so the notice carries what is saved now
/// and everyone who RSVP'd up to this moment.
async fn cancel_and_notify(txn: &WriteTxn, s: &AppState, id: i64, reason: &str, now: DateTime<Utc>) -> Result<usize, Error> {
    let mut cancelled = events::details(txn, id).await?.ok_or(Error::NotFound)?;
    events::set_status(txn, id, EventStatus::Cancelled, Some(reason.to_owned()), now).await?;
    // No "starts tomorrow" after "Cancelled".
    turnout_persistence::outbox::withdraw_reminders(txn, id, "the event was cancelled").await?;
    cancelled.status = EventStatus::Cancelled;
    cancelled.cancel_reason = Some(reason.to_owned());
    cancelled.sequence += 1;
    let mut told = 0;
    for person in rsvps::attendees_with_address(txn, id).await? {
        if !told_of_cancellation(person.status) {
            continue;
        }
        let to = compose::Reminded { rsvp_id: person.rsvp_id, name: &person.name, email: &person.email, language: person.language };
        let message = compose::cancellation(&cancelled, to, person.status, &s.base_url, &s.mail_from);
        outbox::enqueue(txn, &message, now).await?;
        told += 1;
    }
    Ok(told)
}

/// Skips one date of a series: removed if nobody RSVP'd, otherwise cancelled
/// so those who did are told. Decided inside the transaction that does it,
/// holding the event's row, so an RSVP that arrives while the organizer
/// confirms is seen: the date is then cancelled (with its notice), never
/// deleted from under that person.
pub(super) async fn skip(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if e.series.is_none() {
        return Err(confirm::only_series_skip(v.tr));
    }
    let now = Utc::now();
    let actor = v.user.as_ref().map(|u| u.id);
    let txn = begin_write(&s.db).await?;
    if !events::hold(&txn, e.id, e.status).await? {
        return Err(Error::Refused(v.tr.s("org-skip-changed-meanwhile")));
    }
    let anyone = confirm::told(&txn, e.id).await?.iter().any(|(_, n)| *n > 0);
    let to = match turnout_domain::event::skip(e.status, anyone) {
        Skip::Cancel => {
            // Stored as the cancellation's reason, so in the language the event is written in, like the organizer's own reasons.
            let reason = Tr(e.language).s("org-skip-reason");
            let told = cancel_and_notify(&txn, &s, e.id, &reason, now).await?;
            audit::record(&txn, actor, "event.skip", &format!("event #{}", e.id), &format!("cancelled; {told} emailed"), now).await?;
            format!("/events/{}", e.id)
        }
        Skip::Remove => {
            turnout_persistence::outbox::withdraw_reminders(&txn, e.id, "the date was skipped").await?;
            turnout_persistence::outbox::withdraw_reminders(&txn, e.id, "the event was deleted").await?;
            events::delete(&txn, e.id).await?;
            audit::record(&txn, actor, "event.skip", &format!("event #{}", e.id), "removed", now).await?;
            format!("/chapters/{}/dashboard", e.chapter_slug)
        }
    };
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&to).into_response())
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
    let cannot_copy = |errors: FieldErrors| Error::BadRequest(v.tr.f("org-error-cannot-copy", &[("errors", (&errors.to_string()).into())]));
    let valid = input.validate(v.tr).map_err(cannot_copy)?;
    let txn = begin_write(&s.db).await?;
    let venue_id = save_venue(&txn, e.chapter_id, &valid).await?;
    let copy = events::insert(&txn, to_new(e.chapter_id, EventStatus::Draft, venue_id, valid), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{copy}/edit")).into_response())
}

pub(super) async fn delete(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_delete() {
        return Err(confirm::only_draft_delete(v.tr));
    }
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    // Still a draft (not published meanwhile) and nobody to tell.
    if !events::hold(&txn, e.id, EventStatus::Draft).await? {
        return Err(confirm::only_draft_delete(v.tr));
    }
    if confirm::told(&txn, e.id).await?.iter().any(|(_, n)| *n > 0) {
        return Err(Error::Refused(v.tr.s("org-delete-has-rsvps-refused")));
    }
    events::delete(&txn, e.id).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.delete", &format!("event #{}", e.id), &e.title, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{}/dashboard", e.chapter_slug)).into_response())
}
