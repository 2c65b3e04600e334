//! The HTTP load test: the release `turnout` binary with the demo data, on a
//! fresh SQLite file and on a fresh PostgreSQL database, beside its ceilings
//! in the same run on the same machine: `bareserver` (a page that reads 20
//! rows from the same database and renders them) and `/healthz` (no
//! database). Loaded by `wrk`, guest RSVPs too (a Lua script posting the form
//! with a new address each). Prints Markdown tables for BENCHMARKS.md.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::server::{self, memory_kib};
use crate::wrk;

fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"_csrf\" value=\"")? + 20;
    Some(page[at..].split('"').next()?.to_owned())
}

/// A database for one run: SQLite files in the run's folder, or a fresh
/// PostgreSQL database dropped at the end.
enum Backend {
    Sqlite,
    Postgres { admin: String, name: String },
}

impl Backend {
    fn label(&self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres { .. } => "PostgreSQL",
        }
    }

    /// The URL of the database `which` ("turnout" or "bare") of this run.
    fn url(&self, dir: &std::path::Path, which: &str) -> String {
        match self {
            Self::Sqlite => format!("sqlite://{}?mode=rwc", dir.join(format!("{which}.db")).display()),
            Self::Postgres { admin, name } => with_database(admin, &format!("{name}_{which}")),
        }
    }
}

/// `postgres://user@host:port/db` with another database name.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

async fn postgres_admin(url: &str, sql: &str) -> bool {
    match sea_orm::Database::connect(url).await {
        Ok(db) => sea_orm::ConnectionTrait::execute_unprepared(&db, sql).await.is_ok(),
        Err(_) => false,
    }
}

/// The bench-only ceiling server, built beside this binary.
async fn start_bare(url: &str) -> (tokio::process::Child, String) {
    use tokio::io::AsyncBufReadExt;
    let exe = std::env::current_exe().expect("this binary").with_file_name("bareserver");
    let mut child = tokio::process::Command::new(&exe)
        .arg(url)
        .stdout(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("start {}: {e} (build it: cargo build --release -p turnout-tests --bin bareserver)", exe.display()));
    let mut line = String::new();
    tokio::io::BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).await.expect("the address line");
    let base = line.split_whitespace().find(|w| w.starts_with("http://")).expect("Bare page at ...").trim_end_matches('/').to_owned();
    (child, base)
}

