//! sea-orm entities, one per table. Repositories outside this module turn
//! them into domain types, so no other crate depends on the table layout.

pub mod agenda_item;
pub mod chapter;
pub mod event;
pub mod event_tag;
pub mod outbox;
pub mod rsvp;
pub mod speaker;
pub mod sponsor;
pub mod venue;
