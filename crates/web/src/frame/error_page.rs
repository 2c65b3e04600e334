//! The page for an error. It needs nothing but the status and a message, so
//! the error type can render it without knowing who is asking; the language
//! comes from the request's scope (set where the visitor is read).

use axum::http::StatusCode;
use maud::{Markup, html};
use turnout_domain::catalogue::Tr;
use turnout_domain::language::Language;

use super::document::document;

tokio::task_local! {
    /// The language of the request being answered.
    pub static LANGUAGE: Language;
}

/// The reader's language while answering a request; English outside one.
pub fn reader() -> Tr {
    Tr(LANGUAGE.try_with(|l| *l).unwrap_or_default())
}

pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let t = reader();
    let key = match status.as_u16() {
        code @ (400 | 403 | 404 | 405 | 409 | 413 | 422 | 429 | 500 | 503) => format!("error-title-{code}"),
        _ => "error-title-other".to_owned(),
    };
    let title = t.s(&key);
    document(
        t,
        "/",
        &title,
        html! {},
        html! {},
        html! {
            h1 { (title) }
            p { (message) }
            p { a href="/" { (t.s("error-see-events")) } }
        },
    )
}
