//! Email: composing messages into the outbox, planning reminders, and
//! delivering queued messages through lettre (SMTP or a folder of .eml files).
//! The scheduler only triggers sweeps; every sweep works out from the
//! database what is due, so a missed tick, a restart or a second instance
//! never loses or repeats a message.

pub mod change_notices;
pub mod checkin_qr;
pub mod compose;
pub mod config;
mod digest;
pub mod dispatch;
mod error;
pub mod ics;
pub mod join_requests;
pub mod links;
mod planner;
pub mod retention;
pub mod scheduler;
mod smtp_pool;
mod transport;
pub mod waitlist;

pub use config::EmailConfig;
pub use dispatch::{BATCH as DISPATCH_BATCH, dispatch_due};
pub use error::Error;
pub use links::SiteLinks;
pub use planner::plan_reminders;
pub use scheduler::{Notifier, TickReport, Worker, tick, tick_until};
pub use transport::{Mailer, UnsubscribeLink};
