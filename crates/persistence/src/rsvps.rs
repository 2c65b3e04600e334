use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, SqlErr};
use turnout_domain::email_address;
use turnout_domain::rsvp::{GuestRsvp, RsvpOutcome, RsvpStatus};

use crate::entities::{event, rsvp};
use crate::error::Error;

/// Takes `people` seats if that many are left. A single guarded UPDATE, so
/// two parties racing for the last seats cannot both get them (read-then-write
/// would oversell).
pub async fn take_seats(db: &impl ConnectionTrait, event_id: i64, people: i32) -> Result<bool, Error> {
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
pub async fn release_seats(db: &impl ConnectionTrait, event_id: i64, people: i32) -> Result<(), Error> {
    event::Entity::update_many()
        .col_expr(event::Column::SeatsTaken, Expr::cust_with_exprs("CASE WHEN $1 > $2 THEN $1 - $2 ELSE 0 END", [Expr::col(event::Column::SeatsTaken).into(), Expr::val(people).into()]))
        .filter(event::Column::Id.eq(event_id))
        .exec(db)
        .await?;
    Ok(())
}

async fn take_seat(db: &impl ConnectionTrait, event_id: i64) -> Result<bool, Error> {
    take_seats(db, event_id, 1).await
}

/// Records a guest's RSVP: going while seats are left, waitlisted after. An
/// email that already RSVP'd to the event gets its existing RSVP back. Run it
/// in a write transaction together with the confirmation email.
pub async fn record_guest(
    db: &impl ConnectionTrait,
    event_id: i64,
    guest: &GuestRsvp,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<RsvpOutcome, Error> {
    let normalized = email_address::normalize(&guest.email);
    let existing = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::EmailNormalized.eq(normalized.as_str()))
        .one(db)
        .await?;
    if let Some(r) = existing {
        let status = RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going);
        if status != RsvpStatus::Cancelled {
            return Ok(RsvpOutcome { rsvp_id: r.id, status, already_registered: true });
        }
    }
    let status = if take_seat(db, event_id).await? { RsvpStatus::Going } else { RsvpStatus::Waitlisted };
    let row = rsvp::ActiveModel {
        event_id: Set(event_id),
        name: Set(Some(guest.name.clone())),
        email: Set(Some(guest.email.clone())),
        email_normalized: Set(Some(normalized)),
        status: Set(status.as_str().to_owned()),
        guests: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        user_id: Set(user_id),
        ..Default::default()
    };
    // A cancelled RSVP by the same address is replaced rather than duplicated.
    rsvp::Entity::delete_many()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::EmailNormalized.eq(email_address::normalize(&guest.email)))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Cancelled.as_str()))
        .exec(db)
        .await?;
    match row.insert(db).await {
        Ok(r) => Ok(RsvpOutcome { rsvp_id: r.id, status, already_registered: false }),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(Error::Duplicate),
        Err(e) => Err(e.into()),
    }
}

/// A going RSVP as the reminder sweep needs it.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub rsvp_id: i64,
    pub name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// People going to an event who still have an address to write to.
pub async fn going(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<Attendee>, Error> {
    Ok(rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Going.as_str()))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Some(Attendee { rsvp_id: r.id, email: r.email?, name: r.name.unwrap_or_default(), created_at: r.created_at }))
        .collect())
}

/// How many RSVPs an event has, by status: what the public may see.
pub async fn count(db: &impl ConnectionTrait, event_id: i64, status: RsvpStatus) -> Result<u64, Error> {
    use sea_orm::PaginatorTrait;
    Ok(rsvp::Entity::find().filter(rsvp::Column::EventId.eq(event_id)).filter(rsvp::Column::Status.eq(status.as_str())).count(db).await?)
}

/// One line of an event's attendee list, as its organizers see it.
#[derive(Debug, Clone)]
pub struct AttendeeRow {
    /// "deleted member" once the person erased their account.
    pub name: String,
    pub email: String,
    pub status: RsvpStatus,
    pub created_at: DateTime<Utc>,
}

