use maud::{Markup, html};
use turnout_domain::chapter::Chapter;
use turnout_domain::event::EventSummary;

use super::home::event_list;
use super::layout::page;

pub fn chapter(
    c: &Chapter,
    parent: Option<&Chapter>,
    children: &[Chapter],
    events: &[EventSummary],
) -> Markup {
    page(
        &c.name,
        html! {},
        html! {
            p.kind { (c.kind.label()) @if let Some(p) = parent { " · part of " a href={ "/chapters/" (p.slug) } { (p.name) } } }
            h1 { (c.name) }
            @if !c.description.is_empty() { p.summary { (c.description) } }
            @if let Some(email) = &c.contact_email { p { "Contact: " a href={ "mailto:" (email) } { (email) } } }
            h2 { "Upcoming events" }
            (event_list(events, false))
            @if !children.is_empty() {
                h2 { "Chapters" }
                ul { @for k in children { li { a href={ "/chapters/" (k.slug) } { (k.name) } } } }
            }
        },
    )
}
