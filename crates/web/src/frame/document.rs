//! The HTML document every page is drawn in: head, site header, main, footer.
//! It knows nothing of who is asking, so the error page can use it too.

use maud::{DOCTYPE, Markup, html};

/// Nothing is loaded from another host.
pub fn document(title: &str, head: Markup, nav: Markup, body: Markup) -> Markup {
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
                header.site { a href="/" { "Turnout" } nav { (nav) } }
                main { (body) }
                footer.site { "Turnout: events organized by our chapters. " a href="/" { "All upcoming events" } }
            }
        }
    }
}
