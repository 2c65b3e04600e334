//! Pages for RSVPs: the form on an event page and what follows it.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::{RsvpClosed, RsvpStatus};
use turnout_domain::time::{date_time_label, range_label};

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;
use turnout_persistence::rsvps::Managed;

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

/// What the manage page needs to know beyond the RSVP.
pub struct ManageState {
    /// Too close to the start for the waitlist to move.
    pub promotions_over: bool,
    pub started: bool,
    /// Why answers can no longer change, if they cannot.
    pub closed: Option<RsvpClosed>,
    /// The page where this address chooses which emails it gets.
    pub email_choices: String,
}

/// The page a manage link opens: where the person stands, their answer and
/// guests to change, "Confirm my place" for a held seat, and cancel.
pub fn manage(v: &Visitor, event: &EventDetails, r: &Managed, token: &str, state: ManageState, errors: &FieldErrors) -> Markup {
    let when = range_label(event.starts_at, event.ends_at, zone(&event.time_zone));
    let people = 1 + r.guests;
    page(
        v,
        "Your RSVP",
        html! {},
        html! {
            h1 { "Your RSVP" }
            p { strong { (event.title) } ", " (when) }
            p { a href=(state.email_choices) { "Choose which emails you get" } " (reminders can be turned off)." }
            (crate::frame::forms::error_summary(errors))
            @match r.status {
                RsvpStatus::Going => {
                    div.banner.ok role="status" {
                        p { "You're going, " (r.name) "." @if people > 1 { " " (people) " people in all (you and " (r.guests) " guest" @if r.guests > 1 { "s" } ")." } }
                    }
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
                    @if state.promotions_over {
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
            @if let (Some(until), true) = (r.hold_until, r.status.is_active()) {
                form.stacked method="post" action="/rsvps/manage/confirm" {
                    (v.csrf_field())
                    input type="hidden" name="token" value=(token);
                    p { "Your place is held until " (date_time_label(until, zone(&event.time_zone))) ". Confirm it so it stays yours:" }
                    button type="submit" { "Confirm my place" }
                }
            }
            @if r.status != RsvpStatus::Cancelled {
                @match state.closed {
                    None => {
                        form.stacked method="post" action="/rsvps/manage/change" {
                            h2 { "Change your answer" }
                            (v.csrf_field())
                            input type="hidden" name="token" value=(token);
                            @if event.guests_allowed > 0 {
                                label for="guests" { "Guests you bring (up to " (event.guests_allowed) ")" }
                                select id="guests" name="guests" {
                                    @for n in 0..=event.guests_allowed {
                                        option value=(n) selected[n == r.guests] { (n) }
                                    }
                                }
                                @if let Some(m) = errors.get("guests") { p.field-error { (m) } }
                            }
                            div.answers id="answer" {
                                button type="submit" name="answer" value="going" { "Going" }
                                " "
                                button.secondary type="submit" name="answer" value="maybe" { "Maybe" }
                                " "
                                button.secondary type="submit" name="answer" value="cant_go" { "Can't go" }
                            }
                        }
                    }
                    Some(why) => p { (why) " Your answer can no longer be changed." }
                }
            }
            @if r.status != RsvpStatus::Cancelled && !state.started {
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
