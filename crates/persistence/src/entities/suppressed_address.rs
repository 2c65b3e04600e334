use sea_orm::entity::prelude::*;

/// An address that refused mail for good (SMTP 5xx): reminders and notices
/// are no longer sent to it; confirmations and account mail still try.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "suppressed_addresses")]
pub struct Model {
    /// Normalized like every stored address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub address: String,
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
