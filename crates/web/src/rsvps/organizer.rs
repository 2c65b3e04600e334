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
    let event = visible_event(s, id, v.actor()).await?;
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
        return Err(Error::Refused(v.tr.s("att-error-promote-not-waitlisted")));
    }
    let txn = begin_write(&s.db).await?;
    let Some(row) = rsvps::row(&txn, r.rsvp_id).await? else { return Err(Error::NotFound) };
    if !turnout_persistence::waitlist::promote_one(&txn, &row, now).await? {
        return Err(Error::Refused(v.tr.f("att-error-promote-no-room", &[("people", (1 + r.guests).into())])));
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
        return Err(Error::Refused(v.tr.s("att-error-remove-cancelled")));
    }
    let t = v.tr;
    let people = 1 + r.guests;
    let frees = r.status == RsvpStatus::Going;
    // The name and the event stand out: they go in as markers, put back in bold.
    let question = t.f(
        "att-remove-question",
        &[("name", BOLD[0].into()), ("status", (&r.status.label(v.tr)).into()), ("people", people.into()), ("event", BOLD[1].into())],
    );
    let page = crate::frame::layout::notice(
        &v,
        &t.f("att-remove-title", &[("name", (&r.name).into())]),
        maud::html! {
            p { (bold(&question, &[&r.name, &event.title])) }
            p { (t.f("att-remove-not-emailed", &[("name", (&r.name).into())])) @if frees { (t.s("att-remove-frees")) } }
            form.stacked method="post" action={ "/events/" (event.id) "/attendees/" (r.rsvp_id) "/remove" } {
                (v.csrf_field())
                button type="submit" { (t.f("att-remove-button", &[("name", (&r.name).into())])) }
            }
            p { a href={ "/events/" (event.id) "/attendees" } { (t.s("att-back-to-list")) } }
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
        return Err(Error::Refused(v.tr.s("att-error-already-cancelled")));
    };
    let promoted = if was == RsvpStatus::Going { s.fill_freed_seats(&txn, &event, now).await? } else { 0 };
    let what = format!("was {}; {promoted} promoted from the waitlist", was.label(turnout_domain::catalogue::Tr::default()));
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

/// Markers that stand in a sentence for the values `bold` puts back in `strong`.
const BOLD: [&str; 2] = ["\u{1}", "\u{2}"];

/// A sentence from the catalogue with `values[i]` in bold where `BOLD[i]` stands.
fn bold(sentence: &str, values: &[&str]) -> maud::Markup {
    let mut rest = sentence;
    let mut parts: Vec<(&str, Option<&str>)> = Vec::new();
    while let Some((at, i)) = BOLD.iter().enumerate().filter_map(|(i, m)| rest.find(m).map(|at| (at, i))).min() {
        parts.push((&rest[..at], values.get(i).copied()));
        rest = &rest[at + BOLD[i].len()..];
    }
    parts.push((rest, None));
    maud::html! { @for (text, value) in parts { (text) @if let Some(value) = value { strong { (value) } } } }
}
