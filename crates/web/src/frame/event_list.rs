//! A list of events as the home page, chapter pages and the embed show it.

use maud::{Markup, html};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{EventStatus, EventSummary, Visibility};
use turnout_domain::time::date_time_label_in;

use crate::frame::{kind_label, zone};

/// One line per event: when, what, who, where.
pub fn event_list(t: Tr, events: &[EventSummary], show_chapter: bool) -> Markup {
    html! {
        @if events.is_empty() {
            p { (t.s("list-empty")) }
        } @else {
            ul.event-list {
                @for e in events {
                    li {
                        div.when { (date_time_label_in(t.language(), e.starts_at, zone(&e.time_zone))) }
                        div {
                            @if e.status == EventStatus::Cancelled { strong { (t.s("list-cancelled")) } }
                            a href={ "/events/" (e.id) } { (e.title) }
                            @if e.visibility == Visibility::MembersOnly { " " span.badge.members-only { (t.s("visibility-members_only")) } }
                        }
                        div.meta {
                            (kind_label(t, e.kind))
                            @if show_chapter { " · " a href={ "/chapters/" (e.chapter_slug) } { (e.chapter_name) } }
                            @if let Some(city) = &e.city { " · " (city) }
                        }
                    }
                }
            }
        }
    }
}
