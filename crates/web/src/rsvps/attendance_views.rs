//! Pages of an event's attendance, as its organizers see them: the attendee
//! list with counts and filters, the printable sign-in sheet, and RSVP'd
//! against attended on the chapter dashboard.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};
use turnout_domain::attendance::{ANSWERS, AttendeeLine, Filter, Tally, answer_label};
use turnout_domain::event::EventDetails;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::{date_label, short_time_label};

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;

/// The stylesheet of these pages: phone layouts and print.
pub fn head() -> Markup {
    html! { link rel="stylesheet" href="/static/attendance.css"; }
}

/// "1 Dec, 7:30pm" in the event's zone.
pub fn moment(t: DateTime<Utc>, zone: Tz) -> String {
    format!("{} {}", t.with_timezone(&zone).format("%-d %b"), short_time_label(t, zone))
}

fn people(n: i64) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{n} people") }
}

/// People by answer, and how many came.
pub fn tally(t: &Tally) -> Markup {
    html! {
        ul.tally aria-label="People by answer" {
            @for a in ANSWERS.iter().filter(|a| **a != RsvpStatus::Cancelled) {
                li { strong { (answer_label(*a)) } ": " (people(t.people(*a))) }
            }
            li { strong { "Checked in" } ": " (people(t.attended)) @if t.walk_ins > 0 { " (" (t.walk_ins) " walk-in)" } }
        }
    }
}

/// `manage`: the visitor organizes the event (an accepted co-host's organizers
/// only look). `bounced`: the shown addresses (normalized) that refuse mail.
#[allow(clippy::too_many_arguments)] // one page's parts, each used once
pub fn attendee_list(
    v: &Visitor,
    event: &EventDetails,
    t: &Tally,
    filter: &Filter,
    lines: &[&AttendeeLine],
    total: usize,
    manage: bool,
    bounced: &std::collections::HashSet<String>,
) -> Markup {
    let z = zone(&event.time_zone);
    let base = format!("/events/{}", event.id);
    let query = filter.query();
    let csv = if query.is_empty() { format!("{base}/attendees.csv") } else { format!("{base}/attendees.csv?{query}") };
    let selected_answer = filter.answer.map(|a| a.as_str()).unwrap_or("");
    let checked = match filter.checked_in {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    page(
        v,
        &format!("Attendees: {}", event.title),
        head(),
        html! {
            h1 { "Attendees: " (event.title) }
            p.tools {
                a href={ (base) "/checkin" } { "Check people in at the door" } " · "
                a href={ (base) "/sign-in-sheet" } { "Printable sign-in sheet" } " · "
                a href=(csv) { "Download as CSV" }
            }
            (tally(t))
            form.filters method="get" action={ (base) "/attendees" } {
                div {
                    label for="answer" { "Answer" }
                    select id="answer" name="answer" {
                        option value="" selected[selected_answer.is_empty()] { "All" }
                        @for a in ANSWERS { option value=(a.as_str()) selected[selected_answer == a.as_str()] { (answer_label(a)) } }
                    }
                }
                div {
                    label for="checked_in" { "Checked in" }
                    select id="checked_in" name="checked_in" {
                        option value="" selected[checked.is_empty()] { "Either" }
                        option value="yes" selected[checked == "yes"] { "Checked in" }
                        option value="no" selected[checked == "no"] { "Not checked in" }
                    }
                }
                div {
                    label for="q" { "Name" }
                    input id="q" name="q" type="search" value=(filter.name);
                }
                div { button type="submit" { "Show" } }
            }
            p { "Showing " (lines.len()) " of " (total) " RSVPs." }
            table.list.attendees {
                thead { tr { th { "Name" } th { "Email" } th { "Answer" } th { "Guests" } th { "RSVP'd" } th { "Waitlist" } th { "Checked in" } @if manage { th { "By hand" } } } }
                tbody {
                    @for l in lines {
                        tr id={ "rsvp-" (l.rsvp_id) } {
                            td data-label="Name" { (l.name) @if l.walk_in { " (walk-in)" } }
                            td data-label="Email" {
                                (l.email)
                                @if bounced.contains(&turnout_domain::email_address::normalize(&l.email)) {
                                    br;
                                    strong.bounced { "Bounced:" }
                                    " mail to this address is refused, so no reminders or notices reach it."
                                }
                            }
                            td data-label="Answer" { (answer_label(l.status)) }
                            td data-label="Guests" { (l.guests) }
                            td data-label="RSVP'd" { (moment(l.rsvp_at, z)) }
                            td data-label="Waitlist" { @if let Some(p) = l.waitlist_position { "#" (p) } @else { "—" } }
                            td data-label="Checked in" { @if let Some(t) = l.checked_in_at { "Yes, " (moment(t, z)) } @else { "No" } }
                            @if manage {
                                td data-label="By hand" {
                                    @if l.status == RsvpStatus::Waitlisted {
                                        form.inline method="post" action={ "/events/" (event.id) "/attendees/" (l.rsvp_id) "/promote" } {
                                            (v.csrf_field())
                                            button type="submit" { "Promote" }
                                        }
                                    }
                                    @if l.status != RsvpStatus::Cancelled {
                                        a href={ "/events/" (event.id) "/attendees/" (l.rsvp_id) "/remove" } { "Remove…" }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Blank lines at the end of the sheet, for people who come without an RSVP.
const BLANK_LINES: usize = 12;

pub fn sign_in_sheet(v: &Visitor, event: &EventDetails, expected: &[AttendeeLine]) -> Markup {
    let z = zone(&event.time_zone);
    page(
        v,
        &format!("Sign-in sheet: {}", event.title),
        head(),
        html! {
            div.sheet {
                h1 { "Sign-in: " (event.title) }
                p { (date_label(event.starts_at, z)) ", " (short_time_label(event.starts_at, z)) " · " (expected.len()) " RSVPs" }
                p.no-print { "Print this page from the browser (A4 or Letter). " a href={ "/events/" (event.id) "/attendees" } { "Back to the attendee list" } }
                table.sheet {
                    thead { tr { th.tick { span.visually-hidden { "Here" } } th { "Name" } th.guests { "Guests" } th { "Notes" } } }
                    tbody {
                        @for l in expected {
                            tr {
                                td.tick { span.box role="img" aria-label="box to tick" {} }
                                td { (l.name) @if l.status == RsvpStatus::Maybe { " (maybe)" } }
                                td.guests { @if l.guests > 0 { "+" (l.guests) } }
                                td {}
                            }
                        }
                        @for _ in 0..BLANK_LINES {
                            tr.blank { td.tick { span.box role="img" aria-label="box to tick" {} } td {} td.guests {} td {} }
                        }
                    }
                }
            }
        },
    )
}
