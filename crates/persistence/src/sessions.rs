//! Server-side sessions. The table holds the SHA-256 of each cookie token.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::entities::session;
use crate::error::Error;

pub async fn create(db: &impl ConnectionTrait, id_hash: &str, user_id: i64, now: DateTime<Utc>, idle: Duration) -> Result<(), Error> {
    session::ActiveModel {
        id: Set(id_hash.to_owned()),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + idle),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The user of a live session. Extends an idle session's life, writing at
/// most once a minute so reading pages does not mean writing the database.
pub async fn resume(db: &impl ConnectionTrait, id_hash: &str, now: DateTime<Utc>, idle: Duration) -> Result<Option<i64>, Error> {
    let Some(s) = session::Entity::find_by_id(id_hash.to_owned()).one(db).await? else {
        return Ok(None);
    };
    if s.expires_at <= now {
        session::Entity::delete_by_id(id_hash.to_owned()).exec(db).await?;
        return Ok(None);
    }
    if now - s.last_seen_at > Duration::minutes(1) {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .col_expr(session::Column::ExpiresAt, Expr::value(now + idle))
            .filter(session::Column::Id.eq(id_hash))
            .exec(db)
            .await?;
    }
    Ok(Some(s.user_id))
}

pub async fn delete(db: &impl ConnectionTrait, id_hash: &str) -> Result<(), Error> {
    session::Entity::delete_by_id(id_hash.to_owned()).exec(db).await?;
    Ok(())
}

pub async fn delete_all_for_user(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, Error> {
    Ok(session::Entity::delete_many().filter(session::Column::UserId.eq(user_id)).exec(db).await?.rows_affected)
}

pub async fn exists(db: &impl ConnectionTrait, id_hash: &str) -> Result<bool, Error> {
    Ok(session::Entity::find_by_id(id_hash.to_owned()).one(db).await?.is_some())
}
