//! Pages for chapters.

use maud::{Markup, html};
use turnout_domain::chapter::Chapter;
use turnout_domain::event::EventSummary;

use crate::frame::chapter_kind_label;
use crate::frame::event_list::event_list;
use crate::frame::layout::page;
use crate::http::visitor::Visitor;

/// Where the visitor stands with the chapter, for the join/leave button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    Anonymous,
    None,
    Pending,
    /// An organizer declined the request to join.
    Declined,
    Member,
    Organizer,
}

pub fn chapter(
    v: &Visitor,
    c: &Chapter,
    parent: Option<&Chapter>,
    children: &[Chapter],
    (events, past): (&[EventSummary], &[EventSummary]),
    membership: Membership,
    manage: bool,
) -> Markup {
    let t = v.tr;
    page(
        v,
        &c.name,
        html! {},
        html! {
            p.kind { (chapter_kind_label(t, c.kind)) @if let Some(p) = parent { " · " (t.s("chapter-part-of")) " " a href={ "/chapters/" (p.slug) } { (p.name) } } }
            h1 { (c.name) }
            @if !c.description.is_empty() { p.summary { (c.description) } }
            @if let Some(email) = &c.contact_email { p { (t.s("chapter-contact")) " " a href={ "mailto:" (email) } { (email) } " · " a href={ "/chapters/" (c.slug) "/contact" } { (t.s("chapter-write-to-us")) } } }
            (membership_box(v, c, membership))
            @if manage {
                p.toolbar { a href={ "/chapters/" (c.slug) "/dashboard" } { (t.s("chapter-dashboard")) } a href={ "/chapters/" (c.slug) "/events/new" } { (t.s("chapter-new-event")) } a href={ "/chapters/" (c.slug) "/members" } { (t.s("chapter-members")) } a href={ "/chapters/" (c.slug) "/announce" } { (t.s("chapter-write-to-members")) } a href={ "/chapters/" (c.slug) "/settings" } { (t.s("chapter-settings")) } }
            }
        h2 { (t.s("chapter-upcoming")) }
            (event_list(t, events, true))
            p { a href={ "/chapters/" (c.slug) "/calendar.ics" } { (t.s("chapter-subscribe")) } }
            @if !past.is_empty() {
                h2 { (t.s("chapter-past")) }
                (event_list(t, past, true))
            }
            @if !children.is_empty() {
                h2 { (t.s("chapter-children")) }
                ul { @for k in children { li { a href={ "/chapters/" (k.slug) } { (k.name) } } } }
            }
        },
    )
}

fn membership_box(v: &Visitor, c: &Chapter, m: Membership) -> Markup {
    let action = |what: &str| format!("/chapters/{}/{what}", c.slug);
    let t = v.tr;
    html! {
        div.membership {
            @match m {
                Membership::Anonymous => p { a href={ "/login?next=/chapters/" (c.slug) } { (t.s("chapter-log-in-to-join")) } " " (t.s("chapter-log-in-to-join-rest")) },
                Membership::None => form method="post" action=(action("join")) {
                    (v.csrf_field())
                    button type="submit" { (t.f("chapter-join", &[("name", c.name.as_str().into())])) }
                },
                Membership::Pending => p { (t.s("chapter-join-pending")) },
                Membership::Declined => p {
                    (t.s("chapter-declined"))
                    @if c.contact_email.is_some() { (t.s("chapter-declined-or")) " " a href=(action("contact")) { (t.s("chapter-declined-write")) } } "."
                },
                Membership::Member | Membership::Organizer => form method="post" action=(action("leave")) {
                    (v.csrf_field())
                    p { @if m == Membership::Organizer { (t.s("chapter-you-organize")) " " a href=(action("members")) { (t.s("chapter-members")) } } @else { (t.s("chapter-you-are-member")) } }
                    button type="submit" { (t.s("chapter-leave")) }
                },
            }
        }
    }
}
