//! Events in two languages: the language an event's text is written in, and
//! the organizer's own words in the other language where they give them
//! (title, summary, description, agenda titles, transit directions and
//! accessibility notes). NULL means "not given": readers see the text as
//! written, with a note.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (table, column, long text?) of every translated field.
const OTHER: [(&str, &str, bool); 6] = [
    ("events", "title_other", false),
    ("events", "summary_other", false),
    ("events", "description_other", true),
    ("event_agenda_items", "title_other", false),
    ("venues", "transit_directions_other", true),
    ("venues", "accessibility_notes_other", true),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(Table::alter().table("events").add_column(string_len("language", 8).default("en")).take()).await?;
        for (table, column, long) in OTHER {
            let col = if long { text_null(column) } else { string_len_null(column, 400) };
            m.alter_table(Table::alter().table(table).add_column(col).take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (table, column, _) in OTHER.iter().rev() {
            m.alter_table(Table::alter().table(*table).drop_column(*column).take()).await?;
        }
        m.alter_table(Table::alter().table("events").drop_column("language").take()).await
    }
}
