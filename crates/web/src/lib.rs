//! The web front: axum routes, maud pages, and the application start-up shared
//! by the `turnout` binary and the whole-system tests.

mod access;
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
mod error;
mod event_admin;
mod guest_rsvp;
mod limits;
mod listing;
mod markdown;
mod middleware;
mod pages;
mod routes;
mod routing;
mod secrets;
mod state;
mod uploads;
mod venues;
mod visitor;

pub use app::{Running, start};
pub use config::Config;
pub use error::Error;
pub use routes::route_list;
