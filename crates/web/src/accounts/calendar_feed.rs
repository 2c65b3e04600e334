//! A member's private calendar of their RSVPs, at an address they can rotate.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use turnout_persistence::{rsvps, users};

use super::my_account::me;
use crate::http::error::Error;
use crate::http::secrets::{random_token, sha256_hex};
use crate::http::visitor::{Visitor, cookie, cookie_in};
use crate::state::AppState;

/// Carries a new calendar address from the POST that made it to the account
/// page that shows it, once: only the hash is stored, so the page cannot
/// show it later, and a POST that rendered it would make another address
/// on every reload.
const NEW_CALENDAR_COOKIE: &str = "turnout_new_calendar";

/// Creates or rotates the person's private calendar address.
pub(super) async fn new_calendar_address(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    let u = me(&v)?;
    let token = random_token();
    users::set_calendar_token_hash(&s.db, u.id, &sha256_hex(&token)).await?;
    let mut response = Redirect::to("/account").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(NEW_CALENDAR_COOKIE, &token, Some(300), s.secure_cookies));
    Ok(response)
}

/// The address just made, if the browser carries it and it is still this
/// person's current one (not rotated since, not someone else's).
pub(super) async fn just_made(s: &AppState, headers: &HeaderMap, user_id: i64) -> Result<Option<String>, Error> {
    let Some(token) = cookie_in(headers, NEW_CALENDAR_COOKIE) else { return Ok(None) };
    let owner = users::find_by_calendar_token(&s.db, &sha256_hex(token)).await?;
    Ok(owner.filter(|u| u.id == user_id).map(|_| format!("{}/my/{token}.ics", s.base_url)))
}

pub(super) fn forget_cookie(s: &AppState) -> HeaderValue {
    cookie(NEW_CALENDAR_COOKIE, "", Some(0), s.secure_cookies)
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
