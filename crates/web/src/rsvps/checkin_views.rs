//! The door, drawn for a phone held in one hand: a search box at the top,
//! big buttons on the right, one person per line. Every button is a form
//! that POSTs, so it works without JavaScript; a small script only filters
//! the list as the name is typed.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::attendance::{AttendeeLine, Filter, Tally, WALK_IN_PARTY_MAX, WalkInInput, answer_label, name_matches};
use turnout_domain::event::EventDetails;

use crate::frame::forms::{Field, field};
use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;
use crate::rsvps::attendance_views::{head, moment};

fn door_head() -> Markup {
    html! { (head()) script src="/static/checkin.js" defer {} }
}

/// Who, their answer and party, and when they arrived.
fn who(l: &AttendeeLine, event: &EventDetails) -> Markup {
    html! {
        span.who {
            strong.name { (l.name) }
            " " span.badge { @if l.walk_in { "Walk-in" } @else { (answer_label(l.status)) } }
            @if l.guests > 0 { " " span.party { "+" (l.guests) " guest" @if l.guests > 1 { "s" } } }
            @if let Some(t) = l.checked_in_at { br; small.arrived { "Checked in " (moment(t, zone(&event.time_zone))) } }
        }
    }
}

/// The one-tap button: check in, or undo.
fn tap(v: &Visitor, event_id: i64, l: &AttendeeLine, search: &str, via: Option<&str>) -> Markup {
    let base = format!("/events/{event_id}/checkin/{}", l.rsvp_id);
    html! {
        @if l.checked_in_at.is_some() {
            form.tap method="post" action={ (base) "/undo" } {
                (v.csrf_field())
                input type="hidden" name="q" value=(search);
                @if let Some(t) = via { input type="hidden" name="via" value=(t); }
                button.secondary type="submit" aria-label={ "Undo check-in of " (l.name) } { "Undo" }
            }
        } @else {
            form.tap method="post" action=(base) {
                (v.csrf_field())
                input type="hidden" name="q" value=(search);
                @if let Some(t) = via { input type="hidden" name="via" value=(t); }
                button type="submit" aria-label={ "Check in " (l.name) } { "Check in" }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn door(
    v: &Visitor,
    event: &EventDetails,
    t: &Tally,
    lines: &[AttendeeLine],
    search: &Filter,
    added: Option<&str>,
    walk_in: &WalkInInput,
    errors: &FieldErrors,
) -> Markup {
    let base = format!("/events/{}", event.id);
    let matching = lines.iter().filter(|l| name_matches(&l.name, &search.name)).count();
    let going = t.people(turnout_domain::rsvp::RsvpStatus::Going);
    page(
        v,
        &format!("Check-in: {}", event.title),
        door_head(),
        html! {
            h1 { "Check-in: " (event.title) }
            p.count role="status" { strong { (t.attended) } " checked in · " (going) " going" }
            @if let Some(name) = added { p.banner.ok role="status" { (name) " is added and checked in." } }
            form.search method="get" action={ (base) "/checkin" } role="search" {
                label.visually-hidden for="q" { "Find by name" }
                input id="q" name="q" type="search" value=(search.name) placeholder="Find by name" autocomplete="off" autocapitalize="words";
                button type="submit" { "Find" }
            }
            p.matches aria-live="polite" {
                @if search.name.is_empty() { (lines.len()) " names" } @else { (matching) " of " (lines.len()) " names match" }
            }
            ul.checkin {
                @for l in lines {
                    li id={ "rsvp-" (l.rsvp_id) } class=[l.checked_in_at.map(|_| "in")] data-name=(l.name.to_lowercase())
                        hidden[!name_matches(&l.name, &search.name)] {
                        (who(l, event))
                        (tap(v, event.id, l, &search.name, None))
                    }
                }
            }
            h2 id="walk-in" { "Add a walk-in" }
            @if !errors.is_empty() {
                // On a phone the form is below the whole list: the browser brings the messages into view.
                div.error-summary role="alert" tabindex="-1" autofocus {
                    p { "The walk-in was not added:" }
                    ul { @for (_, message) in errors.iter() { li { (message) } } }
                }
            }
            form.stacked method="post" action={ (base) "/walk-ins" } {
                (v.csrf_field())
                (field(&Field::new("name", "Name", "text", &walk_in.name, "off").with_id("walk_in_name"), errors))
                (field(&Field::new("email", "Email (optional)", "email", &walk_in.email, "off").with_id("walk_in_email"), errors))
                label for="party_size" { "People in the party" }
                input id="party_size" name="party_size" type="number" inputmode="numeric" min="1" max=(WALK_IN_PARTY_MAX)
                    // A number field holds only a number; what was not one is said in the message.
                    value=(walk_in.party_size.trim().parse::<i32>().map(|n| n.to_string()).unwrap_or_else(|_| "1".to_owned()))
                    aria-invalid=[errors.get("party_size").map(|_| "true")] aria-describedby=[errors.get("party_size").map(|_| "party_size-error")];
                @if let Some(m) = errors.get("party_size") { p.field-error id="party_size-error" { (m) } }
                label.check {
                    input type="checkbox" name="takes_seat" value="yes" checked[walk_in.takes_seat];
                    " Count against capacity"
                    @if let Some(left) = event.seats_left() { " (" (left) @if left == 1 { " place left)" } @else { " places left)" } } @else { " (no capacity limit)" }
                }
                @if let Some(m) = errors.get("takes_seat") { p.field-error role="alert" { (m) } }
                button type="submit" { "Add and check in" }
            }
            p { a href={ (base) "/attendees" } { "Attendee list" } " · " a href={ (base) "/sign-in-sheet" } { "Sign-in sheet" } }
        },
    )
}

/// What an organizer sees on opening a QR code's link.
pub fn link(v: &Visitor, event: &EventDetails, l: &AttendeeLine, token: &str) -> Markup {
    page(
        v,
        &format!("Check-in: {}", event.title),
        head(),
        html! {
            h1 { "Check-in: " (event.title) }
            ul.checkin {
                li id={ "rsvp-" (l.rsvp_id) } class=[l.checked_in_at.map(|_| "in")] {
                    (who(l, event))
                    @if turnout_domain::attendance::can_check_in(l.status) { (tap(v, event.id, l, "", Some(token))) }
                    @else { span { "This RSVP was cancelled." } }
                }
            }
            p { a href={ "/events/" (event.id) "/checkin" } { "Open the check-in list" } }
        },
    )
}

/// The same page for an unknown link and for a visitor who may not see it.
pub fn link_not_found(v: &Visitor, token: &str) -> Markup {
    let next: String = format!("/rsvps/checkin/{token}")
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"/-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    page(
        v,
        "Check-in link",
        html! {},
        html! {
            h1 { "Check-in link" }
            p { "We could not find that page. A check-in link opens only for the organizers of its event." }
            @if v.user.is_none() { p { "Organizers: " a href={ "/login?next=" (next) } { "log in" } ", then scan the code again." } }
        },
    )
}