pub async fn attendees(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<AttendeeRow>, Error> {
    Ok(rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| AttendeeRow {
            name: r.name.unwrap_or_else(|| "deleted member".to_owned()),
            email: r.email.unwrap_or_default(),
            status: RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going),
            created_at: r.created_at,
        })
        .collect())
}

/// One of a person's RSVPs, for their account page and data export.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MyRsvp {
    pub event_id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub time_zone: String,
    pub status: RsvpStatus,
    pub rsvp_at: DateTime<Utc>,
}

/// A person's RSVPs: made while logged in, or as a guest with their address.
pub async fn for_person(db: &impl ConnectionTrait, user_id: i64, email: &str) -> Result<Vec<MyRsvp>, Error> {
    use crate::entities::event;
    let rows = rsvp::Entity::find()
        .filter(
            Condition::any().add(rsvp::Column::UserId.eq(user_id)).add(rsvp::Column::EmailNormalized.eq(email_address::normalize(email))),
        )
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let Some(e) = event::Entity::find_by_id(r.event_id).one(db).await? else { continue };
        out.push(MyRsvp {
            event_id: e.id,
            title: e.title,
            starts_at: e.starts_at,
            time_zone: e.time_zone,
            status: RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going),
            rsvp_at: r.created_at,
        });
    }
    out.sort_by_key(|r| r.starts_at);
    Ok(out)
}

/// Someone who RSVP'd and can still be written to.
#[derive(Debug, Clone)]
pub struct Addressee {
    pub rsvp_id: i64,
    pub name: String,
    pub email: String,
    pub status: RsvpStatus,
}

/// Everyone with an address who RSVP'd to an event, whatever their status.
pub async fn attendees_with_address(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<Addressee>, Error> {
    Ok(rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(Addressee {
                rsvp_id: r.id,
                email: r.email?,
                name: r.name.unwrap_or_default(),
                status: RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going),
            })
        })
        .collect())
}

/// Whether this person (by account or address) has a going RSVP for the event.
pub async fn is_going(db: &impl ConnectionTrait, event_id: i64, user_id: i64, email: &str) -> Result<bool, Error> {
    use sea_orm::PaginatorTrait;
    let n = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Going.as_str()))
        .filter(
            Condition::any().add(rsvp::Column::UserId.eq(user_id)).add(rsvp::Column::EmailNormalized.eq(email_address::normalize(email))),
        )
        .count(db)
        .await?;
    Ok(n > 0)
}

/// Gives an RSVP the hash of its manage link's token.
pub async fn set_manage_token_hash(db: &impl ConnectionTrait, rsvp_id: i64, hash: &str) -> Result<(), Error> {
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::ManageTokenHash, Expr::value(hash))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .exec(db)
        .await?;
    Ok(())
}

/// An RSVP as its manage page shows it.
#[derive(Debug, Clone)]
pub struct Managed {
    pub rsvp_id: i64,
    pub event_id: i64,
    pub name: String,
    pub email: String,
    pub status: RsvpStatus,
    /// 1 for the first in line, when waitlisted.
    pub waitlist_position: Option<u64>,
}

/// The RSVP a manage link's token belongs to (by the token's hash).
pub async fn find_by_manage_hash(db: &impl ConnectionTrait, hash: &str) -> Result<Option<Managed>, Error> {
    let Some(r) = rsvp::Entity::find().filter(rsvp::Column::ManageTokenHash.eq(hash)).one(db).await? else { return Ok(None) };
    let status = RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going);
    let waitlist_position = match status {
        RsvpStatus::Waitlisted => Some(waitlist_position(db, r.event_id, r.id).await?),
        _ => None,
    };
    Ok(Some(Managed {
        rsvp_id: r.id,
        event_id: r.event_id,
        name: r.name.unwrap_or_default(),
        email: r.email.unwrap_or_default(),
        status,
        waitlist_position,
    }))
}

