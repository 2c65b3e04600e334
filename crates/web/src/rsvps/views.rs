//! Pages for RSVPs: the form on an event page and what follows it.

use maud::{Markup, html};
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::range_label;

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;
use turnout_persistence::rsvps::Managed;

/// Shown after an RSVP is recorded.
pub fn confirmation(v: &Visitor, event: &EventDetails, status: RsvpStatus, name: &str, email: &str) -> Markup {
    let when = range_label(event.starts_at, event.ends_at, zone(&event.time_zone));
    let title = if status == RsvpStatus::Waitlisted { "You're on the waitlist" } else { "You're going" };
    page(
        v,
        title,
        html! {},
        html! {
            @match status {
                RsvpStatus::Waitlisted => {
                    div.banner.ok role="status" { h1 { "You're on the waitlist" } }
                    p { "Thanks, " (name) ". " (event.title) " is full right now. When a place opens up, the first in line get it, and we will write to you if it is yours." }
                    @if let Some(note) = &event.overflow_note { p.overflow { (note) } }
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

/// The page a manage link opens: where the person stands, and the button.
pub fn manage(v: &Visitor, event: &EventDetails, r: &Managed, token: &str, promotions_over: bool, started: bool) -> Markup {
    let when = range_label(event.starts_at, event.ends_at, zone(&event.time_zone));
    page(
        v,
        "Your RSVP",
        html! {},
        html! {
            h1 { "Your RSVP" }
            p { strong { (event.title) } ", " (when) }
            @match r.status {
                RsvpStatus::Going => {
                    div.banner.ok role="status" { p { "You're going, " (r.name) "." } }
                    @if let Some(venue) = &event.venue {
                        p.venue { "Where: " strong { (venue.name) } ", "
                            @if !venue.street_address.is_empty() { (venue.street_address) ", " }
                            (venue.city) }
                    }
                }
                RsvpStatus::Waitlisted => {
                    div.banner.ok role="status" {
                        p { "You're on the waitlist, number " (r.waitlist_position.unwrap_or(1)) " in line." }
                    }
                    @if promotions_over {
                        p { "Places no longer go to the waitlist this close to the start." }
                    } @else {
                        p { "When a place opens up, the first in line get it, and we will write to you if it is yours." }
                    }
                }
                RsvpStatus::Maybe => {
                    div.banner.ok role="status" { p { "You said maybe, " (r.name) ". Maybe takes no seat." } }
                }
                RsvpStatus::CantGo => {
                    div.banner.ok role="status" { p { "You said you can't go, " (r.name) "." } }
                }
                RsvpStatus::Cancelled => {
                    div.banner.ok role="status" { p { "Your RSVP is cancelled." } }
                    p { "Changed your mind? " a href={ "/events/" (event.id) } { "RSVP again on the event page" } "." }
                }
            }
            @if r.status != RsvpStatus::Cancelled && !started {
                form.stacked method="post" action="/rsvps/manage/cancel" {
                    (v.csrf_field())
                    input type="hidden" name="token" value=(token);
                    button type="submit" { "Cancel my RSVP" }
                }
                p { "Cancelling gives your place to the next person in line." }
            }
            p { a href={ "/events/" (event.id) } { "See the event page" } }
        },
    )
}
