use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
};
use turnout_domain::email_address;
use turnout_domain::language::Language;
use turnout_domain::rsvp::{Answer, Reply, RsvpOutcome, RsvpStatus};

use crate::entities::{event, rsvp};
use crate::error::Error;

pub use crate::seats::{hold_open_event, release as release_seats, take as take_seats};
pub use crate::waitlist::{Promoted, position as waitlist_position, promote as promote_waitlist};

fn status_of(r: &rsvp::Model) -> RsvpStatus {
    RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going)
}

/// An RSVP to record: from the form, a member's click, or an organizer.
#[derive(Debug, Clone)]
pub struct NewRsvp<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub user_id: Option<i64>,
    pub reply: Reply,
    /// Set when the seat is only held until the guest confirms by email.
    pub hold_until: Option<DateTime<Utc>>,
    /// Whether a party that finds no seats joins the waitlist (else `Error::Full`).
    pub waitlist: bool,
    /// The language the RSVP is made in: its emails are written in it.
    pub language: Language,
    /// An id taken beforehand (`rsvp_ids`) and its manage link's token hash,
    /// for an RSVP whose confirmation was composed before the transaction.
    /// Not used for a party that joins the waitlist: its place in line is its
    /// id, which must follow the order of arrival.
    pub reserved: Option<(i64, String)>,
}

/// Records an RSVP: going while seats are left for the whole party,
/// waitlisted after; maybe and can't go take no seat. An address (or, for a
/// member, the account) that already answered gets its existing RSVP back
/// unchanged. Run it in a write transaction together with the email.
pub async fn record(db: &impl ConnectionTrait, event_id: i64, new: NewRsvp<'_>, now: DateTime<Utc>) -> Result<RsvpOutcome, Error> {
    let normalized = email_address::normalize(new.email);
    let prior = existing(db, event_id, new.user_id, &normalized).await?;
    if let Some(r) = &prior {
        let status = status_of(r);
        if status != RsvpStatus::Cancelled {
            return Ok(RsvpOutcome { rsvp_id: r.id, status, already_registered: true, recorded_at: r.created_at });
        }
    }
    let status = match new.reply.answer {
        Answer::Going if take_seats(db, event_id, new.reply.people()).await? => RsvpStatus::Going,
        Answer::Going if new.waitlist => RsvpStatus::Waitlisted,
        Answer::Going => return Err(Error::Full),
        other => other.status_without_seat(),
    };
    // A cancelled RSVP by the same person is replaced rather than duplicated
    // (only cancelled ones are left when `prior` is one).
    if prior.is_some() {
        rsvp::Entity::delete_many()
            .filter(rsvp::Column::EventId.eq(event_id))
            .filter(rsvp::Column::EmailNormalized.eq(normalized.as_str()))
            .filter(rsvp::Column::Status.eq(RsvpStatus::Cancelled.as_str()))
            .exec(db)
            .await?;
    }
    let reserved = new.reserved.filter(|_| status != RsvpStatus::Waitlisted);
    let row = rsvp::ActiveModel {
        id: reserved.as_ref().map_or(NotSet, |(id, _)| Set(*id)),
        manage_token_hash: Set(reserved.map(|(_, hash)| hash)),
        event_id: Set(event_id),
        name: Set(Some(new.name.to_owned())),
        email: Set(Some(new.email.to_owned())),
        email_normalized: Set(Some(normalized)),
        status: Set(status.as_str().to_owned()),
        guests: Set(new.reply.guests),
        created_at: Set(now),
        updated_at: Set(now),
        user_id: Set(new.user_id),
        hold_until: Set(new.hold_until),
        language: Set(Some(new.language.tag().to_owned())),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(r) => Ok(RsvpOutcome { rsvp_id: r.id, status, already_registered: false, recorded_at: r.created_at }),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(Error::Duplicate),
        Err(e) => Err(e.into()),
    }
}

