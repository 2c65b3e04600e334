//! What everyone sees: the list of upcoming events with its filters, and an
//! event's page (its address shown as its protection allows).

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use turnout_domain::FieldErrors;
use turnout_domain::event::{EventDetails, Viewer};
use turnout_domain::policy::{Decision, EventChapters};
use turnout_domain::rsvp::RsvpStatus;
use turnout_persistence::rsvps;

use crate::events::rsvp_section::Typed;
use crate::events::views::RsvpSection;
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::list_query::{ListQuery, PAGE_SIZE};
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn home(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Error> {
    // A malformed filter (page=abc) gets the site's own 400 page, not axum's plain text.
    let Query(q) = q.map_err(|rejection| Error::BadRequest(rejection.body_text()))?;
    let mut search = q.to_search(&s.db).await?;
    // Members and organizers find the members-only events they may open.
    search.members_only = access::members_only_scope(&s.db, v.actor()).await?;
    let version = s.reads.version(&s.db).await?;
    let mut found = crate::reads::search(&s.reads, &s.db, version, &search).await?.as_ref().clone();
    let has_next = found.len() as u64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let all_chapters = crate::reads::chapters(&s.reads, &s.db, version).await?;
    Ok(crate::events::list_view::home(&v, &found, &all_chapters, &q, has_next).into_response())
}

#[derive(Debug, serde::Deserialize, Default)]
pub(super) struct EventQuery {
    /// `1` opens the member's "change your answer" part.
    #[serde(default)]
    change: Option<String>,
}

pub(super) async fn event(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    q: Result<Query<EventQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Error> {
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    // The page's reads come from the cache while nothing changed (see `reads`).
    let version = s.reads.version(&s.db).await?;
    let Some(r) = crate::reads::event(&s.reads, &s.db, version, id).await? else { return Err(Error::NotFound) };
    access::check_visible(&r.details, &r.lines, v.actor())?;
    let open = q.is_ok_and(|Query(q)| q.change.is_some());
    let page = render(&s, &v, &r.details, &r.people, &r.lines, Section::Fresh { open }).await?;
    Ok(page.into_response())
}

/// What the RSVP part of a re-rendered event page shows.
pub enum Section<'a> {
    /// As the page first appears (`open`: the member's "change" part unfolded).
    Fresh { open: bool },
    /// The guest form again, with what was typed and what was wrong.
    Guest { typed: &'a Typed, errors: &'a FieldErrors },
    /// The member's buttons again, with what was wrong.
    Member { errors: &'a FieldErrors },
}

/// The event page for this visitor: counts in people, and the RSVP part
/// that fits them (the guest form, a member's one click or answer, or why
/// RSVPs are closed).
pub async fn page_for(s: &AppState, v: &Visitor, e: &EventDetails, section: Section<'_>) -> Result<maud::Markup, Error> {
    let version = s.reads.version(&s.db).await?;
    let Some(r) = crate::reads::event(&s.reads, &s.db, version, e.id).await? else { return Err(Error::NotFound) };
    // The seats as they are now: `e` may come from a read without counts.
    let e = &EventDetails { seats_taken: r.details.seats_taken, ..e.clone() };
    render(s, v, e, &r.people, &r.lines, section).await
}

/// The page from what was read: `e` as this request has it, `counts` and
/// `lines` (who hosts it) from the cache.
async fn render(
    s: &AppState,
    v: &Visitor,
    e: &EventDetails,
    counts: &rsvps::People,
    lines: &EventChapters,
    section: Section<'_>,
) -> Result<maud::Markup, Error> {
    let v = &v.in_chapter(e.chapter_language);
    let now = Utc::now();
    let closed = turnout_domain::rsvp::check_open(e, now).err().map(|why| why.said(v.tr));
    let mine = match &v.user {
        Some(u) => rsvps::mine(&s.db, e.id, u.id, &u.email).await?,
        None => None,
    };
    let none = FieldErrors::new();
    let blank = Typed::default();
    let rsvp = match (&closed, section, &v.user) {
        (Some(why), _, _) => RsvpSection::Closed { why, mine: mine.as_ref() },
        (None, Section::Guest { typed, errors }, None) => RsvpSection::Open { typed, errors },
        (None, Section::Member { errors }, Some(_)) => RsvpSection::Member { mine: mine.as_ref(), open: true, errors },
        (None, Section::Fresh { open }, Some(_)) => RsvpSection::Member { mine: mine.as_ref(), open, errors: &none },
        (None, _, Some(_)) => RsvpSection::Member { mine: mine.as_ref(), open: false, errors: &none },
        (None, _, None) => RsvpSection::Open { typed: &blank, errors: &none },
    };
    let manage = access::decide_event(v.actor(), lines, EventRight::Manage) == Decision::Allow;
    let viewer = Viewer { organizer: manage, going: mine.as_ref().is_some_and(|m| m.status == RsvpStatus::Going) };
    let (shown, partly) = e.for_viewer(viewer, now).in_language(v.tr.language());
    Ok(crate::events::views::event(v, &shown, partly.then_some(e.language), counts, rsvp, manage, &s.base_url))
}
