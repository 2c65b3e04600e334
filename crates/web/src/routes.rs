//! Routes and their handlers. Handlers stay thin: they read the request,
//! call a use case or a repository, and pick a page.

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::Method;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Router};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::event::Viewer;
use turnout_domain::policy::{Action, Decision, Role, decide};
use turnout_domain::rsvp::{GuestRsvpInput, RsvpStatus};
use turnout_persistence::{ConnectionTrait, chapters, events, memberships, rsvps};

use crate::guest_rsvp::{self, Outcome};
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::routing::{Routes, get};
use crate::http::visitor::Visitor;
use crate::listing::{ListQuery, PAGE_SIZE};
use crate::pages;
use crate::pages::chapter::Membership;
use crate::pages::event::RsvpSection;
use crate::pages::rsvp::Typed;
use crate::state::AppState;

const LIST_LIMIT: u64 = 100;

pub fn router(state: AppState) -> Router {
    all().into_router().fallback(not_found).with_state(state)
}

/// Every (method, path) the router answers, for the access matrix test.
pub fn route_list() -> Vec<(Method, &'static str)> {
    all().list()
}

fn all() -> Routes {
    Routes::new()
        .route("/", get(home))
        .route("/chapters/{slug}", get(chapter))
        .route("/events/{id}", get(event))
        .route("/events/{id}/rsvp", get(rsvp_get).post(rsvp_post))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/turnout.css", get(stylesheet))
        .merge(crate::accounts::routes())
        .merge(crate::chapter_routes::routes())
        .merge(crate::chapter_admin::routes())
        .merge(crate::contact::routes())
        .merge(crate::event_admin::routes())
        .merge(crate::api::routes())
        .merge(crate::calendars::routes())
        .merge(crate::embed::routes())
        .merge(crate::uploads::routes())
        .merge(crate::venues::routes())
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
    let manage = access::can(&s.db, v.actor(), &e, EventRight::Manage).await? == Decision::Allow;
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
    match guest_rsvp::rsvp_as_guest(&s.db, &id, input, v.actor(), account_email, now, &s.base_url).await? {
        Outcome::Recorded { event, outcome, name, email, own } => {
            s.notifier.wake();
            if !own {
                let shown = event.for_viewer(Viewer::default(), now);
                return Ok(pages::rsvp::check_email(&v, &shown, &name, &email).into_response());
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

/// RSVPs are counted per client and event (a campus RSVPing to its own
/// meeting is not stopped by a flood elsewhere), under a far higher ceiling
/// per client, and per address mailed.
async fn rsvp_limits(s: &AppState, v: &Visitor, event_id: i64, email: &str, now: chrono::DateTime<Utc>) -> Result<(), Error> {
    s.limit(Limited::RsvpToEvent { client: &v.address, event_id }, now).await?;
    s.limit(Limited::Rsvp { client: &v.address }, now).await?;
    s.limit(Limited::MailTo { address: email }, now).await
}

/// Over a limit: the event page again with what was typed still in the form.
async fn limited(s: &AppState, v: &Visitor, id: &str, typed: &Typed, seconds: i64, now: chrono::DateTime<Utc>) -> Result<Response, Error> {
    let event = guest_rsvp::visible_event(&s.db, id, v.actor()).await?;
    let going = rsvps::count(&s.db, event.id, RsvpStatus::Going).await?;
    let event = event.for_viewer(Viewer::default(), now);
    let mut errors = FieldErrors::new();
    let minutes = (seconds + 59) / 60;
    errors.add(
        "email",
        format!("Too many RSVPs from here just now. Please wait {minutes} minute(s) and press RSVP again; what you typed is kept."),
    );
    let page = pages::event::event(v, &event, going, RsvpSection::Open { typed, errors: &errors }, false, &s.base_url);
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    response.headers_mut().insert(header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
    Ok(response)
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
