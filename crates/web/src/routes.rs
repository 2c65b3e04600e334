//! The router: every area's routes in one table (which the access matrix test
//! reads), and the few routes of the operation itself: health, readiness,
//! the stylesheet, and the not-found page.

use axum::Router;
use axum::extract::State;
use axum::http::Method;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use turnout_persistence::ConnectionTrait;

use crate::http::error::Error;
use crate::http::routing::{Routes, get};
use crate::state::AppState;

pub fn router(state: AppState) -> Router {
    all().into_router().fallback(not_found).with_state(state)
}

/// Every (method, path) the router answers, for the access matrix test.
pub fn route_list() -> Vec<(Method, &'static str)> {
    all().list()
}

fn all() -> Routes {
    Routes::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/static/turnout.css", get(stylesheet))
        .merge(crate::accounts::routes())
        .merge(crate::chapters::routes())
        .merge(crate::delivery::routes())
        .merge(crate::mail::routes())
        .merge(crate::rsvps::routes())
        .merge(crate::events::routes())
        .merge(crate::api::routes())
}

async fn healthz() -> &'static str {
    "ok"
}

/// Ready when the database answers and the mail worker (if this instance
/// runs one) is alive.
async fn readyz(State(s): State<AppState>) -> Response {
    if s.notifier.worker_gone() {
        tracing::error!("readiness check: the mail worker has stopped");
        return (StatusCode::SERVICE_UNAVAILABLE, "mail worker stopped").into_response();
    }
    match s.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ready").into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable").into_response()
        }
    }
}

async fn stylesheet() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/turnout.css"),
    )
        .into_response()
}

async fn not_found() -> Error {
    Error::NotFound
}
