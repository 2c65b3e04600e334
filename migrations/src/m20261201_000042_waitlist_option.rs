//! Whether an event keeps a waitlist once it is full (the default) or turns
//! further RSVPs away (a room that cannot take standing guests, say).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("events").add_column(boolean("no_waitlist").default(false).take()).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("events").drop_column("no_waitlist").take()).await
    }
}
