//! The HTTP load test: the release `turnout` binary with the demo data, on a
//! fresh SQLite file and on a fresh PostgreSQL database, beside its ceilings
//! in the same run on the same machine: `bareserver` (a page that reads 20
//! rows from the same database and renders them) and `/healthz` (no
//! database). GETs are loaded by `wrk`; guest RSVPs (a CSRF token and a new
//! address each) from this process. Prints Markdown tables for BENCHMARKS.md.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::server::{self, memory_kib};
use crate::wrk;

struct Phase {
    requests: u64,
    errors: u64,
    seconds: f64,
    latencies_ms: Vec<f64>,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"_csrf\" value=\"")? + 20;
    Some(page[at..].split('"').next()?.to_owned())
}

/// Runs `concurrency` clients for `seconds`, each calling `request` in a loop.
async fn phase<F, Fut>(seconds: u64, concurrency: usize, request: F) -> Phase
where
    F: Fn(u64) -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..concurrency {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            let (mut ok, mut errors, mut latencies) = (0u64, 0u64, Vec::new());
            let mut i = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                if request(worker as u64 * 1_000_000 + i).await {
                    ok += 1;
                } else {
                    errors += 1;
                }
                latencies.push(t.elapsed().as_secs_f64() * 1000.0);
                i += 1;
            }
            (ok, errors, latencies)
        }));
    }
    let mut result = Phase { requests: 0, errors: 0, seconds: 0.0, latencies_ms: Vec::new() };
    for t in tasks {
        let (ok, errors, latencies) = t.await.expect("a load task");
        result.requests += ok;
        result.errors += errors;
        result.latencies_ms.extend(latencies);
    }
    result.seconds = started.elapsed().as_secs_f64();
    result.latencies_ms.sort_by(|a, b| a.total_cmp(b));
    result
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
    let mut rsvp_rates = Vec::new();
    for &c in connections {
        let healthz = wrk::get(&format!("{base}/healthz"), c, seconds);
        row("/healthz (no database: the HTTP stack's ceiling)", c, &healthz, None);
        let ceiling = wrk::get(&format!("{bare_base}/"), c, seconds);
        row(&format!("bare page: 20 rows from {} (ceiling of pages)", backend.label()), c, &ceiling, None);
        for (what, url) in &pages {
            row(what, c, &wrk::get(url, c, seconds), Some(ceiling.per_second));
        }
        let rsvp = rsvps(&base, &forum, c, seconds).await;
        println!(
            "| POST /events/{{id}}/rsvp (guest RSVP, confirmation queued) | {c} | {:.0} | {:.2} | {:.2} | {} | |",
            rsvp.requests as f64 / rsvp.seconds,
            percentile(&rsvp.latencies_ms, 0.5),
            percentile(&rsvp.latencies_ms, 0.99),
            rsvp.errors
        );
        rsvp_rates.push(rsvp.requests);
    }
    let _ = bare.kill().await;

    // Every RSVP queued a confirmation; the worker writes them to the outbox folder.
    let queued: u64 = rsvp_rates.iter().sum();
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
        "Confirmations: {delivered} of {queued} RSVPs' confirmations delivered (.eml files, file transport), the last {:.1} s after the load stopped.",
        waited.elapsed().as_secs_f64()
    );
    println!(
        "Server memory: {:.1} MiB resident when idle after start, {:.1} MiB at the end, peak {:.1} MiB.",
        idle_rss as f64 / 1024.0,
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    println!("Settings: {binary}, {seconds} s per row, wrk -t2 (GET) and this process (RSVPs) on the same 2 cores as the servers.");
    println!();
}

/// Guest RSVPs: each client has its own cookie and token, each RSVP a new address.
async fn rsvps(base: &str, forum: &str, concurrency: usize, seconds: u64) -> Phase {
    let mut sessions = Vec::new();
    for _ in 0..concurrency {
        let c = reqwest::Client::builder().cookie_store(true).build().expect("client");
        let page = c.get(format!("{base}/events/{forum}")).send().await.expect("page").text().await.expect("body");
        sessions.push((c, csrf_of(&page).expect("a token")));
    }
    let url = format!("{base}/events/{forum}/rsvp");
    let round = std::process::id() as u64 * 1000 + concurrency as u64;
    phase(seconds, concurrency, move |n| {
        let (client, token) = sessions[(n / 1_000_000) as usize].clone();
        let url = url.clone();
        async move {
            let email = format!("bench{round}-{n}@example.org");
            let form = [("name", "Bench Guest"), ("email", email.as_str()), ("_csrf", token.as_str())];
            client.post(url).form(&form).send().await.is_ok_and(|r| r.status().is_success())
        }
    })
    .await
}
