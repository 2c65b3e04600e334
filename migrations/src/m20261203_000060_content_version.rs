//! One number that grows with every change to what public pages read:
//! events and everything of theirs, venues, chapters, series and RSVPs.
//! Triggers keep it, so every writer counts (any instance, the command line,
//! a hand-run UPDATE), and it is transactional: a reader sees the new number
//! only once the change it stands for is committed. Each instance keeps what
//! it read with the number it read first, and reads again when it changed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose rows the cached reads are built from.
const WATCHED: [&str; 11] = [
    "events",
    "event_agenda_items",
    "event_cohosts",
    "event_tags",
    "event_sessions",
    "event_speakers",
    "event_sponsors",
    "venues",
    "chapters",
    "series",
    "rsvps",
];

const BUMP: &str = "UPDATE content_versions SET version = version + 1 WHERE id = 1";

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("CREATE TABLE content_versions (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)").await?;
        db.execute_unprepared("INSERT INTO content_versions (id, version) VALUES (1, 1)").await?;
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION bump_content_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {BUMP}; RETURN NULL; END $$"
                ))
                .await?;
                for table in WATCHED {
                    // Deferred to the commit: the version's row is the last
                    // lock a transaction takes, and it commits right after,
                    // so two transactions that lock an event's row and the
                    // version in opposite orders can never deadlock (they
                    // did, with an immediate trigger, in the RSVP storm test).
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version()"
                    ))
                    .await?;
                }
            }
            _ => {
                for table in WATCHED {
                    for change in ["INSERT", "UPDATE", "DELETE"] {
                        let name = format!("{table}_content_version_{}", change.to_lowercase());
                        db.execute_unprepared(&format!("CREATE TRIGGER {name} AFTER {change} ON {table} BEGIN {BUMP}; END")).await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                for table in WATCHED {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_content_version ON {table}")).await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS bump_content_version()").await?;
            }
            _ => {
                for table in WATCHED {
                    for change in ["insert", "update", "delete"] {
                        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_content_version_{change}")).await?;
                    }
                }
            }
        }
        db.execute_unprepared("DROP TABLE content_versions").await?;
        Ok(())
    }
}
