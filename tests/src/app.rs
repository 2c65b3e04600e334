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
    /// More TOML laid over the test configuration.
    pub extra: &'static str,
}

impl TestApp {
    pub async fn start(db: &TestDb, smtp: &SmtpServer, options: Options) -> Self {
        Self::start_with_smtp_port(db, smtp.port, options).await
    }

    /// The app sending to `smtp_port`, where an SMTP server may not (yet) listen.
    pub async fn start_with_smtp_port(db: &TestDb, smtp_port: u16, options: Options) -> Self {
        // The app's log goes to the test's output, shown when a test fails.
        let _ = tracing_subscriber::fmt().with_env_filter("warn,turnout_web=info").with_test_writer().try_init();
        let overrides = format!(
            "[database]\nurl = \"{}\"\nmax_connections = 4\n[email.smtp]\nport = {}\n[scheduler]\nenabled = {}\n[demo]\nseed_when_empty = {}\n",
            db.url, smtp_port, options.worker, options.demo
        );
        // Links in emails must work, so the base URL names the real port. The
        // port is found free, released, then bound by the app: another test
        // can take it in between, so a taken port means trying another.
        let mut attempt = 0;
        let (running, stop) = loop {
            attempt += 1;
            let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
            let uploads = std::env::temp_dir().join(format!("turnout-uploads-{}", uuid::Uuid::new_v4().simple()));
            let server = format!(
                "[server]\nbind = \"127.0.0.1:{port}\"\nbase_url = \"http://127.0.0.1:{port}\"\n[storage]\nuploads_dir = \"{}\"\n",
                uploads.display()
            );
            let config = Config::from_toml_overrides(&[TEST_TOML, &overrides, &server, options.extra]).expect("test configuration");
            let (stop, stopped) = oneshot::channel::<()>();
            match turnout_web::start(config, async move {
                let _ = stopped.await;
            })
            .await
            {
                Ok(running) => break (running, stop),
                Err(turnout_web::Error::Io(e)) if e.kind() == std::io::ErrorKind::AddrInUse && attempt < 5 => continue,
                Err(e) => panic!("the app starts: {e:?}"),
            }
        };
        Self { base: format!("http://{}", running.addr), running, stop: Some(stop) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// One sweep of the mail worker as if the clock read `now`.
    pub async fn tick(&self, now: DateTime<Utc>) -> TickReport {
        turnout_notifications::tick(&self.running.db, &self.running.mailer, &self.running.state.site_links(), now).await.expect("tick")
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
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("http client")
}

/// A browser-like HTTP client: keeps cookies, does not follow redirects, and
/// sends the CSRF token of the page a form came from.
#[derive(Clone)]
pub struct Visitor {
    pub client: reqwest::Client,
    base: String,
}

/// The value of the hidden `_csrf` field of a page.
pub fn csrf_of(page: &str) -> String {
    let at = page.find("name=\"_csrf\" value=\"").expect("the page has a form with a CSRF token") + 20;
    page[at..].split('"').next().unwrap_or_default().to_owned()
}

impl Visitor {
    pub fn new(app: &TestApp) -> Self {
        Self::from_address(app, "127.0.0.1")
    }

    /// A visitor whose connections come from another loopback address
    /// (127.0.0.2, ...): to the app, another client on another network.
    pub fn from_address(app: &TestApp, ip: &str) -> Self {
        let ip: std::net::IpAddr = ip.parse().expect("an IP address");
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .local_address(ip)
            .build()
            .expect("http client");
        Self { client, base: app.base.clone() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> (reqwest::StatusCode, String) {
        let res = self.client.get(self.url(path)).send().await.expect("GET");
        (res.status(), res.text().await.expect("body"))
    }

    /// Where a POST that worked leads (POST/redirect/GET): checks that it
    /// redirected, and opens the page it redirected to.
    pub async fn follow(&self, res: reqwest::Response) -> (reqwest::StatusCode, String) {
        assert_eq!(res.status(), reqwest::StatusCode::SEE_OTHER, "a POST that worked redirects");
        let to = res.headers()[reqwest::header::LOCATION].to_str().expect("a location").to_owned();
        self.get(&to).await
    }

    /// The page a redirect leads to (as a browser would open it), or the
    /// response itself when it is not a redirect.
    pub async fn landing(&self, res: reqwest::Response) -> reqwest::Response {
        if res.status() != reqwest::StatusCode::SEE_OTHER {
            return res;
        }
        let to = res.headers()[reqwest::header::LOCATION].to_str().expect("a location").to_owned();
        self.client.get(self.url(&to)).send().await.expect("GET")
    }

    /// Opens `form_page`, then posts `fields` with its CSRF token to `action`.
    pub async fn submit(&self, form_page: &str, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let (_, page) = self.get(form_page).await;
        let token = csrf_of(&page);
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", &token));
        self.client.post(self.url(action)).form(&all).send().await.expect("POST")
    }
}

impl TestApp {
    /// A guest RSVP as a visitor with a fresh browser would send it.
    /// Success redirects to the "check your email" page; this returns that page.
    pub async fn rsvp(&self, event_id: i64, name: &str, email: &str) -> reqwest::Response {
        let page = format!("/events/{event_id}");
        let v = Visitor::new(self);
        let res = v.submit(&page, &format!("{page}/rsvp"), &[("name", name), ("email", email)]).await;
        v.landing(res).await
    }
}
