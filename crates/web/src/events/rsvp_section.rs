//! The RSVP part of the event page, right under the when and where: for a
//! member, one click (and "You're going (2 people) · change" after); for a
//! guest, the short form. The event page owns it (the rsvps area re-renders
//! the event page with it when a submit needs correcting), so the dependency
//! runs one way: rsvps -> events.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::{Answer, RsvpStatus};
use turnout_persistence::rsvps::Mine;

use crate::http::visitor::Visitor;

/// What the guest typed, kept so a form with an error is not emptied.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub name: String,
    pub email: String,
    pub guests: String,
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

/// The number of guests, when the event takes any: a select from 0 to the limit.
fn guests_field(id: &str, event: &EventDetails, chosen: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get("guests");
    let error_id = format!("{id}-error");
    html! {
        @if event.guests_allowed > 0 {
            label for=(id) { "Guests you bring (up to " (event.guests_allowed) ")" }
            select id=(id) name="guests" aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())] {
                @for n in 0..=event.guests_allowed {
                    @let value = n.to_string();
                    option value=(value) selected[chosen == value || (chosen.is_empty() && n == 0)] { (n) }
                }
            }
            @if let Some(message) = error { p.field-error id=(error_id) { (message) } }
        }
    }
}

fn summary(errors: &FieldErrors) -> Markup {
    crate::frame::forms::error_summary(errors)
}

fn places_left(event: &EventDetails) -> Markup {
    html! {
        @if let Some(left) = event.seats_left() {
            p.places {
                @if left == 0 && event.rsvp_options.no_waitlist {
                    "This event is full, and it keeps no waitlist."
                    @if let Some(note) = &event.overflow_note { " " (note) }
                } @else if left == 0 {
                    "This event is full. RSVP to join the waitlist; we will write to you if a place opens up."
                    @if let Some(note) = &event.overflow_note { " " (note) }
                } @else {
                    strong { (left) } @if left == 1 { " place left." } @else { " places left." }
                }
            }
        }
    }
}

/// The three answers as buttons of one form: going is the main one.
fn answer_buttons(event: &EventDetails) -> Markup {
    html! {
        div.answers id="answer" {
            @if event.seats_left() != Some(0) || !event.rsvp_options.no_waitlist {
                button type="submit" name="answer" value=(Answer::Going.as_str()) {
                    @if event.seats_left() == Some(0) { "Join the waitlist" } @else { "I'm going" }
                }
                " "
            }
            button.secondary type="submit" name="answer" value=(Answer::Maybe.as_str()) { "Maybe" }
            " "
            button.secondary type="submit" name="answer" value=(Answer::CantGo.as_str()) { "Can't go" }
        }
    }
}

/// The guest RSVP form, with the message next to each field that was wrong.
pub fn form(v: &Visitor, event: &EventDetails, typed: &Typed, errors: &FieldErrors) -> Markup {
    html! {
        form.rsvp method="post" action={ "/events/" (event.id) "/rsvp" } novalidate {
            h2 id="rsvp" { "RSVP" }
            (v.csrf_field())
            (summary(errors))
            (places_left(event))
            (field("name", "Your name", "text", "name", &typed.name, errors))
            (field("email", "Your email", "email", "email", &typed.email, errors))
            (guests_field("guests", event, &typed.guests, errors))
            (answer_buttons(event))
            p.hint { "We email you a link to change your answer or cancel; no account needed." }
        }
    }
}

/// "You're going (2 people)", "You're on the waitlist, number 3 in line"…
pub fn standing(mine: &Mine) -> String {
    let people = 1 + mine.guests;
    match mine.status {
        RsvpStatus::Going if people > 1 => format!("You're going ({people} people)"),
        RsvpStatus::Going => "You're going".to_owned(),
        RsvpStatus::Waitlisted => {
            format!(
                "You're on the waitlist, number {} in line{}",
                mine.waitlist_position.unwrap_or(1),
                if people > 1 { format!(" ({people} people)") } else { String::new() }
            )
        }
        RsvpStatus::Maybe => "You said maybe".to_owned(),
        RsvpStatus::CantGo => "You said you can't go".to_owned(),
        RsvpStatus::Cancelled => "You cancelled".to_owned(),
    }
}

/// A logged-in member: one click to answer, or where they stand and a
/// "change" that opens the same buttons (a <details>: no JavaScript needed).
pub fn member(v: &Visitor, event: &EventDetails, mine: Option<&Mine>, open: bool, errors: &FieldErrors) -> Markup {
    let chosen = mine.map(|m| m.guests.to_string()).unwrap_or_default();
    let buttons = html! {
        form.rsvp method="post" action={ "/events/" (event.id) "/rsvp" } novalidate {
            (v.csrf_field())
            (guests_field("guests", event, &chosen, errors))
            (answer_buttons(event))
        }
    };
    html! {
        section.rsvp-card aria-labelledby="rsvp" {
            h2 id="rsvp" { "RSVP" }
            (summary(errors))
            @match mine {
                Some(m) => {
                    p.standing role="status" { strong { (standing(m)) } " · " a href={ "/events/" (event.id) "?change=1#change-rsvp" } { "change" } }
                    details id="change-rsvp" open[open || !errors.is_empty()] {
                        summary { "Change your answer or your guests" }
                        (places_left(event))
                        (buttons)
                    }
                }
                None => {
                    (places_left(event))
                    p { "You're logged in as " strong { (v.user.as_ref().map(|u| u.name.as_str()).unwrap_or_default()) } ": one click and you're on the list." }
                    (buttons)
                }
            }
        }
    }
}

/// RSVPs are closed: say why, and where the member stands if they answered.
pub fn closed(why: &str, mine: Option<&Mine>) -> Markup {
    html! {
        section.rsvp-card aria-labelledby="rsvp" {
            h2 id="rsvp" { "RSVP" }
            @if let Some(m) = mine { p.standing { strong { (standing(m)) } "." } }
            p.closed { strong { (why) } " RSVPs are closed." }
        }
    }
}
