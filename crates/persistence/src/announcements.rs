//! Announcements and how far their sending has got.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::entities::{announcement, outbox};
use crate::error::Error;
use crate::outbox::{PENDING, SENT};

pub use announcement::Model as Announcement;

/// What is being announced, by whom, to what.
#[derive(Debug, Clone)]
pub struct NewAnnouncement<'a> {
    pub event_id: Option<i64>,
    pub chapter_id: Option<i64>,
    pub include_sub_chapters: bool,
    pub audience: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub author_id: Option<i64>,
    pub recipients: i32,
}

pub async fn insert(db: &impl ConnectionTrait, a: NewAnnouncement<'_>, now: DateTime<Utc>) -> Result<i64, Error> {
    let row = announcement::ActiveModel {
        event_id: Set(a.event_id),
        chapter_id: Set(a.chapter_id),
        include_sub_chapters: Set(a.include_sub_chapters),
        audience: Set(a.audience.to_owned()),
        subject: Set(a.subject.to_owned()),
        body: Set(a.body.to_owned()),
        author_id: Set(a.author_id),
        recipients: Set(a.recipients),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Option<Announcement>, Error> {
    Ok(announcement::Entity::find_by_id(id).one(db).await?)
}

/// How far an announcement's messages have got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Progress {
    pub sent: u64,
    /// Still waiting or being retried.
    pub left: u64,
    /// Given up, or not sent (the person unsubscribed, or the address refuses mail).
    pub not_sent: u64,
}

pub async fn progress(db: &impl ConnectionTrait, id: i64) -> Result<Progress, Error> {
    let rows: Vec<(String, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(outbox::Column::Id.count(), "n")
        .filter(outbox::Column::AnnouncementId.eq(id))
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    let mut p = Progress::default();
    for (status, n) in rows {
        let n = n.max(0) as u64;
        match status.as_str() {
            SENT => p.sent += n,
            PENDING => p.left += n,
            _ => p.not_sent += n,
        }
    }
    Ok(p)
}
