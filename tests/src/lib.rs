//! The whole-system test harness: a real database (a SQLite file, or a fresh
//! PostgreSQL database per test), a real SMTP server on loopback (Python's
//! aiosmtpd writing a Maildir), and the real application on a random port,
//! in this process or as the `turnout` binary in a child process.

pub mod app;
pub mod browser;
pub mod db;
pub mod fixtures;
pub mod ical;
pub mod people;
pub mod process;
pub mod scan;
pub mod smtp;

pub use app::TestApp;
pub use db::{Backend, TestDb};
pub use smtp::SmtpServer;

/// The file that says a suite (`postgres`, `browser`) could not run: in
/// `TURNOUT_TEST_SKIP_DIR`, which `make test` sets to a fixed folder it reads
/// at the end whatever the outcome; without it, in the repository's `target/`.
pub fn skip_note(suite: &str) -> std::path::PathBuf {
    let dir = std::env::var_os("TURNOUT_TEST_SKIP_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/test-skips"));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(suite)
}

/// Runs a scenario once per backend: `sqlite` and `postgres` test modules.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),+ $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = $crate::TestDb::create($crate::Backend::Sqlite).await {
                        super::$name(db).await;
                    }
                }
            )+
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(db) = $crate::TestDb::create($crate::Backend::Postgres).await {
                        super::$name(db).await;
                    }
                }
            )+
        }
    };
}
