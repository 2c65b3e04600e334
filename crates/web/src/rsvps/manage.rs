//! The page an RSVP's manage link opens: where the person stands (going, or
//! their place on the waitlist), and a button to cancel. Opening the link
//! changes nothing (mail scanners open links); only the button does. Cancelling
//! gives the seat to the first in line, in the same transaction, and each
//! person promoted gets one "you're in" email.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::rsvp::{RsvpStatus, promotions_open};
use turnout_notifications::waitlist;
use turnout_persistence::{audit, begin_write, events, rsvps};

use crate::http::error::Error;
use crate::http::secrets::sha256_hex;
use crate::http::visitor::Visitor;
use crate::rsvps::views;
use crate::state::AppState;

/// Tokens are 43 URL-safe characters; anything else is not worth a query.
fn plausible(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn find(s: &AppState, token: &str) -> Result<rsvps::Managed, Error> {
    if !plausible(token) {
        return Err(Error::NotFound);
    }
    rsvps::find_by_manage_hash(&s.db, &sha256_hex(token)).await?.ok_or(Error::NotFound)
}

pub(super) async fn page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let r = find(&s, &token).await?;
    let e = events::details(&s.db, r.event_id).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    let late = r.status == RsvpStatus::Waitlisted && !promotions_open(&e, now, s.promotion_cutoff);
    let shown = e.for_viewer(turnout_domain::event::Viewer { organizer: false, going: r.status == RsvpStatus::Going }, now);
    Ok(views::manage(&v, &shown, &r, &token, late, now >= e.starts_at).into_response())
}

#[derive(Deserialize)]
pub(super) struct CancelForm {
    #[serde(default)]
    token: String,
}

pub(super) async fn cancel(State(s): State<AppState>, Form(f): Form<CancelForm>) -> Result<Response, Error> {
    let r = find(&s, &f.token).await?;
    let e = events::details(&s.db, r.event_id).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    if now >= e.starts_at {
        return Err(Error::Conflict("This event has already started, so the RSVP can no longer be changed."));
    }
    let txn = begin_write(&s.db).await?;
    let Some(was) = rsvps::cancel(&txn, r.rsvp_id, now).await? else {
        return Err(Error::Conflict("This RSVP was already cancelled; nothing changed."));
    };
    let mut told = 0;
    if was == RsvpStatus::Going && promotions_open(&e, now, s.promotion_cutoff) {
        told = waitlist::promote_and_notify(&txn, &e, &s.base_url, &|id| s.manage_url(id), now).await?;
    }
    audit::record(&txn, None, "rsvp.cancel", &format!("rsvp #{}", r.rsvp_id), &format!("{told} promoted from the waitlist"), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    // POST then redirect: a reload shows the page, it does not cancel again.
    Ok(Redirect::to(&format!("/rsvps/manage/{}", f.token)).into_response())
}
