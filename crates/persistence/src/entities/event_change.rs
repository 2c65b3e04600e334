use sea_orm::entity::prelude::*;

/// A change notice waiting to go: what people were last told about an
/// event's time, place and online link.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_changes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: i64,
    pub told_starts_at: DateTimeUtc,
    pub told_ends_at: DateTimeUtc,
    pub told_place: String,
    pub told_online_url: Option<String>,
    pub notify_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
