//! Starting and stopping the whole application.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use chrono::Utc;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use turnout_notifications::{Mailer, Notifier, Worker};
use turnout_persistence::{Db, connect, migrate, settings};

use crate::config::Config;
use crate::http::error::Error;
use crate::http::secrets::random_token;
use crate::http::{middleware, server, visitor};
use crate::state::{AppState, Inner};
use crate::{demo, routes};

/// The largest request: a cover image and its form. Ordinary forms are held
/// to the size of the longest valid form where they are read (`visitor::FORM_LIMIT`).
const BODY_LIMIT_BYTES: usize = 6 * 1024 * 1024;

/// A started application.
pub struct Running {
    /// The address it listens on (useful when the configured port was 0).
    pub addr: SocketAddr,
    pub db: Db,
    pub mailer: Mailer,
    pub base_url: String,
    /// What every request handler shares (tests run sweeps with it).
    pub state: AppState,
    /// Ends when the server has shut down and the mail worker has finished.
    pub finished: JoinHandle<()>,
}

/// Connects to the database, migrates it, loads the demo data when asked and
/// the database is empty, starts the mail worker (when enabled) and serves
/// until `shutdown` resolves. In-flight requests and the message being sent
/// are finished before it stops.
pub async fn start(config: Config, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<Running, Error> {
    if let Some(dir) = config.sqlite_dir() {
        std::fs::create_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&config.storage.uploads_dir)?;
    if let Some(warning) = config.mail_setting_warning() {
        tracing::warn!("{warning}");
    }
    // The port first: if it is taken, nothing else has been started.
    let listener = TcpListener::bind(config.server.bind).await?;
    let addr = listener.local_addr()?;
    let db = connect(&config.database.url, config.database.max_connections).await?;
    migrate(&db).await?;
    if config.demo.seed_when_empty && demo::seed_if_empty(&db, Utc::now()).await? {
        tracing::info!("loaded the demo chapters and events into the empty database");
    }
    let base_url = config.server.base_url.trim_end_matches('/').to_owned();
    let manage_key = settings::get_or_insert(&db, "rsvp_manage_key", &random_token()).await?.into_bytes();
    let links = (manage_key.clone(), base_url.clone());
    let mailer = Mailer::from_config(&config.email)?.with_unsubscribe_links(std::sync::Arc::new(
        move |address: &str, category: turnout_domain::outbox::MailCategory| {
            format!("{}/unsubscribe/{}?category={}", links.1, crate::http::secrets::unsubscribe_token(&links.0, address), category.as_str())
        },
    ));
    let notifier = Notifier::new();
    let worker = if config.scheduler.enabled {
        let links = crate::state::site_links(&manage_key, &base_url, &config.email.from_address);
        Some(Worker::start(db.clone(), mailer.clone(), links, notifier.clone()).await?)
    } else {
        None
    };

    // The CSRF signing key: generated once, stored in the database, so every instance shares it.
    let csrf_key = settings::get_or_insert(&db, "csrf_key", &random_token()).await?.into_bytes();
    let state = AppState::new(Inner {
        db: db.clone(),
        base_url: base_url.clone(),
        mail_from: config.email.from_address.clone(),
        notifier,
        csrf_key,
        manage_key: manage_key.clone(),
        promotion_cutoff: chrono::Duration::hours(config.rsvp.promotion_cutoff_hours.max(0)),
        guest_hold: chrono::Duration::hours(config.rsvp.guest_hold_hours.clamp(1, 24 * 14)),
        session_idle: chrono::Duration::days(config.accounts.session_idle_days.max(1)),
        secure_cookies: config.is_https(),
        trusted_proxies: config.proxy_networks(),
        limits: config.limits.clone(),
        uploads_dir: config.storage.uploads_dir.clone(),
        reads: crate::reads::Reads::default(),
        rsvp_ids: Default::default(),
        guest_writes: crate::rsvps::guest_writes::GuestWrites::start(crate::rsvps::guest::Keys {
            db: db.clone(),
            base_url: base_url.clone(),
            manage_key: manage_key.clone(),
        }),
    });
    let sweeper = config.scheduler.enabled.then(|| crate::rsvps::holds::spawn_sweeper(state.clone()));
    let app = routes::router(state.clone())
        .layer(from_fn_with_state(state.clone(), visitor::load_visitor))
        .layer(from_fn_with_state(state.clone(), middleware::refuse_cross_site))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(config.server.request_timeout_seconds.max(1)),
        ))
        .layer(from_fn_with_state(config.is_https(), middleware::security_headers))
        .layer(CatchPanicLayer::new())
        .layer(from_fn(middleware::log_request));

    let pool = db.clone();
    let limits = config.connection_limits();
    let finished = tokio::spawn(async move {
        server::serve(listener, app, limits, shutdown).await;
        if let Some(sweeper) = sweeper {
            sweeper.abort();
        }
        if let Some(worker) = worker {
            worker.stop().await;
        }
        // Closing the pool checkpoints SQLite's WAL so the file is complete on its own.
        if let Err(e) = pool.close().await {
            tracing::warn!(error = %e, "closing the database");
        }
        tracing::info!("stopped");
    });
    Ok(Running { addr, db, mailer, base_url, state, finished })
}
