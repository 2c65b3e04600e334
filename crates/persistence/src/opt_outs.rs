//! The kinds of mail people turned off, by address (members and guests
//! alike). Only kinds a person may leave are stored here: confirmations,
//! cancellations and account mail always go.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use turnout_domain::email_address::normalize;
use turnout_domain::outbox::MailCategory;

use crate::entities::mail_opt_out::{self, Column};
use crate::error::Error;

/// Turns a kind of mail off for an address (again: nothing changes).
pub async fn opt_out(db: &impl ConnectionTrait, address: &str, category: MailCategory, now: DateTime<Utc>) -> Result<(), Error> {
    choose(db, address, category, false, now).await
}

/// Turns a kind of mail on again (or, for the digest, on at all).
pub async fn opt_in(db: &impl ConnectionTrait, address: &str, category: MailCategory, now: DateTime<Utc>) -> Result<(), Error> {
    if category.on_unless_turned_off() {
        mail_opt_out::Entity::delete_many()
            .filter(Column::Address.eq(normalize(address)))
            .filter(Column::Category.eq(category.as_str()))
            .exec(db)
            .await?;
        Ok(())
    } else {
        choose(db, address, category, true, now).await
    }
}

/// One statement, so two clicks at once leave one row with the last choice.
async fn choose(db: &impl ConnectionTrait, address: &str, category: MailCategory, wanted: bool, now: DateTime<Utc>) -> Result<(), Error> {
    let row = mail_opt_out::ActiveModel {
        address: Set(normalize(address)),
        category: Set(category.as_str().to_owned()),
        created_at: Set(now),
        wanted: Set(wanted),
    };
    mail_opt_out::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::Address, Column::Category]).update_columns([Column::Wanted, Column::CreatedAt]).to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Whether an address gets no mail of this kind (turned off, or never turned on).
pub async fn is_out(db: &impl ConnectionTrait, address: &str, category: MailCategory) -> Result<bool, Error> {
    let row = mail_opt_out::Entity::find()
        .filter(Column::Address.eq(normalize(address)))
        .filter(Column::Category.eq(category.as_str()))
        .one(db)
        .await?;
    Ok(match row {
        Some(r) => !r.wanted,
        None => !category.on_unless_turned_off(),
    })
}

/// Which of these addresses turned this kind of mail off (normalized): the
/// ones a message already queued must not reach.
pub async fn among(db: &impl ConnectionTrait, addresses: &[String], category: MailCategory) -> Result<Vec<String>, Error> {
    if addresses.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<String> = addresses.iter().map(|a| normalize(a)).collect();
    Ok(mail_opt_out::Entity::find()
        .filter(Column::Address.is_in(wanted))
        .filter(Column::Category.eq(category.as_str()))
        .filter(Column::Wanted.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.address)
        .collect())
}

/// Every kind of mail each of these addresses turned off, in one query:
/// (normalized address, kind).
pub async fn turned_off(db: &impl ConnectionTrait, addresses: &[String]) -> Result<Vec<(String, MailCategory)>, Error> {
    if addresses.is_empty() {
        return Ok(Vec::new());
    }
    let wanted: Vec<String> = addresses.iter().map(|a| normalize(a)).collect();
    Ok(mail_opt_out::Entity::find()
        .filter(Column::Address.is_in(wanted))
        .filter(Column::Wanted.eq(false))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.address, MailCategory::parse(&r.category)?)))
        .collect())
}

/// The (normalized) addresses that turned on a kind of mail that is off
/// until asked for.
pub async fn wanting(db: &impl ConnectionTrait, category: MailCategory) -> Result<Vec<String>, Error> {
    Ok(mail_opt_out::Entity::find()
        .filter(Column::Category.eq(category.as_str()))
        .filter(Column::Wanted.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.address)
        .collect())
}

/// Forgets these (normalized) addresses: their owner's account was deleted.
pub async fn forget(db: &impl ConnectionTrait, addresses: &[String]) -> Result<(), Error> {
    mail_opt_out::Entity::delete_many().filter(Column::Address.is_in(addresses.to_vec())).exec(db).await?;
    Ok(())
}
