//! The organizer's event form: every field of an event on one page, usable
//! from a phone. Lists are one item per line.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{CohostInvitation, CohostStatus, EventKind, SeriesLink, Venue, Visibility};
use turnout_domain::event_input::EventInput;
use turnout_domain::language::Language;
use turnout_domain::reminders::preset_label;

use crate::frame::forms::{Field, error_summary_linking, field};
use crate::frame::kind_label;
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
fn reminder_boxes(t: Tr, chosen: &str) -> Markup {
    let chosen = turnout_domain::reminders::ReminderSet::from_column(chosen);
    html! {
        fieldset {
            legend { (t.s("org-reminders-legend")) }
            p.hint { (t.s("org-reminders-hint")) }
            input type="hidden" name="reminders_listed" value="1";
            @for (key, _) in turnout_domain::reminders::PRESETS {
                (checkbox(&format!("remind_{}", key.replace('-', "_")), &preset_label(t, key), chosen.contains(key)))
            }
        }
    }
}

/// Who may see an event, in the reader's language.
fn visibility_label(t: Tr, visibility: Visibility) -> String {
    match visibility {
        Visibility::Public => t.s("org-visibility-public"),
        Visibility::MembersOnly => t.s("org-visibility-members-only"),
        Visibility::Unlisted => t.s("org-visibility-unlisted"),
    }
}

/// Where an invitation to co-host stands, in the reader's language.
fn cohost_status_label(t: Tr, status: CohostStatus) -> String {
    match status {
        CohostStatus::Pending => t.s("org-cohost-pending"),
        CohostStatus::Accepted => t.s("org-cohost-accepted"),
        CohostStatus::Declined => t.s("org-cohost-declined"),
    }
}