/// Where a waitlisted RSVP stands in line: first come, first served.
pub async fn waitlist_position(db: &impl ConnectionTrait, event_id: i64, rsvp_id: i64) -> Result<u64, Error> {
    use sea_orm::PaginatorTrait;
    let ahead = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted.as_str()))
        .filter(rsvp::Column::Id.lt(rsvp_id))
        .count(db)
        .await?;
    Ok(ahead + 1)
}

/// Cancels an RSVP and gives back its seat if it had one. A guarded UPDATE:
/// of two clicks, one cancels and the other finds nothing to do. Returns the
/// status it had, or `None` when it was already cancelled.
pub async fn cancel(db: &impl ConnectionTrait, rsvp_id: i64, now: DateTime<Utc>) -> Result<Option<RsvpStatus>, Error> {
    let Some(r) = rsvp::Entity::find_by_id(rsvp_id).one(db).await? else { return Ok(None) };
    let before = RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going);
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value(RsvpStatus::Cancelled.as_str()))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::Status.eq(before.as_str()))
        .exec(db)
        .await?;
    if changed.rows_affected != 1 || before == RsvpStatus::Cancelled {
        return Ok(None);
    }
    if before == RsvpStatus::Going {
        event::Entity::update_many()
            .col_expr(event::Column::SeatsTaken, Expr::col(event::Column::SeatsTaken).sub(1))
            .filter(event::Column::Id.eq(r.event_id))
            .filter(event::Column::SeatsTaken.gt(0))
            .exec(db)
            .await?;
    }
    Ok(Some(before))
}

/// Someone moved from the waitlist to going.
#[derive(Debug, Clone)]
pub struct Promoted {
    pub rsvp_id: i64,
    pub name: String,
    pub email: Option<String>,
}

/// Fills free seats from the waitlist, earliest first, in the caller's
/// transaction (the one that freed them). Each seat is taken by the guarded
/// UPDATE every RSVP uses and each RSVP moves by a guarded UPDATE of its
/// status, so two transactions promoting at once can neither oversell nor
/// promote one person twice.
pub async fn promote_waitlist(db: &impl ConnectionTrait, event_id: i64, now: DateTime<Utc>) -> Result<Vec<Promoted>, Error> {
    let mut promoted = Vec::new();
    let waiting = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted.as_str()))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?;
    for r in waiting {
        if !take_seat(db, event_id).await? {
            break;
        }
        let moved = rsvp::Entity::update_many()
            .col_expr(rsvp::Column::Status, Expr::value(RsvpStatus::Going.as_str()))
            .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
            .filter(rsvp::Column::Id.eq(r.id))
            .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted.as_str()))
            .exec(db)
            .await?;
        if moved.rows_affected == 1 {
            promoted.push(Promoted { rsvp_id: r.id, name: r.name.unwrap_or_default(), email: r.email });
        } else {
            // Promoted or cancelled by someone else meanwhile: give the seat back.
            event::Entity::update_many()
                .col_expr(event::Column::SeatsTaken, Expr::col(event::Column::SeatsTaken).sub(1))
                .filter(event::Column::Id.eq(event_id))
                .exec(db)
                .await?;
        }
    }
    Ok(promoted)
}

/// A person's RSVPs that still hold a seat or a place in line: made while
/// logged in, or as a guest with one of `addresses` (case-folded).
pub async fn active_for_person(db: &impl ConnectionTrait, user_id: i64, addresses: &[String]) -> Result<Vec<(i64, i64)>, Error> {
    let mut who = Condition::any().add(rsvp::Column::UserId.eq(user_id));
    if !addresses.is_empty() {
        who = who.add(rsvp::Column::EmailNormalized.is_in(addresses.iter().map(String::as_str)));
    }
    Ok(rsvp::Entity::find()
        .filter(who)
        .filter(rsvp::Column::Status.is_in([RsvpStatus::Going.as_str(), RsvpStatus::Waitlisted.as_str()]))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.event_id))
        .collect())
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
