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
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{EventDetails, Skip, skip, told_of_cancellation};
use turnout_domain::time::range_label_in;
use turnout_persistence::{ConnectionTrait, rsvps};

use crate::events::workflow::managed_event;
use crate::frame::forms::{Field, error_summary, field};
use crate::frame::layout::page;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

/// Refusals (409) shared with the POSTs in `lifecycle`.
pub(super) fn only_published_cancel(t: Tr) -> Error {
    Error::Refused(t.s("org-only-published-cancel"))
}

pub(super) fn only_series_skip(t: Tr) -> Error {
    Error::Refused(t.s("org-only-series-skip"))
}

pub(super) fn only_draft_delete(t: Tr) -> Error {
    Error::Refused(t.s("org-only-draft-delete"))
}

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

/// "3 people will be emailed (2 going, 1 waitlisted) …" or "Nobody will be emailed."
fn emailed_note(t: Tr, told: &[(&str, usize)], what: &str) -> Markup {
    let n = total(told);
    let parts: Vec<String> =
        told.iter().map(|(status, n)| t.f("org-told-part", &[("count", (*n).into()), ("status", (*status).into())])).collect();
    html! {
        p.emailed {
            @if n == 0 { strong { (t.s("org-nobody-emailed")) } (t.s("org-nobody-emailed-no-rsvps")) }
            @else { strong { (t.f("org-will-be-emailed", &[("count", n.into())])) } " (" (parts.join(", ")) ") " (what) }
        }
    }
}

fn when(t: Tr, e: &EventDetails) -> Markup {
    html! { p.when { (range_label_in(t.language(), e.starts_at, e.ends_at, crate::frame::zone(&e.time_zone))) } }
}

fn back(t: Tr, e: &EventDetails) -> Markup {
    html! { p { a href={ "/events/" (e.id) } { (t.s("org-back-to-event")) } " " (t.s("org-nothing-changes")) } }
}

pub(super) async fn cancel_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/cancel")).await?;
    if !e.status.can_cancel() {
        return Err(only_published_cancel(v.tr));
    }
    let told = told(&s.db, e.id).await?;
    Ok(cancel_form(&v, &e, "", &FieldErrors::new(), &told).into_response())
}

/// The cancel form; again with the reason as typed (control characters shown
/// as spaces) and what is wrong with it when it was refused.
pub(super) fn cancel_form(v: &Visitor, e: &EventDetails, typed: &str, errors: &FieldErrors, told: &[(&str, usize)]) -> Markup {
    let typed: String = typed.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let n = total(told);
    let t = v.tr;
    let title = t.f("org-cancel-title", &[("title", (&e.title).into())]);
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            (when(t, e))
            (emailed_note(t, told, &t.s("org-cancel-emailed-what")))
            p { (t.s("org-cancel-stays")) }
            form.stacked method="post" action={ "/events/" (e.id) "/cancel" } novalidate {
                (v.csrf_field())
                (error_summary(t, errors))
                (field(&Field::new("reason", &t.s("org-cancel-reason"), "text", &typed, "off"), errors))
                button type="submit" {
                    @if n == 0 { (t.s("org-cancel-button")) } @else { (t.f("org-cancel-button-email", &[("count", n.into())])) }
                }
            }
            (back(t, e))
        },
    )
}

pub(super) async fn skip_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/skip")).await?;
    let t = v.tr;
    let Some(series) = &e.series else { return Err(only_series_skip(t)) };
    let told = told(&s.db, e.id).await?;
    let outcome = skip(e.status, total(&told) > 0);
    let title = t.f("org-skip-title", &[("title", (&e.title).into())]);
    let date = crate::events::form_view::series_date(t, series.date);
    let body = html! {
        h1 { (title) }
        (when(t, &e))
        p { (t.f("org-skip-series-occurrence", &[("date", (&date).into()), ("rule", (&series.describe(t)).into())])) }
        @match outcome {
            Skip::Remove => {
                p { (t.s("org-skip-removed")) }
                (emailed_note(t, &told, ""))
            }
            Skip::Cancel => {
                p { (t.s("org-skip-kept")) }
                (emailed_note(t, &told, &t.s("org-skip-emailed-what")))
            }
        }
        p.hint { (t.s("org-skip-hint")) }
        form.stacked method="post" action={ "/events/" (e.id) "/skip" } {
            (v.csrf_field())
            button type="submit" { (t.s("org-skip-button")) }
        }
        (back(t, &e))
    };
    Ok(page(&v, &title, html! {}, body).into_response())
}

pub(super) async fn delete_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/delete")).await?;
    if !e.status.can_delete() {
        return Err(only_draft_delete(v.tr));
    }
    // A draft takes no RSVPs; if one ever had some, deleting would drop them
    // without a word, so the page (and the POST) send the organizer to cancel.
    let told = told(&s.db, e.id).await?;
    let t = v.tr;
    let title = t.f("org-delete-title", &[("title", (&e.title).into())]);
    let body = html! {
        h1 { (title) }
        (when(t, &e))
        @if total(&told) == 0 {
            p { (t.s("org-delete-text")) }
            p.emailed { strong { (t.s("org-nobody-emailed")) } (t.s("org-delete-nobody-emailed")) }
            form.stacked method="post" action={ "/events/" (e.id) "/delete" } {
                (v.csrf_field())
                button type="submit" { (t.s("org-delete-button")) }
            }
        } @else {
            p { (t.f("org-delete-has-rsvps", &[("count", total(&told).into())])) }
        }
        (back(t, &e))
    };
    Ok((StatusCode::OK, page(&v, &title, html! {}, body)).into_response())
}
