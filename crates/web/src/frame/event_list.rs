//! A list of events as the home page, chapter pages and the embed show it.

use maud::{Markup, html};
use turnout_domain::event::{EventStatus, EventSummary, Visibility};
use turnout_domain::time::date_time_label;

use crate::frame::zone;

/// One line per event: when, what, who, where.
pub fn event_list(events: &[EventSummary], show_chapter: bool) -> Markup {
    html! {
        @if events.is_empty() {
            p { "No upcoming events yet." }
        } @else {
            ul.event-list {
                @for e in events {
                    li {
                        div.when { (date_time_label(e.starts_at, zone(&e.time_zone))) }
                        div {
                            @if e.status == EventStatus::Cancelled { strong { "Cancelled: " } }
                            a href={ "/events/" (e.id) } { (e.title) }
                            @if e.visibility == Visibility::MembersOnly { " " span.badge.members-only { "Members only" } }
                        }
                        div.meta {
                            (e.kind.label())
                            @if show_chapter { " · " a href={ "/chapters/" (e.chapter_slug) } { (e.chapter_name) } }
                            @if let Some(city) = &e.city { " · " (city) }
                        }
                    }
                }
            }
        }
    }
}
