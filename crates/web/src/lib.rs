//! The web front: axum routes, maud pages, and the application start-up shared
//! by the `turnout` binary and the whole-system tests.

mod accounts;
pub mod admin_cli;
mod api;
pub mod app;
mod calendars;
mod chapter_admin;
mod chapter_routes;
pub mod config;
mod contact;
pub mod demo;
mod embed;
mod event_admin;
mod frame;
mod guest_rsvp;
mod http;
mod listing;
mod pages;
mod routes;
mod state;
mod uploads;
mod venues;

pub use app::{Running, start};
pub use config::Config;
pub use http::error::Error;
pub use routes::route_list;
