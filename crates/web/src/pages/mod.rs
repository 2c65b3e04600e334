//! maud pages. Each function takes plain data and returns markup; none of
//! them touches the database.

pub mod chapter;
pub mod event;
pub mod event_form;
pub mod home;
pub mod rsvp;
