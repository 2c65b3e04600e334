//! Reminders organizers choose per event (preset keys, comma-separated), and
//! the change notices waiting to go: what people were last told about an
//! event's time, place and online link, kept from the first edit until the
//! notice goes, so several edits in a row give one notice.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("events").add_column(string_len("reminders", 200).default("day-before,120m").take()).take())
            .await?;
        m.create_table(
            Table::create()
                .table("event_changes")
                .col(big_integer("event_id").primary_key())
                .col(timestamp_with_time_zone("told_starts_at"))
                .col(timestamp_with_time_zone("told_ends_at"))
                .col(text("told_place"))
                .col(text_null("told_online_url"))
                .col(timestamp_with_time_zone("notify_at"))
                .foreign_key(ForeignKey::create().from("event_changes", "event_id").to("events", "id").on_delete(ForeignKeyAction::Cascade))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("event_changes").take()).await?;
        m.alter_table(Table::alter().table("events").drop_column("reminders").take()).await
    }
}
