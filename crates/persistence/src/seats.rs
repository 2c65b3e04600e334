//! An event's seats: one counter of people per event, moved only by guarded
//! UPDATEs inside the transaction that changes an RSVP, so two parties racing
//! for the last seats can never both get them (read-then-write would oversell).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use turnout_domain::rsvp::RsvpStatus;

use crate::entities::{event, rsvp};
use crate::error::Error;

/// Takes `people` seats if that many are left; false (and nothing taken) if not.
pub async fn take(db: &impl ConnectionTrait, event_id: i64, people: i32) -> Result<bool, Error> {
    if people <= 0 {
        return Ok(true);
    }
    let taken = event::Entity::update_many()
        .col_expr(event::Column::SeatsTaken, Expr::col(event::Column::SeatsTaken).add(people))
        .filter(event::Column::Id.eq(event_id))
        .filter(
            Condition::any()
                .add(event::Column::Capacity.is_null())
                .add(Expr::col(event::Column::SeatsTaken).add(people).lte(Expr::col(event::Column::Capacity))),
        )
        .exec(db)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Gives back `people` seats (never below zero).
pub async fn release(db: &impl ConnectionTrait, event_id: i64, people: i32) -> Result<(), Error> {
    if people <= 0 {
        return Ok(());
    }
    event::Entity::update_many()
        .col_expr(event::Column::SeatsTaken, Expr::col(event::Column::SeatsTaken).sub(people))
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::SeatsTaken.gte(people))
        .exec(db)
        .await?;
    Ok(())
}

/// Seats an RSVP row holds: its whole party while going and counted.
pub fn held_by(r: &rsvp::Model) -> i32 {
    if r.status == RsvpStatus::Going.as_str() && r.takes_seat { 1 + r.guests } else { 0 }
}

/// Whether the event still takes RSVPs (published, not started), holding its
/// row for the rest of the transaction: a no-op guarded UPDATE, so on
/// PostgreSQL a concurrent cancellation waits for this transaction (SQLite
/// has one writer at a time anyway).
pub async fn hold_open_event(db: &impl ConnectionTrait, event_id: i64, now: DateTime<Utc>) -> Result<bool, Error> {
    let held = event::Entity::update_many()
        .col_expr(event::Column::SeatsTaken, Expr::col(event::Column::SeatsTaken))
        .filter(event::Column::Id.eq(event_id))
        .filter(event::Column::Status.eq(turnout_domain::event::EventStatus::Published.as_str()))
        .filter(event::Column::StartsAt.gt(now))
        .exec(db)
        .await?;
    Ok(held.rows_affected == 1)
}
