use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "chapters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub time_zone: String,
    pub description: String,
    pub contact_email: Option<String>,
    pub join_needs_approval: bool,
    pub created_at: DateTimeUtc,
    /// Days after an event its attendees' names and addresses are erased; `None` keeps them.
    pub retention_days: Option<i32>,
    /// The language for readers whose browser names none Turnout has.
    pub default_language: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
