//! Check-in at the door, for the event's organizers: a list to search by
//! name, one tap to check someone in (and one to undo it), walk-ins; and
//! the check-in link in each confirmation's QR code, which opens that one
//! attendee for an organizer and reveals nothing to anyone else.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::attendance::{Filter, Tally, WalkInInput, can_check_in, sheet_order};
use turnout_domain::event::EventDetails;
use turnout_domain::policy::Decision;
use turnout_persistence::attendance::{self, Marked, WalkInRefused};
use turnout_persistence::{audit, begin_write, events};

use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::secrets::verify;
use crate::http::visitor::Visitor;
use crate::rsvps::attendees::attendee_access;
use crate::rsvps::checkin_views;
use crate::state::AppState;

/// The RSVP a check-in token was made for, if its signature holds.
fn rsvp_of(s: &AppState, token: &str) -> Option<i64> {
    let (id, signature) = token.split_once('-')?;
    let id: i64 = id.parse().ok()?;
    verify(&s.manage_key, &format!("rsvp-checkin:{id}"), signature).then_some(id)
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct DoorQuery {
    #[serde(default)]
    q: String,
    /// The walk-in just added, to say so.
    added: Option<i64>,
}

pub(super) async fn door(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Query(q): Query<DoorQuery>,
) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/checkin")).await?;
    render(&s, &v, &event, &q.q, q.added, &WalkInInput::default(), &FieldErrors::new(), StatusCode::OK).await
}

/// The door page: everyone who answered, by name; the walk-in form below.
#[allow(clippy::too_many_arguments)]
async fn render(
    s: &AppState,
    v: &Visitor,
    event: &EventDetails,
    search: &str,
    added: Option<i64>,
    walk_in: &WalkInInput,
    errors: &FieldErrors,
    status: StatusCode,
) -> Result<Response, Error> {
    let mut lines: Vec<_> = attendance::attendee_lines(&s.db, event.id).await?.into_iter().filter(|l| can_check_in(l.status)).collect();
    let tally = Tally::of(&lines);
    sheet_order(&mut lines);
    let added = added.and_then(|id| lines.iter().find(|l| l.rsvp_id == id)).map(|l| l.name.clone());
    let filter = Filter::parse("", "", search);
    let page = checkin_views::door(v, event, &tally, &lines, &filter, added.as_deref(), walk_in, errors);
    Ok((status, page).into_response())
}

/// What a check-in button sends besides the CSRF token: where to come back to.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Tap {
    #[serde(default)]
    q: String,
    /// The check-in link the button was pressed on, if any.
    #[serde(default)]
    via: String,
}

/// Back to the same search and the same person, or to the QR link's page.
fn back(s: &AppState, event_id: i64, rsvp_id: i64, tap: &Tap) -> Redirect {
    if rsvp_of(s, &tap.via) == Some(rsvp_id) {
        return Redirect::to(&format!("/rsvps/checkin/{}", tap.via));
    }
    let query = Filter::parse("", "", &tap.q).query();
    let query = if query.is_empty() { String::new() } else { format!("?{query}") };
    Redirect::to(&format!("/events/{event_id}/checkin{query}#rsvp-{rsvp_id}"))
}

pub(super) async fn check_in(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((id, rsvp)): Path<(String, String)>,
    Form(tap): Form<Tap>,
) -> Result<Response, Error> {
    mark(&s, &v, &id, &rsvp, &tap, true).await
}

pub(super) async fn undo(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((id, rsvp)): Path<(String, String)>,
    Form(tap): Form<Tap>,
) -> Result<Response, Error> {
    mark(&s, &v, &id, &rsvp, &tap, false).await
}

