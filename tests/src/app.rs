use chrono::{DateTime, Utc};
use tokio::sync::oneshot;
use turnout_notifications::TickReport;
use turnout_web::{Config, Running};

use crate::db::TestDb;
use crate::smtp::SmtpServer;

const TEST_TOML: &str = include_str!("../../config/test.toml");

/// The application, started in this process on a random port.
pub struct TestApp {
    pub base: String,
    pub running: Running,
    stop: Option<oneshot::Sender<()>>,
}

/// Options a test can change.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Run the minute worker (otherwise the test drives `tick` itself).
    pub worker: bool,
    /// Load the demo data into the empty database.
    pub demo: bool,
}

impl TestApp {
    pub async fn start(db: &TestDb, smtp: &SmtpServer, options: Options) -> Self {
        let overrides = format!(
            "[database]\nurl = \"{}\"\nmax_connections = 4\n[email.smtp]\nport = {}\n[scheduler]\nenabled = {}\n[demo]\nseed_when_empty = {}\n",
            db.url, smtp.port, options.worker, options.demo
        );
        let mut config =
            Config::from_toml_overrides(&[TEST_TOML, &overrides]).expect("test configuration");
        // The base URL is known once the port is; links only need to be well-formed here.
        config.server.base_url = "http://127.0.0.1".to_owned();
        let (stop, stopped) = oneshot::channel::<()>();
        let running = turnout_web::start(config, async move {
            let _ = stopped.await;
        })
        .await
        .expect("the app starts");
        Self {
            base: format!("http://{}", running.addr),
            running,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// One sweep of the mail worker as if the clock read `now`.
    pub async fn tick(&self, now: DateTime<Utc>) -> TickReport {
        turnout_notifications::tick(
            &self.running.db,
            &self.running.mailer,
            &self.running.base_url,
            now,
        )
        .await
        .expect("tick")
    }

    /// Stops the server the way SIGTERM does and waits for it.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.running.finished).await;
    }
}

/// An HTTP client that does not follow redirects, so tests see them.
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}
