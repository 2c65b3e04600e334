//! Events co-hosted by several chapters: listed on each of their pages and
//! feeds, and managed by each of their organizers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("event_cohosts")
                .col(big_integer("event_id"))
                .col(big_integer("chapter_id"))
                .primary_key(Index::create().col("event_id").col("chapter_id"))
                .foreign_key(ForeignKey::create().from("event_cohosts", "event_id").to("events", "id").on_delete(ForeignKeyAction::Cascade))
                .foreign_key(
                    ForeignKey::create().from("event_cohosts", "chapter_id").to("chapters", "id").on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(Index::create().name("event_cohosts_by_chapter").table("event_cohosts").col("chapter_id").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("event_cohosts").take()).await
    }
}
