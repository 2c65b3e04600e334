//! A member's private calendar of their RSVPs, at an address they can rotate.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use turnout_persistence::{rsvps, users};

use super::my_account::{Notes, me, render};
use crate::http::error::Error;
use crate::http::secrets::{random_token, sha256_hex};
use crate::http::visitor::Visitor;
use crate::state::AppState;

/// Creates or rotates the person's private calendar address.
pub(super) async fn new_calendar_address(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    let u = me(&v)?;
    let token = random_token();
    users::set_calendar_token_hash(&s.db, u.id, &sha256_hex(&token)).await?;
    let url = format!("{}/my/{token}.ics", s.base_url);
    Ok(render(&s, &v, Notes { calendar_url: Some(url), ..Default::default() }).await?.into_response())
}

/// The events someone RSVP'd to, as a feed at their unguessable address.
pub(super) async fn personal_calendar(State(s): State<AppState>, Path(token): Path<String>) -> Result<Response, Error> {
    let token = token.strip_suffix(".ics").ok_or(Error::NotFound)?;
    let user = users::find_by_calendar_token(&s.db, &sha256_hex(token)).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    let mut entries = Vec::new();
    for r in rsvps::for_person(&s.db, user.id, &user.email).await? {
        if r.status == turnout_domain::rsvp::RsvpStatus::Cancelled {
            continue;
        }
        if let Some(e) = turnout_persistence::events::details(&s.db, r.event_id).await? {
            let viewer = turnout_domain::event::Viewer { organizer: false, going: r.status == turnout_domain::rsvp::RsvpStatus::Going };
            entries.push(turnout_notifications::ics::event(&e, &s.base_url, e.address_visible(viewer, now)));
        }
    }
    let body = turnout_notifications::ics::calendar(&format!("{}: my events", user.name), entries, None);
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")], body).into_response())
}
