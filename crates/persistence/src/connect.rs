use std::time::Duration;

use migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

use crate::error::Error;

pub type Db = DatabaseConnection;

/// Opens a pool. For SQLite the file is created if missing and put in WAL
/// mode with a busy timeout, so readers never block the one writer.
pub async fn connect(url: &str, max_connections: u32) -> Result<Db, Error> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .max_connections(max_connections.max(1))
        .min_connections(1)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        opts.map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    }
    Ok(Database::connect(opts).await?)
}

/// Brings the schema up to date. Safe to run on every start.
pub async fn migrate(db: &Db) -> Result<(), Error> {
    migration::Migrator::up(db, None).await?;
    Ok(())
}

/// Starts a transaction that will write. On SQLite it takes the write lock at
/// BEGIN (IMMEDIATE): a deferred transaction that reads first and upgrades
/// later can deadlock against another writer, which no busy timeout fixes.
pub async fn begin_write(db: &Db) -> Result<DatabaseTransaction, Error> {
    let options = match db.get_database_backend() {
        DbBackend::Sqlite => TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() },
        _ => TransactionOptions::default(),
    };
    Ok(db.begin_with_options(options).await?)
}