/// The RSVP of this address, or of this member whatever address they used;
/// a live answer before a cancelled one.
async fn existing(db: &impl ConnectionTrait, event_id: i64, user_id: Option<i64>, normalized: &str) -> Result<Option<rsvp::Model>, Error> {
    let mut who = Condition::any().add(rsvp::Column::EmailNormalized.eq(normalized));
    if let Some(u) = user_id {
        who = who.add(rsvp::Column::UserId.eq(u));
    }
    let mut rows =
        rsvp::Entity::find().filter(rsvp::Column::EventId.eq(event_id)).filter(who).order_by_asc(rsvp::Column::Id).all(db).await?;
    rows.sort_by_key(|r| status_of(r) == RsvpStatus::Cancelled);
    Ok(rows.into_iter().next())
}

/// What changing an RSVP did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Done. `freed` when seats may have come free (the caller promotes).
    Done { status: RsvpStatus, freed: bool },
    /// Going with more people than seats are left: nothing changed.
    NoRoom { left: i32 },
}

/// Changes an RSVP's answer or number of guests. More people while going
/// takes the extra seats or is refused (the RSVP stays as it was); fewer, or
/// maybe and can't go, give seats back. A waitlisted party keeps its place
/// when its size changes; someone who had said maybe or can't go (or had
/// cancelled) and now says going gets seats if the whole party fits, else
/// joins the end of the line. A guarded UPDATE on what was read: a change
/// made meanwhile by another request gives `Error::Stale` instead of being
/// overwritten.
pub async fn change(db: &impl ConnectionTrait, rsvp_id: i64, reply: Reply, now: DateTime<Utc>) -> Result<Changed, Error> {
    let r = rsvp::Entity::find_by_id(rsvp_id).one(db).await?.ok_or(Error::NotFound("RSVP"))?;
    let before = status_of(&r);
    let held = crate::seats::held_by(&r);
    let mut line = r.line;
    let status = match (reply.answer, before) {
        (Answer::Going, RsvpStatus::Going) => {
            let more = if r.takes_seat { reply.people() - held } else { 0 };
            if more > 0 && !take_seats(db, r.event_id, more).await? {
                let e = event::Entity::find_by_id(r.event_id).one(db).await?;
                let left = e.and_then(|e| e.capacity.map(|c| std::cmp::max(c - e.seats_taken, 0))).unwrap_or(0);
                return Ok(Changed::NoRoom { left });
            }
            RsvpStatus::Going
        }
        (Answer::Going, RsvpStatus::Waitlisted) => RsvpStatus::Waitlisted,
        (Answer::Going, _) => {
            if take_seats(db, r.event_id, reply.people()).await? {
                line = None;
                RsvpStatus::Going
            } else if event::Entity::find_by_id(r.event_id).one(db).await?.is_some_and(|e| e.no_waitlist) {
                return Ok(Changed::NoRoom { left: 0 });
            } else {
                line = Some(crate::waitlist::end_of_line(db).await?);
                RsvpStatus::Waitlisted
            }
        }
        (other, _) => other.status_without_seat(),
    };
    let now_held = if status == RsvpStatus::Going && r.takes_seat { reply.people() } else { 0 };
    let freed = if before == RsvpStatus::Going { std::cmp::max(held - now_held, 0) } else { 0 };
    let updated = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value(status.as_str()))
        .col_expr(rsvp::Column::Guests, Expr::value(reply.guests))
        .col_expr(rsvp::Column::Line, Expr::value(line))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::Status.eq(r.status.as_str()))
        .filter(rsvp::Column::Guests.eq(r.guests))
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        // Whatever was taken above is undone with the caller's transaction.
        return Err(Error::Stale);
    }
    release_seats(db, r.event_id, freed).await?;
    // A waitlisted party that got smaller may fit now: let promotion look.
    let smaller_in_line = before == RsvpStatus::Waitlisted && status == RsvpStatus::Waitlisted && reply.guests < r.guests;
    Ok(Changed::Done { status, freed: freed > 0 || smaller_in_line })
}

