//! RSVPs: the form on an event page and what it records, and the attendee
//! list its organizers see and export.

mod attendees;
mod form;
pub mod guest;
pub mod views;

use crate::http::routing::{Routes, get};

pub fn routes() -> Routes {
    Routes::new()
        .route("/events/{id}/rsvp", get(form::rsvp_get).post(form::rsvp_post))
        .route("/events/{id}/attendees", get(attendees::attendees))
        .route("/events/{id}/attendees.csv", get(attendees::attendees_csv))
}
