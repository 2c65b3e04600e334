//! RSVP ids taken before the RSVP is written, so its confirmation (whose
//! links and check-in QR code hold the id) can be composed before the write
//! transaction, in parallel with other requests, instead of inside SQLite's
//! one write turn. Ids are taken in blocks; an id not used (a repeated
//! address, a process that stops) is a gap and nothing else.
//!
//! SQLite: a block is reserved by moving the table's AUTOINCREMENT counter
//! (`sqlite_sequence`, which SQLite documents as changeable by ordinary
//! statements) past it, so rows inserted without an id, by this or another
//! process, are numbered after it. PostgreSQL: the column's own sequence.

use std::sync::Mutex;

use sea_orm::{ConnectionTrait, DbBackend, Statement};

use crate::connect::{Db, begin_write};
use crate::error::Error;

/// Ids reserved at once: one write per this many guest RSVPs.
const BLOCK: i64 = 128;

/// This process's reserved ids, smallest first.
#[derive(Default)]
pub struct ReservedIds {
    free: Mutex<std::collections::VecDeque<i64>>,
    /// One reservation at a time: requests finding none wait for it.
    refill: tokio::sync::Mutex<()>,
}

impl ReservedIds {
    /// An id no RSVP has or will be given by anyone else.
    pub async fn next(&self, db: &Db) -> Result<i64, Error> {
        loop {
            if let Some(id) = self.free.lock().expect("not poisoned").pop_front() {
                return Ok(id);
            }
            let _refill = self.refill.lock().await;
            if !self.free.lock().expect("not poisoned").is_empty() {
                continue;
            }
            let block = reserve(db).await?;
            self.free.lock().expect("not poisoned").extend(block);
        }
    }
}

async fn reserve(db: &Db) -> Result<Vec<i64>, Error> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let txn = begin_write(db).await?;
            // The counter's row exists once the table has had a row; before
            // that it starts from the highest id there is (none: zero).
            txn.execute_unprepared(
                "INSERT INTO sqlite_sequence (name, seq) SELECT 'rsvps', COALESCE((SELECT MAX(id) FROM rsvps), 0) \
                 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'rsvps')",
            )
            .await?;
            let row = txn
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    "UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE((SELECT MAX(id) FROM rsvps), 0)) + ? WHERE name = 'rsvps' RETURNING seq",
                    [BLOCK.into()],
                ))
                .await?
                .ok_or(Error::NotFound("the RSVP id counter"))?;
            let last: i64 = row.try_get("", "seq")?;
            txn.commit().await?;
            Ok((last - BLOCK + 1..=last).collect())
        }
        backend => {
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    "SELECT nextval(pg_get_serial_sequence('rsvps', 'id')) AS id FROM generate_series(1, $1)",
                    [BLOCK.into()],
                ))
                .await?;
            let mut ids = rows.iter().map(|r| r.try_get::<i64>("", "id")).collect::<Result<Vec<_>, _>>()?;
            ids.sort_unstable();
            Ok(ids)
        }
    }
}