/// Marks a held RSVP as confirmed by its owner: it keeps its place for good.
/// False when there was no hold (already confirmed, or released).
pub async fn confirm_hold(db: &impl ConnectionTrait, rsvp_id: i64) -> Result<bool, Error> {
    let done = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::HoldUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::HoldUntil.is_not_null())
        .filter(rsvp::Column::Status.is_in([RsvpStatus::Going.as_str(), RsvpStatus::Waitlisted.as_str()]))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// Seats held for guests who did not confirm in time: (rsvp, event), oldest
/// first. Only seats: someone waiting in line holds none, and gets a fresh
/// hold when promoted.
pub async fn expired_holds(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<(i64, i64)>, Error> {
    Ok(rsvp::Entity::find()
        .filter(rsvp::Column::HoldUntil.lte(now))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Going.as_str()))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.event_id))
        .collect())
}

/// Gives a member the RSVPs made as a guest with their address, once they
/// have proved it is theirs (never because someone typed it).
pub async fn adopt(db: &impl ConnectionTrait, user_id: i64, email: &str) -> Result<u64, Error> {
    let done = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::UserId, Expr::value(user_id))
        .filter(rsvp::Column::EmailNormalized.eq(email_address::normalize(email)))
        .filter(rsvp::Column::UserId.is_null())
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// A member's own RSVP to an event, as the event page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mine {
    pub rsvp_id: i64,
    pub status: RsvpStatus,
    pub guests: i32,
    /// 1 for the first in line, when waitlisted.
    pub waitlist_position: Option<u64>,
}

/// The member's live RSVP (by account, or as a guest with their address).
pub async fn mine(db: &impl ConnectionTrait, event_id: i64, user_id: i64, email: &str) -> Result<Option<Mine>, Error> {
    let Some(r) = existing(db, event_id, Some(user_id), &email_address::normalize(email)).await? else { return Ok(None) };
    let status = status_of(&r);
    if status == RsvpStatus::Cancelled {
        return Ok(None);
    }
    let waitlist_position = match status {
        RsvpStatus::Waitlisted => Some(waitlist_position(db, event_id, r.id).await?),
        _ => None,
    };
    Ok(Some(Mine { rsvp_id: r.id, status, guests: r.guests, waitlist_position }))
}

/// People (not RSVPs: each party counts 1 + guests) by answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct People {
    pub going: u64,
    pub waitlisted: u64,
    pub maybe: u64,
    pub cant_go: u64,
}

/// How many people an event has, by answer: what the public may see.
/// Counted by the database, one row per answer: an event with thousands of
/// RSVPs costs the page no more than one with ten.
pub async fn people(db: &impl ConnectionTrait, event_id: i64) -> Result<People, Error> {
    let rows: Vec<(String, i64, i64)> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::Status)
        .column_as(rsvp::Column::Id.count(), "rsvps")
        .column_as(rsvp::Column::Guests.sum(), "guests")
        .filter(rsvp::Column::EventId.eq(event_id))
        .group_by(rsvp::Column::Status)
        .into_tuple::<(String, i64, Option<i64>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(status, rsvps, guests)| (status, rsvps, guests.unwrap_or(0)))
        .collect();
    let mut out = People::default();
    for (status, rsvps, guests) in rows {
        let rsvps = u64::try_from(rsvps).unwrap_or(0);
        let n = rsvps + u64::try_from(guests).unwrap_or(0);
        match RsvpStatus::parse(&status).unwrap_or(RsvpStatus::Going) {
            RsvpStatus::Going => out.going += n,
            RsvpStatus::Waitlisted => out.waitlisted += n,
            RsvpStatus::Maybe => out.maybe += rsvps,
            RsvpStatus::CantGo => out.cant_go += rsvps,
            RsvpStatus::Cancelled => {}
        }
    }
    Ok(out)
}

