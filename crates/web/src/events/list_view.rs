//! The list of upcoming events with its filters.

use maud::{Markup, html};
use turnout_domain::chapter::Chapter;
use turnout_domain::event::{EventKind, EventSummary};

use crate::frame::event_list::event_list;
use crate::frame::layout::page as page_frame;
use crate::http::list_query::ListQuery;
use crate::http::visitor::Visitor;

pub fn home(v: &Visitor, events: &[EventSummary], chapters: &[Chapter], q: &ListQuery, has_next: bool) -> Markup {
    let val = |o: &Option<String>| o.clone().unwrap_or_default();
    let page = q.page();
    page_frame(
        v,
        "Upcoming events",
        html! {},
        html! {
            h1 { "Upcoming events" }
            form.filters method="get" action="/" {
                label for="q" { "Search" }
                input id="q" name="q" type="search" value=(val(&q.q)) placeholder="housing, strike, forum…";
                label for="chapter" { "Chapter" }
                select id="chapter" name="chapter" {
                    option value="" { "All chapters" }
                    @for c in chapters { option value=(c.slug) selected[q.chapter.as_deref() == Some(c.slug.as_str())] { (c.name) } }
                }
                label for="kind" { "Kind" }
                select id="kind" name="kind" {
                    option value="" { "Any kind" }
                    @for k in EventKind::ALL { option value=(k.as_str()) selected[q.kind.as_deref() == Some(k.as_str())] { (k.label()) } }
                }
                label for="tag" { "Tag" }
                input id="tag" name="tag" type="text" value=(val(&q.tag));
                label for="from" { "From" }
                input id="from" name="from" type="date" value=(val(&q.from));
                label for="to" { "To" }
                input id="to" name="to" type="date" value=(val(&q.to));
                button type="submit" { "Find events" }
            }
            (event_list(events, true))
            nav.pages {
                @if page > 1 { a rel="prev" href={ "/?" (q.with_page(page - 1)) } { "← Earlier" } }
                @if has_next { a rel="next" href={ "/?" (q.with_page(page + 1)) } { "Later →" } }
            }
            h2 { "Chapters" }
            ul {
                @for c in chapters {
                    li { a href={ "/chapters/" (c.slug) } { (c.name) } " · " (c.kind.label()) }
                }
            }
        },
    )
}
