//! Rate-limit counters, kept in the database so every instance shares them.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter};
use turnout_domain::rate_limit::{Limit, retry_after};

use crate::connect::Db;
use crate::entities::rate_limit;
use crate::error::Error;

/// Counts one hit on `key`. `Some(wait)` when the limit is exceeded.
pub async fn hit(db: &Db, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<Option<Duration>, Error> {
    hit_all(db, &[(key, limit)], now).await
}

/// Counts one hit on each key, in one statement (an RSVP counts two or three
/// limits: one round trip instead of a transaction each), as if counted in
/// order until one is over its limit. `Some(wait)` of the first over it.
/// The limits share one window length (the configured one); each key keeps
/// its own window start.
///
/// The counters move in one upsert (the same rule as `next_count`, in SQL),
/// so concurrent hits from several requests or instances are all counted.
pub async fn hit_all(db: &Db, keys: &[(&str, Limit)], now: DateTime<Utc>) -> Result<Option<Duration>, Error> {
    let _turn = crate::connect::write_turn(db).await?;
    hit_all_in(db, keys, now).await
}

/// `hit_all` inside the caller's write transaction (an RSVP counts its
/// limits in the transaction that records it: one commit, not two).
pub async fn hit_all_in(db: &impl ConnectionTrait, keys: &[(&str, Limit)], now: DateTime<Utc>) -> Result<Option<Duration>, Error> {
    let Some(window) = keys.first().map(|(_, l)| l.window) else { return Ok(None) };
    let expired = Expr::col((rate_limit::Entity, rate_limit::Column::WindowStart)).lte(now - window);
    let mut upsert = Query::insert();
    upsert.into_table(rate_limit::Entity).columns([rate_limit::Column::Key, rate_limit::Column::WindowStart, rate_limit::Column::Hits]);
    for (key, _) in keys {
        upsert.values_panic([(*key).into(), now.into(), 1.into()]);
    }
    upsert
        .on_conflict(
            OnConflict::column(rate_limit::Column::Key)
                .values([
                    (
                        rate_limit::Column::Hits,
                        Expr::case(expired.clone(), 1).finally(Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1)).into(),
                    ),
                    (
                        rate_limit::Column::WindowStart,
                        Expr::case(expired, now).finally(Expr::col((rate_limit::Entity, rate_limit::Column::WindowStart))).into(),
                    ),
                ])
                .to_owned(),
        )
        .returning(Query::returning().columns([rate_limit::Column::Key, rate_limit::Column::WindowStart, rate_limit::Column::Hits]));
    let rows = db.query_all(&upsert).await?;
    let mut waits: Vec<Option<Duration>> = vec![None; keys.len()];
    for row in rows {
        let counter = rate_limit::Model::from_query_result(&row, "")?;
        let Some(i) = keys.iter().position(|(k, _)| *k == counter.key) else { continue };
        waits[i] = retry_after(counter.window_start, u32::try_from(counter.hits).unwrap_or(0), keys[i].1, now);
    }
    // As if counted one by one: a refusal stops the count there, so the
    // keys after it (a wider limit) are not used up by refused attempts.
    let Some(first) = waits.iter().position(Option::is_some) else { return Ok(None) };
    let after: Vec<&str> = keys[first + 1..].iter().map(|(k, _)| *k).collect();
    if !after.is_empty() {
        rate_limit::Entity::update_many()
            .col_expr(rate_limit::Column::Hits, Expr::col(rate_limit::Column::Hits).sub(1))
            .filter(rate_limit::Column::Key.is_in(after))
            .filter(rate_limit::Column::Hits.gt(0))
            .exec(db)
            .await?;
    }
    Ok(waits[first])
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
