//! Pages that ask before an event is cancelled, a date of a series skipped
//! or a draft deleted. Each says how many people will be emailed (counted by
//! the rule the cancellation itself uses) and holds the button that does it;
//! the POST behind the button is in `lifecycle`.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::{EventDetails, Skip, skip, told_of_cancellation};
use turnout_domain::time::range_label;
use turnout_persistence::{ConnectionTrait, rsvps};

use crate::events::workflow::managed_event;
use crate::frame::forms::{Field, error_summary, field};
use crate::frame::layout::page;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) const ONLY_PUBLISHED_CANCEL: &str = "Only a published event can be cancelled.";
pub(super) const ONLY_SERIES_SKIP: &str = "Only a date of a recurring series can be skipped.";
pub(super) const ONLY_DRAFT_DELETE: &str = "Only a draft can be deleted; cancel a published event instead.";

/// Who would be emailed if the event were cancelled now, by RSVP status in
/// order of first appearance: `[("going", 12), ("waitlisted", 3)]`.
pub(super) async fn told(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<(&'static str, usize)>, Error> {
    let mut by_status: Vec<(&'static str, usize)> = Vec::new();
    for person in rsvps::attendees_with_address(db, event_id).await? {
        if !told_of_cancellation(person.status) {
            continue;
        }
        match by_status.iter_mut().find(|(s, _)| *s == person.status.as_str()) {
            Some((_, n)) => *n += 1,
            None => by_status.push((person.status.as_str(), 1)),
        }
    }
    Ok(by_status)
}

fn total(told: &[(&str, usize)]) -> usize {
    told.iter().map(|(_, n)| n).sum()
}

fn people(n: usize) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{n} people") }
}

/// "3 people will be emailed (2 going, 1 waitlisted) …" or "Nobody will be emailed."
fn emailed_note(told: &[(&str, usize)], what: &str) -> Markup {
    let n = total(told);
    let parts: Vec<String> = told.iter().map(|(status, n)| format!("{n} {status}")).collect();
    html! {
        p.emailed {
            @if n == 0 { strong { "Nobody will be emailed" } ": nobody has an RSVP to this event." }
            @else { strong { (people(n)) " will be emailed" } " (" (parts.join(", ")) ") " (what) }
        }
    }
}

fn when(e: &EventDetails) -> Markup {
    html! { p.when { (range_label(e.starts_at, e.ends_at, crate::frame::zone(&e.time_zone))) } }
}

fn back(e: &EventDetails) -> Markup {
    html! { p { a href={ "/events/" (e.id) } { "Back to the event" } " (nothing changes)" } }
}

pub(super) async fn cancel_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/cancel")).await?;
    if !e.status.can_cancel() {
        return Err(Error::Conflict(ONLY_PUBLISHED_CANCEL));
    }
    let told = told(&s.db, e.id).await?;
    Ok(cancel_form(&v, &e, "", &FieldErrors::new(), &told).into_response())
}

/// The cancel form; again with the reason as typed (control characters shown
/// as spaces) and what is wrong with it when it was refused.
pub(super) fn cancel_form(v: &Visitor, e: &EventDetails, typed: &str, errors: &FieldErrors, told: &[(&str, usize)]) -> Markup {
    let typed: String = typed.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let n = total(told);
    page(
        v,
        &format!("Cancel: {}", e.title),
        html! {},
        html! {
            h1 { "Cancel: " (e.title) }
            (when(e))
            (emailed_note(told, "that it is cancelled, with your reason and an update that removes it from their calendars."))
            p { "A cancelled event stays on its page, marked cancelled. This cannot be undone." }
            form.stacked method="post" action={ "/events/" (e.id) "/cancel" } novalidate {
                (v.csrf_field())
                (error_summary(v.tr, errors))
                (field(&Field::new("reason", "Reason (people read it in the email)", "text", &typed, "off"), errors))
                button type="submit" {
                    @if n == 0 { "Cancel the event" } @else { "Cancel the event and email " (people(n)) }
                }
            }
            (back(e))
        },
    )
}

pub(super) async fn skip_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/skip")).await?;
    let Some(series) = &e.series else { return Err(Error::Conflict(ONLY_SERIES_SKIP)) };
    let told = told(&s.db, e.id).await?;
    let outcome = skip(e.status, total(&told) > 0);
    let body = html! {
        h1 { "Skip this date: " (e.title) }
        (when(&e))
        p { "This is the " (series.date.format("%-d %B %Y")) " meeting of a series (" (series.description) "). The other dates stay as they are." }
        @match outcome {
            Skip::Remove => {
                p { "Nobody has RSVP'd, so the date is removed from the series." }
                (emailed_note(&told, ""))
            }
            Skip::Cancel => {
                p { "People have RSVP'd, so the date is kept, marked cancelled, rather than removed." }
                (emailed_note(&told, "that this date is skipped, with an update that removes it from their calendars."))
            }
        }
        p.hint { "If someone RSVPs before you press the button, the date is cancelled instead of removed, and they are emailed too." }
        form.stacked method="post" action={ "/events/" (e.id) "/skip" } {
            (v.csrf_field())
            button type="submit" { "Skip this date" }
        }
        (back(&e))
    };
    Ok(page(&v, &format!("Skip this date: {}", e.title), html! {}, body).into_response())
}

pub(super) async fn delete_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/delete")).await?;
    if !e.status.can_delete() {
        return Err(Error::Conflict(ONLY_DRAFT_DELETE));
    }
    // A draft takes no RSVPs; if one ever had some, deleting would drop them
    // without a word, so the page (and the POST) send the organizer to cancel.
    let told = told(&s.db, e.id).await?;
    let body = html! {
        h1 { "Delete draft: " (e.title) }
        (when(&e))
        @if total(&told) == 0 {
            p { "The draft and everything in it are deleted. This cannot be undone." }
            p.emailed { strong { "Nobody will be emailed" } ": a draft is not public and has no RSVPs." }
            form.stacked method="post" action={ "/events/" (e.id) "/delete" } {
                (v.csrf_field())
                button type="submit" { "Delete the draft" }
            }
        } @else {
            p { (people(total(&told))) " RSVP'd to this event, so it cannot be deleted without telling them." }
        }
        (back(&e))
    };
    Ok((StatusCode::OK, page(&v, &format!("Delete draft: {}", e.title), html! {}, body)).into_response())
}
