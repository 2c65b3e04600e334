//! Routes and their handlers. Handlers stay thin: they read the request,
//! call a use case or a repository, and pick a page.

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Form, Router};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::event::Viewer;
use turnout_domain::policy::{Action, Decision, Role, decide};
use turnout_domain::rsvp::{GuestRsvpInput, RsvpStatus};
use turnout_persistence::{ConnectionTrait, chapters, events, memberships, rsvps};

use crate::access::{self, EventRight};
use crate::error::Error;
use crate::guest_rsvp::{self, Outcome};
use crate::limits::LimitKind;
use crate::listing::{ListQuery, PAGE_SIZE};
use crate::pages;
use crate::pages::chapter::Membership;
use crate::pages::event::RsvpSection;
use crate::pages::rsvp::Typed;
use crate::state::AppState;
use crate::visitor::Visitor;

const LIST_LIMIT: u64 = 100;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/chapters/{slug}", get(chapter))
        .route("/events/{id}", get(event))
        .route("/events/{id}/rsvp", get(rsvp_get).post(rsvp_post))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/turnout.css", get(stylesheet))
        .merge(crate::account_routes::routes())
        .merge(crate::chapter_routes::routes())
        .merge(crate::my_account::routes())
        .merge(crate::chapter_admin::routes())
        .merge(crate::contact::routes())
        .merge(crate::event_admin::routes())
        .merge(crate::api::routes())
        .merge(crate::calendars::routes())
        .merge(crate::embed::routes())
        .merge(crate::uploads::routes())
        .fallback(not_found)
        .with_state(state)
}

async fn home(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Error> {
    // A malformed filter (page=abc) gets the site's own 400 page, not axum's plain text.
    let Query(q) = q.map_err(|rejection| Error::BadRequest(rejection.body_text()))?;
    let search = q.to_search(&s.db).await?;
    let mut found = events::search(&s.db, Utc::now(), &search).await?;
    let has_next = found.len() as u64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let all_chapters = chapters::list(&s.db).await?;
    Ok(pages::home::home(&v, &found, &all_chapters, &q, has_next).into_response())
}

async fn chapter(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let all = chapters::list(&s.db).await?;
    let parent = all.iter().find(|c| Some(c.id) == chapter.parent_id);
    let children: Vec<_> = all.iter().filter(|c| c.parent_id == Some(chapter.id)).cloned().collect();
    // A chapter's pages show the events of the chapters below it too.
    let family = chapters::with_descendants(&s.db, chapter.id).await?;
    let search = events::Search { chapter_ids: family.clone(), limit: LIST_LIMIT, ..Default::default() };
    let upcoming = events::search(&s.db, Utc::now(), &search).await?;
    let past = events::past_public(&s.db, Utc::now(), family, 20).await?;
    let membership = match &v.user {
        None => Membership::Anonymous,
        Some(u) => match memberships::all_for_user(&s.db, u.id).await?.into_iter().find(|(c, _, _)| *c == chapter.id) {
            None => Membership::None,
            Some((_, _, true)) => Membership::Pending,
            Some((_, Role::Organizer, _)) => Membership::Organizer,
            Some((_, Role::Member, _)) => Membership::Member,
        },
    };
    let line = chapters::line(&s.db, chapter.id).await?;
    let manage = decide(v.actor(), &Action::ManageEvents { chapter_line: &line }) == Decision::Allow;
    Ok(pages::chapter::chapter(&v, &chapter, parent, &children, (&upcoming, &past), membership, manage).into_response())
}

async fn event(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = guest_rsvp::visible_event(&s.db, &id, v.actor()).await?;
    let going = rsvps::count(&s.db, e.id, RsvpStatus::Going).await?;
    let closed = turnout_domain::rsvp::check_open(&e, Utc::now()).err().map(|why| why.to_string());
    // Logged in: the form is filled in from the account, one click away.
    let typed = v.user.as_ref().map(|u| Typed { name: u.name.clone(), email: u.email.clone() }).unwrap_or_default();
    let errors = FieldErrors::new();
    let section = match &closed {
        None => RsvpSection::Open { typed: &typed, errors: &errors },
        Some(why) => RsvpSection::Closed(why),
    };
    let manage = access::can(&s.db, v.actor(), &e, EventRight::ManageEvents).await? == Decision::Allow;
    let viewer = Viewer {
        organizer: manage,
        going: match &v.user {
            Some(u) => rsvps::is_going(&s.db, e.id, u.id, &u.email).await?,
            None => false,
        },
    };
    let shown = e.for_viewer(viewer, Utc::now());
    Ok(pages::event::event(&v, &shown, going, section, manage, &s.base_url).into_response())
}

/// Someone who reloads or bookmarks the form's address lands on the event.
async fn rsvp_get(Path(id): Path<String>) -> Redirect {
    let id: i64 = id.parse().unwrap_or(0);
    Redirect::to(&format!("/events/{id}#rsvp"))
}

#[derive(Debug, Deserialize)]
struct RsvpForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
}

async fn rsvp_post(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    form: Result<Form<RsvpForm>, FormRejection>,
) -> Result<Response, Error> {
    let now = Utc::now();
    s.limit(LimitKind::Rsvp, &v.address, now).await?;
    let Form(form) =
        form.map_err(|e| Error::BadRequest(format!("The form could not be read ({}). Please go back and try again.", e.body_text())))?;
    let typed = Typed { name: form.name.clone(), email: form.email.clone() };
    let input = GuestRsvpInput { name: form.name, email: form.email };
    match guest_rsvp::rsvp_as_guest(&s.db, &id, input, v.actor(), now, &s.base_url).await? {
        Outcome::Recorded { event, outcome, name, email } => {
            if !outcome.already_registered {
                s.notifier.wake();
            }
            let viewer = Viewer { organizer: false, going: outcome.status == RsvpStatus::Going };
            let shown = event.for_viewer(viewer, now);
            Ok(pages::rsvp::confirmation(&v, &shown, outcome.status, &name, &email).into_response())
        }
        Outcome::Invalid { event, errors } => {
            let going = rsvps::count(&s.db, event.id, RsvpStatus::Going).await?;
            let event = event.for_viewer(Viewer::default(), now);
            let page = pages::event::event(&v, &event, going, RsvpSection::Open { typed: &typed, errors: &errors }, false, &s.base_url);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Outcome::Closed { event, why } => {
            let going = rsvps::count(&s.db, event.id, RsvpStatus::Going).await?;
            let event = event.for_viewer(Viewer::default(), now);
            let page = pages::event::event(&v, &event, going, RsvpSection::Closed(&why.to_string()), false, &s.base_url);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers.
async fn readyz(State(s): State<AppState>) -> Response {
    match s.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/turnout.css"),
    )
        .into_response()
}

async fn not_found() -> Error {
    Error::NotFound
}
