//! sea-orm entities, one per table. Repositories outside this module turn
//! them into domain types, so no other crate depends on the table layout.

pub mod account_token;
pub mod agenda_item;
pub mod announcement;
pub mod audit_entry;
pub mod chapter;
pub mod cohost;
pub mod event;
pub mod event_change;
pub mod event_tag;
pub mod mail_opt_out;
pub mod membership;
pub mod outbox;
pub mod rate_limit;
pub mod rsvp;
pub mod series;
pub mod session;
pub mod session_item;
pub mod setting;
pub mod speaker;
pub mod sponsor;
pub mod suppressed_address;
pub mod user;
pub mod user_address;
pub mod venue;
