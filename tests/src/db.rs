use std::path::PathBuf;

use sea_orm::{ConnectionTrait, Database};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test and is removed afterwards, even when
/// the test fails.
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    PgDatabase { admin_url: String, name: String },
}

fn admin_url() -> String {
    std::env::var("TURNOUT_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// Where `make test` looks to say loudly that PostgreSQL tests were skipped.
fn skip_marker() -> PathBuf {
    crate::skip_note("postgres")
}

/// `postgres://user@host:port/db?x` with the database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map(|(b, q)| (b, Some(q))).unwrap_or((url, None));
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host_part}/{name}?{q}"),
        None => format!("{host_part}/{name}"),
    }
}

impl TestDb {
    /// A fresh database, or `None` when PostgreSQL is not reachable and not
    /// required (`TURNOUT_TEST_REQUIRE_POSTGRES=1` turns that into a failure).
    pub async fn create(backend: Backend) -> Option<Self> {
        let id = uuid::Uuid::new_v4().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("turnout-test-{id}"));
                std::fs::create_dir_all(&dir).expect("create a temporary folder");
                let url = format!("sqlite://{}?mode=rwc", dir.join("turnout.db").display());
                Some(Self { backend, url, cleanup: Cleanup::Dir(dir) })
            }
            Backend::Postgres => {
                let admin = admin_url();
                let conn = match Database::connect(admin.as_str()).await {
                    Ok(c) => c,
                    Err(e) => {
                        if std::env::var("TURNOUT_TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                            panic!("PostgreSQL is required (TURNOUT_TEST_REQUIRE_POSTGRES=1) but {admin} is unreachable: {e}");
                        }
                        eprintln!("\n*** SKIPPED: PostgreSQL at {admin} is unreachable ({e}); this PostgreSQL test did not run ***\n");
                        let _ = std::fs::write(skip_marker(), format!("{admin}: {e}\n"));
                        return None;
                    }
                };
                let name = format!("turnout_test_{id}");
                conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create the test database");
                let _ = conn.close().await;
                Some(Self { backend, url: with_database(&admin, &name), cleanup: Cleanup::PgDatabase { admin_url: admin, name } })
            }
        }
    }

    /// A new connection of the test's own, to look at what the app stored.
    pub async fn connect(&self) -> sea_orm::DatabaseConnection {
        turnout_persistence::connect(&self.url, 2).await.expect("connect to the test database")
    }
}

impl TestDb {
    /// Removes the database now, while the app may still be connected.
    pub async fn drop_now(&self) {
        if let Cleanup::PgDatabase { admin_url, name } = &self.cleanup {
            let conn = Database::connect(admin_url.as_str()).await.expect("connect as admin");
            conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.expect("drop the database");
            let _ = conn.close().await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::PgDatabase { admin_url, name } => {
                let (admin_url, name) = (admin_url.clone(), name.clone());
                // Drop can't await; a thread with its own runtime can, even while a test panics.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
                    rt.block_on(async {
                        if let Ok(conn) = Database::connect(admin_url.as_str()).await {
                            let _ = conn.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
                            let _ = conn.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"), "postgres://postgres@127.0.0.1:5432/x");
        assert_eq!(with_database("postgres://u:p@h/db?sslmode=disable", "x"), "postgres://u:p@h/x?sslmode=disable");
    }
}
