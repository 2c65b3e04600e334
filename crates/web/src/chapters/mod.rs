//! Chapters: their pages, joining and leaving, member lists and join requests,
//! chapter admin for site admins (and the audit log), the contact form, and
//! a chapter's saved venues.

mod admin;
mod audit;
mod contact;
mod membership;
pub mod page;
mod settings;
mod venues;
pub mod views;

use crate::http::routing::{Routes, get, post};

pub fn routes() -> Routes {
    Routes::new()
        .route("/chapters/{slug}", get(page::chapter))
        .route("/chapters/{slug}/join", post(membership::join))
        .route("/chapters/{slug}/leave", post(membership::leave))
        .route("/chapters/{slug}/members", get(membership::members))
        .route("/chapters/{slug}/members/{user_id}/approve", post(membership::approve))
        .route("/chapters/{slug}/members/{user_id}/decline", post(membership::decline))
        .route("/admin/audit", get(audit::audit_log))
        .merge(admin::routes())
        .merge(contact::routes())
        .merge(venues::routes())
        .merge(settings::routes())
}
