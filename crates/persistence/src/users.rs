use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, SqlErr};
use turnout_domain::email_address::normalize;
use turnout_domain::language::Language;

use crate::entities::{account_token, membership, outbox, rsvp, session, user, user_address};
use crate::error::Error;

/// A live (not deleted) account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub verified: bool,
    pub is_site_admin: bool,
    /// Their chosen language, if they chose one.
    pub language: Option<Language>,
}

fn live(m: user::Model) -> Option<User> {
    if m.deleted_at.is_some() {
        return None;
    }
    Some(User {
        id: m.id,
        email: m.email?,
        name: m.name.unwrap_or_default(),
        password_hash: m.password_hash.unwrap_or_default(),
        verified: m.email_verified_at.is_some(),
        is_site_admin: m.is_site_admin,
        language: m.language.as_deref().and_then(Language::from_tag),
    })
}

/// Records the language a person chose (the switch on every page, or their
/// account settings).
pub async fn set_language(db: &impl ConnectionTrait, id: i64, language: Language) -> Result<(), Error> {
    user::Entity::update_many()
        .col_expr(user::Column::Language, Expr::value(language.tag()))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<User>, Error> {
    Ok(user::Entity::find_by_id(id).one(db).await?.and_then(live))
}

pub async fn find_by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<User>, Error> {
    Ok(user::Entity::find().filter(user::Column::EmailNormalized.eq(normalize(email))).one(db).await?.and_then(live))
}

pub struct NewUser<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub verified: bool,
    pub is_site_admin: bool,
}

/// Creates an account; `Error::Duplicate` when the address is taken.
pub async fn create(db: &impl ConnectionTrait, new: NewUser<'_>, now: DateTime<Utc>) -> Result<i64, Error> {
    let row = user::ActiveModel {
        email: Set(Some(new.email.to_owned())),
        email_normalized: Set(Some(normalize(new.email))),
        name: Set(Some(new.name.to_owned())),
        password_hash: Set(Some(new.password_hash.to_owned())),
        email_verified_at: Set(new.verified.then_some(now)),
        is_site_admin: Set(new.is_site_admin),
        created_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(r) => {
            if new.verified {
                remember_address(db, r.id, new.email, now).await?;
            }
            Ok(r.id)
        }
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(Error::Duplicate),
        Err(e) => Err(e.into()),
    }
}

