//! RSVPs: the form on an event page and what it records, the manage link
//! (see where you stand, cancel), and the attendee list its organizers see
//! and export.

mod attendees;
pub mod change;
mod form;
pub mod guest;
pub mod holds;
mod manage;
mod member;
mod organizer;
pub mod views;

use crate::http::routing::{Routes, get, post};

pub fn routes() -> Routes {
    Routes::new()
        .route("/events/{id}/rsvp", get(form::rsvp_get).post(form::rsvp_post))
        .route("/rsvps/manage/{token}", get(manage::page))
        .route("/rsvps/manage/cancel", post(manage::cancel))
        .route("/rsvps/manage/change", post(manage::change))
        .route("/rsvps/manage/confirm", post(manage::confirm))
        .route("/events/{id}/attendees/{rsvp}/promote", post(organizer::promote))
        .route("/events/{id}/attendees/{rsvp}/remove", post(organizer::remove))
        .route("/events/{id}/attendees", get(attendees::attendees))
        .route("/events/{id}/attendees.csv", get(attendees::attendees_csv))
}
