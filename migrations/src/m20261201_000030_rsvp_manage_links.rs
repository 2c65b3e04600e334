//! A manage link per RSVP: the SHA-256 of its token, so the page it opens can
//! find the RSVP without the token itself being stored.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("rsvps").add_column(string_len_null("manage_token_hash", 64)).take()).await?;
        m.create_index(Index::create().name("rsvps_manage_token").table("rsvps").col("manage_token_hash").unique().take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("rsvps_manage_token").table("rsvps").to_owned()).await?;
        m.alter_table(Table::alter().table("rsvps").drop_column("manage_token_hash").take()).await
    }
}
