//! An event's email timeline, for its organizers: the reminders they chose
//! and when each goes to how many people (worked out by the plan the
//! reminder planner follows), a change notice waiting to go, and what the
//! outbox did with every message about the event (counts and reasons, never
//! who).

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::html;
use turnout_domain::catalogue::Tr;
use turnout_domain::reminders::upcoming;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::date_time_label_in;
use turnout_persistence::{event_changes, outbox, rsvps};

use crate::frame::layout::page;
use crate::http::access::{self, EventRight, answer, visible_event};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn timeline(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let event = visible_event(&s, &id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::SeeAttendees).await?, &format!("/events/{id}/timeline"))?;
    let now = Utc::now();
    let zone = crate::frame::zone(&event.time_zone);
    let people: Vec<_> = rsvps::going(&s.db, event.id, event.rsvp_options.maybe_reminder)
        .await?
        .into_iter()
        .map(|p| (p.created_at, p.status == RsvpStatus::Maybe))
        .collect();
    let offsets = event.rsvp_options.reminders.offsets();
    let planned = upcoming(&offsets, event.starts_at, zone, &people);
    let change = event_changes::waiting(&s.db, event.id).await?;
    let told = if change.is_some() {
        rsvps::attendees_with_address(&s.db, event.id)
            .await?
            .iter()
            .filter(|p| matches!(p.status, RsvpStatus::Going | RsvpStatus::Waitlisted))
            .count()
    } else {
        0
    };
    let history = outbox::event_history(&s.db, event.id).await?;
    let t = v.tr;
    let lang = t.language();
    let when = |at| date_time_label_in(lang, at, zone);
    let title = t.f("mailing-timeline-title", &[("event", (&event.title).into())]);
    Ok(page(
        &v,
        &title,
        html! {},
        html! {
            p { a href={ "/events/" (event.id) } { "← " (event.title) } }
            h1 { (title) }
            h2 { (t.s("mailing-reminders")) }
            @if planned.is_empty() {
                p { (t.s("mailing-reminders-off")) a href={ "/events/" (event.id) "/edit" } { (t.s("mailing-choose-reminders")) } }
            } @else {
                p { (t.s("mailing-reminders-to")) a href={ "/events/" (event.id) "/edit" } { (t.s("mailing-change-reminders")) } }
                table.list {
                    thead {
                        tr {
                            th scope="col" { (t.s("mailing-col-when")) }
                            th scope="col" { (t.s("mailing-col-reminder")) }
                            th scope="col" { (t.s("mailing-col-to")) }
                            th scope="col" { (t.s("mailing-col-status")) }
                        }
                    }
                    tbody {
                        @for u in &planned {
                            tr {
                                td { (when(u.due)) }
                                td { (u.offset.label(v.tr)) }
                                td { @if u.skip.is_none() { (t.f("mailing-people", &[("count", u.people.into())])) } @else { "—" } }
                                td {
                                    @if let Some(skip) = u.skip { (skip.reason(t)) }
                                    @else if u.due <= now { (t.s("mailing-reminder-due")) }
                                    @else { (t.s("mailing-reminder-planned")) }
                                }
                            }
                        }
                    }
                }
                p.hint { (t.s("mailing-reminders-hint")) }
            }
            h2 { (t.s("mailing-change-notice")) }
            @match &change {
                Some(c) => p { (t.f("mailing-change-waiting", &[("when", (&when(c.notify_at)).into()), ("count", told.into())])) },
                None => p { (t.s("mailing-change-none")) },
            }
            h2 { (t.s("mailing-history")) }
            @if history.is_empty() {
                p { (t.s("mailing-none-yet")) }
            } @else {
                table.list {
                    thead {
                        tr {
                            th scope="col" { (t.s("mailing-col-what")) }
                            th scope="col" { (t.s("mailing-col-how-many")) }
                            th scope="col" { (t.s("mailing-col-outcome")) }
                            th scope="col" { (t.s("mailing-col-queued")) }
                        }
                    }
                    tbody {
                        @for h in &history {
                            tr {
                                td { (kind_label(t, &h.kind)) }
                                td { (h.count) }
                                td { (status_label(t, &h.status)) @if let Some(r) = &h.reason { ": " (r) } }
                                td {
                                    @if h.last != h.first { (t.f("date-range", &[("from", (&when(h.first)).into()), ("to", (&when(h.last)).into())])) }
                                    @else { (when(h.first)) }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

/// A kind of message, as the timeline names it; an unknown kind as stored.
fn kind_label(t: Tr, kind: &str) -> String {
    match kind {
        "rsvp_confirmation" => t.s("mailing-kind-rsvp-confirmation"),
        "reminder" => t.s("mailing-kind-reminder"),
        "cancellation" => t.s("mailing-kind-cancellation"),
        "change_notice" => t.s("mailing-kind-change-notice"),
        "announcement" => t.s("mailing-kind-announcement"),
        other => other.to_owned(),
    }
}

/// What the outbox did with a message; an unknown status as stored.
fn status_label(t: Tr, status: &str) -> String {
    match status {
        outbox::SENT => t.s("mailing-status-sent"),
        outbox::PENDING => t.s("mailing-status-pending"),
        outbox::FAILED => t.s("mailing-status-failed"),
        outbox::WITHDRAWN => t.s("mailing-status-withdrawn"),
        outbox::EXPIRED => t.s("mailing-status-expired"),
        outbox::SUPPRESSED => t.s("mailing-status-suppressed"),
        other => other.to_owned(),
    }
}
