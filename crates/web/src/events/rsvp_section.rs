//! The RSVP part of the event page, right under the when and where: for a
//! member, one click (and "You're going (2 people) · change" after); for a
//! guest, the short form. The event page owns it (the rsvps area re-renders
//! the event page with it when a submit needs correcting), so the dependency
//! runs one way: rsvps -> events.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
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
fn guests_field(t: Tr, id: &str, event: &EventDetails, chosen: &str, errors: &FieldErrors) -> Markup {
    let error = errors.get("guests");
    let error_id = format!("{id}-error");
    html! {
        @if event.guests_allowed > 0 {
            label for=(id) { (t.f("rsvp-guests", &[("max", event.guests_allowed.into())])) }
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

fn summary(t: Tr, errors: &FieldErrors) -> Markup {
    crate::frame::forms::error_summary(t, errors)
}

fn places_left(t: Tr, event: &EventDetails) -> Markup {
    html! {
        @if let Some(left) = event.seats_left() {
            p.places {
                @if left == 0 && event.rsvp_options.no_waitlist {
                    (t.s("rsvp-full-no-waitlist"))
                    @if let Some(note) = &event.overflow_note { " " (note) }
                } @else if left == 0 {
                    (t.s("rsvp-full-waitlist"))
                    @if let Some(note) = &event.overflow_note { " " (note) }
                } @else {
                    strong { (left) } " " (t.f("rsvp-places-left", &[("left", left.into())]))
                }
            }
        }
    }
}

/// The three answers as buttons of one form: going is the main one.
fn answer_buttons(t: Tr, event: &EventDetails) -> Markup {
    html! {
        div.answers id="answer" {
            @if event.seats_left() != Some(0) || !event.rsvp_options.no_waitlist {
                button type="submit" name="answer" value=(Answer::Going.as_str()) {
                    @if event.seats_left() == Some(0) { (t.s("rsvp-join-waitlist")) } @else { (t.s("rsvp-going")) }
                }
                " "
            }
            button.secondary type="submit" name="answer" value=(Answer::Maybe.as_str()) { (t.s("rsvp-maybe")) }
            " "
            button.secondary type="submit" name="answer" value=(Answer::CantGo.as_str()) { (t.s("rsvp-cant-go")) }
        }
    }
}

/// The guest RSVP form, with the message next to each field that was wrong.
pub fn form(v: &Visitor, event: &EventDetails, typed: &Typed, errors: &FieldErrors) -> Markup {
    let t = v.tr;
    html! {
        form.rsvp method="post" action={ "/events/" (event.id) "/rsvp" } novalidate {
            h2 id="rsvp" { (t.s("rsvp-heading")) }
            (v.csrf_field())
            (summary(t, errors))
            (places_left(t, event))
            (field("name", &t.s("rsvp-your-name"), "text", "name", &typed.name, errors))
            (field("email", &t.s("rsvp-your-email"), "email", "email", &typed.email, errors))
            (guests_field(t, "guests", event, &typed.guests, errors))
            (answer_buttons(t, event))
            p.hint { (t.s("rsvp-hint")) }
        }
    }
}

/// "You're going (2 people)", "You're on the waitlist, number 3 in line"…
pub fn standing(t: Tr, mine: &Mine) -> String {
    let people = 1 + mine.guests;
    let position = mine.waitlist_position.unwrap_or(1);
    match mine.status {
        RsvpStatus::Going if people > 1 => t.f("rsvp-standing-going-people", &[("people", people.into())]),
        RsvpStatus::Going => t.s("rsvp-standing-going"),
        RsvpStatus::Waitlisted if people > 1 => {
            t.f("rsvp-standing-waitlisted-people", &[("position", position.into()), ("people", people.into())])
        }
        RsvpStatus::Waitlisted => t.f("rsvp-standing-waitlisted", &[("position", position.into())]),
        RsvpStatus::Maybe => t.s("rsvp-standing-maybe"),
        RsvpStatus::CantGo => t.s("rsvp-standing-cant-go"),
        RsvpStatus::Cancelled => t.s("rsvp-standing-cancelled"),
    }
}

/// A logged-in member: one click to answer, or where they stand and a
/// "change" that opens the same buttons (a <details>: no JavaScript needed).
pub fn member(v: &Visitor, event: &EventDetails, mine: Option<&Mine>, open: bool, errors: &FieldErrors) -> Markup {
    let t = v.tr;
    let chosen = mine.map(|m| m.guests.to_string()).unwrap_or_default();
    let buttons = html! {
        form.rsvp method="post" action={ "/events/" (event.id) "/rsvp" } novalidate {
            (v.csrf_field())
            (guests_field(t, "guests", event, &chosen, errors))
            (answer_buttons(t, event))
        }
    };
    html! {
        section.rsvp-card aria-labelledby="rsvp" {
            h2 id="rsvp" { (t.s("rsvp-heading")) }
            (summary(t, errors))
            @match mine {
                Some(m) => {
                    p.standing role="status" { strong { (standing(t, m)) } " · " a href={ "/events/" (event.id) "?change=1#change-rsvp" } { (t.s("rsvp-change")) } }
                    details id="change-rsvp" open[open || !errors.is_empty()] {
                        summary { (t.s("rsvp-change-summary")) }
                        (places_left(t, event))
                        (buttons)
                    }
                }
                None => {
                    (places_left(t, event))
                    p { (t.s("rsvp-logged-in-as")) " " strong { (v.user.as_ref().map(|u| u.name.as_str()).unwrap_or_default()) } (t.s("rsvp-one-click")) }
                    (buttons)
                }
            }
        }
    }
}

/// RSVPs are closed: say why, and where the member stands if they answered.
pub fn closed(t: Tr, why: &str, mine: Option<&Mine>) -> Markup {
    html! {
        section.rsvp-card aria-labelledby="rsvp" {
            h2 id="rsvp" { (t.s("rsvp-heading")) }
            @if let Some(m) = mine { p.standing { strong { (standing(t, m)) } "." } }
            p.closed { strong { (why) } " " (t.s("rsvp-closed-suffix")) }
        }
    }
}
