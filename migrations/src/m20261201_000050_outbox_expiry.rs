//! Outbox rows know the event they are about and a time after which they
//! are no use (a reminder after the start), so cancelling an event withdraws
//! its queued reminders and a late retry is never delivered.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("outbox").add_column(big_integer_null("event_id")).take()).await?;
        m.alter_table(Table::alter().table("outbox").add_column(timestamp_with_time_zone_null("not_after")).take()).await?;
        m.create_index(Index::create().name("outbox_by_event").table("outbox").col("event_id").col("status").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("outbox_by_event").table("outbox").to_owned()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("not_after").take()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("event_id").take()).await
    }
}
