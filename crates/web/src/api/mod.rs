//! The read-only JSON API: public data only (no names or addresses of anyone
//! who RSVP'd), the same filters as the public list; and the embeddable
//! list a chapter's own website can show.

mod embed;

use crate::http::routing::{Routes, get};
use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Value, json};
use turnout_domain::event::{EventDetails, EventStatus, EventSummary, Visibility};
use turnout_persistence::{chapters, events};

use crate::http::error::Error;
use crate::http::list_query::{ListQuery, PAGE_SIZE};
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .merge(embed::routes())
        .route("/api/v1/events", get(list))
        .route("/api/v1/events/{id}", get(one))
        .route("/api/v1/chapters", get(all_chapters))
}

/// API errors are JSON too: `{"error": "..."}` with the page's status.
struct ApiError(Error);

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        Self(e)
    }
}

impl From<turnout_persistence::Error> for ApiError {
    fn from(e: turnout_persistence::Error) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = match &self.0 {
            Error::NotFound => (StatusCode::NOT_FOUND, "not found".to_owned()),
            Error::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            other => {
                tracing::error!(error = %other, "api request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal error".to_owned())
            }
        };
        (status, Json(json!({ "error": message }))).into_response()
    }
}

fn summary_json(base: &str, e: &EventSummary) -> Value {
    json!({
        "id": e.id,
        "url": format!("{base}/events/{}", e.id),
        "title": e.title,
        "summary": e.summary,
        "kind": e.kind.as_str(),
        "status": e.status.as_str(),
        "starts_at": e.starts_at,
        "time_zone": e.time_zone,
        "chapter": { "slug": e.chapter_slug, "name": e.chapter_name },
        "city": e.city,
    })
}

pub fn details_json(base: &str, e: &EventDetails) -> Value {
    json!({
        "id": e.id,
        "url": format!("{base}/events/{}", e.id),
        "title": e.title,
        "summary": e.summary,
        "description_markdown": e.description,
        // The language of the fields above, and the organizer's text in the
        // other language where they gave it (agenda items and the venue carry
        // theirs as `title_other`, `transit_directions_other`...).
        "language": e.language,
        "translation": {
            "title": e.translation.title,
            "summary": e.translation.summary,
            "description_markdown": e.translation.description,
        },
        "kind": e.kind.as_str(),
        "status": e.status.as_str(),
        "cancel_reason": e.cancel_reason,
        "visibility": e.visibility.as_str(),
        "starts_at": e.starts_at,
        "ends_at": e.ends_at,
        "doors_open_at": e.doors_open_at,
        "time_zone": e.time_zone,
        "chapter": { "slug": e.chapter_slug, "name": e.chapter_name },
        "venue": e.venue,
        "online_url": e.online_url,
        "capacity": e.capacity,
        "seats_left": e.seats_left(),
        "agenda": e.agenda,
        "speakers": e.speakers,
        "sponsors": e.sponsors,
        "tags": e.tags,
        "calendar_url": format!("{base}/events/{}/calendar.ics", e.id),
    })
}

fn cached(body: Json<Value>) -> Response {
    ([(header::CACHE_CONTROL, "public, max-age=60"), (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")], body).into_response()
}

async fn list(State(s): State<AppState>, q: Result<Query<ListQuery>, QueryRejection>) -> Result<Response, ApiError> {
    // A malformed query (page=abc) is answered in JSON like every other API error, not in axum's plain text.
    let Query(q) = q.map_err(|rejection| Error::BadRequest(rejection.body_text()))?;
    let search = q.to_search(&s.db).await?;
    let version = s.reads.version(&s.db).await?;
    let mut found = crate::reads::search(&s.reads, &s.db, version, &search).await?.as_ref().clone();
    let has_next = found.len() as u64 > PAGE_SIZE;
    found.truncate(PAGE_SIZE as usize);
    let next = has_next.then(|| format!("{}/api/v1/events?{}", s.base_url, q.with_page(q.page() + 1)));
    Ok(cached(Json(json!({
        "events": found.iter().map(|e| summary_json(&s.base_url, e)).collect::<Vec<_>>(),
        "page": q.page(),
        "next": next,
    }))))
}

async fn one(State(s): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    let e = events::details(&s.db, id).await?.ok_or(Error::NotFound)?;
    // Public data only: drafts and members-only events do not exist here.
    if e.status == EventStatus::Draft || e.visibility == Visibility::MembersOnly {
        return Err(Error::NotFound.into());
    }
    let e = e.for_viewer(turnout_domain::event::Viewer::default(), Utc::now());
    let mut body = details_json(&s.base_url, &e);
    // Counts of people (a party of three is three), never names.
    let people = turnout_persistence::rsvps::people(&s.db, e.id).await?;
    body["going"] = json!(people.going);
    body["waitlisted"] = json!(people.waitlisted);
    if e.rsvp_options.show_maybe_count {
        body["maybe"] = json!(people.maybe);
    }
    Ok(cached(Json(body)))
}

async fn all_chapters(State(s): State<AppState>) -> Result<Response, ApiError> {
    let list = chapters::list(&s.db).await?;
    let by_id: std::collections::HashMap<i64, &str> = list.iter().map(|c| (c.id, c.slug.as_str())).collect();
    let out: Vec<Value> = list
        .iter()
        .map(|c| {
            json!({
                "slug": c.slug,
                "name": c.name,
                "kind": c.kind.as_str(),
                "parent": c.parent_id.and_then(|p| by_id.get(&p).copied()),
                "time_zone": c.time_zone,
                "description": c.description,
                "contact_email": c.contact_email,
                "url": format!("{}/chapters/{}", s.base_url, c.slug),
                "calendar_url": format!("{}/chapters/{}/calendar.ics", s.base_url, c.slug),
            })
        })
        .collect();
    Ok(cached(Json(json!({ "chapters": out }))))
}
