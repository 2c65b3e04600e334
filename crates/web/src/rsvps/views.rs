//! Pages for RSVPs: the form on an event page and what follows it.

use maud::{Markup, html};
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::range_label;

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;

/// Shown after an RSVP is recorded.
pub fn confirmation(v: &Visitor, event: &EventDetails, status: RsvpStatus, name: &str, email: &str) -> Markup {
    let when = range_label(event.starts_at, event.ends_at, zone(&event.time_zone));
    page(
        v,
        "RSVP confirmed",
        html! {},
        html! {
            @match status {
                RsvpStatus::Waitlisted => {
                    div.banner.ok role="status" { h1 { "You're on the waitlist" } }
                    p { "Thanks, " (name) ". " (event.title) " is full right now; we will write to you if a place opens up." }
                }
                _ => {
                    div.banner.ok role="status" { h1 { "You're going!" } }
                    p { "Thanks, " (name) ". You're going to " strong { (event.title) } ", " (when) "." }
                }
            }
            @if let Some(v) = &event.venue {
                p.venue {
                    "Where: " strong { (v.name) } ", "
                    @if !v.street_address.is_empty() { (v.street_address) ", " @if let Some(suite) = &v.suite { (suite) ", " } }
                    (v.city)
                }
            }
            p { "A confirmation is on its way to " strong { (email) } ". You will get a reminder before the event." }
            p { a href={ "/events/" (event.id) } { "Back to the event" } }
        },
    )
}

/// Shown after an RSVP from the form when the address is not the logged-in
/// person's own: the same page whether it was new or already there, so it
/// tells nothing about anyone else's RSVP. The email says where they stand.
pub fn check_email(v: &Visitor, event: &EventDetails, name: &str, email: &str) -> Markup {
    let when = range_label(event.starts_at, event.ends_at, zone(&event.time_zone));
    page(
        v,
        "Check your email",
        html! {},
        html! {
            div.banner.ok role="status" { h1 { "Check your email" } }
            p { "Thanks, " (name) ". We have sent the details of your RSVP to " strong { (email) } " for "
                strong { (event.title) } ", " (when) ": whether you have a place or are on the waitlist, and where to go." }
            p { "Nothing there after a few minutes? Check your spam folder." }
            p { a href={ "/events/" (event.id) } { "Back to the event" } }
        },
    )
}
