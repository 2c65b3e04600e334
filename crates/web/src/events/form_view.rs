//! The organizer's event form: every field of an event on one page, usable
//! from a phone. Lists are one item per line.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::{CohostInvitation, EventKind, SeriesLink, Venue, Visibility};
use turnout_domain::event_input::EventInput;
use turnout_domain::language::Language;

use crate::frame::forms::{Field, error_summary_linking, field};
use crate::frame::layout::page;
use crate::http::visitor::Visitor;

fn tickbox(name: &'static str, label: &str, value: &str) -> Markup {
    checkbox(name, label, !value.is_empty())
}

fn checkbox(name: &str, label: &str, checked: bool) -> Markup {
    html! {
        p.tick {
            input id=(name) name=(name) type="checkbox" value="on" checked[checked];
            " " label for=(name) { (label) }
        }
    }
}

/// The reminder presets as checkboxes (none ticked: no reminders).
fn reminder_boxes(chosen: &str) -> Markup {
    let chosen = turnout_domain::reminders::ReminderSet::from_column(chosen);
    html! {
        fieldset {
            legend { "Reminders by email" }
            p.hint { "To everyone going. A reminder whose time has passed when someone RSVPs is not sent to them, and nobody gets two within 15 minutes. Edits to a series apply to its later dates." }
            input type="hidden" name="reminders_listed" value="1";
            @for (key, label) in turnout_domain::reminders::PRESETS {
                (checkbox(&format!("remind_{}", key.replace('-', "_")), label, chosen.contains(key)))
            }
        }
    }
}

fn area(name: &'static str, label: &str, hint: &str, value: &str, rows: u32, errors: &FieldErrors) -> Markup {
    let error = errors.get(name);
    html! {
        label for=(name) { (label) }
        @if !hint.is_empty() { small.hint { (hint) } }
        textarea id=(name) name=(name) rows=(rows) aria-invalid=[error.map(|_| "true")] { (value) }
        @if let Some(m) = error { p.field-error id={ (name) "-error" } { (m) } }
    }
}

/// The hosting chapter's name and its saved venues.
pub struct ChapterContext<'a> {
    pub name: &'a str,
    pub venues: &'a [Venue],
}

/// What the form is for: a new event (which may repeat) or an existing one
/// (which may be one date of a series).
pub enum FormMode<'a> {
    New {
        repeat: &'a str,
        repeat_until: &'a str,
    },
    /// `version`: the calendar SEQUENCE the form shows, sent back to detect a save by someone else meanwhile.
    /// `invitations`: the chapters named as co-hosts and their answers.
    /// `going`: the people holding a seat now, shown next to the capacity.
    Edit {
        series: Option<&'a SeriesLink>,
        version: i32,
        invitations: &'a [CohostInvitation],
        going: i32,
    },
}

/// What a capacity means once people are going: lowering it never removes
/// anyone, and the waitlist waits until seats free up.
const CAPACITY_HINT: &str = "Lowering the capacity below the number going removes nobody already going; \
                             nobody is promoted from the waitlist until seats free up.";

/// How many are going now, next to the capacity, when editing.
fn going_now(mode: &FormMode<'_>) -> Markup {
    html! {
        @if let FormMode::Edit { going, .. } = mode {
            p.capacity-now { strong { "Going now: " (going) (if *going == 1 { " person" } else { " people" }) } }
        }
    }
}