/// A going RSVP as the reminder sweep needs it.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub rsvp_id: i64,
    pub name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub status: RsvpStatus,
    /// The language their messages are written in.
    pub language: Language,
}

/// The language an RSVP's messages are written in (English for RSVPs made
/// before languages were recorded).
pub fn language_of(r: &rsvp::Model) -> Language {
    r.language.as_deref().and_then(Language::from_tag).unwrap_or_default()
}

/// People to remind of an event who still have an address to write to:
/// those going whose place is confirmed (a seat held for a guest who has
/// not confirmed gets no reminder), and those who said maybe if `maybe`.
pub async fn going(db: &impl ConnectionTrait, event_id: i64, maybe: bool) -> Result<Vec<Attendee>, Error> {
    let mut answers = vec![RsvpStatus::Going.as_str()];
    if maybe {
        answers.push(RsvpStatus::Maybe.as_str());
    }
    Ok(rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(event_id))
        .filter(rsvp::Column::Status.is_in(answers))
        .filter(rsvp::Column::HoldUntil.is_null())
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| {
            let status = status_of(&r);
            Some(Attendee {
                rsvp_id: r.id,
                language: language_of(&r),
                email: r.email?,
                name: r.name.unwrap_or_default(),
                created_at: r.created_at,
                status,
            })
        })
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
    pub guests: i32,
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
            guests: r.guests,
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
    /// The language their messages are written in.
    pub language: Language,
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
                language: language_of(&r),
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

/// The stored row, for the waitlist's own moves.
pub async fn row(db: &impl ConnectionTrait, rsvp_id: i64) -> Result<Option<rsvp::Model>, Error> {
    Ok(rsvp::Entity::find_by_id(rsvp_id).one(db).await?)
}

/// An RSVP as a sweep or an organizer's action reads it.
pub async fn find_by_id(db: &impl ConnectionTrait, rsvp_id: i64) -> Result<Option<Managed>, Error> {
    let Some(r) = rsvp::Entity::find_by_id(rsvp_id).one(db).await? else { return Ok(None) };
    Ok(Some(Managed {
        language: language_of(&r),
        rsvp_id: r.id,
        event_id: r.event_id,
        name: r.name.clone().unwrap_or_default(),
        email: r.email.clone().unwrap_or_default(),
        status: status_of(&r),
        guests: r.guests,
        hold_until: r.hold_until,
        waitlist_position: None,
    }))
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
    pub guests: i32,
    /// Until when a guest's place is held waiting for them to confirm.
    pub hold_until: Option<DateTime<Utc>>,
    /// 1 for the first in line, when waitlisted.
    pub waitlist_position: Option<u64>,
    /// The language their messages are written in.
    pub language: Language,
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
        language: language_of(&r),
        rsvp_id: r.id,
        event_id: r.event_id,
        name: r.name.unwrap_or_default(),
        email: r.email.unwrap_or_default(),
        status,
        guests: r.guests,
        hold_until: r.hold_until,
        waitlist_position,
    }))
}

/// Cancels an RSVP and gives back its party's seats if it had them. A guarded
/// UPDATE: of two clicks, one cancels and the other finds nothing to do.
/// Returns the status it had, or `None` when it was already cancelled.
pub async fn cancel(db: &impl ConnectionTrait, rsvp_id: i64, now: DateTime<Utc>) -> Result<Option<RsvpStatus>, Error> {
    let Some(r) = rsvp::Entity::find_by_id(rsvp_id).one(db).await? else { return Ok(None) };
    let before = status_of(&r);
    if before == RsvpStatus::Cancelled {
        return Ok(None);
    }
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value(RsvpStatus::Cancelled.as_str()))
        .col_expr(rsvp::Column::HoldUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .filter(rsvp::Column::Status.eq(r.status.as_str()))
        .filter(rsvp::Column::Guests.eq(r.guests))
        .exec(db)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(None);
    }
    release_seats(db, r.event_id, crate::seats::held_by(&r)).await?;
    Ok(Some(before))
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
