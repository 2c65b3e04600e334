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
use turnout_domain::reminders::upcoming;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::date_time_label;
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
    let event = visible_event(&s.db, &id, v.actor()).await?;
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
    let title = format!("Email timeline: {}", event.title);
    Ok(page(
        &v,
        &title,
        html! {},
        html! {
            p { a href={ "/events/" (event.id) } { "← " (event.title) } }
            h1 { (title) }
            h2 { "Reminders" }
            @if planned.is_empty() {
                p { "Reminders are off for this event. " a href={ "/events/" (event.id) "/edit" } { "Choose reminders" } }
            } @else {
                p { "To everyone going (and confirmed). " a href={ "/events/" (event.id) "/edit" } { "Change the reminders" } }
                table.list {
                    thead { tr { th scope="col" { "When" } th scope="col" { "Reminder" } th scope="col" { "To" } th scope="col" { "Status" } } }
                    tbody {
                        @for u in &planned {
                            tr {
                                td { (date_time_label(u.due, zone)) }
                                td { (u.offset.label()) }
                                td { @if u.skip.is_none() { (people_count(u.people)) } @else { "—" } }
                                td {
                                    @if let Some(skip) = u.skip { (skip.reason()) }
                                    @else if u.due <= now { "Its time has come: see what went out below." }
                                    @else { "Planned" }
                                }
                            }
                        }
                    }
                }
                p.hint { "Someone who RSVPs after a reminder's time does not get it (their confirmation says it all). Nobody gets two reminders within 15 minutes." }
            }
            h2 { "Change notice" }
            @match &change {
                Some(c) => p { "The time, place or online link changed. A notice saying what changed goes at " (date_time_label(c.notify_at, zone)) " to " (people_count(told as usize)) " going or on the waitlist; edits until then are in the same notice." },
                None => p { "None waiting. When the time, place or online link of the published event changes, everyone going or on the waitlist gets one notice, 10 minutes after the first edit." },
            }
            h2 { "Messages about this event" }
            @if history.is_empty() {
                p { "None yet." }
            } @else {
                table.list {
                    thead { tr { th scope="col" { "What" } th scope="col" { "How many" } th scope="col" { "Outcome" } th scope="col" { "Queued" } } }
                    tbody {
                        @for h in &history {
                            tr {
                                td { (kind_label(&h.kind)) }
                                td { (h.count) }
                                td { (status_label(&h.status)) @if let Some(r) = &h.reason { ": " (r) } }
                                td {
                                    (date_time_label(h.first, zone))
                                    @if h.last != h.first { " to " (date_time_label(h.last, zone)) }
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

fn people_count(n: usize) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{n} people") }
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "rsvp_confirmation" => "RSVP confirmations and answers",
        "reminder" => "Reminders",
        "cancellation" => "Cancellation notices",
        "change_notice" => "Change notices",
        "announcement" => "Announcements",
        other => other,
    }
}

fn status_label(status: &str) -> &str {
    match status {
        outbox::SENT => "Sent",
        outbox::PENDING => "Waiting to go",
        outbox::FAILED => "Failed",
        outbox::WITHDRAWN => "Not sent",
        outbox::EXPIRED => "Not sent: too late to be of use",
        outbox::SUPPRESSED => "Not sent: the address refuses mail",
        other => other,
    }
}