/// "1 December 2026", "1 de diciembre de 2026": the date of one meeting of
/// a series (day and month names from the locale data).
pub(super) fn series_date(t: Tr, date: chrono::NaiveDate) -> String {
    let locale = match t.language() {
        Language::English => chrono::Locale::en_US,
        Language::Spanish => chrono::Locale::es_US,
    };
    date.format_localized(&t.s("org-series-date-format"), locale).to_string()
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

/// How many are going now, next to the capacity, when editing.
fn going_now(t: Tr, mode: &FormMode<'_>) -> Markup {
    html! {
        @if let FormMode::Edit { going, .. } = mode {
            p.capacity-now { strong { (t.f("org-going-now", &[("count", (*going).into())])) } }
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
    let t = v.tr;
    // What a capacity means once people are going: lowering it never removes
    // anyone, and the waitlist waits until seats free up.
    let capacity_hint = t.s("org-capacity-hint");
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
                label for="kind" { (t.s("org-field-kind")) }
                select id="kind" name="kind" {
                    @for k in EventKind::ALL { option value=(k.as_str()) selected[f.kind == k.as_str()] { (kind_label(t, *k)) } }
                }
                @if let Some(m) = errors.get("kind") { p.field-error id="kind-error" { (m) } }
                (field(&Field::new("title", &t.s("org-field-title"), "text", &f.title, "off"), errors))
                (field(&Field::new("summary", &t.s("org-field-summary"), "text", &f.summary, "off"), errors))
                (area("description", &t.s("org-field-description"), &t.s("org-field-description-hint"), &f.description, 8, errors))
                label for="language" { (t.s("org-field-language")) }
                select id="language" name="language" aria-describedby="language-hint" {
                    @for l in Language::ALL {
                        option value=(l.tag()) selected[f.language == l.tag() || (f.language.is_empty() && l == Language::English)] { (l.own_name()) }
                    }
                }
                small.hint id="language-hint" { (t.s("org-field-language-hint")) }
                @if let Some(m) = errors.get("language") { p.field-error id="language-error" { (m) } }
                fieldset {
                    legend { (t.s("org-legend-when")) }
                    (field(&Field::new("starts_at", &t.s("org-field-starts"), "datetime-local", &f.starts_at, "off"), errors))
                    (field(&Field::new("ends_at", &t.s("org-field-ends"), "datetime-local", &f.ends_at, "off"), errors))
                    (field(&Field::new("doors_open_at", &t.s("org-field-doors-open"), "datetime-local", &f.doors_open_at, "off"), errors))
                    (field(&Field::new("time_zone", &t.s("org-field-time-zone"), "text", &f.time_zone, "off"), errors))
                    @match &mode {
                        FormMode::New { repeat, repeat_until } => {
                            label for="repeat" { (t.s("org-field-repeat")) }
                            select id="repeat" name="repeat" {
                                @for (value, label) in [("none", t.s("org-repeat-none")), ("weekly", t.s("org-repeat-weekly")), ("biweekly", t.s("org-repeat-biweekly")), ("monthly", t.s("org-repeat-monthly"))] {
                                    option value=(value) selected[*repeat == value] { (label) }
                                }
                            }
                            @if let Some(m) = errors.get("repeat") { p.field-error id="repeat-error" { (m) } }
                            (field(&Field::new("repeat_until", &t.s("org-field-repeat-until"), "date", repeat_until, "off"), errors))
                        }
                        FormMode::Edit { series: Some(link), .. } => {
                            p { (t.f("org-series-occurrence", &[("date", (&series_date(t, link.date)).into()), ("rule", (&link.describe(t)).into())])) }
                            label { input type="radio" name="apply" value="one" checked; " " (t.s("org-apply-one")) }
                            label { input type="radio" name="apply" value="following"; " " (t.s("org-apply-following")) }
                        }
                        FormMode::Edit { series: None, .. } => {}
                    }
                }
                fieldset {
                    legend { (t.s("org-legend-where")) }
                    @if !venues.is_empty() {
                        label for="saved_venue" { (t.s("org-field-saved-venue")) }
                        select id="saved_venue" name="saved_venue" {
                            option value="" { (t.s("org-saved-venue-none")) }
                            @for (i, venue) in venues.iter().enumerate() { option value=(i) { (venue.name) ", " (venue.street_address) } }
                        }
                        small.hint { (t.s("org-saved-venue-hint")) }
                    }
                    (field(&Field::new("venue_name", &t.s("org-field-venue-name"), "text", &f.venue_name, "off"), errors))
                    (field(&Field::new("venue_street_address", &t.s("org-field-street-address"), "text", &f.venue_street_address, "address-line1"), errors))
                    (field(&Field::new("venue_suite", &t.s("org-field-suite"), "text", &f.venue_suite, "off"), errors))
                    (field(&Field::new("venue_city", &t.s("org-field-city"), "text", &f.venue_city, "address-level2"), errors))
                    (area("venue_transit", &t.s("org-field-transit"), "", &f.venue_transit, 2, errors))
                    (area("venue_accessibility", &t.s("org-field-accessibility"), "", &f.venue_accessibility, 2, errors))
                    label for="address_protection" { (t.s("org-field-address-protection")) }
                select id="address_protection" name="address_protection" {
                    option value="public" selected[f.address_protection.is_empty() || f.address_protection == "public"] { (t.s("org-address-public")) }
                    option value="rsvps" selected[f.address_protection == "rsvps"] { (t.s("org-address-rsvps")) }
                    option value="hours" selected[f.address_protection == "hours"] { (t.s("org-address-hours")) }
                }
                @if let Some(m) = errors.get("address_protection") { p.field-error id="address_protection-error" { (m) } }
                (field(&Field::new("address_reveal_hours", &t.s("org-field-reveal-hours"), "number", &f.address_reveal_hours, "off"), errors))
                (field(&Field::new("online_url", &t.s("org-field-online-url"), "url", &f.online_url, "url"), errors))
                }
                fieldset {
                    legend { (t.s("org-legend-programme")) }
                    (area("agenda", &t.s("org-field-agenda"), &t.s("org-field-agenda-hint"), &f.agenda, 5, errors))
                    (area("speakers", &t.s("org-field-speakers"), &t.s("org-field-speakers-hint"), &f.speakers, 4, errors))
                    (area("sessions", &t.s("org-field-sessions"), &t.s("org-field-sessions-hint"), &f.sessions, 5, errors))
                    (area("sponsors", &t.s("org-field-sponsors"), &t.s("org-field-sponsors-hint"), &f.sponsors, 3, errors))
                    (field(&Field::new("tags", &t.s("org-field-tags"), "text", &f.tags, "off"), errors))
                    (field(&Field::new("cohosts", &t.s("org-field-cohosts"), "text", &f.cohosts, "off"), errors))
                    small.hint { (t.s("org-field-cohosts-hint")) }
                    @if let FormMode::Edit { invitations, .. } = &mode {
                        @if !invitations.is_empty() {
                            p.hint {
                                (t.s("org-invited")) " "
                                @for (i, c) in invitations.iter().enumerate() {
                                    @if i > 0 { "; " }
                                    (c.chapter.name) " (" (c.chapter.slug) "): " (cohost_status_label(t, c.status))
                                }
                            }
                        }
                    }
                }
                fieldset {
                    legend { (t.s("org-legend-other-language")) }
                    p.hint { (t.s("org-other-language-hint")) }
                    input type="hidden" name="translation_listed" value="1";
                    (field(&Field::new("title_other", &t.s("org-field-title-other"), "text", &f.title_other, "off"), errors))
                    (field(&Field::new("summary_other", &t.s("org-field-summary-other"), "text", &f.summary_other, "off"), errors))
                    (area("description_other", &t.s("org-field-description-other"), &t.s("org-field-description-other-hint"), &f.description_other, 6, errors))
                    (area("agenda_other", &t.s("org-field-agenda-other"), &t.s("org-field-agenda-other-hint"), &f.agenda_other, 4, errors))
                    (area("venue_transit_other", &t.s("org-field-transit-other"), "", &f.venue_transit_other, 2, errors))
                    (area("venue_accessibility_other", &t.s("org-field-accessibility-other"), "", &f.venue_accessibility_other, 2, errors))
                }
                fieldset {
                    legend { (t.s("org-legend-rsvps")) }
                    label for="visibility" { (t.s("org-field-visibility")) }
                    select id="visibility" name="visibility" {
                        @for vis in Visibility::ALL { option value=(vis.as_str()) selected[f.visibility == vis.as_str()] { (visibility_label(t, *vis)) } }
                    }
                    (field(&Field::new("capacity", &t.s("org-field-capacity"), "number", &f.capacity, "off").with_hint(&capacity_hint), errors))
                    (going_now(t, &mode))
                    (area("overflow_note", &t.s("org-field-overflow"), "", &f.overflow_note, 2, errors))
                    (field(&Field::new("guests_allowed", &t.s("org-field-guests-allowed"), "number", &f.guests_allowed, "off"), errors))
                    (field(&Field::new("rsvp_opens_at", &t.s("org-field-rsvp-opens"), "datetime-local", &f.rsvp_opens_at, "off"), errors))
                    (field(&Field::new("rsvp_closes_at", &t.s("org-field-rsvp-closes"), "datetime-local", &f.rsvp_closes_at, "off"), errors))
                    (tickbox("show_maybe_count", &t.s("org-tick-show-maybe"), &f.show_maybe_count))
                    (tickbox("maybe_reminder", &t.s("org-tick-maybe-reminder"), &f.maybe_reminder))
                    (tickbox("no_waitlist", &t.s("org-tick-no-waitlist"), &f.no_waitlist))
                    (tickbox("guests_confirm_by_email", &t.s("org-tick-guests-confirm"), &f.guests_confirm_by_email))
                }
                (reminder_boxes(t, &f.reminders))
                div.buttons {
                    button type="submit" name="action" value="draft" { (t.s("org-save-draft")) }
                    " "
                    button type="submit" name="action" value="publish" { (t.s("org-publish")) }
                }
            }
        },
    )
}
