//! Rate-limit counters, kept in the database so every instance shares them.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set};
use turnout_domain::rate_limit::{Limit, next_count, retry_after};

use crate::connect::{Db, begin_write};
use crate::entities::rate_limit;
use crate::error::Error;

/// Counts one hit on `key`. `Some(wait)` when the limit is exceeded.
pub async fn hit(
    db: &Db,
    key: &str,
    limit: Limit,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, Error> {
    let txn = begin_write(db).await?;
    let current = rate_limit::Entity::find_by_id(key.to_owned())
        .one(&txn)
        .await?;
    let (start, hits) = next_count(
        current
            .as_ref()
            .map(|c| (c.window_start, u32::try_from(c.hits).unwrap_or(0))),
        limit,
        now,
    );
    let hits_i32 = i32::try_from(hits).unwrap_or(i32::MAX);
    match current {
        Some(c) => {
            let mut row = c.into_active_model();
            row.window_start = Set(start);
            row.hits = Set(hits_i32);
            row.update(&txn).await?;
        }
        None => {
            rate_limit::ActiveModel {
                key: Set(key.to_owned()),
                window_start: Set(start),
                hits: Set(hits_i32),
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(retry_after(start, hits, limit, now))
}

/// Forgets the counter (e.g. failed logins after a successful one).
pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), Error> {
    rate_limit::Entity::delete_by_id(key.to_owned())
        .exec(db)
        .await?;
    Ok(())
}
