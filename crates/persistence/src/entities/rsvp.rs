use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rsvps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_normalized: Option<String>,
    pub status: String,
    pub guests: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub user_id: Option<i64>,
    /// SHA-256 of the token in the RSVP's manage link.
    pub manage_token_hash: Option<String>,
    pub checked_in_at: Option<DateTimeUtc>,
    /// Added at the door by an organizer, not RSVP'd.
    pub walk_in: bool,
    /// Whether a going RSVP counts against the capacity (a walk-in may not).
    pub takes_seat: bool,
    /// A guest's seat held until they confirm by email; `None` once confirmed.
    pub hold_until: Option<DateTimeUtc>,
    /// Place in line when waitlisted, if not the id: set on rejoining the line.
    pub line: Option<i64>,
    /// The language the RSVP was made in: its emails are written in it.
    pub language: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
