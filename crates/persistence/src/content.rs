//! The content version: a number the database's triggers raise with every
//! committed change to what public pages read (see migration 000060). A
//! cache that read something at version V may serve it while the version is
//! still V, on any instance.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::Error;

/// The version now: one read of a one-row table by its key.
pub async fn version(db: &impl ConnectionTrait) -> Result<i64, Error> {
    let row =
        db.query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT version FROM content_versions WHERE id = 1")).await?;
    Ok(row.and_then(|r| r.try_get_by_index::<i64>(0).ok()).unwrap_or(0))
}
