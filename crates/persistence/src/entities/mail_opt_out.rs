use sea_orm::entity::prelude::*;

/// A choice one address made about a kind of mail.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_opt_outs")]
pub struct Model {
    /// Normalized like every stored address.
    #[sea_orm(primary_key, auto_increment = false)]
    pub address: String,
    /// `MailCategory::as_str`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub category: String,
    pub created_at: DateTimeUtc,
    /// False: turned off. True: turned on (for kinds off until asked for).
    pub wanted: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
