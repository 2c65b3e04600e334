//! After a guest's RSVP: POST, redirect, GET. The "check your email" page
//! repeats what the guest typed, which the redirect carries in a signed
//! cookie for five minutes (never in the address, where logs would keep it),
//! so reloading the page shows it again and submits nothing.

use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use turnout_domain::event::Viewer;

use crate::http::error::Error;
use crate::http::secrets::{sign, verify};
use crate::http::visitor::{Visitor, cookie, cookie_in};
use crate::state::AppState;

const SENT_COOKIE: &str = "turnout_rsvp_sent";

fn signed(s: &AppState, value: &str) -> String {
    sign(&s.csrf_key, &format!("rsvp-sent:{value}"))
}

/// The redirect after a guest's RSVP, carrying what they typed.
pub fn redirect(s: &AppState, event_id: i64, name: &str, email: &str) -> Response {
    let value = URL_SAFE_NO_PAD.encode(serde_json::json!([event_id, name, email]).to_string());
    let carried = format!("{value}.{}", signed(s, &value));
    let mut response = Redirect::to(&format!("/events/{event_id}/rsvp/sent")).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SENT_COOKIE, &carried, Some(300), s.secure_cookies));
    response
}

/// What the cookie carries, if its signature holds and it is for this event.
fn carried(s: &AppState, headers: &HeaderMap, event_id: i64) -> Option<(String, String)> {
    let (value, signature) = cookie_in(headers, SENT_COOKIE)?.split_once('.')?;
    if !verify(&s.csrf_key, &format!("rsvp-sent:{value}"), signature) {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(value).ok()?;
    let (id, name, email): (i64, String, String) = serde_json::from_slice(&bytes).ok()?;
    (id == event_id).then_some((name, email))
}

pub(super) async fn page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let event = crate::http::access::visible_event(&s, &id, v.actor()).await?;
    let Some((name, email)) = carried(&s, &headers, event.id) else {
        // Nothing was just sent from this browser: the event page has the form.
        return Ok(Redirect::to(&format!("/events/{}#rsvp", event.id)).into_response());
    };
    let shown = event.for_viewer(Viewer::default(), Utc::now());
    Ok(crate::rsvps::views::check_email(&v, &shown, &name, &email).into_response())
}
