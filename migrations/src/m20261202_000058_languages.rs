//! Languages: a person's own choice (`users.language`), the language a guest
//! RSVP'd in (`rsvps.language`, so their emails follow it), and a chapter's
//! default for readers whose browser names no language Turnout has.
//! NULL means "not chosen": the reader's browser decides.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(Table::alter().table("users").add_column(string_len_null("language", 8)).take()).await?;
        m.alter_table(Table::alter().table("rsvps").add_column(string_len_null("language", 8)).take()).await?;
        m.alter_table(Table::alter().table("chapters").add_column(string_len("default_language", 8).default("en")).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("chapters").drop_column("default_language").take()).await?;
        m.alter_table(Table::alter().table("rsvps").drop_column("language").take()).await?;
        m.alter_table(Table::alter().table("users").drop_column("language").take()).await
    }
}
