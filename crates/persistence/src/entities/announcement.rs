use sea_orm::entity::prelude::*;

/// An organizer's message to an event's attendees or a chapter's members.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "announcements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: Option<i64>,
    pub chapter_id: Option<i64>,
    pub include_sub_chapters: bool,
    /// `Audience::as_str` for events, `members` for chapters.
    pub audience: String,
    pub subject: String,
    /// Markdown, as written.
    pub body: String,
    pub author_id: Option<i64>,
    /// How many messages were queued.
    pub recipients: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
