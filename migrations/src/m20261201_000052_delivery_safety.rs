//! Delivery safety: how many times a message was claimed (a message that
//! kills the sender is given up after a few claims without an outcome), the
//! RSVP a reminder is for (checked again just before it is sent), and the
//! addresses that refused mail for good (no more reminders or notices to them).
//! And what claiming needs to stay cheap with a long queue: a stored priority
//! with an index that walks pending rows in the order they are claimed, and
//! an index on the claim token (a claim re-reads its rows by it).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("outbox").add_column(integer("claims").default(0)).take()).await?;
        m.alter_table(Table::alter().table("outbox").add_column(big_integer_null("rsvp_id")).take()).await?;
        m.alter_table(Table::alter().table("outbox").add_column(integer("priority").default(0)).take()).await?;
        // Reminders are bulk: people waiting for a link or a confirmation go first.
        m.get_connection().execute_unprepared("UPDATE outbox SET priority = 1 WHERE kind = 'reminder'").await?;
        m.create_index(Index::create().name("outbox_claim_order").table("outbox").col("status").col("priority").col("id").take()).await?;
        // With both, SQLite chose (status, send_after) for the claim, then
        // read and sorted every pending row per batch: the claim order wins.
        m.drop_index(Index::drop().name("outbox_pending").table("outbox").to_owned()).await?;
        m.create_index(Index::create().name("outbox_by_claim").table("outbox").col("claim_token").take()).await?;
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
        m.drop_index(Index::drop().name("outbox_by_claim").table("outbox").to_owned()).await?;
        m.drop_index(Index::drop().name("outbox_claim_order").table("outbox").to_owned()).await?;
        m.create_index(Index::create().name("outbox_pending").table("outbox").col("status").col("send_after").take()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("priority").take()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("rsvp_id").take()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("claims").take()).await
    }
}
