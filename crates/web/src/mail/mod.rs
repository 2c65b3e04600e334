//! What organizers send and see go out: an event's email timeline, and
//! announcements to an event's attendees or a chapter's members with their
//! sending progress.

mod announce;
mod timeline;

use axum::http::header;
use axum::response::IntoResponse;

use crate::http::routing::{Routes, get};

pub fn routes() -> Routes {
    Routes::new()
        .route("/events/{id}/timeline", get(timeline::timeline))
        .route("/events/{id}/announce", get(announce::event_form).post(announce::event_post))
        .route("/chapters/{slug}/announce", get(announce::chapter_form).post(announce::chapter_post))
        .route("/announcements/{id}", get(announce::progress))
        .route("/announcements/{id}/progress", get(announce::progress_json))
        .route("/static/progress.js", get(progress_js))
}

async fn progress_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/progress.js"),
    )
}
