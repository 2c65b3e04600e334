//! What everyone sees: the list of upcoming events with its filters, and an
//! event's page (its address shown as its protection allows).

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use turnout_domain::FieldErrors;
use turnout_domain::event::Viewer;
use turnout_domain::policy::Decision;
use turnout_domain::rsvp::RsvpStatus;
use turnout_persistence::{chapters, events, rsvps};

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
    let mut found = events::search(&s.db, Utc::now(), &search).await?;
    let has_next = found.len() as u64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let all_chapters = chapters::list(&s.db).await?;
    Ok(crate::events::list_view::home(&v, &found, &all_chapters, &q, has_next).into_response())
}

pub(super) async fn event(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = crate::http::access::visible_event(&s.db, &id, v.actor()).await?;
    let going = rsvps::count(&s.db, e.id, RsvpStatus::Going).await?;
    let closed = turnout_domain::rsvp::check_open(&e, Utc::now()).err().map(|why| why.to_string());
    // Logged in: the form is filled in from the account, one click away.
    let typed = v.user.as_ref().map(|u| Typed { name: u.name.clone(), email: u.email.clone() }).unwrap_or_default();
    let errors = FieldErrors::new();
    let section = match &closed {
        None => RsvpSection::Open { typed: &typed, errors: &errors },
        Some(why) => RsvpSection::Closed(why),
    };
    let manage = access::can(&s.db, v.actor(), &e, EventRight::Manage).await? == Decision::Allow;
    let viewer = Viewer {
        organizer: manage,
        going: match &v.user {
            Some(u) => rsvps::is_going(&s.db, e.id, u.id, &u.email).await?,
            None => false,
        },
    };
    let shown = e.for_viewer(viewer, Utc::now());
    Ok(crate::events::views::event(&v, &shown, going, section, manage, &s.base_url).into_response())
}
