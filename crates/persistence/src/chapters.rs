use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use turnout_domain::chapter::{Chapter, ChapterKind};
use turnout_domain::language::Language;

use crate::entities::chapter;
use crate::error::Error;

fn to_domain(m: chapter::Model) -> Result<Chapter, Error> {
    Ok(Chapter {
        id: m.id,
        kind: ChapterKind::parse(&m.kind)?,
        slug: m.slug,
        name: m.name,
        parent_id: m.parent_id,
        time_zone: m.time_zone,
        description: m.description,
        contact_email: m.contact_email,
        default_language: Language::from_tag(&m.default_language).unwrap_or_default(),
    })
}

/// Sets the language a chapter's pages fall back to.
pub async fn set_default_language(db: &impl ConnectionTrait, id: i64, language: Language) -> Result<(), Error> {
    use sea_orm::sea_query::Expr;
    chapter::Entity::update_many()
        .col_expr(chapter::Column::DefaultLanguage, Expr::value(language.tag()))
        .filter(chapter::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn find_by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<Chapter>, Error> {
    chapter::Entity::find().filter(chapter::Column::Slug.eq(slug)).one(db).await?.map(to_domain).transpose()
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Chapter>, Error> {
    chapter::Entity::find().order_by_asc(chapter::Column::Name).all(db).await?.into_iter().map(to_domain).collect()
}

pub async fn count(db: &impl ConnectionTrait) -> Result<u64, Error> {
    use sea_orm::PaginatorTrait;
    Ok(chapter::Entity::find().count(db).await?)
}

/// A chapter to create.
#[derive(Debug, Clone)]
pub struct NewChapter {
    pub slug: String,
    pub name: String,
    pub kind: ChapterKind,
    pub parent_id: Option<i64>,
    pub time_zone: String,
    pub description: String,
    pub contact_email: Option<String>,
    pub join_needs_approval: bool,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewChapter, now: DateTime<Utc>) -> Result<i64, Error> {
    let row = chapter::ActiveModel {
        slug: Set(new.slug),
        name: Set(new.name),
        kind: Set(new.kind.as_str().to_owned()),
        parent_id: Set(new.parent_id),
        time_zone: Set(new.time_zone),
        description: Set(new.description),
        contact_email: Set(new.contact_email),
        join_needs_approval: Set(new.join_needs_approval),
        // English until its organizers choose (chapter settings).
        default_language: Set(Language::default().tag().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Chapter>, Error> {
    chapter::Entity::find_by_id(id).one(db).await?.map(to_domain).transpose()
}

/// Whether joining this chapter needs an organizer's approval.
pub async fn join_needs_approval(db: &impl ConnectionTrait, id: i64) -> Result<bool, Error> {
    Ok(chapter::Entity::find_by_id(id).one(db).await?.is_some_and(|c| c.join_needs_approval))
}

/// The chapter and its ancestors, nearest first: `[branch, district, national]`.
pub async fn line(db: &impl ConnectionTrait, id: i64) -> Result<Vec<i64>, Error> {
    let mut line = vec![id];
    let mut current = id;
    // The hierarchy is shallow; the bound guards against a cycle made by hand.
    for _ in 0..16 {
        match chapter::Entity::find_by_id(current).one(db).await?.and_then(|c| c.parent_id) {
            Some(parent) if !line.contains(&parent) => {
                line.push(parent);
                current = parent;
            }
            _ => break,
        }
    }
    Ok(line)
}

/// Replaces a chapter's fields. `Error::Duplicate` when the slug is taken.
pub async fn update(db: &impl ConnectionTrait, id: i64, c: NewChapter) -> Result<(), Error> {
    use sea_orm::IntoActiveModel;
    let Some(row) = chapter::Entity::find_by_id(id).one(db).await? else { return Err(Error::NotFound("chapter")) };
    let mut row = row.into_active_model();
    row.slug = Set(c.slug);
    row.name = Set(c.name);
    row.kind = Set(c.kind.as_str().to_owned());
    row.parent_id = Set(c.parent_id);
    row.time_zone = Set(c.time_zone);
    row.description = Set(c.description);
    row.contact_email = Set(c.contact_email);
    row.join_needs_approval = Set(c.join_needs_approval);
    match row.update(db).await {
        Ok(_) => Ok(()),
        Err(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => Err(Error::Duplicate),
        Err(e) => Err(e.into()),
    }
}

/// Creates a chapter; `Error::Duplicate` when the slug is taken.
pub async fn create(db: &impl ConnectionTrait, c: NewChapter, now: DateTime<Utc>) -> Result<i64, Error> {
    match insert(db, c, now).await {
        Err(Error::Db(e)) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => Err(Error::Duplicate),
        other => other,
    }
}

/// A chapter and every chapter below it.
pub async fn with_descendants(db: &impl ConnectionTrait, id: i64) -> Result<Vec<i64>, Error> {
    let all = chapter::Entity::find().all(db).await?;
    let mut out = vec![id];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        for c in all.iter().filter(|c| c.parent_id == Some(parent)) {
            if !out.contains(&c.id) {
                out.push(c.id);
            }
        }
        i += 1;
    }
    Ok(out)
}
