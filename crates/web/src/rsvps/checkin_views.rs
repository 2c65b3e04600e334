//! The door, drawn for a phone held in one hand: a search box at the top,
//! big buttons on the right, one person per line. Every button is a form
//! that POSTs, so it works without JavaScript; a small script only filters
//! the list as the name is typed.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::attendance::{AttendeeLine, Filter, Tally, WALK_IN_PARTY_MAX, WalkInInput, answer_label, name_matches};
use turnout_domain::catalogue::Tr;
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
fn who(t: Tr, l: &AttendeeLine, event: &EventDetails) -> Markup {
    html! {
        span.who {
            strong.name { (l.name) }
            " " span.badge { @if l.walk_in { (t.s("att-walk-in")) } @else { (answer_label(t, l.status)) } }
            @if l.guests > 0 { " " span.party { (t.f("att-party-guests", &[("count", l.guests.into())])) } }
            @if let Some(at) = l.checked_in_at {
                br;
                small.arrived { (t.f("att-arrived", &[("when", (&moment(t.language(), at, zone(&event.time_zone))).into())])) }
            }
        }
    }
}

/// The one-tap button: check in, or undo.
fn tap(v: &Visitor, event_id: i64, l: &AttendeeLine, search: &str, via: Option<&str>) -> Markup {
    let t = v.tr;
    let base = format!("/events/{event_id}/checkin/{}", l.rsvp_id);
    html! {
        @if l.checked_in_at.is_some() {
            form.tap method="post" action={ (base) "/undo" } {
                (v.csrf_field())
                input type="hidden" name="q" value=(search);
                @if let Some(token) = via { input type="hidden" name="via" value=(token); }
                button.secondary type="submit" aria-label=(t.f("att-undo-label", &[("name", (&l.name).into())])) { (t.s("att-undo")) }
            }
        } @else {
            form.tap method="post" action=(base) {
                (v.csrf_field())
                input type="hidden" name="q" value=(search);
                @if let Some(token) = via { input type="hidden" name="via" value=(token); }
                button type="submit" aria-label=(t.f("att-check-in-label", &[("name", (&l.name).into())])) { (t.s("att-check-in")) }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub fn door(
    v: &Visitor,
    event: &EventDetails,
    counts: &Tally,
    lines: &[AttendeeLine],
    search: &Filter,
    added: Option<&str>,
    walk_in: &WalkInInput,
    errors: &FieldErrors,
) -> Markup {
    let t = v.tr;
    let base = format!("/events/{}", event.id);
    let matching = lines.iter().filter(|l| name_matches(&l.name, &search.name)).count();
    let going = counts.people(turnout_domain::rsvp::RsvpStatus::Going);
    let title = t.f("att-door-title", &[("event", (&event.title).into())]);
    let find = t.s("att-find-by-name");
    page(
        v,
        &title,
        door_head(),
        html! {
            h1 { (title) }
            p.count role="status" { strong { (counts.attended) } (t.f("att-door-count", &[("going", going.into())])) }
            @if let Some(name) = added { p.banner.ok role="status" { (t.f("att-door-added", &[("name", name.into())])) } }
            form.search method="get" action={ (base) "/checkin" } role="search" {
                label.visually-hidden for="q" { (find) }
                input id="q" name="q" type="search" value=(search.name) placeholder=(find) autocomplete="off" autocapitalize="words";
                button type="submit" { (t.s("att-find")) }
            }
            // The script that filters as one types words its count with these.
            p.matches aria-live="polite"
                data-names=(t.f("att-names", &[("count", "{count}".into())]))
                data-match=(t.f("att-names-match", &[("shown", "{shown}".into()), ("total", "{total}".into())])) {
                @if search.name.is_empty() { (t.f("att-names", &[("count", lines.len().into())])) }
                @else { (t.f("att-names-match", &[("shown", matching.into()), ("total", lines.len().into())])) }
            }
            ul.checkin {
                @for l in lines {
                    li id={ "rsvp-" (l.rsvp_id) } class=[l.checked_in_at.map(|_| "in")] data-name=(l.name.to_lowercase())
                        hidden[!name_matches(&l.name, &search.name)] {
                        (who(t, l, event))
                        (tap(v, event.id, l, &search.name, None))
                    }
                }
            }
            h2 id="walk-in" { (t.s("att-walk-in-heading")) }
            @if !errors.is_empty() {
                // On a phone the form is below the whole list: the browser brings the messages into view.
                div.error-summary role="alert" tabindex="-1" autofocus {
                    p { (t.s("att-walk-in-not-added")) }
                    ul { @for (_, message) in errors.iter() { li { (message) } } }
                }
            }
            form.stacked method="post" action={ (base) "/walk-ins" } {
                (v.csrf_field())
                (field(&Field::new("name", &t.s("att-walk-in-name"), "text", &walk_in.name, "off").with_id("walk_in_name"), errors))
                (field(&Field::new("email", &t.s("att-walk-in-email"), "email", &walk_in.email, "off").with_id("walk_in_email"), errors))
                label for="party_size" { (t.s("att-walk-in-party")) }
                input id="party_size" name="party_size" type="number" inputmode="numeric" min="1" max=(WALK_IN_PARTY_MAX)
                    // A number field holds only a number; what was not one is said in the message.
                    value=(walk_in.party_size.trim().parse::<i32>().map(|n| n.to_string()).unwrap_or_else(|_| "1".to_owned()))
                    aria-invalid=[errors.get("party_size").map(|_| "true")] aria-describedby=[errors.get("party_size").map(|_| "party_size-error")];
                @if let Some(m) = errors.get("party_size") { p.field-error id="party_size-error" { (m) } }
                label.check {
                    input type="checkbox" name="takes_seat" value="yes" checked[walk_in.takes_seat];
                    (t.s("att-walk-in-count"))
                    @if let Some(left) = event.seats_left() { (t.f("att-walk-in-places-left", &[("left", left.into())])) }
                    @else { (t.s("att-walk-in-no-limit")) }
                }
                @if let Some(m) = errors.get("takes_seat") { p.field-error role="alert" { (m) } }
                button type="submit" { (t.s("att-walk-in-submit")) }
            }
            p { a href={ (base) "/attendees" } { (t.s("att-attendee-list")) } " · " a href={ (base) "/sign-in-sheet" } { (t.s("att-sign-in-sheet")) } }
        },
    )
}

/// What an organizer sees on opening a QR code's link.
pub fn link(v: &Visitor, event: &EventDetails, l: &AttendeeLine, token: &str) -> Markup {
    let t = v.tr;
    let title = t.f("att-door-title", &[("event", (&event.title).into())]);
    page(
        v,
        &title,
        head(),
        html! {
            h1 { (title) }
            ul.checkin {
                li id={ "rsvp-" (l.rsvp_id) } class=[l.checked_in_at.map(|_| "in")] {
                    (who(t, l, event))
                    @if turnout_domain::attendance::can_check_in(l.status) { (tap(v, event.id, l, "", Some(token))) }
                    @else { span { (t.s("att-link-cancelled")) } }
                }
            }
            p { a href={ "/events/" (event.id) "/checkin" } { (t.s("att-link-open-list")) } }
        },
    )
}

/// The same page for an unknown link and for a visitor who may not see it.
pub fn link_not_found(v: &Visitor, token: &str) -> Markup {
    let next: String = format!("/rsvps/checkin/{token}")
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"/-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let t = v.tr;
    let title = t.s("att-link-title");
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            p { (t.s("att-link-not-found")) }
            @if v.user.is_none() {
                p { (t.s("att-link-organizers")) a href={ "/login?next=" (next) } { (t.s("att-link-log-in")) } (t.s("att-link-scan-again")) }
            }
        },
    )
}
