//! `make bench`: figures of the release `turnout` binary, printed as Markdown
//! tables for BENCHMARKS.md.
//!
//! Usage:
//!   loadtest PATH-TO-TURNOUT [SECONDS-PER-ROW] [CONNECTIONS,...]
//!       HTTP: requests per second, latency and memory, each page beside its
//!       ceiling in the same run, on SQLite and PostgreSQL (`http.rs`).
//!   loadtest delivery PATH-TO-TURNOUT [MESSAGES] [CONNECTIONS,...]
//!       Email: how fast the mail worker empties a full outbox into postfix's
//!       `smtp-sink`, beside `smtp-source` sending as much (`delivery.rs`).
//!   loadtest many PATH-TO-TURNOUT [EVENTS] [SECONDS-PER-ROW]
//!       Many events (SQLite): random event pages and the lists over EVENTS
//!       copies of the demo forum, ready time and peak memory (`many.rs`).

mod delivery;
mod http;
mod many;
mod server;
mod wrk;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    if arg(0) == Some("delivery") {
        let binary = arg(1).unwrap_or("target/release/turnout");
        let messages: u64 = arg(2).and_then(|s| s.parse().ok()).unwrap_or(3000);
        let connections: Vec<u32> = match arg(3) {
            Some(list) => list.split(',').map(|c| c.trim().parse().expect("CONNECTIONS: numbers separated by commas")).collect(),
            None => vec![4, 16],
        };
        delivery::run(binary, messages, &connections).await;
    } else if arg(0) == Some("many") {
        let binary = arg(1).unwrap_or("target/release/turnout");
        let events: u64 = arg(2).and_then(|s| s.parse().ok()).unwrap_or(10_000);
        let seconds: u64 = arg(3).and_then(|s| s.parse().ok()).unwrap_or(10);
        many::run(binary, events, seconds).await;
    } else {
        let binary = arg(0).unwrap_or("target/release/turnout");
        let seconds: u64 = arg(1).and_then(|s| s.parse().ok()).unwrap_or(10);
        let connections: Vec<usize> = match arg(2) {
            Some(list) => list.split(',').map(|c| c.trim().parse().expect("CONNECTIONS: numbers separated by commas")).collect(),
            None => vec![16, 64],
        };
        http::run(binary, seconds, &connections).await;
    }
}
