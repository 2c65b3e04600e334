//! The whole-system test harness: a real database (a SQLite file, or a fresh
//! PostgreSQL database per test), a real SMTP server on loopback (Python's
//! aiosmtpd writing a Maildir), and the real application on a random port.

pub mod app;
pub mod browser;
pub mod db;
pub mod fixtures;
pub mod ical;
pub mod people;
pub mod smtp;

pub use app::TestApp;
pub use db::{Backend, TestDb};
pub use smtp::SmtpServer;

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
