//! What an event's organizers do to the waitlist by hand: promote someone
//! out of turn (if their party fits), or remove an RSVP (its seats go to the
//! next in line). Both are in the audit log, by name of the organizer.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::RsvpStatus;
use turnout_notifications::waitlist;
use turnout_persistence::{audit, begin_write, rsvps};

use crate::http::access::{self, EventRight, answer, visible_event};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

/// The event, if the visitor manages it, and the RSVP, if it is the event's.
async fn managed(s: &AppState, v: &Visitor, id: &str, rsvp: &str) -> Result<(EventDetails, rsvps::Managed), Error> {
    let event = visible_event(&s.db, id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::Manage).await?, &format!("/events/{id}/attendees"))?;
    let rsvp_id: i64 = rsvp.parse().map_err(|_| Error::NotFound)?;
    let r = rsvps::find_by_id(&s.db, rsvp_id).await?.filter(|r| r.event_id == event.id).ok_or(Error::NotFound)?;
    Ok((event, r))
}

pub(super) async fn promote(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((id, rsvp)): Path<(String, String)>,
) -> Result<Response, Error> {
    let (event, r) = managed(&s, &v, &id, &rsvp).await?;
    let now = Utc::now();
    if r.status != RsvpStatus::Waitlisted {
        return Err(Error::Conflict("Only someone on the waitlist can be promoted; nothing changed."));
    }
    let txn = begin_write(&s.db).await?;
    let Some(row) = rsvps::row(&txn, r.rsvp_id).await? else { return Err(Error::NotFound) };
    if !turnout_persistence::waitlist::promote_one(&txn, &row, now).await? {
        return Err(Error::Refused(format!(
            "There are not enough free places for this party of {}. Raise the capacity first, or wait for a cancellation; nothing changed.",
            1 + r.guests
        )));
    }
    let promoted = [rsvps::Promoted {
        rsvp_id: r.rsvp_id,
        name: r.name.clone(),
        email: Some(r.email.clone()),
        guests: r.guests,
        hold_until: turnout_persistence::waitlist::fresh_hold(&row, now),
        language: rsvps::language_of(&row),
    }];
    let (manage, checkin) = (|id| s.manage_url(id), |id| s.checkin_url(id));
    let links = waitlist::RsvpLinks { base_url: &s.base_url, manage: &manage, checkin: &checkin };
    waitlist::notify_promoted(&txn, &event, &promoted, &links, now).await?;
    audit::record(
        &txn,
        v.user.as_ref().map(|u| u.id),
        "rsvp.promote_by_hand",
        &format!("rsvp #{} at event #{}", r.rsvp_id, event.id),
        "",
        now,
    )
    .await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&format!("/events/{}/attendees", event.id)).into_response())
}

/// Asks first, and says who will be emailed: not the person removed; the
/// next in line if the seats go to the waitlist.
pub(super) async fn confirm_remove(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((id, rsvp)): Path<(String, String)>,
) -> Result<Response, Error> {
    let (event, r) = managed(&s, &v, &id, &rsvp).await?;
    if r.status == RsvpStatus::Cancelled {
        return Err(Error::Conflict("This RSVP was already cancelled; nothing to remove."));
    }
    let people = 1 + r.guests;
    let frees = r.status == RsvpStatus::Going;
    let page = crate::frame::layout::notice(
        &v,
        &format!("Remove {}?", r.name),
        maud::html! {
            p { "Remove the RSVP of " strong { (r.name) } " (" (r.status.label()) @if people > 1 { ", " (people) " people" } ") from " strong { (event.title) } "?" }
            p { (r.name) " is not emailed." @if frees { " Their places go to the waitlist: whoever is promoted is emailed \"You're in\"." } }
            form.stacked method="post" action={ "/events/" (event.id) "/attendees/" (r.rsvp_id) "/remove" } {
                (v.csrf_field())
                button type="submit" { "Remove " (r.name) }
            }
            p { a href={ "/events/" (event.id) "/attendees" } { "Back to the attendee list" } }
        },
    );
    Ok(page.into_response())
}

pub(super) async fn remove(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((id, rsvp)): Path<(String, String)>,
) -> Result<Response, Error> {
    let (event, r) = managed(&s, &v, &id, &rsvp).await?;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let Some(was) = rsvps::cancel(&txn, r.rsvp_id, now).await? else {
        return Err(Error::Conflict("This RSVP was already cancelled; nothing changed."));
    };
    let promoted = if was == RsvpStatus::Going { s.fill_freed_seats(&txn, &event, now).await? } else { 0 };
    let what = format!("was {}; {promoted} promoted from the waitlist", was.label());
    audit::record(
        &txn,
        v.user.as_ref().map(|u| u.id),
        "rsvp.remove_by_hand",
        &format!("rsvp #{} at event #{}", r.rsvp_id, event.id),
        &what,
        now,
    )
    .await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&format!("/events/{}/attendees", event.id)).into_response())
}
