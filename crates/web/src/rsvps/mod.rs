//! RSVPs: the form on an event page and what it records, the manage link
//! (see where you stand, cancel), and the attendee list its organizers see
//! and export.

mod attendance_views;
mod attendees;
pub mod change;
pub mod checkin;
mod checkin_views;
mod form;
pub mod guest;
pub mod guest_writes;
pub mod holds;
mod manage;
mod member;
mod organizer;
mod sent;
pub mod views;

use axum::http::header;
use axum::response::IntoResponse;

use crate::http::routing::{Routes, get, post};

pub fn routes() -> Routes {
    Routes::new()
        .route("/events/{id}/rsvp", get(form::rsvp_get).post(form::rsvp_post))
        .route("/events/{id}/rsvp/sent", get(sent::page))
        .route("/rsvps/manage/{token}", get(manage::page))
        .route("/rsvps/manage/cancel", post(manage::cancel))
        .route("/rsvps/manage/change", post(manage::change))
        .route("/rsvps/manage/confirm", post(manage::confirm))
        .route("/events/{id}/attendees/{rsvp}/promote", post(organizer::promote))
        .route("/events/{id}/attendees/{rsvp}/remove", get(organizer::confirm_remove).post(organizer::remove))
        .route("/events/{id}/attendees", get(attendees::attendees))
        .route("/events/{id}/attendees.csv", get(attendees::attendees_csv))
        .route("/events/{id}/sign-in-sheet", get(attendees::sign_in_sheet))
        .route("/events/{id}/checkin", get(checkin::door))
        .route("/events/{id}/checkin/{rsvp_id}", post(checkin::check_in))
        .route("/events/{id}/checkin/{rsvp_id}/undo", post(checkin::undo))
        .route("/events/{id}/walk-ins", post(checkin::walk_in))
        .route("/rsvps/checkin/{token}", get(checkin::link))
        .route("/static/attendance.css", get(attendance_css))
        .route("/static/checkin.js", get(checkin_js))
}

async fn attendance_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/attendance.css"),
    )
}

async fn checkin_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../../static/checkin.js"),
    )
}
