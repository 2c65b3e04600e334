//! The page for an error. It needs nothing but the status and a message, so
//! the error type can render it without knowing who is asking.

use axum::http::StatusCode;
use maud::{Markup, html};

use super::document::document;

pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = status.canonical_reason().unwrap_or("Error");
    document(
        title,
        html! {},
        html! {},
        html! {
            h1 { (title) }
            p { (message) }
            p { a href="/" { "See upcoming events" } }
        },
    )
}
