//! A waitlisted RSVP's place in line. A new RSVP queues by its id; someone
//! who said maybe and later says going when the event is full joins the end
//! of the line, so the line cannot be ordered by id alone.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("rsvps").add_column(big_integer_null("line")).take()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table("rsvps").drop_column("line").take()).await
    }
}
