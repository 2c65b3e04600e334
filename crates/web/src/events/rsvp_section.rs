//! The RSVP form inside the event page. The event page owns it (the rsvps
//! area re-renders the event page with it when a submit needs correcting), so
//! the dependency runs one way: rsvps -> events.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::EventDetails;

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
                (crate::frame::forms::error_summary(errors))
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
