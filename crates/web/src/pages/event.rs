use maud::{Markup, PreEscaped, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::{EventDetails, EventStatus, join_names};
use turnout_domain::time::{range_label, short_time_label, time_label};

use super::layout::page;
use super::rsvp::{Typed, form};
use super::zone;
use crate::markdown::to_safe_html;
use crate::visitor::Visitor;

/// Whether the page shows the RSVP form, and if not, why not.
pub enum RsvpSection<'a> {
    Open { typed: &'a Typed, errors: &'a FieldErrors },
    Closed(&'a str),
}

pub fn event(v: &Visitor, e: &EventDetails, going: u64, rsvp: RsvpSection<'_>, manage: bool) -> Markup {
    let tz = zone(&e.time_zone);
    let co_sponsors: Vec<&str> = e.co_sponsors().map(|s| s.name.as_str()).collect();
    let hosts: Vec<&str> = e.hosts().map(|s| s.name.as_str()).collect();
    page(
        v,
        &e.title,
        html! {
            meta name="description" content=(e.summary);
        },
        html! {
            @if manage { (toolbar(v, e)) }
            @if e.status == EventStatus::Draft {
                div.banner.draft role="status" { strong { "Draft: " } "only this chapter's organizers can see this page. Publish it when it is ready." }
            }
            @if e.status == EventStatus::Cancelled {
                div.banner.cancelled role="alert" {
                    strong { "This event has been cancelled." }
                    @if let Some(reason) = &e.cancel_reason { " " (reason) }
                }
            }
            p.kind { (e.kind.label()) " · " a href={ "/chapters/" (e.chapter_slug) } { (e.chapter_name) } }
            h1 { (e.title) }
            p.summary { (e.summary) }
            @if !co_sponsors.is_empty() || !hosts.is_empty() {
                p.sponsors {
                    @if !co_sponsors.is_empty() { "Sponsored by " (join_names(co_sponsors.iter().copied())) ". " }
                    @if !hosts.is_empty() { "Hosted by " (join_names(hosts.iter().copied())) "." }
                }
            }
            dl.facts {
                dt { "When" }
                dd.when { (range_label(e.starts_at, e.ends_at, tz)) }
                @if let Some(doors) = e.doors_open_at {
                    dt { "Doors open" }
                    dd { (time_label(doors, tz)) }
                }
                @if let Some(v) = &e.venue {
                    dt { "Where" }
                    dd.venue {
                        strong { (v.name) } br;
                        (v.street_address) @if let Some(suite) = &v.suite { ", " (suite) } br;
                        (v.city)
                    }
                    @if let Some(t) = &v.transit_directions { dt { "Getting there" } dd { (t) } }
                    @if let Some(a) = &v.accessibility_notes { dt { "Accessibility" } dd { (a) } }
                }
                @if let Some(url) = &e.online_url {
                    dt { "Online" }
                    dd { a href=(url) rel="noopener noreferrer" { (url) } }
                }
                @if let Some(left) = e.seats_left() {
                    dt { "Places" }
                    dd { @if left == 0 { "Full: new RSVPs join the waitlist." } @else { (left) " of " (e.capacity.unwrap_or(0)) " places left." } }
                }
                dt { "Going" }
                dd { (going) @if going == 1 { " person" } @else { " people" } }
            }
            @if !e.agenda.is_empty() {
                h2 { "Agenda" }
                ul.agenda { @for a in &e.agenda { li { strong { (short_time_label(a.starts_at, tz)) } " " (a.title) } } }
            }
            @if !e.speakers.is_empty() {
                h2 { "Speakers" }
                ul.speakers { @for s in &e.speakers { li { strong { (s.name) } ", " (s.bio) } } }
            }
            @if !e.description.is_empty() {
                h2 { "About" }
                div.description { (PreEscaped(to_safe_html(&e.description))) }
            }
            @if !e.tags.is_empty() {
                p.tags { @for t in &e.tags { span.tag { "#" (t) } } }
            }
            @match rsvp {
                RsvpSection::Open { typed, errors } => (form(v, e, typed, errors)),
                RsvpSection::Closed(why) => p.closed { strong { (why) } " RSVPs are closed." },
            }
        },
    )
}

/// What an organizer can do from the event's own page.
fn toolbar(v: &Visitor, e: &EventDetails) -> Markup {
    let action = |what: &str| format!("/events/{}/{what}", e.id);
    html! {
        div.toolbar {
            a href=(action("edit")) { "Edit" }
            a href=(action("attendees")) { "Attendees" }
            @if e.status == EventStatus::Draft {
                form method="post" action=(action("publish")) { (v.csrf_field()) button type="submit" { "Publish" } }
                form method="post" action=(action("delete")) { (v.csrf_field()) button type="submit" { "Delete draft" } }
            }
            form method="post" action=(action("duplicate")) { (v.csrf_field()) button type="submit" { "Duplicate" } }
            @if e.status == EventStatus::Published {
                form method="post" action=(action("cancel")) {
                    (v.csrf_field())
                    label for="reason" { "Reason" } " "
                    input id="reason" name="reason" type="text" required placeholder="Why people should not come";
                    " " button type="submit" { "Cancel event" }
                }
            }
        }
    }
}
