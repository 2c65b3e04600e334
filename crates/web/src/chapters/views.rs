//! Pages for chapters.

use maud::{Markup, html};
use turnout_domain::chapter::Chapter;
use turnout_domain::event::EventSummary;

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
    page(
        v,
        &c.name,
        html! {},
        html! {
            p.kind { (c.kind.label()) @if let Some(p) = parent { " · part of " a href={ "/chapters/" (p.slug) } { (p.name) } } }
            h1 { (c.name) }
            @if !c.description.is_empty() { p.summary { (c.description) } }
            @if let Some(email) = &c.contact_email { p { "Contact: " a href={ "mailto:" (email) } { (email) } " · " a href={ "/chapters/" (c.slug) "/contact" } { "Write to us" } } }
            (membership_box(v, c, membership))
            @if manage {
                p.toolbar { a href={ "/chapters/" (c.slug) "/dashboard" } { "Dashboard" } a href={ "/chapters/" (c.slug) "/events/new" } { "New event" } a href={ "/chapters/" (c.slug) "/members" } { "Members" } a href={ "/chapters/" (c.slug) "/announce" } { "Write to members" } a href={ "/chapters/" (c.slug) "/settings" } { "Settings" } }
            }
        h2 { "Upcoming events" }
            (event_list(events, true))
            p { a href={ "/chapters/" (c.slug) "/calendar.ics" } { "Subscribe to this chapter's calendar" } }
            @if !past.is_empty() {
                h2 { "Past events" }
                (event_list(past, true))
            }
            @if !children.is_empty() {
                h2 { "Chapters" }
                ul { @for k in children { li { a href={ "/chapters/" (k.slug) } { (k.name) } } } }
            }
        },
    )
}

fn membership_box(v: &Visitor, c: &Chapter, m: Membership) -> Markup {
    let action = |what: &str| format!("/chapters/{}/{what}", c.slug);
    html! {
        div.membership {
            @match m {
                Membership::Anonymous => p { a href={ "/login?next=/chapters/" (c.slug) } { "Log in" } " to join this chapter." },
                Membership::None => form method="post" action=(action("join")) {
                    (v.csrf_field())
                    button type="submit" { "Join " (c.name) }
                },
                Membership::Pending => p { "Your request to join is waiting for an organizer." },
                Membership::Declined => p {
                    "An organizer declined your request to join. You can still come to the chapter's public events"
                    @if c.contact_email.is_some() { ", or " a href=(action("contact")) { "write to the chapter" } } "."
                },
                Membership::Member | Membership::Organizer => form method="post" action=(action("leave")) {
                    (v.csrf_field())
                    p { @if m == Membership::Organizer { "You are an organizer of this chapter. " a href=(action("members")) { "Members" } } @else { "You are a member of this chapter." } }
                    button type="submit" { "Leave" }
                },
            }
        }
    }
}
