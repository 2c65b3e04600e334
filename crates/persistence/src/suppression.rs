//! Addresses that refused mail for good. A receiving server that answers
//! "550 no such user" will answer it again: reminders and notices stop going
//! there (they would only hurt the sender's reputation), while confirmations
//! and account mail still try, since a person may have fixed their mailbox.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use turnout_domain::email_address::normalize;

use crate::entities::suppressed_address::{self, Column};
use crate::error::Error;

/// One suppressed address, for operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppressed {
    pub address: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// Suppresses an address (again: the newest reason wins).
pub async fn suppress(db: &impl ConnectionTrait, address: &str, reason: &str, now: DateTime<Utc>) -> Result<(), Error> {
    let row = suppressed_address::ActiveModel {
        address: Set(normalize(address)),
        reason: Set(reason.chars().take(2000).collect()),
        created_at: Set(now),
    };
    suppressed_address::Entity::insert(row)
        .on_conflict(OnConflict::column(Column::Address).update_columns([Column::Reason, Column::CreatedAt]).to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Lifts the suppression of an address (it accepted mail again, or an
/// operator says so). Returns whether it was suppressed.
pub async fn lift(db: &impl ConnectionTrait, address: &str) -> Result<bool, Error> {
    let done = suppressed_address::Entity::delete_many().filter(Column::Address.eq(normalize(address))).exec(db).await?;
    Ok(done.rows_affected > 0)
}

/// Which of these addresses are suppressed (normalized).
pub async fn among(db: &impl ConnectionTrait, addresses: &[String]) -> Result<Vec<String>, Error> {
    if addresses.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<String> = addresses.iter().map(|a| normalize(a)).collect();
    Ok(suppressed_address::Entity::find().filter(Column::Address.is_in(wanted)).all(db).await?.into_iter().map(|r| r.address).collect())
}

/// Every suppressed address (optionally containing `part`), newest first.
pub async fn list(db: &impl ConnectionTrait, part: Option<&str>) -> Result<Vec<Suppressed>, Error> {
    let mut q = suppressed_address::Entity::find().order_by_desc(Column::CreatedAt);
    if let Some(part) = part {
        q = q.filter(Column::Address.contains(normalize(part)));
    }
    Ok(q.all(db).await?.into_iter().map(|r| Suppressed { address: r.address, reason: r.reason, created_at: r.created_at }).collect())
}

/// Erases these (normalized) addresses: their owner deleted their account.
pub async fn forget(db: &impl ConnectionTrait, addresses: &[String]) -> Result<(), Error> {
    if !addresses.is_empty() {
        suppressed_address::Entity::delete_many().filter(Column::Address.is_in(addresses.to_vec())).exec(db).await?;
    }
    Ok(())
}
