use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TryInsertResult};
use turnout_domain::policy::{Membership, Role};

use crate::entities::{membership, user};
use crate::error::Error;

pub const ACTIVE: &str = "active";
pub const PENDING: &str = "pending";
/// A request an organizer declined. The row stays, so asking again (and
/// mailing the organizers again) takes an organizer or a site admin.
pub const DECLINED: &str = "declined";

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

/// Every membership of a person, pending ones too (declined requests are
/// not memberships): `(chapter_id, role, pending)`.
pub async fn all_for_user(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<(i64, Role, bool)>, Error> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.ne(DECLINED))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Some((m.chapter_id, Role::parse(&m.role)?, m.status == PENDING)))
        .collect())
}

/// Joins a chapter as a member, at once or as a request. Joining again changes
/// nothing, also when two requests (a double click) arrive at once: the unique
/// (user, chapter) index decides, in one statement, instead of a read and then
/// an insert that the other request can overtake. Returns the new
/// membership's id, `None` when there was one already (or a declined request).
pub async fn join(
    db: &impl ConnectionTrait,
    user_id: i64,
    chapter_id: i64,
    needs_approval: bool,
    now: DateTime<Utc>,
) -> Result<Option<i64>, Error> {
    let row = membership::ActiveModel {
        user_id: Set(user_id),
        chapter_id: Set(chapter_id),
        role: Set(Role::Member.as_str().to_owned()),
        status: Set(if needs_approval { PENDING } else { ACTIVE }.to_owned()),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = membership::Entity::insert(row)
        .on_conflict(OnConflict::columns([membership::Column::UserId, membership::Column::ChapterId]).do_nothing().to_owned())
        .try_insert()
        .exec_without_returning(db)
        .await?;
    if !matches!(inserted, TryInsertResult::Inserted(n) if n > 0) {
        return Ok(None);
    }
    Ok(find(db, user_id, chapter_id).await?.map(|m| m.id))
}

async fn find(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<Option<membership::Model>, Error> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .one(db)
        .await?)
}

/// Leaves a chapter or withdraws a request. A declined request stays, so
/// that leaving cannot be used to ask again.
pub async fn leave(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<(), Error> {
    membership::Entity::delete_many()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .filter(membership::Column::Status.ne(DECLINED))
        .exec(db)
        .await?;
    Ok(())
}

/// Whether an organizer declined this person's request to join.
pub async fn declined(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<bool, Error> {
    Ok(find(db, user_id, chapter_id).await?.is_some_and(|m| m.status == DECLINED))
}

/// Approves a pending request. Returns the membership's id if there was one.
pub async fn approve(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<Option<i64>, Error> {
    answer_request(db, user_id, chapter_id, ACTIVE).await
}

/// Declines a pending request. Returns the membership's id if there was one.
pub async fn decline(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64) -> Result<Option<i64>, Error> {
    answer_request(db, user_id, chapter_id, DECLINED).await
}

/// Moves a pending request to `status` in one guarded statement, so two
/// organizers answering at once give one answer (and one email).
async fn answer_request(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64, status: &str) -> Result<Option<i64>, Error> {
    let Some(m) = find(db, user_id, chapter_id).await?.filter(|m| m.status == PENDING) else { return Ok(None) };
    let r = membership::Entity::update_many()
        .col_expr(membership::Column::Status, Expr::value(status))
        .filter(membership::Column::Id.eq(m.id))
        .filter(membership::Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok((r.rows_affected == 1).then_some(m.id))
}

/// Someone to write to about a chapter: its organizers, for join requests.
#[derive(Debug, Clone)]
pub struct Contact {
    pub user_id: i64,
    pub name: String,
    pub email: String,
}

/// The organizers of one chapter (not those above it) who can be written to.
pub async fn organizers(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Vec<Contact>, Error> {
    let rows = membership::Entity::find()
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .filter(membership::Column::Role.eq(Role::Organizer.as_str()))
        .filter(membership::Column::Status.eq(ACTIVE))
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let found = user::Entity::find_by_id(m.user_id).one(db).await?;
        // An erased account has neither name nor address, and is not written to.
        if let Some((Some(name), Some(email))) = found.map(|u| (u.name, u.email)) {
            out.push(Contact { user_id: m.user_id, name, email });
        }
    }
    Ok(out)
}

/// Gives a person a role in a chapter (an active membership), whatever they had.
pub async fn grant(db: &impl ConnectionTrait, user_id: i64, chapter_id: i64, role: Role, now: DateTime<Utc>) -> Result<(), Error> {
    // Whatever there was, a declined request too.
    membership::Entity::delete_many()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .exec(db)
        .await?;
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
    /// The language they chose, if any (announcements are framed in it).
    pub language: Option<turnout_domain::language::Language>,
}

pub async fn list_for_chapter(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Vec<MemberRow>, Error> {
    let rows = membership::Entity::find()
        .filter(membership::Column::ChapterId.eq(chapter_id))
        .filter(membership::Column::Status.ne(DECLINED))
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    // One query for the people, not one per member: an announcement to a big chapter reads them all.
    let ids: Vec<i64> = rows.iter().map(|m| m.user_id).collect();
    let mut users: std::collections::HashMap<i64, user::Model> = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        users.extend(user::Entity::find().filter(user::Column::Id.is_in(chunk.to_vec())).all(db).await?.into_iter().map(|u| (u.id, u)));
    }
    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let Some(u) = users.remove(&m.user_id) else {
            continue;
        };
        out.push(MemberRow {
            user_id: m.user_id,
            name: u.name.unwrap_or_else(|| "deleted member".to_owned()),
            email: u.email.unwrap_or_default(),
            role: Role::parse(&m.role).unwrap_or(Role::Member),
            pending: m.status == PENDING,
            language: u.language.as_deref().and_then(turnout_domain::language::Language::from_tag),
        });
    }
    Ok(out)
}
