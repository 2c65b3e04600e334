//! Pages of an event's attendance, as its organizers see them: the attendee
//! list with counts and filters, the printable sign-in sheet, and RSVP'd
//! against attended on the chapter dashboard.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};
use turnout_domain::attendance::{ANSWERS, AttendeeLine, Filter, Tally, answer_label};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::EventDetails;
use turnout_domain::language::Language;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::{date_label_in, day_month_label_in, short_time_label_in};

use crate::frame::layout::page;
use crate::frame::zone;
use crate::http::visitor::Visitor;

/// The stylesheet of these pages: phone layouts and print.
pub fn head() -> Markup {
    html! { link rel="stylesheet" href="/static/attendance.css"; }
}

/// "1 Dec 7:30pm" ("1 dic 19:30") in the event's zone.
pub fn moment(language: Language, t: DateTime<Utc>, zone: Tz) -> String {
    format!("{} {}", day_month_label_in(language, t, zone), short_time_label_in(language, t, zone))
}

fn people(t: Tr, n: i64) -> String {
    t.f("att-people", &[("count", n.into())])
}

/// People by answer, and how many came.
pub fn tally(t: Tr, tally: &Tally) -> Markup {
    html! {
        ul.tally aria-label=(t.s("att-tally-label")) {
            @for a in ANSWERS.iter().filter(|a| **a != RsvpStatus::Cancelled) {
                li { strong { (answer_label(t, *a)) } ": " (people(t, tally.people(*a))) }
            }
            li {
                strong { (t.s("att-checked-in")) } ": " (people(t, tally.attended))
                @if tally.walk_ins > 0 { " " (t.f("att-tally-walk-ins", &[("count", tally.walk_ins.into())])) }
            }
        }
    }
}

/// `manage`: the visitor organizes the event (an accepted co-host's organizers
/// only look). `bounced`: the shown addresses (normalized) that refuse mail.
#[allow(clippy::too_many_arguments)] // one page's parts, each used once
pub fn attendee_list(
    v: &Visitor,
    event: &EventDetails,
    counts: &Tally,
    filter: &Filter,
    lines: &[&AttendeeLine],
    total: usize,
    manage: bool,
    bounced: &std::collections::HashSet<String>,
) -> Markup {
    let t = v.tr;
    let lang = t.language();
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
    let title = t.f("att-list-title", &[("event", (&event.title).into())]);
    let (name, email, answer, guests, rsvpd, waitlist, checked_in, by_hand) = (
        t.s("att-col-name"),
        t.s("att-col-email"),
        t.s("att-col-answer"),
        t.s("att-col-guests"),
        t.s("att-col-rsvpd"),
        t.s("att-col-waitlist"),
        t.s("att-checked-in"),
        t.s("att-col-by-hand"),
    );
    page(
        v,
        &title,
        head(),
        html! {
            h1 { (title) }
            p.tools {
                a href={ (base) "/checkin" } { (t.s("att-tool-checkin")) } " · "
                a href={ (base) "/sign-in-sheet" } { (t.s("att-tool-sheet")) } " · "
                a href=(csv) { (t.s("att-tool-csv")) }
            }
            (tally(t, counts))
            form.filters method="get" action={ (base) "/attendees" } {
                div {
                    label for="answer" { (answer) }
                    select id="answer" name="answer" {
                        option value="" selected[selected_answer.is_empty()] { (t.s("att-filter-all")) }
                        @for a in ANSWERS { option value=(a.as_str()) selected[selected_answer == a.as_str()] { (answer_label(t, a)) } }
                    }
                }
                div {
                    label for="checked_in" { (checked_in) }
                    select id="checked_in" name="checked_in" {
                        option value="" selected[checked.is_empty()] { (t.s("att-filter-either")) }
                        option value="yes" selected[checked == "yes"] { (checked_in) }
                        option value="no" selected[checked == "no"] { (t.s("att-not-checked-in")) }
                    }
                }
                div {
                    label for="q" { (name) }
                    input id="q" name="q" type="search" value=(filter.name);
                }
                div { button type="submit" { (t.s("att-filter-show")) } }
            }
            p { (t.f("att-showing", &[("shown", lines.len().into()), ("total", total.into())])) }
            table.list.attendees {
                thead { tr { th { (name) } th { (email) } th { (answer) } th { (guests) } th { (rsvpd) } th { (waitlist) } th { (checked_in) } @if manage { th { (by_hand) } } } }
                tbody {
                    @for l in lines {
                        tr id={ "rsvp-" (l.rsvp_id) } {
                            td data-label=(name) { (l.name) @if l.walk_in { (t.s("att-name-walk-in")) } }
                            td data-label=(email) {
                                (l.email)
                                @if bounced.contains(&turnout_domain::email_address::normalize(&l.email)) {
                                    br;
                                    strong.bounced { (t.s("att-bounced")) }
                                    (t.s("att-bounced-text"))
                                }
                            }
                            td data-label=(answer) { (answer_label(t, l.status)) }
                            td data-label=(guests) { (l.guests) }
                            td data-label=(rsvpd) { (moment(lang, l.rsvp_at, z)) }
                            td data-label=(waitlist) { @if let Some(p) = l.waitlist_position { "#" (p) } @else { "—" } }
                            td data-label=(checked_in) {
                                @if let Some(at) = l.checked_in_at { (t.f("att-checked-in-yes", &[("when", (&moment(lang, at, z)).into())])) }
                                @else { (t.s("att-checked-in-no")) }
                            }
                            @if manage {
                                td data-label=(by_hand) {
                                    @if l.status == RsvpStatus::Waitlisted {
                                        form.inline method="post" action={ "/events/" (event.id) "/attendees/" (l.rsvp_id) "/promote" } {
                                            (v.csrf_field())
                                            button type="submit" { (t.s("att-promote")) }
                                        }
                                    }
                                    @if l.status != RsvpStatus::Cancelled {
                                        a href={ "/events/" (event.id) "/attendees/" (l.rsvp_id) "/remove" } { (t.s("att-remove-link")) }
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
    let t = v.tr;
    let lang = t.language();
    let z = zone(&event.time_zone);
    let (date, time) = (date_label_in(lang, event.starts_at, z), short_time_label_in(lang, event.starts_at, z));
    let box_label = t.s("att-sheet-box");
    page(
        v,
        &t.f("att-sheet-title", &[("event", (&event.title).into())]),
        head(),
        html! {
            div.sheet {
                h1 { (t.f("att-sheet-heading", &[("event", (&event.title).into())])) }
                p { (t.f("att-sheet-when", &[("date", (&date).into()), ("time", (&time).into()), ("count", expected.len().into())])) }
                p.no-print { (t.s("att-sheet-print")) a href={ "/events/" (event.id) "/attendees" } { (t.s("att-back-to-list")) } }
                table.sheet {
                    thead { tr { th.tick { span.visually-hidden { (t.s("att-sheet-here")) } } th { (t.s("att-col-name")) } th.guests { (t.s("att-col-guests")) } th { (t.s("att-col-notes")) } } }
                    tbody {
                        @for l in expected {
                            tr {
                                td.tick { span.box role="img" aria-label=(box_label) {} }
                                td { (l.name) @if l.status == RsvpStatus::Maybe { (t.s("att-sheet-maybe")) } }
                                td.guests { @if l.guests > 0 { "+" (l.guests) } }
                                td {}
                            }
                        }
                        @for _ in 0..BLANK_LINES {
                            tr.blank { td.tick { span.box role="img" aria-label=(box_label) {} } td {} td.guests {} td {} }
                        }
                    }
                }
            }
        },
    )
}
