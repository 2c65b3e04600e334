//! The page an RSVP's manage link opens: where the person stands (going, or
//! their place on the waitlist), their answer and guests to change, a button
//! to confirm a held place, and one to cancel. Opening the link
//! changes nothing (mail scanners open links); only the button does. Cancelling
//! gives the seat to the first in line, in the same transaction, and each
//! person promoted gets one "you're in" email.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::rsvp::{RsvpStatus, check_open, parse_reply, promotions_open};
use turnout_persistence::{audit, begin_write, events, rsvps};

use crate::http::error::Error;
use crate::http::secrets::sha256_hex;
use crate::http::visitor::Visitor;
use crate::rsvps::change::{Outcome, Person};
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
    Ok(render(&s, &v, &r, &token, &FieldErrors::new()).await?.into_response())
}

/// The manage page, with what was wrong in a change if anything.
async fn render(s: &AppState, v: &Visitor, r: &rsvps::Managed, token: &str, errors: &FieldErrors) -> Result<maud::Markup, Error> {
    // A guest who follows their link reads it in the language they RSVP'd in.
    let v = &v.choosing(r.language);
    let e = events::details(&s.db, r.event_id).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    let late = r.status == RsvpStatus::Waitlisted && !promotions_open(&e, now, s.promotion_cutoff);
    let shown = e.for_viewer(turnout_domain::event::Viewer { organizer: false, going: r.status == RsvpStatus::Going }, now);
    let email_choices = format!("/unsubscribe/{}", crate::http::secrets::unsubscribe_token(&s.manage_key, &r.email));
    let state = views::ManageState { promotions_over: late, started: now >= e.starts_at, closed: check_open(&e, now).err(), email_choices };
    Ok(views::manage(v, &shown, r, token, state, errors))
}

#[derive(Deserialize)]
pub(super) struct ChangeForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    guests: String,
}

/// A new answer or number of guests from the manage page.
pub(super) async fn change(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<ChangeForm>,
) -> Result<Response, Error> {
    let r = find(&s, &f.token).await?;
    let e = events::details(&s.db, r.event_id).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    let mut errors = FieldErrors::new();
    let Some(reply) = parse_reply(v.tr, &f.answer, &f.guests, e.guests_allowed, &mut errors) else {
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&s, &v, &r, &f.token, &errors).await?).into_response());
    };
    let who = Person { rsvp_id: r.rsvp_id, name: &r.name, email: &r.email, language: v.choosing(r.language).tr.language() };
    // The messages are in the language the page is shown in (see `render`).
    let t = v.choosing(r.language).tr;
    match crate::rsvps::change::apply(&s, &e, who, reply, now).await? {
        Outcome::Done { .. } => Ok(Redirect::to(&format!("/rsvps/manage/{}", f.token)).into_response()),
        Outcome::NoRoom { left } => {
            errors.add("guests", crate::rsvps::change::no_room_message(t, left));
            Ok((StatusCode::CONFLICT, render(&s, &v, &r, &f.token, &errors).await?).into_response())
        }
        Outcome::Closed(why) => {
            errors.add("answer", t.f("att-error-closed-no-change", &[("why", (&why.said(t)).into())]));
            Ok((StatusCode::CONFLICT, render(&s, &v, &r, &f.token, &errors).await?).into_response())
        }
    }
}

/// "Confirm my place": the guest proves the address, and the held seat is theirs.
pub(super) async fn confirm(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<CancelForm>,
) -> Result<Response, Error> {
    let r = find(&s, &f.token).await?;
    if r.hold_until.is_none() || !rsvps::confirm_hold(&s.db, r.rsvp_id).await? {
        return Err(Error::Refused(v.tr.s("att-error-nothing-to-confirm")));
    }
    Ok(Redirect::to(&format!("/rsvps/manage/{}", f.token)).into_response())
}

#[derive(Deserialize)]
pub(super) struct CancelForm {
    #[serde(default)]
    token: String,
}

pub(super) async fn cancel(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<CancelForm>,
) -> Result<Response, Error> {
    let r = find(&s, &f.token).await?;
    let e = events::details(&s.db, r.event_id).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    if now >= e.starts_at {
        return Err(Error::Refused(v.tr.s("att-error-started-no-change")));
    }
    let txn = begin_write(&s.db).await?;
    let Some(was) = rsvps::cancel(&txn, r.rsvp_id, now).await? else {
        return Err(Error::Refused(v.tr.s("att-error-already-cancelled")));
    };
    let told = if was == RsvpStatus::Going { s.fill_freed_seats(&txn, &e, now).await? } else { 0 };
    audit::record(&txn, None, "rsvp.cancel", &format!("rsvp #{}", r.rsvp_id), &format!("{told} promoted from the waitlist"), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    // POST then redirect: a reload shows the page, it does not cancel again.
    Ok(Redirect::to(&format!("/rsvps/manage/{}", f.token)).into_response())
}
