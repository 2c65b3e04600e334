//! Change notices waiting to go. The first edit of a published event's time,
//! place or online link keeps what people were told before it; later edits
//! leave that alone, so the notice, sent a while after the first edit, says
//! old → final in one message however many saves came between.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use turnout_domain::changes::Told;

use crate::entities::event_change::{self, Column};
use crate::entities::venue;
use crate::error::Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub event_id: i64,
    pub told: Told,
    pub notify_at: DateTime<Utc>,
}

/// A venue in one line, as change notices compare and show it.
pub async fn place_line(db: &impl ConnectionTrait, venue_id: Option<i64>) -> Result<String, Error> {
    let Some(id) = venue_id else { return Ok(String::new()) };
    let Some(v) = venue::Entity::find_by_id(id).one(db).await? else { return Ok(String::new()) };
    let venue =
        turnout_domain::event::Venue { name: v.name, street_address: v.street_address, suite: v.suite, city: v.city, ..Default::default() };
    Ok(venue.one_line())
}

/// Keeps what people were told, unless a notice is already waiting (then
/// the earlier "told" stands and the same notice will cover this edit).
pub async fn note(db: &impl ConnectionTrait, event_id: i64, told: Told, notify_at: DateTime<Utc>) -> Result<(), Error> {
    let row = event_change::ActiveModel {
        event_id: Set(event_id),
        told_starts_at: Set(told.starts_at),
        told_ends_at: Set(told.ends_at),
        told_place: Set(told.place),
        told_online_url: Set(told.online_url),
        notify_at: Set(notify_at),
    };
    event_change::Entity::insert(row)
        .on_conflict(OnConflict::column(Column::EventId).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// The notices whose time has come, oldest first.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Pending>, Error> {
    Ok(event_change::Entity::find()
        .filter(Column::NotifyAt.lte(now))
        .order_by_asc(Column::NotifyAt)
        .all(db)
        .await?
        .into_iter()
        .map(pending)
        .collect())
}

/// The notice waiting for one event, if any (for the organizer's timeline).
pub async fn waiting(db: &impl ConnectionTrait, event_id: i64) -> Result<Option<Pending>, Error> {
    Ok(event_change::Entity::find_by_id(event_id).one(db).await?.map(pending))
}

/// Takes a waiting notice: true for the one caller that removed it, so
/// instances sweeping at once send it once.
pub async fn take(db: &impl ConnectionTrait, event_id: i64) -> Result<bool, Error> {
    Ok(event_change::Entity::delete_many().filter(Column::EventId.eq(event_id)).exec(db).await?.rows_affected == 1)
}

fn pending(r: event_change::Model) -> Pending {
    Pending {
        event_id: r.event_id,
        told: Told { starts_at: r.told_starts_at, ends_at: r.told_ends_at, place: r.told_place, online_url: r.told_online_url },
        notify_at: r.notify_at,
    }
}
