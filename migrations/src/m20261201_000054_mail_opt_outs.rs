//! Kinds of mail a person turned off (reminders, ...), by address, so guests
//! without an account can leave them too (RFC 8058 one-click unsubscribe).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("mail_opt_outs")
                .col(string_len("address", 320))
                .col(string_len("category", 40))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col("address").col("category"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("mail_opt_outs").take()).await
    }
}