pub async fn set_password_hash(db: &impl ConnectionTrait, id: i64, hash: &str) -> Result<(), Error> {
    user::Entity::update_many().col_expr(user::Column::PasswordHash, Expr::value(hash)).filter(user::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

pub async fn mark_verified(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), Error> {
    let changed = user::Entity::update_many()
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::EmailVerifiedAt.is_null())
        .exec(db)
        .await?;
    if changed.rows_affected == 1
        && let Some(email) = user::Entity::find_by_id(id).one(db).await?.and_then(|u| u.email)
    {
        remember_address(db, id, &email, now).await?;
    }
    Ok(())
}

/// Notes that the account owns `email` (its owner proved it), once.
async fn remember_address(db: &impl ConnectionTrait, user_id: i64, email: &str, now: DateTime<Utc>) -> Result<(), Error> {
    let row = user_address::ActiveModel {
        user_id: Set(user_id),
        email_normalized: Set(normalize(email)),
        created_at: Set(now),
        ..Default::default()
    };
    user_address::Entity::insert(row)
        .on_conflict(
            sea_orm::sea_query::OnConflict::columns([user_address::Column::UserId, user_address::Column::EmailNormalized])
                .do_nothing()
                .to_owned(),
        )
        .try_insert()
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Changes the address (already verified by a link sent to it).
pub async fn set_email(db: &impl ConnectionTrait, id: i64, email: &str, now: DateTime<Utc>) -> Result<(), Error> {
    let r = user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::value(email))
        .col_expr(user::Column::EmailNormalized, Expr::value(normalize(email)))
        .col_expr(user::Column::EmailVerifiedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await;
    match r {
        Ok(_) => remember_address(db, id, email, now).await,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(Error::Duplicate),
        Err(e) => Err(e.into()),
    }
}

pub async fn set_site_admin(db: &impl ConnectionTrait, id: i64, is_admin: bool) -> Result<(), Error> {
    user::Entity::update_many().col_expr(user::Column::IsSiteAdmin, Expr::value(is_admin)).filter(user::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Every address the account proved it owned, case-folded, except one that
/// another account owns now: what erasure (and releasing seats) follows.
pub async fn owned_addresses(db: &impl ConnectionTrait, id: i64) -> Result<Vec<String>, Error> {
    let mut addresses = Vec::new();
    for a in user_address::Entity::find().filter(user_address::Column::UserId.eq(id)).all(db).await? {
        let held_by_another = user::Entity::find()
            .filter(user::Column::EmailNormalized.eq(a.email_normalized.as_str()))
            .filter(user::Column::Id.ne(id))
            .one(db)
            .await?
            .is_some();
        if !held_by_another {
            addresses.push(a.email_normalized);
        }
    }
    Ok(addresses)
}

/// Erases a person: their name and address go from the account, their RSVPs
/// (which stay counted, anonymous), and every queued or sent message to them;
/// their sessions, tokens and memberships are removed. Every address the
/// account ever proved it owned is followed, except one another account owns
/// now. Addresses are compared case-folded in Rust, the same on both
/// databases. Run in a transaction.
pub async fn erase(db: &impl ConnectionTrait, id: i64, now: DateTime<Utc>) -> Result<(), Error> {
    if user::Entity::find_by_id(id).one(db).await?.is_none() {
        return Err(Error::NotFound("user"));
    }
    let addresses = owned_addresses(db, id).await?;
    let anonymous = || {
        rsvp::Entity::update_many()
            .col_expr(rsvp::Column::Name, Expr::value(Option::<String>::None))
            .col_expr(rsvp::Column::Email, Expr::value(Option::<String>::None))
            .col_expr(rsvp::Column::EmailNormalized, Expr::value(Option::<String>::None))
            .col_expr(rsvp::Column::UserId, Expr::value(Option::<i64>::None))
    };
    if !addresses.is_empty() {
        outbox::Entity::delete_many().filter(outbox::Column::ToNormalized.is_in(addresses.clone())).exec(db).await?;
        crate::suppression::forget(db, &addresses).await?;
        crate::opt_outs::forget(db, &addresses).await?;
        anonymous().filter(rsvp::Column::EmailNormalized.is_in(addresses.clone())).exec(db).await?;
    }
    anonymous().filter(rsvp::Column::UserId.eq(id)).exec(db).await?;
    user_address::Entity::delete_many().filter(user_address::Column::UserId.eq(id)).exec(db).await?;
    session::Entity::delete_many().filter(session::Column::UserId.eq(id)).exec(db).await?;
    account_token::Entity::delete_many().filter(account_token::Column::UserId.eq(id)).exec(db).await?;
    membership::Entity::delete_many().filter(membership::Column::UserId.eq(id)).exec(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::Email, Expr::value(Option::<String>::None))
        .col_expr(user::Column::EmailNormalized, Expr::value(Option::<String>::None))
        .col_expr(user::Column::Name, Expr::value(Option::<String>::None))
        .col_expr(user::Column::PasswordHash, Expr::value(Option::<String>::None))
        .col_expr(user::Column::IsSiteAdmin, Expr::value(false))
        .col_expr(user::Column::CalendarTokenHash, Expr::value(Option::<String>::None))
        .col_expr(user::Column::DeletedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets (or replaces) the hash of a person's private calendar token; the old
/// address stops working at once.
pub async fn set_calendar_token_hash(db: &impl ConnectionTrait, id: i64, hash: &str) -> Result<(), Error> {
    user::Entity::update_many()
        .col_expr(user::Column::CalendarTokenHash, Expr::value(hash))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// The live account whose private calendar token has this hash.
pub async fn find_by_calendar_token(db: &impl ConnectionTrait, hash: &str) -> Result<Option<User>, Error> {
    Ok(user::Entity::find().filter(user::Column::CalendarTokenHash.eq(hash)).one(db).await?.and_then(live))
}

pub async fn has_calendar_token(db: &impl ConnectionTrait, id: i64) -> Result<bool, Error> {
    Ok(user::Entity::find_by_id(id).one(db).await?.is_some_and(|u| u.calendar_token_hash.is_some()))
}
