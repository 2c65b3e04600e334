//! Events: the public list and filters, the event page, calendars, and the
//! organizers' side: the form, the workflow (draft, publish, edit, cancel,
//! duplicate, delete, skip a date), cover images and the chapter dashboard.

mod calendars;
mod confirm;
mod covers;
mod dashboard;
mod form;
mod form_view;
mod lifecycle;
pub mod list_view;
pub mod public;
pub mod rsvp_section;
pub mod views;
mod workflow;

use crate::http::routing::{Routes, get, post};

pub fn routes() -> Routes {
    Routes::new()
        .route("/", get(public::home))
        .route("/events/{id}", get(public::event))
        .route("/chapters/{slug}/events/new", get(workflow::new_form))
        .route("/chapters/{slug}/events", post(workflow::create))
        .route("/events/{id}/edit", get(workflow::edit_form).post(workflow::edit))
        .route("/events/{id}/publish", post(lifecycle::publish))
        .route("/events/{id}/cancel", get(confirm::cancel_page).post(lifecycle::cancel))
        .route("/events/{id}/duplicate", post(lifecycle::duplicate))
        .route("/events/{id}/delete", get(confirm::delete_page).post(lifecycle::delete))
        .route("/events/{id}/skip", get(confirm::skip_page).post(lifecycle::skip))
        .route("/chapters/{slug}/dashboard", get(dashboard::dashboard))
        .route("/chapters/{slug}/cohosting/{id}/accept", post(dashboard::accept_invitation))
        .route("/chapters/{slug}/cohosting/{id}/decline", post(dashboard::decline_invitation))
        .merge(calendars::routes())
        .merge(covers::routes())
}
