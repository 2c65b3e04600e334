//! RSVPs people can change and organizers can check in: an attendee's
//! arrival, walk-ins (counted against capacity only if the organizer says so),
//! a seat held for a guest until they confirm by email; per event, whether the
//! maybe count is public, whether maybes get the day-before reminder, and
//! whether guests confirm by email; per chapter, how long attendees' names
//! and addresses are kept after an event.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// SQLite alters one column per statement.
async fn add(m: &SchemaManager<'_>, table: &'static str, column: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).add_column(column).take()).await
}

async fn drop(m: &SchemaManager<'_>, table: &'static str, column: &'static str) -> Result<(), DbErr> {
    m.alter_table(Table::alter().table(table).drop_column(column).take()).await
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        add(m, "rsvps", timestamp_with_time_zone_null("checked_in_at")).await?;
        add(m, "rsvps", boolean("walk_in").default(false).take()).await?;
        add(m, "rsvps", boolean("takes_seat").default(true).take()).await?;
        add(m, "rsvps", timestamp_with_time_zone_null("hold_until")).await?;
        add(m, "events", boolean("show_maybe_count").default(false).take()).await?;
        add(m, "events", boolean("maybe_reminder").default(false).take()).await?;
        add(m, "events", boolean("guests_confirm_by_email").default(false).take()).await?;
        add(m, "chapters", integer_null("retention_days")).await?;
        // The initial schema already has an index of this name (without `id`).
        m.create_index(
            Index::create().if_not_exists().name("rsvps_by_event_status").table("rsvps").col("event_id").col("status").col("id").take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("rsvps_by_event_status").table("rsvps").to_owned()).await?;
        drop(m, "chapters", "retention_days").await?;
        for c in ["guests_confirm_by_email", "maybe_reminder", "show_maybe_count"] {
            drop(m, "events", c).await?;
        }
        for c in ["hold_until", "takes_seat", "walk_in", "checked_in_at"] {
            drop(m, "rsvps", c).await?;
        }
        Ok(())
    }
}
