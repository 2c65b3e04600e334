//! Attendance at the door: an event's attendee list as its organizers see
//! it, checking people in (and undoing it), walk-ins, and how many came.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr, Statement};
use turnout_domain::attendance::{AttendeeLine, WalkIn, can_check_in};
use turnout_domain::email_address;
use turnout_domain::rsvp::RsvpStatus;

use crate::entities::rsvp;
use crate::error::Error;
use crate::rsvps::take_seats;

fn line(r: rsvp::Model, waitlist_position: Option<u64>) -> AttendeeLine {
    AttendeeLine {
        rsvp_id: r.id,
        name: r.name.unwrap_or_else(|| "deleted member".to_owned()),
        email: r.email.unwrap_or_default(),
        status: RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going),
        guests: r.guests,
        rsvp_at: r.created_at,
        waitlist_position,
        checked_in_at: r.checked_in_at,
        walk_in: r.walk_in,
    }
}

/// Every RSVP of an event in the order they came, each waitlisted one with
/// its place in line (first come, first served, as the waitlist moves).
pub async fn attendee_lines(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<AttendeeLine>, Error> {
    let rows = rsvp::Entity::find().filter(rsvp::Column::EventId.eq(event_id)).order_by_asc(rsvp::Column::Id).all(db).await?;
    let mut in_line = 0;
    Ok(rows
        .into_iter()
        .map(|r| {
            let position = (r.status == RsvpStatus::Waitlisted.as_str()).then(|| {
                in_line += 1;
                in_line
            });
            line(r, position)
        })
        .collect())
}

/// One RSVP of the event, or `None` when the id belongs to another event:
/// the right to an event's list says nothing about any other event's.
pub async fn attendee_line(db: &impl ConnectionTrait, event_id: i64, rsvp_id: i64) -> Result<Option<AttendeeLine>, Error> {
    let found = rsvp::Entity::find_by_id(rsvp_id).filter(rsvp::Column::EventId.eq(event_id)).one(db).await?;
    Ok(found.map(|r| line(r, None)))
}

/// What a tap on "check in" or "undo" did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    Done,
    /// Someone else at the door was quicker: nothing to change.
    AlreadySo,
    /// Not an RSVP of this event, or one that cannot be checked in.
    NotFound,
}

/// Marks an RSVP of the event as arrived. A guarded UPDATE, so two phones
/// at the door tapping the same name record one arrival time.
pub async fn check_in(db: &impl ConnectionTrait, event_id: i64, rsvp_id: i64, now: DateTime<Utc>) -> Result<Marked, Error> {
    let Some(l) = attendee_line(db, event_id, rsvp_id).await? else { return Ok(Marked::NotFound) };
    if !can_check_in(l.status) {
        return Ok(Marked::NotFound);
    }
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::CheckedInAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::CheckedInAt.is_null())
        .filter(rsvp::Column::Status.ne(RsvpStatus::Cancelled.as_str()))
        .exec(db)
        .await?;
    Ok(if changed.rows_affected == 1 { Marked::Done } else { Marked::AlreadySo })
}

/// Takes back a check-in made by mistake.
pub async fn undo_check_in(db: &impl ConnectionTrait, event_id: i64, rsvp_id: i64) -> Result<Marked, Error> {
    if attendee_line(db, event_id, rsvp_id).await?.is_none() {
        return Ok(Marked::NotFound);
    }
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::CheckedInAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::CheckedInAt.is_not_null())
        .exec(db)
        .await?;
    Ok(if changed.rows_affected == 1 { Marked::Done } else { Marked::AlreadySo })
}

/// Why a walk-in was not added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkInRefused {
    /// Counted against the capacity, and not that many seats are left.
    Full,
    /// The address already has an RSVP for this event.
    AlreadyRsvpd,
}

/// Adds someone who came without an RSVP, checked in, going. When the
/// organizer counts them against the capacity the seats are taken by the
/// guarded UPDATE every RSVP uses, so a walk-in never oversells the room.
/// Run it in a write transaction: a refusal leaves nothing behind.
pub async fn add_walk_in(
    db: &impl ConnectionTrait,
    event_id: i64,
    w: &WalkIn,
    now: DateTime<Utc>,
) -> Result<Result<i64, WalkInRefused>, Error> {
    if w.takes_seat && !take_seats(db, event_id, w.people()).await? {
        return Ok(Err(WalkInRefused::Full));
    }
    let row = rsvp::ActiveModel {
        event_id: Set(event_id),
        name: Set(Some(w.name.clone())),
        email: Set(w.email.clone()),
        email_normalized: Set(w.email.as_deref().map(email_address::normalize)),
        status: Set(RsvpStatus::Going.as_str().to_owned()),
        guests: Set(w.guests),
        created_at: Set(now),
        updated_at: Set(now),
        checked_in_at: Set(Some(now)),
        walk_in: Set(true),
        takes_seat: Set(w.takes_seat),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(r) => Ok(Ok(r.id)),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(Err(WalkInRefused::AlreadyRsvpd)),
        Err(e) => Err(e.into()),
    }
}

/// People who said they were going, and people who came, of one event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Turnout {
    /// People going by RSVP (walk-ins are not RSVPs).
    pub rsvpd: i64,
    /// People checked in at the door, walk-ins included.
    pub attended: i64,
}

/// RSVP'd against attended for each of these events, summed by the
/// database (a chapter's past events may hold many RSVPs).
pub async fn turnout(db: &impl ConnectionTrait, event_ids: &[i64]) -> Result<HashMap<i64, Turnout>, Error> {
    let mut out: HashMap<i64, Turnout> = event_ids.iter().map(|id| (*id, Turnout::default())).collect();
    if event_ids.is_empty() {
        return Ok(out);
    }
    // The ids are integers, so listing them in the text is safe.
    let ids = event_ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let (going, cancelled) = (RsvpStatus::Going.as_str(), RsvpStatus::Cancelled.as_str());
    let sql = format!(
        "SELECT event_id, \
         CAST(SUM(CASE WHEN status = '{going}' AND NOT walk_in THEN 1 + guests ELSE 0 END) AS BIGINT), \
         CAST(SUM(CASE WHEN checked_in_at IS NOT NULL AND status <> '{cancelled}' THEN 1 + guests ELSE 0 END) AS BIGINT) \
         FROM rsvps WHERE event_id IN ({ids}) GROUP BY event_id"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    for r in rows {
        let event_id: i64 = r.try_get_by_index(0)?;
        let rsvpd: Option<i64> = r.try_get_by_index(1)?;
        let attended: Option<i64> = r.try_get_by_index(2)?;
        out.insert(event_id, Turnout { rsvpd: rsvpd.unwrap_or(0), attended: attended.unwrap_or(0) });
    }
    Ok(out)
}

/// The event an RSVP belongs to.
pub async fn event_of(db: &impl ConnectionTrait, rsvp_id: i64) -> Result<Option<i64>, Error> {
    Ok(rsvp::Entity::find_by_id(rsvp_id).one(db).await?.map(|r| r.event_id))
}
