//! Many events: the demo database with its public forum copied N times
//! (agenda and speakers included), far more events than the cache keeps, so
//! most event pages are read from the database. Measures random event pages
//! and the lists over all of them at 64 connections, the time to /readyz on
//! the existing database, and the server's peak memory (target: 150 MB).

use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

use crate::server::{self, memory_kib};
use crate::wrk;

const CONNECTIONS: usize = 64;

pub async fn run(binary: &str, events: u64, seconds: u64) {
    if !wrk::available() {
        println!("wrk not found: the many-events benchmark needs it (sudo apt-get install wrk)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("turnout-many-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let built = Instant::now();
    let (first, last) = copy_the_forum(&server::database_url(&dir), events).await;
    let built = built.elapsed();

    let started = Instant::now();
    let server::Server { mut child, pid, base } = server::start(binary, &dir, &[], Stdio::null()).await;
    let client = reqwest::Client::new();
    while !client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let ready = started.elapsed();

    let script = dir.join("random.lua");
    std::fs::write(
        &script,
        format!(
            "math.randomseed(os.time())\nrequest = function()\n  return wrk.format(\"GET\", \"/events/\" .. math.random({first}, {last}))\nend\n"
        ),
    )
    .expect("write the wrk script");

    println!(
        "### {} copies of the demo forum beside the demo's events (SQLite; database built in {:.1} s)",
        last - first + 1,
        built.as_secs_f64()
    );
    println!();
    println!("| what | connections | req/s | p50 ms | p99 ms | errors |");
    println!("|---|---:|---:|---:|---:|---:|");
    let row = |what: &str, m: &wrk::Measured| {
        println!("| {what} | {CONNECTIONS} | {:.0} | {:.2} | {:.2} | {} |", m.per_second, m.p50_ms, m.p99_ms, m.errors);
    };
    row("random event pages (more events than the cache keeps)", &wrk::scripted(&format!("{base}/"), CONNECTIONS, seconds, &script));
    for (what, path) in [
        ("/ (upcoming events)", "/"),
        ("/calendar.ics", "/calendar.ics"),
        ("/api/v1/events (JSON)", "/api/v1/events"),
        ("the chapter page (/chapters/queens)", "/chapters/queens"),
    ] {
        row(what, &wrk::get(&format!("{base}{path}"), CONNECTIONS, seconds));
    }
    let (rss, peak) = memory_kib(pid);
    println!();
    println!(
        "Server memory: {:.1} MiB resident at the end, peak {:.1} MiB (target: 150 MB). /readyz answered {} ms after `turnout serve` started on this existing database.",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0,
        ready.as_millis()
    );
    println!("Settings: {binary}, {seconds} s per row, wrk -t2 on the same 2 cores as the server.");
    let _ = child.kill().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Creates the demo database and copies its public forum until there are
/// `events` more events, with their agenda and speakers. Returns the first
/// and last copy's id (all public: a random page never meets a draft).
async fn copy_the_forum(url: &str, events: u64) -> (i64, i64) {
    let db = turnout_persistence::connect(url, 1).await.expect("create the database");
    turnout_persistence::migrate(&db).await.expect("migrate");
    turnout_web::demo::seed_if_empty(&db, Utc::now()).await.expect("the demo data");
    let forum = one(&db, "SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await;
    let columns = |table: &'static str, without: &'static [&'static str]| {
        let db = &db;
        async move {
            let sql = format!("SELECT name FROM pragma_table_info('{table}')");
            let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("columns");
            rows.iter()
                .map(|r| r.try_get_by_index::<String>(0).expect("a name"))
                .filter(|c| !without.contains(&c.as_str()))
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let event_columns = columns("events", &["id"]).await;
    let agenda_columns = columns("event_agenda_items", &["id", "event_id"]).await;
    let speaker_columns = columns("event_speakers", &["id", "event_id"]).await;
    let before = one(&db, "SELECT MAX(id) FROM events").await;
    // In one transaction, a thousand at a time: a few seconds for 10,000.
    db.execute_unprepared("BEGIN").await.expect("begin");
    let mut left = events;
    while left > 0 {
        let n = left.min(1000);
        left -= n;
        db.execute_unprepared(&format!(
            "INSERT INTO events ({event_columns}) SELECT {event_columns} FROM events, \
             (WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {n}) SELECT i FROM k) WHERE id = {forum}"
        ))
        .await
        .expect("copy the forum");
    }
    let last = one(&db, "SELECT MAX(id) FROM events").await;
    for (table, cols) in [("event_agenda_items", &agenda_columns), ("event_speakers", &speaker_columns)] {
        let from_part = cols.split(", ").map(|c| format!("p.{c}")).collect::<Vec<_>>().join(", ");
        db.execute_unprepared(&format!(
            "INSERT INTO {table} (event_id, {cols}) SELECT e.id, {from_part} FROM {table} p, events e \
             WHERE p.event_id = {forum} AND e.id > {before}"
        ))
        .await
        .expect("copy the forum's parts");
    }
    db.execute_unprepared("COMMIT").await.expect("commit");
    let _ = db.close().await;
    (before + 1, last)
}

async fn one(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("query").expect("a row");
    row.try_get_by_index::<i64>(0).expect("an integer")
}