pub async fn run(binary: &str, seconds: u64, connections: &[usize]) {
    if !wrk::available() {
        println!("wrk not found: the HTTP benchmark needs it (sudo apt-get install wrk)");
        return;
    }
    let mut backends = vec![Backend::Sqlite];
    let admin = std::env::var("TURNOUT_BENCH_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("turnout_bench_{}", std::process::id());
    if postgres_admin(&admin, &format!("CREATE DATABASE {name}_turnout")).await
        && postgres_admin(&admin, &format!("CREATE DATABASE {name}_bare")).await
    {
        backends.push(Backend::Postgres { admin: admin.clone(), name: name.clone() });
    } else {
        println!("PostgreSQL not reachable at {admin} (TURNOUT_BENCH_POSTGRES_URL): measured on SQLite only.\n");
    }
    for backend in &backends {
        one_backend(binary, seconds, connections, backend).await;
    }
    if let Some(Backend::Postgres { admin, name }) = backends.get(1) {
        postgres_admin(admin, &format!("DROP DATABASE IF EXISTS {name}_turnout WITH (FORCE)")).await;
        postgres_admin(admin, &format!("DROP DATABASE IF EXISTS {name}_bare WITH (FORCE)")).await;
    }
}

async fn one_backend(binary: &str, seconds: u64, connections: &[usize], backend: &Backend) {
    let dir = std::env::temp_dir().join(format!("turnout-bench-{}-{}", std::process::id(), backend.label()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let outbox = dir.join("outbox");

    // Every client here is 127.0.0.1: lift the per-address RSVP limits (to
    // one event and to all), or the RSVP phase measures 429s.
    let settings = [
        ("TURNOUT__LIMITS__RSVP_PER_ADDRESS", "100000000".to_owned()),
        ("TURNOUT__LIMITS__RSVP_PER_ADDRESS_AND_EVENT", "100000000".to_owned()),
        ("TURNOUT__DATABASE__URL", backend.url(&dir, "turnout")),
    ];
    let started = Instant::now();
    let server::Server { mut child, pid, base } = server::start(binary, &dir, &settings, Stdio::null()).await;
    let listening = started.elapsed();
    let client = reqwest::Client::builder().build().expect("client");
    while !client.get(format!("{base}/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let ready = started.elapsed();
    let (idle_rss, _) = memory_kib(pid);
    let (mut bare, bare_base) = start_bare(&backend.url(&dir, "bare")).await;

    // The demo's public forum: the fullest event page.
    let api = client.get(format!("{base}/api/v1/events?kind=public_forum")).send().await.expect("api").text().await.expect("body");
    let list: serde_json::Value = serde_json::from_str(&api).expect("JSON");
    let forum = list["events"][0]["id"].as_i64().expect("the demo forum").to_string();
    let api = client.get(format!("{base}/api/v1/events?kind=branch_meeting")).send().await.expect("api").text().await.expect("body");
    let list: serde_json::Value = serde_json::from_str(&api).expect("JSON");
    let meeting = list["events"][0]["id"].as_i64().expect("the demo's weekly meeting (no capacity)").to_string();
    let pages = [
        ("the event page (the demo forum: agenda, speakers, Markdown)", format!("{base}/events/{forum}")),
        ("/ (upcoming events)", format!("{base}/")),
        ("the chapter page (/chapters/queens)", format!("{base}/chapters/queens")),
        ("/api/v1/events (JSON)", format!("{base}/api/v1/events")),
        ("/calendar.ics", format!("{base}/calendar.ics")),
    ];

    println!("### {} (first start to /readyz: {} ms; listening after {} ms)", backend.label(), ready.as_millis(), listening.as_millis());
    println!();
    println!("| what | connections | req/s | p50 ms | p99 ms | errors | × ceiling |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let row = |what: &str, c: usize, m: &wrk::Measured, ceiling: Option<f64>| {
        let ratio = ceiling.map_or("ceiling".to_owned(), |top| format!("{:.2}×", m.per_second / top));
        println!("| {what} | {c} | {:.0} | {:.2} | {:.2} | {} | {ratio} |", m.per_second, m.p50_ms, m.p99_ms, m.errors);
    };
    for &c in connections {
        let healthz = wrk::get(&format!("{base}/healthz"), c, seconds);
        row("/healthz (no database: the HTTP stack's ceiling)", c, &healthz, None);
        let ceiling = wrk::get(&format!("{bare_base}/"), c, seconds);
        row(&format!("bare page: 20 rows from {} (ceiling of pages)", backend.label()), c, &ceiling, None);
        for (what, url) in &pages {
            row(what, c, &wrk::get(url, c, seconds), Some(ceiling.per_second));
        }
        let rsvp = rsvps(&base, &meeting, &dir, c, seconds).await;
        row(
            "POST /events/{id}/rsvp: guest RSVP with seats left (the weekly meeting), a new address each, confirmation queued",
            c,
            &rsvp,
            None,
        );
        let rsvp = rsvps(&base, &forum, &dir, c, seconds).await;
        row("POST /events/{id}/rsvp: guest RSVP once the forum's 40 seats are taken (waitlisted, place in line mailed)", c, &rsvp, None);
    }
    let _ = bare.kill().await;

    // Every RSVP queued a confirmation; the worker writes them to the outbox
    // folder. Counted in the database once the count stands still: wrk drops
    // the requests in flight when it stops, and the server still records them.
    let db = turnout_persistence::connect(&backend.url(&dir, "turnout"), 1).await.expect("the bench database");
    let mut queued = u64::try_from(bench_rsvps(&db).await).unwrap_or(0);
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = u64::try_from(bench_rsvps(&db).await).unwrap_or(0);
        if now == queued {
            break;
        }
        queued = now;
    }
    let waited = Instant::now();
    let count = || std::fs::read_dir(&outbox).map(|d| d.count() as u64).unwrap_or(0);
    while count() < queued && waited.elapsed() < Duration::from_secs(600) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let delivered = count();
    let (rss, peak) = memory_kib(pid);
    let _ = child.kill().await;
    let _ = std::fs::remove_dir_all(&dir);
    println!();
    println!(
        "Confirmations: {delivered} delivered for the {queued} RSVPs recorded (.eml files, file transport), the last {:.1} s after the load stopped.",
        waited.elapsed().as_secs_f64()
    );
    println!(
        "Server memory: {:.1} MiB resident when idle after start, {:.1} MiB at the end, peak {:.1} MiB.",
        idle_rss as f64 / 1024.0,
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    println!("Settings: {binary}, {seconds} s per row, wrk -t2 (pages and RSVPs) on the same 2 cores as the servers.");
    println!();
}

/// Guest RSVPs under wrk: one visitor's cookie and form token (as a page
/// gives them), a new address in every request. A 303 to "check your
/// email" is a recorded RSVP; the page it leads to is not loaded.
async fn rsvps(base: &str, event: &str, dir: &std::path::Path, connections: usize, seconds: u64) -> wrk::Measured {
    let page = reqwest::get(format!("{base}/events/{event}")).await.expect("the event page");
    let cookie = page
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("turnout_csrf="))
        .and_then(|c| c.split(';').next())
        .expect("the CSRF cookie")
        .to_owned();
    let token = csrf_of(&page.text().await.expect("body")).expect("a token");
    let script = dir.join(format!("rsvp-{event}-{connections}.lua"));
    std::fs::write(
        &script,
        format!(
            "local threads = 0\n\
             function setup(thread) threads = threads + 1; thread:set(\"tid\", threads) end\n\
             tid = 0\nn = 0\n\
             request = function()\n  n = n + 1\n  \
             local body = \"_csrf={token}&name=Bench+Guest&answer=going&guests=0&email=bench{event}x{connections}x\" .. tid .. \"x\" .. n .. \"%40example.org\"\n  \
             return wrk.format(\"POST\", \"/events/{event}/rsvp\", {{[\"Content-Type\"] = \"application/x-www-form-urlencoded\", \
             [\"Cookie\"] = \"{cookie}\", [\"Origin\"] = \"{base}\"}}, body)\nend\n"
        ),
    )
    .expect("write the wrk script");
    wrk::scripted(&format!("{base}/"), connections, seconds, &script)
}

/// RSVPs the bench made (their addresses start with "bench").
async fn bench_rsvps(db: &turnout_persistence::Db) -> i64 {
    use sea_orm::ConnectionTrait;
    let sql = "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM rsvps WHERE email LIKE 'bench%'";
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.expect("count RSVPs");
    row.and_then(|r| r.try_get::<i64>("", "n").ok()).unwrap_or(0)
}