/// Checks an RSVP in, or undoes it; a second tap (from another phone at the
/// door) finds it done and changes nothing.
async fn mark(s: &AppState, v: &Visitor, id: &str, rsvp: &str, tap: &Tap, arrived: bool) -> Result<Response, Error> {
    let event = attendee_access(s, v, id, &format!("/events/{id}/checkin")).await?;
    let rsvp_id: i64 = rsvp.parse().map_err(|_| Error::NotFound)?;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let marked = if arrived {
        attendance::check_in(&txn, event.id, rsvp_id, now).await?
    } else {
        attendance::undo_check_in(&txn, event.id, rsvp_id).await?
    };
    if marked == Marked::NotFound {
        return Err(Error::NotFound);
    }
    if marked == Marked::Done {
        let action = if arrived { "rsvp.check_in" } else { "rsvp.check_in_undo" };
        audit::record(&txn, v.user.as_ref().map(|u| u.id), action, &format!("rsvp #{rsvp_id}"), &format!("event #{}", event.id), now)
            .await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(back(s, event.id, rsvp_id, tap).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct WalkInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    party_size: String,
    /// The "count against capacity" box: present only when ticked.
    takes_seat: Option<String>,
}

pub(super) async fn walk_in(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Form(f): Form<WalkInForm>,
) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/checkin")).await?;
    let input = WalkInInput { name: f.name, email: f.email, party_size: f.party_size, takes_seat: f.takes_seat.is_some() };
    let w = match input.validate(v.tr) {
        Ok(w) => w,
        Err(errors) => return render(&s, &v, &event, "", None, &input, &errors, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let refused = match attendance::add_walk_in(&txn, event.id, &w, now).await? {
        Ok(rsvp_id) => {
            let detail = format!(
                "{} people, {}",
                w.people(),
                if w.takes_seat { "counted against capacity" } else { "not counted against capacity" }
            );
            audit::record(&txn, v.user.as_ref().map(|u| u.id), "rsvp.walk_in", &format!("rsvp #{rsvp_id}"), &detail, now).await?;
            txn.commit().await.map_err(turnout_persistence::Error::from)?;
            return Ok(Redirect::to(&format!("/events/{}/checkin?added={rsvp_id}#rsvp-{rsvp_id}", event.id)).into_response());
        }
        Err(why) => why,
    };
    // Nothing of a refused walk-in is kept: the seats it took go back with the transaction.
    drop(txn);
    let mut errors = FieldErrors::new();
    match refused {
        WalkInRefused::Full => {
            let left = seats_left(&s, event.id).await?;
            errors.add("takes_seat", v.tr.f("att-error-walk-in-full", &[("left", left.into()), ("people", w.people().into())]));
        }
        WalkInRefused::AlreadyRsvpd => errors.add("email", v.tr.s("att-error-walk-in-already")),
    }
    render(&s, &v, &event, "", None, &input, &errors, StatusCode::CONFLICT).await
}

async fn seats_left(s: &AppState, event_id: i64) -> Result<i32, Error> {
    Ok(events::details(&s.db, event_id).await?.and_then(|e| e.seats_left()).unwrap_or(0))
}

/// The check-in link of a QR code. An organizer of the event sees the
/// attendee and a button; anyone else gets the page an unknown token gets.
pub(super) async fn link(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    let Some((event, line)) = organizer_view(&s, &v, &token).await? else {
        return Ok((StatusCode::NOT_FOUND, checkin_views::link_not_found(&v, &token)).into_response());
    };
    Ok(checkin_views::link(&v, &event, &line, &token).into_response())
}

async fn organizer_view(
    s: &AppState,
    v: &Visitor,
    token: &str,
) -> Result<Option<(EventDetails, turnout_domain::attendance::AttendeeLine)>, Error> {
    let Some(rsvp_id) = rsvp_of(s, token) else { return Ok(None) };
    let Some(event_id) = attendance::event_of(&s.db, rsvp_id).await? else { return Ok(None) };
    let Some(event) = events::details(&s.db, event_id).await? else { return Ok(None) };
    if access::can(&s.db, v.actor(), &event, EventRight::SeeAttendees).await? != Decision::Allow {
        return Ok(None);
    }
    Ok(attendance::attendee_line(&s.db, event.id, rsvp_id).await?.map(|l| (event, l)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_check_in_token_is_not_the_manage_token() {
        let key = b"k";
        let checkin = crate::http::secrets::sign(key, "rsvp-checkin:7");
        assert!(!crate::http::secrets::verify(key, "rsvp-manage:7", &checkin));
    }
}
