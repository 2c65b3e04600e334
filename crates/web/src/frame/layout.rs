use maud::{Markup, html};

use super::document::document;
use crate::http::visitor::Visitor;

/// The frame every page shares. Nothing is loaded from another host.
pub fn page(v: &Visitor, title: &str, head: Markup, body: Markup) -> Markup {
    let nav = html! {
        @if let Some(u) = &v.user {
            a href="/account" { (u.name) }
            @if u.actor.is_site_admin { " · " a href="/admin/audit" { "Audit log" } " · " a href="/admin/outbox" { "Email delivery" } }
            form.inline method="post" action="/logout" { (v.csrf_field()) button.link type="submit" { "Log out" } }
        } @else {
            a href="/login" { "Log in" } " · " a href="/register" { "Register" }
        }
    };
    document(title, head, nav, body)
}

/// A page with a heading and a few paragraphs, for outcomes and notices.
pub fn notice(v: &Visitor, title: &str, body: Markup) -> Markup {
    page(v, title, html! {}, html! { h1 { (title) } (body) })
}
