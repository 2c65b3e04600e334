use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub chapter_id: i64,
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// The language the text is written in; the `_other` columns hold the other one's.
    pub language: String,
    pub title_other: Option<String>,
    pub summary_other: Option<String>,
    pub description_other: Option<String>,
    pub status: String,
    pub visibility: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub doors_open_at: Option<DateTimeUtc>,
    pub time_zone: String,
    pub venue_id: Option<i64>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    pub cancel_reason: Option<String>,
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub overflow_note: Option<String>,
    pub guests_allowed: i32,
    pub rsvp_opens_at: Option<DateTimeUtc>,
    pub rsvp_closes_at: Option<DateTimeUtc>,
    pub address_protection: String,
    pub address_reveal_hours: Option<i32>,
    pub series_id: Option<i64>,
    pub occurrence_date: Option<Date>,
    pub detached: bool,
    pub cover_image: Option<String>,
    pub show_maybe_count: bool,
    pub maybe_reminder: bool,
    pub guests_confirm_by_email: bool,
    /// Full means full: no waitlist.
    pub no_waitlist: bool,
    /// Reminder presets, comma-separated keys (`domain::reminders`).
    pub reminders: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
