use maud::{DOCTYPE, Markup, html};

use crate::http::visitor::Visitor;

pub(super) fn frame(title: &str, head: Markup, nav: Markup, body: Markup) -> Markup {
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

/// The frame every page shares. Nothing is loaded from another host.
pub fn page(v: &Visitor, title: &str, head: Markup, body: Markup) -> Markup {
    let nav = html! {
        @if let Some(u) = &v.user {
            a href="/account" { (u.name) }
            @if u.actor.is_site_admin { " · " a href="/admin/audit" { "Audit log" } }
            form.inline method="post" action="/logout" { (v.csrf_field()) button.link type="submit" { "Log out" } }
        } @else {
            a href="/login" { "Log in" } " · " a href="/register" { "Register" }
        }
    };
    frame(title, head, nav, body)
}

/// A page with a heading and a few paragraphs, for outcomes and notices.
pub fn notice(v: &Visitor, title: &str, body: Markup) -> Markup {
    page(v, title, html! {}, html! { h1 { (title) } (body) })
}
