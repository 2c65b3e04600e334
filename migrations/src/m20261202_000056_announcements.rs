//! Announcements organizers write to an event's attendees or a chapter's
//! members; each recipient's message is an outbox row that points back at
//! its announcement, so the progress page counts them with an index.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("announcements")
                .col(big_pk_auto("id"))
                .col(big_integer_null("event_id"))
                .col(big_integer_null("chapter_id"))
                .col(boolean("include_sub_chapters").default(false))
                .col(string_len("audience", 40))
                .col(string_len("subject", 400))
                .col(text("body"))
                .col(big_integer_null("author_id"))
                .col(integer("recipients"))
                .col(timestamp_with_time_zone("created_at"))
                .take(),
        )
        .await?;
        m.alter_table(Table::alter().table("outbox").add_column(big_integer_null("announcement_id")).take()).await?;
        m.create_index(Index::create().name("outbox_by_announcement").table("outbox").col("announcement_id").col("status").take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("outbox_by_announcement").table("outbox").to_owned()).await?;
        m.alter_table(Table::alter().table("outbox").drop_column("announcement_id").take()).await?;
        m.drop_table(Table::drop().table("announcements").take()).await
    }
}
