//! What an event's organizers see of its email: the timeline of messages
//! planned, sent and not sent.

mod timeline;

use crate::http::routing::{Routes, get};

pub fn routes() -> Routes {
    Routes::new().route("/events/{id}/timeline", get(timeline::timeline))
}
