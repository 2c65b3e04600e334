//! The release `turnout serve` as a child process, configured the way an
//! operator would: by TURNOUT__SECTION__KEY environment variables.

use std::path::Path;
use std::process::Stdio;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct Server {
    pub child: Child,
    pub pid: u32,
    /// `http://127.0.0.1:PORT`, from the line the server prints once it listens.
    pub base: String,
}

/// The SQLite file every run keeps in its own folder `dir`.
pub fn database_url(dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", dir.join("bench.db").display())
}

/// Starts `turnout serve` on a free loopback port with its database, email
/// folder and uploads in `dir`, plus `settings`, and waits until it listens.
/// The server's log goes to `log`.
pub async fn start(binary: &str, dir: &Path, settings: &[(&str, String)], log: Stdio) -> Server {
    let mut child = Command::new(binary)
        .arg("serve")
        .env("TURNOUT__SERVER__BIND", "127.0.0.1:0")
        .env("TURNOUT__DATABASE__URL", database_url(dir))
        .env("TURNOUT__EMAIL__FILE_DIR", dir.join("outbox"))
        .env("TURNOUT__STORAGE__UPLOADS_DIR", dir.join("uploads"))
        .env("RUST_LOG", "warn")
        .envs(settings.iter().map(|(k, v)| (*k, v.as_str())))
        .stdout(Stdio::piped())
        .stderr(log)
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("start {binary}: {e}"));
    let pid = child.id().expect("a running server");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).await.expect("the address line");
    let base = line.split_whitespace().find(|w| w.starts_with("http://")).expect("Turnout is running at ...").to_owned();
    Server { child, pid, base }
}

/// (resident now, peak resident) of process `pid`, in KiB.
pub fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
