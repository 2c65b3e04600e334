//! A member's private calendar, at an address they can rotate: their RSVPs
//! and the members-only events of their chapters.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, Utc};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{Viewer, Visibility};
use turnout_domain::policy::{Actor, MembersOnlyScope};
use turnout_domain::rsvp::RsvpStatus;
use turnout_persistence::events::{self, Search};
use turnout_persistence::{memberships, rsvps, users};

use super::my_account::me;
use crate::http::access;
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

/// Past events stay in the feed this long, so a calendar keeps what happened.
const FEED_PAST_DAYS: i64 = 60;

/// The events someone RSVP'd to, and the members-only events of their
/// chapters (listed nowhere public, so this feed is where a member's calendar
/// finds them), at their unguessable address.
pub(super) async fn personal_calendar(State(s): State<AppState>, Path(token): Path<String>) -> Result<Response, Error> {
    let token = token.strip_suffix(".ics").ok_or(Error::NotFound)?;
    let user = users::find_by_calendar_token(&s.db, &sha256_hex(token)).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    // In the member's language, or the event's own where they chose none.
    let t = Tr(user.language.unwrap_or_default());
    let mut entries = Vec::new();
    let mut listed = Vec::new();
    for r in rsvps::for_person(&s.db, user.id, &user.email).await? {
        if r.status == RsvpStatus::Cancelled {
            continue;
        }
        if let Some(e) = events::details(&s.db, r.event_id).await? {
            let viewer = Viewer { organizer: false, going: r.status == RsvpStatus::Going };
            let shown = e.in_language(t.language()).0;
            entries.push(turnout_notifications::ics::private_feed_event_in(t, &shown, &s.base_url, e.address_visible(viewer, now)));
            listed.push(e.id);
        }
    }
    // The feed's address stands for the person: the policy decides with their
    // memberships as they are now, not as they were when the address was made.
    let actor =
        Actor { user_id: user.id, is_site_admin: user.is_site_admin, memberships: memberships::active_for_user(&s.db, user.id).await? };
    let scope = access::members_only_scope(&s.db, Some(&actor)).await?;
    if scope != MembersOnlyScope::Nothing {
        let search = Search {
            from: Some(now - Duration::days(FEED_PAST_DAYS)),
            limit: 200,
            members_only: scope,
            visibility: Some(Visibility::MembersOnly),
            ..Default::default()
        };
        let found = events::search(&s.db, now, &search).await?;
        let ids: Vec<i64> = found.into_iter().map(|e| e.id).filter(|id| !listed.contains(id)).collect();
        for e in events::details_many(&s.db, &ids).await? {
            let shown = e.in_language(t.language()).0;
            entries.push(turnout_notifications::ics::private_feed_event_in(
                t,
                &shown,
                &s.base_url,
                e.address_visible(Viewer::default(), now),
            ));
        }
    }
    let body = turnout_notifications::ics::calendar(&t.f("calendar-my-events", &[("name", (&user.name).into())]), entries, None);
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")], body).into_response())
}
