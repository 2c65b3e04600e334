//! Storage: sea-orm entities and the repositories built on them. The same
//! code runs on SQLite and PostgreSQL; where the two differ (claiming outbox
//! rows, starting a write transaction) the difference is kept in one place.

pub mod announcements;
pub mod attendance;
pub mod audit;
pub mod chapters;
mod connect;
pub mod content;
pub mod entities;
mod error;
pub mod event_changes;
pub mod events;
pub mod memberships;
pub mod opt_outs;
pub mod outbox;
pub mod rate_limits;
pub mod retention;
pub mod rsvp_ids;
pub mod rsvps;
pub mod seats;
pub mod series;
pub mod sessions;
pub mod settings;
pub mod suppression;
pub mod tokens;
pub mod users;
pub mod waitlist;
pub mod writer;

pub use connect::{Db, WriteTxn, begin_write, connect, migrate, write_turn};
pub use error::Error;
pub use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, TransactionTrait};
