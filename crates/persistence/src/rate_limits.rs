//! Rate-limit counters, kept in the database so every instance shares them.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use turnout_domain::rate_limit::{Limit, retry_after};

use crate::connect::{Db, begin_write};
use crate::entities::rate_limit;
use crate::error::Error;

/// Counts one hit on `key`. `Some(wait)` when the limit is exceeded.
///
/// The counter moves in one UPDATE (the same rule as `next_count`, in SQL), so
/// concurrent hits from several requests or instances are all counted.
pub async fn hit(db: &Db, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<Option<Duration>, Error> {
    let txn = begin_write(db).await?;
    rate_limit::Entity::insert(rate_limit::ActiveModel { key: Set(key.to_owned()), window_start: Set(now), hits: Set(0) })
        .on_conflict(OnConflict::column(rate_limit::Column::Key).do_nothing().to_owned())
        .try_insert()
        .exec_without_returning(&txn)
        .await?;
    let expired = now - limit.window;
    rate_limit::Entity::update_many()
        .col_expr(
            rate_limit::Column::Hits,
            Expr::case(Expr::col(rate_limit::Column::WindowStart).lte(expired), 1)
                .finally(Expr::col(rate_limit::Column::Hits).add(1))
                .into(),
        )
        .col_expr(
            rate_limit::Column::WindowStart,
            Expr::case(Expr::col(rate_limit::Column::WindowStart).lte(expired), now)
                .finally(Expr::col(rate_limit::Column::WindowStart))
                .into(),
        )
        .filter(rate_limit::Column::Key.eq(key))
        .exec(&txn)
        .await?;
    let row = rate_limit::Entity::find_by_id(key.to_owned()).one(&txn).await?.ok_or(Error::NotFound("rate limit"))?;
    txn.commit().await?;
    Ok(retry_after(row.window_start, u32::try_from(row.hits).unwrap_or(0), limit, now))
}

/// Forgets the counter (e.g. failed logins after a successful one).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), Error> {
    rate_limit::Entity::delete_by_id(key.to_owned()).exec(db).await?;
    Ok(())
}

/// Whether `key` is over its limit now, without counting a hit.
pub async fn blocked(db: &impl ConnectionTrait, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<Option<Duration>, Error> {
    let Some(c) = rate_limit::Entity::find_by_id(key.to_owned()).one(db).await? else { return Ok(None) };
    if now >= c.window_start + limit.window {
        return Ok(None);
    }
    // At the limit already: the next hit would be one too many.
    Ok(retry_after(c.window_start, u32::try_from(c.hits).unwrap_or(0) + 1, limit, now))
}

/// How long a counter is kept after its window started: longer than the window
/// of any limit, so only counters that no longer count anything are dropped.
pub const KEEP: Duration = Duration::days(2);

/// Drops up to `max` counters whose window started before `now - KEEP`, so the
/// table holds recent clients only (every address that ever posted a form
/// would otherwise stay in it for good). Returns how many went.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>, max: u64) -> Result<u64, Error> {
    // Bounded: one sweep never holds the write lock for long, the next one continues.
    let stale = Query::select()
        .column(rate_limit::Column::Key)
        .from(rate_limit::Entity)
        .and_where(Expr::col(rate_limit::Column::WindowStart).lt(now - KEEP))
        .limit(max)
        .to_owned();
    let r = rate_limit::Entity::delete_many().filter(rate_limit::Column::Key.in_subquery(stale)).exec(db).await?;
    Ok(r.rows_affected)
}