pub fn event_form(
    v: &Visitor,
    title: &str,
    action: &str,
    f: &EventInput,
    errors: &FieldErrors,
    chapter: ChapterContext<'_>,
    mode: FormMode<'_>,
) -> Markup {
    let (chapter_name, venues) = (chapter.name, chapter.venues);
    page(
        v,
        title,
        html! {},
        html! {
            h1 { (title) }
            p.kind { (chapter_name) }
            form.stacked.event-form method="post" action=(action) novalidate {
                (v.csrf_field())
                (error_summary_linking(v.tr, errors, |n| if n == "version" { "version-error".into() } else { n.into() }))
                @if let FormMode::Edit { version, .. } = &mode { input type="hidden" name="version" value=(version); }
                @if let Some(m) = errors.get("version") { p.field-error id="version-error" role="alert" { (m) } }
                label for="kind" { "Kind" }
                select id="kind" name="kind" {
                    @for k in EventKind::ALL { option value=(k.as_str()) selected[f.kind == k.as_str()] { (k.label()) } }
                }
                @if let Some(m) = errors.get("kind") { p.field-error id="kind-error" { (m) } }
                (field(&Field::new("title", "Title", "text", &f.title, "off"), errors))
                (field(&Field::new("summary", "Summary (one or two sentences)", "text", &f.summary, "off"), errors))
                (area("description", "Description", "Markdown: **bold**, [links](https://…), lists.", &f.description, 8, errors))
                label for="language" { "Language of the text" }
                select id="language" name="language" aria-describedby="language-hint" {
                    @for l in Language::ALL {
                        option value=(l.tag()) selected[f.language == l.tag() || (f.language.is_empty() && l == Language::English)] { (l.own_name()) }
                    }
                }
                small.hint id="language-hint" { "The language you write the title, summary, description, agenda and venue notes in. You can give them in the other language too, below." }
                @if let Some(m) = errors.get("language") { p.field-error id="language-error" { (m) } }
                fieldset {
                    legend { "When" }
                    (field(&Field::new("starts_at", "Starts", "datetime-local", &f.starts_at, "off"), errors))
                    (field(&Field::new("ends_at", "Ends", "datetime-local", &f.ends_at, "off"), errors))
                    (field(&Field::new("doors_open_at", "Doors open (optional)", "datetime-local", &f.doors_open_at, "off"), errors))
                    (field(&Field::new("time_zone", "Time zone", "text", &f.time_zone, "off"), errors))
                    @match &mode {
                        FormMode::New { repeat, repeat_until } => {
                            label for="repeat" { "Repeats" }
                            select id="repeat" name="repeat" {
                                @for (value, label) in [("none", "Does not repeat"), ("weekly", "Every week"), ("biweekly", "Every other week"), ("monthly", "Monthly, on the same weekday (e.g. 2nd Tuesday)")] {
                                    option value=(value) selected[*repeat == value] { (label) }
                                }
                            }
                            @if let Some(m) = errors.get("repeat") { p.field-error id="repeat-error" { (m) } }
                            (field(&Field::new("repeat_until", "Repeats until (last date)", "date", repeat_until, "off"), errors))
                        }
                        FormMode::Edit { series: Some(link), .. } => {
                            p { "This is the " (link.date.format("%-d %B %Y")) " meeting of a series (" (link.description) ")." }
                            label { input type="radio" name="apply" value="one" checked; " Change only this date" }
                            label { input type="radio" name="apply" value="following"; " Change this and all later dates" }
                        }
                        FormMode::Edit { series: None, .. } => {}
                    }
                }
                fieldset {
                    legend { "Where" }
                    @if !venues.is_empty() {
                        label for="saved_venue" { "A venue this chapter used before" }
                        select id="saved_venue" name="saved_venue" {
                            option value="" { "(type a venue below)" }
                            @for (i, venue) in venues.iter().enumerate() { option value=(i) { (venue.name) ", " (venue.street_address) } }
                        }
                        small.hint { "Choosing one fills in the venue fields you leave empty." }
                    }
                    (field(&Field::new("venue_name", "Venue name", "text", &f.venue_name, "off"), errors))
                    (field(&Field::new("venue_street_address", "Street address", "text", &f.venue_street_address, "address-line1"), errors))
                    (field(&Field::new("venue_suite", "Suite or floor", "text", &f.venue_suite, "off"), errors))
                    (field(&Field::new("venue_city", "City or neighbourhood", "text", &f.venue_city, "address-level2"), errors))
                    (area("venue_transit", "Transit directions", "", &f.venue_transit, 2, errors))
                    (area("venue_accessibility", "Accessibility notes", "", &f.venue_accessibility, 2, errors))
                    label for="address_protection" { "Who may see the street address" }
                select id="address_protection" name="address_protection" {
                    option value="public" selected[f.address_protection.is_empty() || f.address_protection == "public"] { "Everyone" }
                    option value="rsvps" selected[f.address_protection == "rsvps"] { "Only people going (in their emails and calendars)" }
                    option value="hours" selected[f.address_protection == "hours"] { "People going, and everyone from some hours before" }
                }
                @if let Some(m) = errors.get("address_protection") { p.field-error id="address_protection-error" { (m) } }
                (field(&Field::new("address_reveal_hours", "…everyone from this many hours before the start", "number", &f.address_reveal_hours, "off"), errors))
                (field(&Field::new("online_url", "Livestream or online link", "url", &f.online_url, "url"), errors))
                }
                fieldset {
                    legend { "Programme" }
                    (area("agenda", "Agenda", "One item per line: 18:30 Doors open and dinner", &f.agenda, 5, errors))
                    (area("speakers", "Speakers", "One per line: Name | one-line bio", &f.speakers, 4, errors))
                    (area("sessions", "Sessions (day schools, conferences)", "One per line: 09:30-10:45 | Title | Room | Speaker, Speaker (start with a date like 2027-05-02 for another day)", &f.sessions, 5, errors))
                    (area("sponsors", "Co-sponsors and host", "One per line: Name | https://link | host (link and 'host' optional)", &f.sponsors, 3, errors))
                    (field(&Field::new("tags", "Tags (comma-separated)", "text", &f.tags, "off"), errors))
                    (field(&Field::new("cohosts", "Co-hosting chapters (their addresses, comma-separated)", "text", &f.cohosts, "off"), errors))
                    small.hint { "Each chapter named is invited: the event is listed with it once its organizers accept." }
                    @if let FormMode::Edit { invitations, .. } = &mode {
                        @if !invitations.is_empty() {
                            p.hint {
                                "Invited: "
                                @for (i, c) in invitations.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (c.chapter.name) " (" (c.chapter.slug) "): " (c.status.label())
                                }
                            }
                        }
                    }
                }
                fieldset {
                    legend { "In the other language (optional)" }
                    p.hint { "Spanish if you wrote the event in English, English if you wrote it in Spanish. Each reader sees their language where you give it, and your text above otherwise." }
                    input type="hidden" name="translation_listed" value="1";
                    (field(&Field::new("title_other", "Title in the other language", "text", &f.title_other, "off"), errors))
                    (field(&Field::new("summary_other", "Summary in the other language", "text", &f.summary_other, "off"), errors))
                    (area("description_other", "Description in the other language", "Markdown, like the description.", &f.description_other, 6, errors))
                    (area("agenda_other", "Agenda in the other language", "The titles for the times of the agenda: 19:00 Bienvenida", &f.agenda_other, 4, errors))
                    (area("venue_transit_other", "Transit directions in the other language", "", &f.venue_transit_other, 2, errors))
                    (area("venue_accessibility_other", "Accessibility notes in the other language", "", &f.venue_accessibility_other, 2, errors))
                }
                fieldset {
                    legend { "RSVPs" }
                    label for="visibility" { "Who can see it" }
                    select id="visibility" name="visibility" {
                        @for vis in Visibility::ALL { option value=(vis.as_str()) selected[f.visibility == vis.as_str()] { (vis.label()) } }
                    }
                    (field(&Field::new("capacity", "Capacity (empty: no limit)", "number", &f.capacity, "off").with_hint(CAPACITY_HINT), errors))
                    (going_now(&mode))
                    (area("overflow_note", "When it is full (overflow room, livestream…)", "", &f.overflow_note, 2, errors))
                    (field(&Field::new("guests_allowed", "Guests one RSVP may bring", "number", &f.guests_allowed, "off"), errors))
                    (field(&Field::new("rsvp_opens_at", "RSVPs open (optional)", "datetime-local", &f.rsvp_opens_at, "off"), errors))
                    (field(&Field::new("rsvp_closes_at", "RSVPs close (optional)", "datetime-local", &f.rsvp_closes_at, "off"), errors))
                    (tickbox("show_maybe_count", "Show how many said \"maybe\" on the event page", &f.show_maybe_count))
                    (tickbox("maybe_reminder", "Send the day-before reminder to those who said \"maybe\" too", &f.maybe_reminder))
                    (tickbox("no_waitlist", "No waitlist: once it is full, turn further RSVPs away", &f.no_waitlist))
                    (tickbox("guests_confirm_by_email", "Guests without an account confirm by email: their place is held until they do", &f.guests_confirm_by_email))
                }
                (reminder_boxes(&f.reminders))
                div.buttons {
                    button type="submit" name="action" value="draft" { "Save as draft" }
                    " "
                    button type="submit" name="action" value="publish" { "Publish" }
                }
            }
        },
    )
}
