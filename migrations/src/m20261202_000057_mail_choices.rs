//! A row of `mail_opt_outs` becomes a choice either way: `wanted` false
//! turns a kind of mail off (as every row did so far), true turns on one
//! that is off until asked for (the weekly digest).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("mail_opt_outs").add_column(boolean("wanted").default(false)).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("mail_opt_outs").drop_column("wanted").take()).await
    }
}
