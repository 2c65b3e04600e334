//! Turnout's rules: what an event, a chapter and an RSVP are, how input is
//! validated, when reminders are due, and how times are shown. No I/O here:
//! everything is a plain function of its arguments, so it tests fast.

pub mod account;
pub mod announcement;
pub mod attendance;
pub mod catalogue;
pub mod changes;
pub mod chapter;
pub mod client_address;
pub mod digest;
pub mod email_address;
pub mod error;
pub mod event;
pub mod event_input;
pub mod language;
pub mod outbox;
pub mod policy;
pub mod rate_limit;
pub mod recurrence;
pub mod reminders;
pub mod retention;
pub mod rsvp;
pub mod text;
pub mod time;

pub use error::{Error, FieldErrors};
