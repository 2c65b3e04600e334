use std::time::Duration;

use migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnAcquireErr, ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
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
        .acquire_timeout(Duration::from_secs(10))
        // A ping on every checkout was one more round trip per statement
        // outside a transaction (and per transaction); only a connection idle
        // long enough to have been dropped by a server or firewall is tested.
        .test_before_acquire_if_idle_for(Duration::from_secs(30));
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

/// This process's turn to write to SQLite. SQLite has one writer at a time;
/// without a turn, writers that find the lock taken sleep in its busy
/// handler (1, 2, 5, 10 … ms) while the lock sits free, which capped RSVPs
/// near 190/s. Waiting here instead, a writer starts the moment the previous
/// one commits. Other processes on the same file still meet the busy timeout.
static SQLITE_TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// As long as SQLite's busy timeout: a writer waiting longer gets the same
/// error it would get from SQLite.
const TURN_WAIT: Duration = Duration::from_secs(10);

/// The turn to write, on SQLite; nothing to wait for on PostgreSQL.
pub async fn write_turn(db: &impl ConnectionTrait) -> Result<Option<tokio::sync::MutexGuard<'static, ()>>, Error> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    match tokio::time::timeout(TURN_WAIT, SQLITE_TURN.lock()).await {
        Ok(turn) => Ok(Some(turn)),
        Err(_) => Err(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout).into()),
    }
}

/// A transaction that will write, holding the process's turn on SQLite
/// until it commits or is dropped.
pub struct WriteTxn {
    txn: DatabaseTransaction,
    _turn: Option<tokio::sync::MutexGuard<'static, ()>>,
}

impl WriteTxn {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.txn.rollback().await
    }
}

#[async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }
}

/// Starts a transaction that will write. On SQLite it takes the write lock at
/// BEGIN (IMMEDIATE): a deferred transaction that reads first and upgrades
/// later can deadlock against another writer, which no busy timeout fixes.
pub async fn begin_write(db: &Db) -> Result<WriteTxn, Error> {
    let turn = write_turn(db).await?;
    let options = match db.get_database_backend() {
        DbBackend::Sqlite => TransactionOptions { sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate), ..Default::default() },
        _ => TransactionOptions::default(),
    };
    Ok(WriteTxn { txn: db.begin_with_options(options).await?, _turn: turn })
}
