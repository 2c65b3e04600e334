//! Recurring meetings: the series and its occurrences (each an event).

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use turnout_domain::recurrence::Rule;

use crate::entities::{event, series};
use crate::error::Error;

pub async fn create(db: &impl ConnectionTrait, chapter_id: i64, rule: Rule, until: NaiveDate, now: DateTime<Utc>) -> Result<i64, Error> {
    let row = series::ActiveModel {
        chapter_id: Set(chapter_id),
        rule: Set(rule.to_stored()),
        until_date: Set(until),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Marks an event as the occurrence of a series on a date.
pub async fn attach(db: &impl ConnectionTrait, event_id: i64, series_id: i64, date: NaiveDate) -> Result<(), Error> {
    event::Entity::update_many()
        .col_expr(event::Column::SeriesId, Expr::value(series_id))
        .col_expr(event::Column::OccurrenceDate, Expr::value(date))
        .filter(event::Column::Id.eq(event_id))
        .exec(db)
        .await?;
    Ok(())
}

/// An occurrence changed on its own: later changes to the series leave it be.
pub async fn detach(db: &impl ConnectionTrait, event_id: i64) -> Result<(), Error> {
    event::Entity::update_many()
        .col_expr(event::Column::Detached, Expr::value(true))
        .filter(event::Column::Id.eq(event_id))
        .exec(db)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub event_id: i64,
    pub date: NaiveDate,
    pub detached: bool,
}

/// The occurrences of a series on or after `from`, in date order.
pub async fn occurrences_from(db: &impl ConnectionTrait, series_id: i64, from: NaiveDate) -> Result<Vec<Occurrence>, Error> {
    Ok(event::Entity::find()
        .filter(event::Column::SeriesId.eq(series_id))
        .filter(event::Column::OccurrenceDate.gte(from))
        .order_by_asc(event::Column::OccurrenceDate)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|e| Some(Occurrence { event_id: e.id, date: e.occurrence_date?, detached: e.detached }))
        .collect())
}

/// The rule of a series.
pub async fn rule(db: &impl ConnectionTrait, series_id: i64) -> Result<Option<Rule>, Error> {
    Ok(series::Entity::find_by_id(series_id).one(db).await?.and_then(|s| Rule::from_stored(&s.rule)))
}
