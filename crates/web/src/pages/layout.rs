use axum::http::StatusCode;
use maud::{DOCTYPE, Markup, html};

/// The frame every page shares. Nothing is loaded from another host.
pub fn page(title: &str, head: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Turnout" }
                link rel="stylesheet" href="/static/turnout.css";
                (head)
            }
            body {
                header.site { a href="/" { "Turnout" } }
                main { (body) }
                footer.site { "Turnout: events organized by our chapters. " a href="/" { "All upcoming events" } }
            }
        }
    }
}

pub fn error_page(status: StatusCode, message: &str) -> Markup {
    let title = status.canonical_reason().unwrap_or("Error");
    page(
        title,
        html! {},
        html! {
            h1 { (title) }
            p { (message) }
            p { a href="/" { "See upcoming events" } }
        },
    )
}
