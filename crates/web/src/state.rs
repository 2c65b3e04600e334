use std::sync::Arc;

use chrono::Duration;
use turnout_notifications::Notifier;
use turnout_persistence::Db;

use crate::config::LimitsConfig;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub base_url: String,
    pub notifier: Notifier,
    /// Signs CSRF tokens; shared by every instance through the database.
    pub csrf_key: Vec<u8>,
    pub session_idle: Duration,
    pub secure_cookies: bool,
    /// Proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<turnout_domain::client_address::Network>,
    pub limits: LimitsConfig,
    pub uploads_dir: std::path::PathBuf,
}

impl AppState {
    pub fn new(inner: Inner) -> Self {
        Self(Arc::new(inner))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
