//! The real `turnout` binary as a child process, started the way an operator
//! starts it (`turnout serve` with a config file and environment variables),
//! so a test can kill it mid-delivery or run several on one database.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

/// One running `turnout serve`.
pub struct Instance {
    /// Where it answers HTTP, e.g. `http://127.0.0.1:40123`.
    pub base: String,
    child: Child,
    /// Kept open: the child prints to stdout, and a closed pipe would fail it.
    _stdout: Lines<BufReader<ChildStdout>>,
    dir: PathBuf,
}

/// The `turnout` binary of the same build as this test. It belongs to
/// turnout-web, so Cargo does not hand its path to this crate's tests; it
/// lies in the profile folder, one up from the test executable's `deps/`.
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test executable's path");
    let profile = exe.parent().and_then(Path::parent).expect("the test executable lies in target/<profile>/deps");
    let binary = profile.join(format!("turnout{}", std::env::consts::EXE_SUFFIX));
    assert!(
        binary.is_file(),
        "{} is missing: build it with `cargo build --workspace --all-targets` (`make test` does) before these tests",
        binary.display()
    );
    binary
}

impl Instance {
    /// Starts `turnout serve` on `database_url`, sending mail to the SMTP
    /// server on `smtp_port`, with its mail worker on, listening on a port
    /// of its own choice. `env` adds settings (`TURNOUT__EMAIL__FROM_NAME`, ...).
    /// Returns once it says it is running.
    pub async fn start(database_url: &str, smtp_port: u16, env: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("turnout-process-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).expect("a folder for the instance");
        let log = std::fs::File::create(dir.join("turnout.log")).expect("the instance's log file");
        let test_config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../config/test.toml");
        let mut command = Command::new(binary());
        // Only the settings given here: nothing the caller's environment happens to hold.
        for (key, _) in std::env::vars() {
            if key.starts_with("TURNOUT_") {
                command.env_remove(key);
            }
        }
        command
            .arg("--config")
            .arg(&test_config)
            .arg("serve")
            .env("TURNOUT__DATABASE__URL", database_url)
            .env("TURNOUT__EMAIL__SMTP__PORT", smtp_port.to_string())
            .env("TURNOUT__SCHEDULER__ENABLED", "true")
            .env("TURNOUT__STORAGE__UPLOADS_DIR", dir.join("uploads"))
            .env("RUST_LOG", "info,sqlx=warn,sea_orm=warn,tokio_cron_scheduler=warn")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log)
            .kill_on_drop(true);
        let mut child = command.spawn().unwrap_or_else(|e| panic!("start {}: {e}", binary().display()));
        let mut stdout = BufReader::new(child.stdout.take().expect("the child's stdout")).lines();
        let first = tokio::time::timeout(Duration::from_secs(60), stdout.next_line()).await;
        let base = match &first {
            Ok(Ok(Some(line))) => line.strip_prefix("Turnout is running at ").and_then(|rest| rest.split_whitespace().next()),
            _ => None,
        };
        let Some(base) = base.map(str::to_owned) else {
            let _ = child.start_kill();
            let log = std::fs::read_to_string(dir.join("turnout.log")).unwrap_or_default();
            panic!("turnout serve did not say it was running (stdout: {first:?}); its log:\n{log}");
        };
        Self { base, child, _stdout: stdout, dir }
    }

    pub fn pid(&self) -> u32 {
        self.child.id().expect("the instance is still running")
    }

    /// Kills it at once (SIGKILL), as a crash or the OOM killer would: no
    /// message in flight is finished or recorded.
    pub async fn kill(&mut self) {
        self.child.start_kill().expect("SIGKILL the instance");
        let _ = self.child.wait().await;
    }

    /// Asks it to stop (SIGTERM) and waits up to `within` for it to exit.
    pub async fn terminate(&mut self, within: Duration) -> ExitStatus {
        let sent = std::process::Command::new("kill").args(["-TERM", &self.pid().to_string()]).status().expect("run kill");
        assert!(sent.success(), "SIGTERM to the instance");
        match tokio::time::timeout(within, self.child.wait()).await {
            Ok(status) => status.expect("the instance's exit status"),
            Err(_) => panic!("turnout did not stop within {within:?} of SIGTERM; its log:\n{}", self.log()),
        }
    }

    /// What it logged so far (stderr), for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("turnout.log")).unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        // A test that panicked leaves no server running (kill_on_drop) and no folder.
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
