//! A real browser: Debian's headless Chromium driven through chromedriver.

use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use tokio::process::{Child, Command};

pub struct Browser {
    pub client: Client,
    _driver: Child,
    profile: std::path::PathBuf,
}

fn require_browser() -> bool {
    std::env::var("TURNOUT_TEST_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

fn skip_marker() -> std::path::PathBuf {
    crate::skip_note("browser")
}

impl Browser {
    /// Starts chromedriver and a headless Chromium, or `None` (said loudly)
    /// when they are not installed and `TURNOUT_TEST_REQUIRE_BROWSER` is not 1.
    pub async fn start() -> Option<Self> {
        Self::start_sized(None).await
    }

    /// The same with the screen of a phone: a viewport `width` × `height`
    /// CSS pixels (390 × 844 is an iPhone 12 to 15).
    pub async fn start_phone(width: u32, height: u32) -> Option<Self> {
        Self::start_sized(Some((width, height))).await
    }

    async fn start_sized(phone: Option<(u32, u32)>) -> Option<Self> {
        let driver_bin = std::env::var("TURNOUT_TEST_CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
        let chromium = std::env::var("TURNOUT_TEST_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned());
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let driver = match Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
        {
            Ok(d) if std::path::Path::new(&chromium).exists() => d,
            other => {
                let why = match other {
                    Err(e) => format!("{driver_bin}: {e}"),
                    Ok(_) => format!("{chromium} not found"),
                };
                assert!(!require_browser(), "a browser is required (TURNOUT_TEST_REQUIRE_BROWSER=1) but {why}");
                eprintln!("\n*** SKIPPED: no headless Chromium ({why}); install chromium and chromium-driver ***\n");
                let _ = std::fs::write(skip_marker(), why);
                return None;
            }
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let profile = std::env::temp_dir().join(format!("turnout-chromium-{}", uuid::Uuid::new_v4().simple()));
        // These flags keep Chromium from reaching out to the network at start.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ];
        let mut args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let (width, height) = phone.unwrap_or((1200, 900));
        args.push(format!("--window-size={width},{height}"));
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut caps = serde_json::Map::new();
        let mut options = serde_json::json!({ "binary": chromium, "args": args });
        if phone.is_some() {
            // A window cannot be made that narrow everywhere; an emulated device can.
            options["mobileEmulation"] = serde_json::json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 3.0 } });
        }
        caps.insert("goog:chromeOptions".into(), options);
        // chromedriver speaks plain HTTP on loopback, so no TLS stack is needed.
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session");
        Some(Self { client, _driver: driver, profile })
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}
