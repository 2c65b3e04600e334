//! Protecting a venue's street address, and each member's private calendar
//! feed (the URL's token is stored hashed).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let protection = string_len("address_protection", 16).default("public").take();
        m.alter_table(Table::alter().table("events").add_column(protection).take()).await?;
        m.alter_table(Table::alter().table("events").add_column(integer_null("address_reveal_hours")).take()).await?;
        m.alter_table(Table::alter().table("users").add_column(string_len_null("calendar_token_hash", 64)).take()).await?;
        m.create_index(Index::create().name("users_calendar_token").table("users").col("calendar_token_hash").unique().take()).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("users_calendar_token").table("users").to_owned()).await?;
        m.alter_table(Table::alter().table("users").drop_column("calendar_token_hash").take()).await?;
        for c in ["address_protection", "address_reveal_hours"] {
            m.alter_table(Table::alter().table("events").drop_column(c).take()).await?;
        }
        Ok(())
    }
}
