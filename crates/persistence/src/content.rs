//! The content versions: numbers the database's triggers raise with every
//! committed change to what public pages read (see migrations 000060 and
//! 000062). A cache that read something at version V may serve it while the
//! version is still V, on any instance. There are two: `content` moves with
//! events and everything of theirs, venues, chapters and series; `counts`
//! with RSVPs and an event's taken seats, so an RSVP rush does not make
//! every request read the whole event again.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::Error;

/// Both versions as one read saw them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    pub content: i64,
    pub counts: i64,
}

/// The versions now: one statement, two reads of a two-row table by its key.
pub async fn versions(db: &impl ConnectionTrait) -> Result<Versions, Error> {
    let sql = "SELECT (SELECT version FROM content_versions WHERE id = 1), (SELECT version FROM content_versions WHERE id = 2)";
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await?;
    let read = |i| row.as_ref().and_then(|r| r.try_get_by_index::<Option<i64>>(i).ok().flatten()).unwrap_or(0);
    Ok(Versions { content: read(0), counts: read(1) })
}
