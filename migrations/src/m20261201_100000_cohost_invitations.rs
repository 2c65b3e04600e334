//! Co-hosting is an invitation the named chapter answers: `pending` until its
//! organizers accept or decline. Rows from before were made when naming a
//! co-host took effect at once, and their chapters have been showing and
//! running those events since, so they count as accepted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("event_cohosts").add_column(string_len("status", 20).default("accepted")).take()).await?;
        m.create_index(
            Index::create().name("event_cohosts_by_chapter_status").table("event_cohosts").col("chapter_id").col("status").take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("event_cohosts_by_chapter_status").table("event_cohosts").to_owned()).await?;
        m.alter_table(Table::alter().table("event_cohosts").drop_column("status").take()).await
    }
}
