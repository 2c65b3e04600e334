//! The HTTP load test: the release `turnout` binary on a fresh SQLite file
//! with the demo data, loaded over real HTTP from this process; prints a
//! Markdown table of requests per second, latency and the server's memory.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::server;

struct Phase {
    name: String,
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

fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn csrf_of(page: &str) -> Option<String> {
    let at = page.find("name=\"_csrf\" value=\"")? + 20;
    Some(page[at..].split('"').next()?.to_owned())
}

/// Runs `concurrency` clients for `seconds`, each calling `request` in a loop.
async fn phase<F, Fut>(name: &str, seconds: u64, concurrency: usize, request: F) -> Phase
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
    let mut result = Phase { name: name.to_owned(), requests: 0, errors: 0, seconds: 0.0, latencies_ms: Vec::new() };
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

pub async fn run(binary: &str, seconds: u64, concurrency: usize) {
    let dir = std::env::temp_dir().join(format!("turnout-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let outbox = dir.join("outbox");

    // Every client here is 127.0.0.1: lift the per-address RSVP limits (to
    // one event and to all), or the RSVP phase measures 429s.
    let limits = [
        ("TURNOUT__LIMITS__RSVP_PER_ADDRESS", "100000000".to_owned()),
        ("TURNOUT__LIMITS__RSVP_PER_ADDRESS_AND_EVENT", "100000000".to_owned()),
    ];
    let server::Server { mut child, pid, base } = server::start(binary, &dir, &limits, Stdio::null()).await;
    let (idle_rss, _) = memory_kib(pid);

    let client = reqwest::Client::builder().pool_max_idle_per_host(concurrency).build().expect("client");
    // The demo's public forum: the fullest event page.
    let api = client.get(format!("{base}/api/v1/events?kind=public_forum")).send().await.expect("api").text().await.expect("body");
    let list: serde_json::Value = serde_json::from_str(&api).expect("JSON");
    let forum = list["events"][0]["id"].as_i64().expect("the demo forum").to_string();
    let mut phases = Vec::new();
    for (name, path) in [
        ("GET / (upcoming events, 8 rows)", "/".to_owned()),
        ("GET /events/{id} (the demo forum: agenda, speakers, Markdown)", format!("/events/{forum}")),
        ("GET /api/v1/events (JSON)", "/api/v1/events".to_owned()),
        ("GET /calendar.ics (8 events)", "/calendar.ics".to_owned()),
        ("GET /healthz (no database)", "/healthz".to_owned()),
    ] {
        let (client, url) = (client.clone(), format!("{base}{path}"));
        phases.push(
            phase(name, seconds, concurrency, move |_| {
                let (client, url) = (client.clone(), url.clone());
                async move { client.get(url).send().await.is_ok_and(|r| r.status().is_success()) }
            })
            .await,
        );
    }

    // Guest RSVPs: each client has its own cookie and token, each RSVP a new address.
    let mut sessions = Vec::new();
    for _ in 0..concurrency {
        let c = reqwest::Client::builder().cookie_store(true).build().expect("client");
        let page = c.get(format!("{base}/events/{forum}")).send().await.expect("page").text().await.expect("body");
        sessions.push((c, csrf_of(&page).expect("a token")));
    }
    let url = format!("{base}/events/{forum}/rsvp");
    let rsvp = phase("POST /events/{id}/rsvp (write + outbox, SQLite)", seconds, concurrency, move |n| {
        let (client, token) = sessions[(n / 1_000_000) as usize].clone();
        let url = url.clone();
        async move {
            let email = format!("bench{n}@example.org");
            let form = [("name", "Bench Guest"), ("email", email.as_str()), ("_csrf", token.as_str())];
            client.post(url).form(&form).send().await.is_ok_and(|r| r.status().is_success())
        }
    })
    .await;
    let queued = rsvp.requests;
    phases.push(rsvp);

    // Every RSVP queued a confirmation; the worker writes them to the outbox folder.
    let started = Instant::now();
    let count = || std::fs::read_dir(&outbox).map(|d| d.count() as u64).unwrap_or(0);
    while count() < queued && started.elapsed() < Duration::from_secs(600) {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let delivered = count();
    let delivery_seconds = started.elapsed().as_secs_f64();
    let (rss, peak) = memory_kib(pid);
    let _ = child.kill().await;
    let _ = std::fs::remove_dir_all(&dir);

    println!("| what | requests | errors | req/s | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    for p in &phases {
        println!(
            "| {} | {} | {} | {:.0} | {:.2} | {:.2} |",
            p.name,
            p.requests,
            p.errors,
            p.requests as f64 / p.seconds,
            percentile(&p.latencies_ms, 0.5),
            percentile(&p.latencies_ms, 0.99)
        );
    }
    println!();
    println!(
        "Confirmations delivered after the RSVP phase: {delivered} of {queued} (.eml files, file transport); the backlog drained in {delivery_seconds:.1} s after the load stopped."
    );
    println!(
        "Server memory: {:.1} MiB resident when idle after start, {:.1} MiB at the end, peak {:.1} MiB.",
        idle_rss as f64 / 1024.0,
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    println!(
        "Settings: {binary}, {concurrency} concurrent clients, {seconds} s per phase, SQLite; load generator and server share the machine's cores."
    );
}
