//! Sessions of a day school or a conference: each with its own time, room
//! and speakers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("event_sessions")
                .col(big_pk_auto("id"))
                .col(big_integer("event_id"))
                .col(integer("position"))
                .col(timestamp_with_time_zone("starts_at"))
                .col(timestamp_with_time_zone("ends_at"))
                .col(string_len("title", 300))
                .col(string_len_null("room", 200))
                .col(string_len("speakers", 1000))
                .foreign_key(
                    ForeignKey::create().from("event_sessions", "event_id").to("events", "id").on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("event_sessions").take()).await
    }
}
