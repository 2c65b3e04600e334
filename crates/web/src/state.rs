use std::sync::Arc;

use turnout_notifications::Notifier;
use turnout_persistence::Db;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub base_url: String,
    pub notifier: Notifier,
}

impl AppState {
    pub fn new(db: Db, base_url: String, notifier: Notifier) -> Self {
        Self(Arc::new(Inner {
            db,
            base_url,
            notifier,
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
