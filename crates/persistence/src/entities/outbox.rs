use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub dedupe_key: String,
    pub kind: String,
    pub to_address: String,
    /// `to_address` case-folded like every stored address, so erasure finds it.
    pub to_normalized: Option<String>,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub ics: Option<String>,
    pub unsubscribe_url: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub send_after: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub claim_token: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    pub event_id: Option<i64>,
    pub not_after: Option<DateTimeUtc>,
    /// The chapter the message speaks for: its From name.
    pub sender_name: Option<String>,
    /// Times claimed for delivery; far more than `attempts` means the
    /// message kept killing its sender.
    pub claims: i32,
    /// The RSVP a reminder is for, checked again just before sending.
    pub rsvp_id: Option<i64>,
    /// 0 for people waiting on this message (links, confirmations), 1 for
    /// bulk (reminders); claimed in that order.
    pub priority: i32,
    /// Where answers go (Reply-To), when not to the sender.
    pub reply_to: Option<String>,
    /// The announcement this message is one recipient's copy of.
    pub announcement_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
