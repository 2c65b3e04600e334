//! Pages for RSVPs: the form on an event page and what follows it.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::{RsvpClosed, RsvpStatus};
use turnout_domain::time::{date_time_label_in, range_label_in};

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;
use turnout_persistence::rsvps::Managed;

/// Shown after an RSVP from the form when the address is not the logged-in
/// person's own: the same page whether it was new or already there, so it
/// tells nothing about anyone else's RSVP. The email says where they stand.
pub fn check_email(v: &Visitor, event: &EventDetails, name: &str, email: &str) -> Markup {
    let t = v.tr;
    let when = range_label_in(t.language(), event.starts_at, event.ends_at, zone(&event.time_zone));
    let title = t.s("check-email-title");
    page(
        v,
        &title,
        html! {},
        html! {
            div.banner.ok role="status" { h1 { (title) } }
            p { (t.f("check-email-text", &[("name", name.into()), ("email", email.into()), ("event", event.title.as_str().into()), ("when", when.as_str().into())])) }
            p { (t.s("check-email-spam")) }
            p { a href={ "/events/" (event.id) } { (t.s("back-to-event")) } }
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
    let t = v.tr;
    let lang = t.language();
    let when = range_label_in(lang, event.starts_at, event.ends_at, zone(&event.time_zone));
    let people = 1 + r.guests;
    let title = t.s("manage-title");
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            p { strong { (event.title) } ", " (when) }
            p { a href=(state.email_choices) { (t.s("manage-email-choices")) } " " (t.s("manage-email-choices-rest")) }
            (crate::frame::forms::error_summary(v.tr, errors))
            @match r.status {
                RsvpStatus::Going => {
                    div.banner.ok role="status" {
                        p { (t.f("manage-going", &[("name", r.name.as_str().into())])) @if people > 1 { " " (t.f("manage-going-party", &[("people", people.into()), ("guests", r.guests.into())])) } }
                    }
                    @if let Some(venue) = &event.venue {
                        p.venue { (t.s("mail-where")) " " strong { (venue.name) } ", "
                            @if !venue.street_address.is_empty() { (venue.street_address) ", " }
                            (venue.city) }
                    }
                }
                RsvpStatus::Waitlisted => {
                    div.banner.ok role="status" {
                        p { (t.f("rsvp-standing-waitlisted", &[("position", r.waitlist_position.unwrap_or(1).into())])) "." }
                    }
                    @if state.promotions_over {
                        p { (t.s("manage-promotions-over")) }
                    } @else {
                        p { (t.s("manage-waitlist-promise")) }
                    }
                }
                RsvpStatus::Maybe => {
                    div.banner.ok role="status" { p { (t.f("manage-maybe", &[("name", r.name.as_str().into())])) } }
                }
                RsvpStatus::CantGo => {
                    div.banner.ok role="status" { p { (t.f("manage-cant-go", &[("name", r.name.as_str().into())])) } }
                }
                RsvpStatus::Cancelled => {
                    div.banner.ok role="status" { p { (t.s("manage-cancelled")) } }
                    p { (t.s("manage-changed-mind")) " " a href={ "/events/" (event.id) } { (t.s("manage-rsvp-again")) } "." }
                }
            }
            @if let (Some(until), true) = (r.hold_until, r.status.is_active()) {
                form.stacked method="post" action="/rsvps/manage/confirm" {
                    (v.csrf_field())
                    input type="hidden" name="token" value=(token);
                    p { (t.f("manage-held-until", &[("until", date_time_label_in(lang, until, zone(&event.time_zone)).as_str().into())])) }
                    button type="submit" { (t.s("manage-confirm")) }
                }
            }
            @if r.status != RsvpStatus::Cancelled {
                @match state.closed {
                    None => {
                        form.stacked method="post" action="/rsvps/manage/change" {
                            h2 { (t.s("manage-change")) }
                            (v.csrf_field())
                            input type="hidden" name="token" value=(token);
                            @if event.guests_allowed > 0 {
                                label for="guests" { (t.f("rsvp-guests", &[("max", event.guests_allowed.into())])) }
                                select id="guests" name="guests" {
                                    @for n in 0..=event.guests_allowed {
                                        option value=(n) selected[n == r.guests] { (n) }
                                    }
                                }
                                @if let Some(m) = errors.get("guests") { p.field-error { (m) } }
                            }
                            div.answers id="answer" {
                                button type="submit" name="answer" value="going" { (t.s("manage-answer-going")) }
                                " "
                                button.secondary type="submit" name="answer" value="maybe" { (t.s("rsvp-maybe")) }
                                " "
                                button.secondary type="submit" name="answer" value="cant_go" { (t.s("rsvp-cant-go")) }
                            }
                        }
                    }
                    Some(why) => p { (why.said(t)) " " (t.s("manage-no-changes")) }
                }
            }
            @if r.status != RsvpStatus::Cancelled && !state.started {
                form.stacked method="post" action="/rsvps/manage/cancel" {
                    (v.csrf_field())
                    input type="hidden" name="token" value=(token);
                    button type="submit" { (t.s("manage-cancel")) }
                }
                p { (t.s("manage-cancel-note")) }
            }
            p { a href={ "/events/" (event.id) } { (t.s("mail-see-event")) } }
        },
    )
}
