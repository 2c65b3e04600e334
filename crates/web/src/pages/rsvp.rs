use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::range_label;

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;

/// What the guest typed, kept so a form with an error is not emptied.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub name: String,
    pub email: String,
}

fn field(id: &'static str, label: &str, kind: &str, autocomplete: &str, value: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get(id);
    let error_id = format!("{id}-error");
    html! {
        label for=(id) { (label) }
        input id=(id) name=(id) type=(kind) value=(value) autocomplete=(autocomplete) required
            aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
        @if let Some(message) = error { p.field-error id=(error_id) { (message) } }
    }
}

/// The guest RSVP form, with the message next to each field that was wrong.
pub fn form(v: &Visitor, event: &EventDetails, typed: &Typed, errors: &FieldErrors) -> Markup {
    html! {
        form.rsvp method="post" action={ "/events/" (event.id) "/rsvp" } novalidate {
            h2 id="rsvp" { "RSVP" }
            (v.csrf_field())
            @if !errors.is_empty() {
                div.error-summary role="alert" { p { "Please check the form: " (errors.iter().count()) " field(s) need attention." } }
            }
            (field("name", "Your name", "text", "name", &typed.name, errors))
            (field("email", "Your email", "email", "email", &typed.email, errors))
            @if event.seats_left() == Some(0) {
                p { "This event is full. RSVP to join the waitlist; we will write to you if a place opens up." }
                button type="submit" { "Join the waitlist" }
            } @else {
                button type="submit" { "RSVP" }
            }
        }
    }
}

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
