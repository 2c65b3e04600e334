//! Single-use tokens sent by email. Only their SHA-256 is stored.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use turnout_domain::account::TokenPurpose;

use crate::entities::account_token;
use crate::error::Error;

/// What a new token is for, beyond its purpose.
#[derive(Debug, Clone, Copy, Default)]
pub struct Binding<'a> {
    /// The address a change of address (or its undo) moves to.
    pub new_email: Option<&'a str>,
    /// The session that must be the one to use it (SHA-256 of its cookie).
    pub session_hash: Option<&'a str>,
}

/// Stores a new token and voids the person's earlier unused ones of the
/// same purpose, so only the newest link works.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i64,
    purpose: TokenPurpose,
    token_hash: &str,
    binding: Binding<'_>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    void(db, user_id, &[purpose], now).await?;
    account_token::ActiveModel {
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        new_email: Set(binding.new_email.map(str::to_owned)),
        session_hash: Set(binding.session_hash.map(str::to_owned)),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Voids every unused token of these purposes: after a change of address or
/// password, no link mailed before it works.
pub async fn void(db: &impl ConnectionTrait, user_id: i64, purposes: &[TokenPurpose], now: DateTime<Utc>) -> Result<(), Error> {
    account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::UserId.eq(user_id))
        .filter(account_token::Column::Purpose.is_in(purposes.iter().map(|p| p.as_str())))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The token with this hash if it is for `purpose`, unused and unexpired.
async fn usable(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<account_token::Model>, Error> {
    Ok(account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(token_hash))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?)
}

/// The session a usable token is bound to: `Some(None)` when it is usable and
/// bound to none, `None` when it is not usable.
pub async fn usable_binding(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<Option<String>>, Error> {
    Ok(usable(db, token_hash, purpose, now).await?.map(|t| t.session_hash))
}

/// The account a usable token belongs to.
pub async fn usable_owner(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<i64>, Error> {
    Ok(usable(db, token_hash, purpose, now).await?.map(|t| t.user_id))
}

/// What a consumed token was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumed {
    pub user_id: i64,
    pub new_email: Option<String>,
}

/// Uses a token once: a single guarded UPDATE, so two clicks cannot both
/// succeed. `None` when it is unknown, used, expired or for something else.
pub async fn consume(
    db: &impl ConnectionTrait,
    token_hash: &str,
    purpose: TokenPurpose,
    now: DateTime<Utc>,
) -> Result<Option<Consumed>, Error> {
    let used = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, Expr::value(now))
        .filter(account_token::Column::TokenHash.eq(token_hash))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if used.rows_affected != 1 {
        return Ok(None);
    }
    let row = account_token::Entity::find().filter(account_token::Column::TokenHash.eq(token_hash)).one(db).await?;
    Ok(row.map(|r| Consumed { user_id: r.user_id, new_email: r.new_email }))
}

/// Whether a token would be accepted now (to show the right page before the
/// person presses the button).
pub async fn is_usable(db: &impl ConnectionTrait, token_hash: &str, purpose: TokenPurpose, now: DateTime<Utc>) -> Result<bool, Error> {
    Ok(usable(db, token_hash, purpose, now).await?.is_some())
}
