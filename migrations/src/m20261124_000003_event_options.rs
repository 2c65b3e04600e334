//! Event options organizers set: an overflow note for when it is full, how
//! many guests one RSVP may bring, and when RSVPs open and close.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        let columns = [
            text_null("overflow_note"),
            integer("guests_allowed").default(0).take(),
            timestamp_with_time_zone_null("rsvp_opens_at"),
            timestamp_with_time_zone_null("rsvp_closes_at"),
        ];
        for c in columns {
            m.alter_table(Table::alter().table("events").add_column(c).take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for c in ["overflow_note", "guests_allowed", "rsvp_opens_at", "rsvp_closes_at"] {
            m.alter_table(Table::alter().table("events").drop_column(c).take()).await?;
        }
        Ok(())
    }
}
