//! GET load from `wrk` (Debian package `wrk`): a load generator written in C
//! that costs the shared cores far less than one in this process, and the
//! same for Turnout and for its ceilings.

use std::process::Command;

/// What one `wrk` run measured.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    pub requests: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Non-2xx answers, socket errors and timeouts.
    pub errors: u64,
}

pub fn available() -> bool {
    Command::new("wrk").arg("--version").output().is_ok()
}

/// `wrk` against `url` with `connections` kept-alive connections on two
/// threads for `seconds`.
pub fn get(url: &str, connections: usize, seconds: u64) -> Measured {
    run(url, connections, seconds, None)
}

/// As `get`, with the requests made by the Lua `script` (wrk's `-s`).
pub fn scripted(url: &str, connections: usize, seconds: u64, script: &std::path::Path) -> Measured {
    run(url, connections, seconds, Some(script))
}

fn run(url: &str, connections: usize, seconds: u64, script: Option<&std::path::Path>) -> Measured {
    let mut wrk = Command::new("wrk");
    wrk.args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--latency"]);
    if let Some(script) = script {
        wrk.arg("-s").arg(script);
    }
    let out = wrk.arg(url).output().unwrap_or_else(|e| panic!("run wrk: {e}"));
    parse(&String::from_utf8_lossy(&out.stdout))
}

fn duration_ms(value: &str) -> f64 {
    let split = value.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let n: f64 = number.parse().unwrap_or(0.0);
    match unit {
        "us" => n / 1000.0,
        "ms" => n,
        "s" => n * 1000.0,
        "m" => n * 60_000.0,
        _ => n,
    }
}

fn parse(report: &str) -> Measured {
    let mut m = Measured::default();
    for line in report.lines().map(str::trim) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["50%", v] => m.p50_ms = duration_ms(v),
            ["99%", v] => m.p99_ms = duration_ms(v),
            ["Requests/sec:", v] => m.per_second = v.parse().unwrap_or(0.0),
            [n, "requests", "in", ..] => m.requests = n.parse().unwrap_or(0),
            ["Non-2xx", "or", "3xx", "responses:", n] => m.errors += n.parse::<u64>().unwrap_or(0),
            ["Socket", "errors:", rest @ ..] => {
                m.errors += rest.iter().filter_map(|w| w.trim_end_matches(',').parse::<u64>().ok()).sum::<u64>();
            }
            _ => {}
        }
    }
    m
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_a_wrk_report() {
        let report = "Running 2s test @ http://127.0.0.1:1/\n  2 threads and 16 connections\n  Latency Distribution\n     50%  635.00us\n     75%    1.00ms\n     90%    2.00ms\n     99%    3.50ms\n  24000 requests in 2.00s, 3.00MB read\n  Socket errors: connect 0, read 2, write 0, timeout 1\n  Non-2xx or 3xx responses: 4\nRequests/sec:  12000.50\nTransfer/sec:      1.50MB\n";
        let m = super::parse(report);
        assert_eq!(m.requests, 24000);
        assert!((m.per_second - 12000.5).abs() < 0.01);
        assert!((m.p50_ms - 0.635).abs() < 1e-9 && (m.p99_ms - 3.5).abs() < 1e-9);
        assert_eq!(m.errors, 7);
    }
}
