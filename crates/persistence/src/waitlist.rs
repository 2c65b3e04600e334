//! The waitlist: first come, first served, by place in line (the RSVP's id
//! unless it rejoined the line later), and promotion of the earliest parties
//! that fit, in the transaction that freed the seats.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use turnout_domain::rsvp::RsvpStatus;

use crate::entities::{event, rsvp};
use crate::error::Error;
use crate::seats;

/// Place in line: the id, or the `line` set when the RSVP rejoined.
fn place(r: &rsvp::Model) -> i64 {
    r.line.unwrap_or(r.id)
}

/// The waitlisted RSVPs of an event, first in line first.
pub async fn waiting(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<rsvp::Model>, Error> {
    let mut rows = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted.as_str()))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|r| (place(r), r.id));
    Ok(rows)
}

/// Where a waitlisted RSVP stands in line (1 for the first).
/// Counted by the database: a long line costs no more than a short one.
pub async fn position(db: &impl ConnectionTrait, event_id: i64, rsvp_id: i64) -> Result<u64, Error> {
    let waitlisted =
        || rsvp::Entity::find().filter(rsvp::Column::EventId.eq(event_id)).filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted.as_str()));
    let me = rsvp::Entity::find_by_id(rsvp_id).one(db).await?.filter(|r| r.event_id == event_id && status_is_waitlisted(r));
    let Some(me) = me else {
        // Not in line: the place after the last.
        return Ok(waitlisted().count(db).await? + 1);
    };
    let (mine, place_of) = (place(&me), || Expr::cust("COALESCE(line, id)"));
    let ahead = waitlisted()
        .filter(Condition::any().add(place_of().lt(mine)).add(Condition::all().add(place_of().eq(mine)).add(rsvp::Column::Id.lt(me.id))))
        .count(db)
        .await?;
    Ok(ahead + 1)
}

fn status_is_waitlisted(r: &rsvp::Model) -> bool {
    r.status == RsvpStatus::Waitlisted.as_str()
}

/// The place at the end of the line, for an RSVP that joins it again.
pub async fn end_of_line(db: &impl ConnectionTrait) -> Result<i64, Error> {
    let max: Option<Option<i64>> =
        rsvp::Entity::find().select_only().column_as(Expr::col(rsvp::Column::Id).max(), "m").into_tuple().one(db).await?;
    let max_line: Option<Option<i64>> =
        rsvp::Entity::find().select_only().column_as(Expr::col(rsvp::Column::Line).max(), "m").into_tuple().one(db).await?;
    Ok(std::cmp::max(max.flatten().unwrap_or(0), max_line.flatten().unwrap_or(0)) + 1)
}

/// A guest who has not confirmed their address gets, with the seat, as
/// long to confirm as they were first given (the line held no seat for them).
pub fn fresh_hold(r: &rsvp::Model, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    r.hold_until.map(|until| now + (until - r.created_at))
}

/// Someone moved from the waitlist to going.
#[derive(Debug, Clone)]
pub struct Promoted {
    pub rsvp_id: i64,
    pub name: String,
    pub email: Option<String>,
    pub guests: i32,
    pub hold_until: Option<DateTime<Utc>>,
    /// The language their messages are written in.
    pub language: turnout_domain::language::Language,
}

/// Moves one waitlisted party to going if its seats are free: seats by the
/// guarded UPDATE every RSVP uses, the row by a guarded UPDATE of its status,
/// so two transactions promoting at once can neither oversell nor promote one
/// person twice. False when there is no room or it is no longer waitlisted.
pub async fn promote_one(db: &impl ConnectionTrait, r: &rsvp::Model, now: DateTime<Utc>) -> Result<bool, Error> {
    let people = 1 + r.guests;
    if !seats::take(db, r.event_id, people).await? {
        return Ok(false);
    }
    let moved = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::HoldUntil, Expr::value(fresh_hold(r, now)))
        .col_expr(rsvp::Column::Status, Expr::value(RsvpStatus::Going.as_str()))
        .col_expr(rsvp::Column::Line, Expr::value(Option::<i64>::None))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(r.id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted.as_str()))
        .filter(rsvp::Column::Guests.eq(r.guests))
        .exec(db)
        .await?;
    if moved.rows_affected == 1 {
        return Ok(true);
    }
    // Changed by someone else meanwhile: give the seats back.
    seats::release(db, r.event_id, people).await?;
    Ok(false)
}

/// Fills free seats from the waitlist in order. A party too big for the seats
/// left is passed over for now and keeps its place; smaller parties behind it
/// may take the seats (a seat left empty helps nobody).
pub async fn promote(db: &impl ConnectionTrait, event_id: i64, now: DateTime<Utc>) -> Result<Vec<Promoted>, Error> {
    let mut promoted = Vec::new();
    // Read in this transaction, after the seats were freed: a guide to skip
    // hopeless attempts; the guarded UPDATE in `promote_one` decides.
    let Some(e) = event::Entity::find_by_id(event_id).one(db).await? else { return Ok(promoted) };
    let mut free = e.capacity.map(|c| c - e.seats_taken);
    for r in waiting(db, event_id).await? {
        if free.is_some_and(|f| f <= 0) {
            break;
        }
        if free.is_some_and(|f| f < 1 + r.guests) {
            continue;
        }
        if promote_one(db, &r, now).await? {
            free = free.map(|f| f - (1 + r.guests));
            promoted.push(Promoted {
                language: crate::rsvps::language_of(&r),
                rsvp_id: r.id,
                name: r.name.unwrap_or_default(),
                email: r.email,
                guests: r.guests,
                hold_until: r.hold_until,
            });
        }
    }
    Ok(promoted)
}
