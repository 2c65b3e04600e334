//! Recurring meetings: a series row with its rule, and each occurrence an
//! event of its own that knows its series, its date, and whether it was
//! changed on its own (then changes to the whole series leave it alone).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("series")
                .col(big_pk_auto("id"))
                .col(big_integer("chapter_id"))
                .col(string_len("rule", 32))
                .col(date("until_date"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(ForeignKey::create().from("series", "chapter_id").to("chapters", "id").on_delete(ForeignKeyAction::Cascade))
                .take(),
        )
        .await?;
        m.alter_table(Table::alter().table("events").add_column(big_integer_null("series_id")).take()).await?;
        m.alter_table(Table::alter().table("events").add_column(date_null("occurrence_date")).take()).await?;
        m.alter_table(Table::alter().table("events").add_column(boolean("detached").default(false)).take()).await?;
        m.create_index(Index::create().name("events_by_series").table("events").col("series_id").col("occurrence_date").take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("events_by_series").table("events").to_owned()).await?;
        for c in ["series_id", "occurrence_date", "detached"] {
            m.alter_table(Table::alter().table("events").drop_column(c).take()).await?;
        }
        m.drop_table(Table::drop().table("series").take()).await?;
        Ok(())
    }
}
