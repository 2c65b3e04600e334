//! The web front: axum routes, maud pages, and the application start-up shared
//! by the `turnout` binary and the whole-system tests.

pub mod app;
pub mod config;
pub mod demo;
mod error;
mod guest_rsvp;
mod markdown;
mod middleware;
mod pages;
mod routes;
mod state;

pub use app::{Running, start};
pub use config::Config;
pub use error::Error;
