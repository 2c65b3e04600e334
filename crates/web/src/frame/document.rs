//! The HTML document every page is drawn in: head, site header, main, footer.
//! It knows nothing of who is asking beyond their language, so the error
//! page can use it too.

use maud::{DOCTYPE, Markup, html};
use turnout_domain::catalogue::Tr;
use turnout_domain::language::Language;

/// Nothing is loaded from another host. `back` is the page the language
/// switch returns to.
pub fn document(t: Tr, back: &str, title: &str, head: Markup, nav: Markup, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(t.language().tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (t.s("site-name")) }
                link rel="stylesheet" href="/static/turnout.css";
                (head)
            }
            body {
                header.site { a href="/" { (t.s("site-name")) } nav { (nav) } }
                main { (body) }
                footer.site {
                    (t.s("footer-text")) " " a href="/" { (t.s("footer-all-events")) }
                    (language_switch(t, back))
                }
            }
        }
    }
}

/// Links to the page in each other language, each named in its own language
/// (a reader who cannot read this one still finds theirs). Plain links: no
/// JavaScript, and the choice is remembered by a cookie (and in the account).
fn language_switch(t: Tr, back: &str) -> Markup {
    let back = percent_encode(back);
    html! {
        nav.languages aria-label=(t.s("language-switch.label")) {
            @for other in Language::ALL.into_iter().filter(|l| *l != t.language()) {
                " · " a href={ "/language/" (other.tag()) "?back=" (back) } lang=(other.tag()) hreflang=(other.tag()) { (other.own_name()) }
            }
        }
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
