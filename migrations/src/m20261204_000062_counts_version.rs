//! RSVPs get a version of their own. Until now every RSVP raised the one
//! content version, so under an RSVP rush every request re-read the whole
//! event (agenda, speakers, chapters) although only its counts had changed.
//! Now the content version (row 1 of `content_versions`) moves with what
//! organizers write, and the counts version (row 2) with RSVPs and an
//! event's taken seats; a reader checks each entry against the one it was
//! built from (see `turnout_persistence::content`).
//!
//! On SQLite an update of `events` raises the content version when it sets
//! any column but `seats_taken` (`UPDATE OF` the rest, listed when this runs:
//! a later migration that adds a column to `events` must create this
//! trigger again with it; a test checks every column is named), and the counts
//! version when the seats changed. On PostgreSQL one function compares the
//! row without `seats_taken`, so it needs no list.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

const BUMP_CONTENT: &str = "UPDATE content_versions SET version = version + 1 WHERE id = 1";
const BUMP_COUNTS: &str = "UPDATE content_versions SET version = version + 1 WHERE id = 2";

/// (Re)creates the SQLite trigger that raises the content version on an
/// update of `events`, naming every column but `seats_taken`.
async fn content_triggers_for_events(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let rows = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT name FROM pragma_table_info('events')")).await?;
    let mut columns = Vec::new();
    for row in rows {
        let name: String = row.try_get_by_index(0)?;
        if name != "seats_taken" {
            columns.push(format!("\"{name}\""));
        }
    }
    db.execute_unprepared("DROP TRIGGER IF EXISTS events_content_version_update").await?;
    db.execute_unprepared(&format!(
        "CREATE TRIGGER events_content_version_update AFTER UPDATE OF {} ON events BEGIN {BUMP_CONTENT}; END",
        columns.join(", ")
    ))
    .await?;
    Ok(())
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too: a trigger dropped and created again
    /// must be dropped and created on the same connection (across a pool's
    /// connections the second still saw the first's trigger).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("INSERT INTO content_versions (id, version) VALUES (2, 1)").await?;
        match db.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION bump_counts_version() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {BUMP_COUNTS}; RETURN NULL; END $$"
                ))
                .await?;
                // An event's row: its content unless only the seats moved,
                // its counts when they did (a no-op update, which RSVPs use
                // to hold the row, raises neither).
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION bump_event_versions() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
                     IF TG_OP <> 'UPDATE' OR (to_jsonb(OLD) - 'seats_taken') IS DISTINCT FROM (to_jsonb(NEW) - 'seats_taken') THEN {BUMP_CONTENT}; END IF; \
                     IF TG_OP <> 'UPDATE' OR OLD.seats_taken IS DISTINCT FROM NEW.seats_taken THEN {BUMP_COUNTS}; END IF; \
                     RETURN NULL; END $$"
                ))
                .await?;
                for (table, function) in [("rsvps", "bump_counts_version"), ("events", "bump_event_versions")] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_content_version ON {table}")).await?;
                    // Deferred to the commit, as in migration 000060 (no deadlock).
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {function}()"
                    ))
                    .await?;
                }
            }
            _ => {
                for change in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS rsvps_content_version_{change}")).await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER rsvps_counts_version_{change} AFTER {} ON rsvps BEGIN {BUMP_COUNTS}; END",
                        change.to_uppercase()
                    ))
                    .await?;
                }
                for change in ["insert", "delete"] {
                    // A new or deleted event: both (its id may come back).
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS events_content_version_{change}")).await?;
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER events_content_version_{change} AFTER {} ON events BEGIN {BUMP_CONTENT}; {BUMP_COUNTS}; END",
                        change.to_uppercase()
                    ))
                    .await?;
                }
                content_triggers_for_events(db).await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER events_counts_version_update AFTER UPDATE OF seats_taken ON events \
                     WHEN OLD.seats_taken IS NOT NEW.seats_taken BEGIN {BUMP_COUNTS}; END"
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match db.get_database_backend() {
            DbBackend::Postgres => {
                for table in ["rsvps", "events"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_content_version ON {table}")).await?;
                    db.execute_unprepared(&format!(
                        "CREATE CONSTRAINT TRIGGER {table}_content_version AFTER INSERT OR UPDATE OR DELETE ON {table} \
                         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_content_version()"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION IF EXISTS bump_event_versions()").await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS bump_counts_version()").await?;
            }
            _ => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS events_counts_version_update").await?;
                for change in ["insert", "update", "delete"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS rsvps_counts_version_{change}")).await?;
                    for table in ["rsvps", "events"] {
                        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {table}_content_version_{change}")).await?;
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {table}_content_version_{change} AFTER {} ON {table} BEGIN {BUMP_CONTENT}; END",
                            change.to_uppercase()
                        ))
                        .await?;
                    }
                }
            }
        }
        db.execute_unprepared("DELETE FROM content_versions WHERE id = 2").await?;
        Ok(())
    }
}
