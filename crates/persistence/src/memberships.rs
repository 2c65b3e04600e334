use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use turnout_domain::policy::{Membership, Role};

use crate::entities::{membership, user};
use crate::error::Error;

pub const ACTIVE: &str = "active";
pub const PENDING: &str = "pending";

/// A person's active memberships: what the policy looks at.
pub async fn active_for_user(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<Membership>, Error> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.eq(ACTIVE))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Some(Membership { chapter_id: m.chapter_id, role: Role::parse(&m.role)? }))
        .collect())
}

/// Every membership of a person, pending ones too: `(chapter_id, role, pending)`.
pub async fn all_for_user(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<(i64, Role, bool)>, Error> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Some((m.chapter_id, Role::parse(&m.role)?, m.status == PENDING)))
        .collect())
}

/// Joins a chapter as a member, at once or as a request. Joining again changes
/// nothing, also when two requests (a double click) arrive at once: the unique
/// (user, chapter) index decides, in one statement, instead of a read and then
/// an insert that the other request can overtake.
pub async fn join(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64, needs_approval: bool, now: DateTime<Utc>) -> Result<(), Error> {
    let row = membership::ActiveModel {
        user_id: Set(user_id),
        chapter_id: Set(chapter_id),
        role: Set(Role::Member.as_str().to_owned()),
        status: Set(if needs_approval { PENDING } else { ACTIVE }.to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    membership::Entity::insert(row)
        .on_conflict(OnConflict::columns([membership::Column::UserId, membership::Column::ChapterId]).do_nothing().to_owned())
        .try_insert()
        .exec_without_returning(db)
        .await?;
    Ok(())
}

pub async fn leave(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<(), Error> {
    membership::Entity::delete_many()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Approves a pending request. Returns whether there was one.
pub async fn approve(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<bool, Error> {
    let r = membership::Entity::update_many()
        .col_expr(membership::Column::Status, Expr::value(ACTIVE))
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .filter(membership::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Gives a person a role in a chapter (an active membership), whatever they had.
pub async fn grant(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64, role: Role, now: DateTime<Utc>) -> Result<(), Error> {
    leave(db, user_id, chapter_id).await?;
    membership::ActiveModel {
        user_id: Set(user_id),
        chapter_id: Set(chapter_id),
        role: Set(role.as_str().to_owned()),
        status: Set(ACTIVE.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes a role away: an organizer becomes a member; a member leaves.
/// Returns whether anything changed.
pub async fn revoke(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64, role: Role) -> Result<bool, Error> {
    let q = membership::Entity::find().filter(membership::Column::UserId.eq(user_id)).filter(membership::Column::ChapterId.eq(chapter_id));
    let Some(m) = q.one(db).await? else {
        return Ok(false);
    };
    match role {
        Role::Organizer if m.role == Role::Organizer.as_str() => {
            membership::Entity::update_many()
                .col_expr(membership::Column::Role, Expr::value(Role::Member.as_str()))
                .filter(membership::Column::Id.eq(m.id))
                .exec(db)
                .await?;
            Ok(true)
        }
        Role::Organizer => Ok(false),
        Role::Member => {
            membership::Entity::delete_by_id(m.id).exec(db).await?;
            Ok(true)
        }
    }
}

/// A chapter's member list, as its organizers see it.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub pending: bool,
}

pub async fn list_for_chapter(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Vec<MemberRow>, Error> {
    let rows = membership::Entity::find()
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let Some(u) = user::Entity::find_by_id(m.user_id).one(db).await? else {
            continue;
        };
        out.push(MemberRow {
            user_id: m.user_id,
            name: u.name.unwrap_or_else(|| "deleted member".to_owned()),
            email: u.email.unwrap_or_default(),
            role: Role::parse(&m.role).unwrap_or(Role::Member),
            pending: m.status == PENDING,
        });
    }
    Ok(out)
}
