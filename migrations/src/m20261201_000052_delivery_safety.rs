//! Delivery safety: how many times a message was claimed (a message that
//! kills the sender is given up after a few claims without an outcome), the
//! RSVP a reminder is for (checked again just before it is sent), and the
//! addresses that refused mail for good (no more reminders or notices to them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("outbox").add_column(integer("claims").default(0)).take()).await?;
        m.alter_table(Table::alter().table("outbox").add_column(big_integer_null("rsvp_id")).take()).await?;
        m.create_table(
            Table::create()
                .table("suppressed_addresses")
                .col(string_len("address", 320).primary_key())
                .col(string_len("reason", 2000))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("suppressed_addresses").take()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("rsvp_id").take()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("claims").take()).await
    }
}
