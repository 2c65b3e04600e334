use maud::{Markup, html};

use super::document::document;
use crate::http::visitor::Visitor;

/// The frame every page shares. Nothing is loaded from another host.
pub fn page(v: &Visitor, title: &str, head: Markup, body: Markup) -> Markup {
    let t = v.tr;
    let nav = html! {
        @if let Some(u) = &v.user {
            a href="/account" { (u.name) }
            @if u.actor.is_site_admin { " · " a href="/admin/audit" { (t.s("nav-audit-log")) } " · " a href="/admin/outbox" { (t.s("nav-email-delivery")) } }
            form.inline method="post" action="/logout" { (v.csrf_field()) button.link type="submit" { (t.s("nav-log-out")) } }
        } @else {
            a href="/login" { (t.s("nav-log-in")) } " · " a href="/register" { (t.s("nav-register")) }
        }
    };
    document(t, &v.path, title, head, nav, body)
}

/// A page with a heading and a few paragraphs, for outcomes and notices.
pub fn notice(v: &Visitor, title: &str, body: Markup) -> Markup {
    page(v, title, html! {}, html! { h1 { (title) } (body) })
}
