//! The audit log: who did what, for site admins. Subjects name accounts by
//! id, never by address, so erasing a person leaves nothing personal here.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, QuerySelect, Set};

use crate::entities::audit_entry;
use crate::error::Error;

#[derive(Debug, Clone)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<i64>,
    action: &str,
    subject: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    audit_entry::ActiveModel {
        at: Set(now),
        actor_user_id: Set(actor),
        action: Set(action.to_owned()),
        subject: Set(subject.chars().take(300).collect()),
        detail: Set(detail.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Entry>, Error> {
    Ok(audit_entry::Entity::find()
        .order_by_desc(audit_entry::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|e| Entry { at: e.at, actor_user_id: e.actor_user_id, action: e.action, subject: e.subject, detail: e.detail })
        .collect())
}
