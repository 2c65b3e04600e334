//! The web front: axum routes, maud pages, and the application start-up shared
//! by the `turnout` binary and the whole-system tests.

mod accounts;
pub mod admin_cli;
mod api;
pub mod app;
mod chapters;
pub mod config;
mod delivery;
pub mod demo;
mod events;
mod frame;
mod http;
mod mail;
mod reads;
mod routes;
pub mod rsvps;
mod state;

pub use app::{Running, start};
pub use config::Config;
pub use http::error::Error;
/// Tests send a form just over it.
pub use http::visitor::FORM_LIMIT;
pub use routes::route_list;
