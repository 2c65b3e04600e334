//! The list of upcoming events with its filters.

use maud::{Markup, html};
use turnout_domain::chapter::Chapter;
use turnout_domain::event::{EventKind, EventSummary};

use crate::frame::event_list::event_list;
use crate::frame::layout::page as page_frame;
use crate::frame::{chapter_kind_label, kind_label};
use crate::http::list_query::ListQuery;
use crate::http::visitor::Visitor;

pub fn home(v: &Visitor, events: &[EventSummary], chapters: &[Chapter], q: &ListQuery, has_next: bool) -> Markup {
    let val = |o: &Option<String>| o.clone().unwrap_or_default();
    let page = q.page();
    let t = v.tr;
    let title = t.s("home-title");
    page_frame(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            form.filters method="get" action="/" {
                label for="q" { (t.s("filter-search")) }
                input id="q" name="q" type="search" value=(val(&q.q)) placeholder=(t.s("filter-search-placeholder"));
                label for="chapter" { (t.s("filter-chapter")) }
                select id="chapter" name="chapter" {
                    option value="" { (t.s("filter-all-chapters")) }
                    @for c in chapters { option value=(c.slug) selected[q.chapter.as_deref() == Some(c.slug.as_str())] { (c.name) } }
                }
                label for="kind" { (t.s("filter-kind")) }
                select id="kind" name="kind" {
                    option value="" { (t.s("filter-any-kind")) }
                    @for k in EventKind::ALL { option value=(k.as_str()) selected[q.kind.as_deref() == Some(k.as_str())] { (kind_label(t, *k)) } }
                }
                label for="tag" { (t.s("filter-tag")) }
                input id="tag" name="tag" type="text" value=(val(&q.tag));
                label for="from" { (t.s("filter-from")) }
                input id="from" name="from" type="date" value=(val(&q.from));
                label for="to" { (t.s("filter-to")) }
                input id="to" name="to" type="date" value=(val(&q.to));
                button type="submit" { (t.s("filter-submit")) }
            }
            (event_list(t, events, true))
            nav.pages {
                @if page > 1 { a rel="prev" href={ "/?" (q.with_page(page - 1)) } { (t.s("pages-earlier")) } }
                @if has_next { a rel="next" href={ "/?" (q.with_page(page + 1)) } { (t.s("pages-later")) } }
            }
            h2 { (t.s("home-chapters")) }
            ul {
                @for c in chapters {
                    li { a href={ "/chapters/" (c.slug) } { (c.name) } " · " (chapter_kind_label(t, c.kind)) }
                }
            }
        },
    )
}
