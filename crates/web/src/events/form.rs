//! The event form's fields as typed, turned into the domain's input and back,
//! and what saving needs beside it: the venue, the co-hosts named.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{CohostStatus, EventDetails, EventStatus, SponsorRole, Venue};
use turnout_domain::event_input::{EventInput, ValidEvent};
use turnout_domain::reminders::ReminderSet;
use turnout_persistence::chapters;
use turnout_persistence::events::{self, NewEvent};

use crate::http::error::Error;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub(super) struct EventForm {
    #[serde(default)]
    pub(super) kind: String,
    #[serde(default)]
    pub(super) title: String,
    #[serde(default)]
    pub(super) summary: String,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) starts_at: String,
    #[serde(default)]
    pub(super) ends_at: String,
    #[serde(default)]
    pub(super) doors_open_at: String,
    #[serde(default)]
    pub(super) time_zone: String,
    #[serde(default)]
    pub(super) venue_name: String,
    #[serde(default)]
    pub(super) venue_street_address: String,
    #[serde(default)]
    pub(super) venue_suite: String,
    #[serde(default)]
    pub(super) venue_city: String,
    #[serde(default)]
    pub(super) venue_transit: String,
    #[serde(default)]
    pub(super) venue_accessibility: String,
    #[serde(default)]
    pub(super) online_url: String,
    #[serde(default)]
    pub(super) capacity: String,
    #[serde(default)]
    pub(super) overflow_note: String,
    #[serde(default)]
    pub(super) guests_allowed: String,
    #[serde(default)]
    pub(super) show_maybe_count: String,
    #[serde(default)]
    pub(super) maybe_reminder: String,
    #[serde(default)]
    pub(super) guests_confirm_by_email: String,
    #[serde(default)]
    pub(super) no_waitlist: String,
    /// Reminder presets ticked: `remind_` and the preset's key with `_` for `-`.
    #[serde(default)]
    pub(super) remind_week_before: String,
    #[serde(default)]
    pub(super) remind_day_before: String,
    #[serde(default)]
    pub(super) remind_morning_of: String,
    #[serde(default)]
    pub(super) remind_120m: String,
    #[serde(default)]
    pub(super) remind_30m: String,
    /// Set by the form, so a form without the reminder boxes (an old page,
    /// a script) keeps the default reminders instead of turning them off.
    #[serde(default)]
    pub(super) reminders_listed: String,
    #[serde(default)]
    pub(super) rsvp_opens_at: String,
    #[serde(default)]
    pub(super) rsvp_closes_at: String,
    #[serde(default)]
    pub(super) visibility: String,
    #[serde(default)]
    pub(super) address_protection: String,
    #[serde(default)]
    pub(super) address_reveal_hours: String,
    #[serde(default)]
    pub(super) tags: String,
    #[serde(default)]
    pub(super) agenda: String,
    #[serde(default)]
    pub(super) speakers: String,
    #[serde(default)]
    pub(super) sessions: String,
    #[serde(default)]
    pub(super) cohosts: String,
    /// The index of a saved venue of the chapter, if one was chosen.
    #[serde(default)]
    pub(super) saved_venue: String,
    #[serde(default)]
    pub(super) sponsors: String,
    /// Which button: "draft" or "publish".
    #[serde(default)]
    pub(super) action: String,
    /// New events: none, weekly, biweekly, monthly.
    #[serde(default)]
    pub(super) repeat: String,
    #[serde(default)]
    pub(super) repeat_until: String,
    /// Series occurrences: "one" or "following".
    #[serde(default)]
    pub(super) apply: String,
    /// Edits: the calendar SEQUENCE the form was opened at.
    #[serde(default)]
    pub(super) version: String,
    /// `en` or `es`: the language of the text; the `_other` fields hold the other one.
    #[serde(default)]
    pub(super) language: String,
    #[serde(default)]
    pub(super) title_other: String,
    #[serde(default)]
    pub(super) summary_other: String,
    #[serde(default)]
    pub(super) description_other: String,
    #[serde(default)]
    pub(super) agenda_other: String,
    #[serde(default)]
    pub(super) venue_transit_other: String,
    #[serde(default)]
    pub(super) venue_accessibility_other: String,
    /// Set by the form, so an edit from a form without the translation
    /// fields (an old page, a script) keeps the event's translations.
    #[serde(default)]
    pub(super) translation_listed: String,
}

impl EventForm {
    pub(super) fn input(self) -> (EventInput, bool) {
        let publish = self.action == "publish";
        let reminders = if self.reminders_listed.is_empty() {
            ReminderSet::default().to_column()
        } else {
            let ticked = [
                ("week-before", &self.remind_week_before),
                ("day-before", &self.remind_day_before),
                ("morning-of", &self.remind_morning_of),
                ("120m", &self.remind_120m),
                ("30m", &self.remind_30m),
            ];
            ticked.iter().filter(|(_, v)| !v.is_empty()).map(|(k, _)| *k).collect::<Vec<_>>().join(",")
        };
        let i = EventInput {
            kind: self.kind,
            title: self.title,
            summary: self.summary,
            description: self.description,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            doors_open_at: self.doors_open_at,
            time_zone: self.time_zone,
            venue_name: self.venue_name,
            venue_street_address: self.venue_street_address,
            venue_suite: self.venue_suite,
            venue_city: self.venue_city,
            venue_transit: self.venue_transit,
            venue_accessibility: self.venue_accessibility,
            online_url: self.online_url,
            capacity: self.capacity,
            overflow_note: self.overflow_note,
            guests_allowed: self.guests_allowed,
            show_maybe_count: self.show_maybe_count,
            maybe_reminder: self.maybe_reminder,
            guests_confirm_by_email: self.guests_confirm_by_email,
            no_waitlist: self.no_waitlist,
            reminders,
            rsvp_opens_at: self.rsvp_opens_at,
            rsvp_closes_at: self.rsvp_closes_at,
            visibility: self.visibility,
            address_protection: self.address_protection,
            address_reveal_hours: self.address_reveal_hours,
            tags: self.tags,
            agenda: self.agenda,
            speakers: self.speakers,
            sessions: self.sessions,
            cohosts: self.cohosts,
            sponsors: self.sponsors,
            language: self.language,
            title_other: self.title_other,
            summary_other: self.summary_other,
            description_other: self.description_other,
            agenda_other: self.agenda_other,
            venue_transit_other: self.venue_transit_other,
            venue_accessibility_other: self.venue_accessibility_other,
        };
        (i, publish)
    }
}

/// The form filled in from a stored event, times in its own zone.
pub(super) fn input_from(e: &EventDetails) -> EventInput {
    let zone = crate::frame::zone(&e.time_zone);
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string();
    let venue = e.venue.clone().unwrap_or_default();
    let agenda_other = e
        .agenda
        .iter()
        .filter_map(|a| a.title_other.as_ref().map(|t| format!("{} {t}", a.starts_at.with_timezone(&zone).format("%H:%M"))))
        .collect::<Vec<_>>()
        .join("\n");
    EventInput {
        language: e.language.tag().to_owned(),
        title_other: e.translation.title.clone().unwrap_or_default(),
        summary_other: e.translation.summary.clone().unwrap_or_default(),
        description_other: e.translation.description.clone().unwrap_or_default(),
        agenda_other,
        venue_transit_other: venue.transit_directions_other.clone().unwrap_or_default(),
        venue_accessibility_other: venue.accessibility_notes_other.clone().unwrap_or_default(),
        kind: e.kind.as_str().to_owned(),
        title: e.title.clone(),
        summary: e.summary.clone(),
        description: e.description.clone(),
        starts_at: local(e.starts_at),
        ends_at: local(e.ends_at),
        doors_open_at: e.doors_open_at.map(local).unwrap_or_default(),
        time_zone: e.time_zone.clone(),
        venue_name: venue.name,
        venue_street_address: venue.street_address,
        venue_suite: venue.suite.unwrap_or_default(),
        venue_city: venue.city,
        venue_transit: venue.transit_directions.unwrap_or_default(),
        venue_accessibility: venue.accessibility_notes.unwrap_or_default(),
        online_url: e.online_url.clone().unwrap_or_default(),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        overflow_note: e.overflow_note.clone().unwrap_or_default(),
        guests_allowed: e.guests_allowed.to_string(),
        show_maybe_count: tick(e.rsvp_options.show_maybe_count),
        maybe_reminder: tick(e.rsvp_options.maybe_reminder),
        guests_confirm_by_email: tick(e.rsvp_options.guests_confirm_by_email),
        no_waitlist: tick(e.rsvp_options.no_waitlist),
        reminders: e.rsvp_options.reminders.to_column(),
        rsvp_opens_at: e.rsvp_opens_at.map(local).unwrap_or_default(),
        rsvp_closes_at: e.rsvp_closes_at.map(local).unwrap_or_default(),
        visibility: e.visibility.as_str().to_owned(),
        address_protection: e.address_protection.to_stored().0.to_owned(),
        address_reveal_hours: e.address_protection.to_stored().1.map(|h| h.to_string()).unwrap_or_default(),
        tags: e.tags.join(", "),
        agenda: e
            .agenda
            .iter()
            .map(|a| format!("{} {}", a.starts_at.with_timezone(&zone).format("%H:%M"), a.title))
            .collect::<Vec<_>>()
            .join("\n"),
        speakers: e.speakers.iter().map(|s| format!("{} | {}", s.name, s.bio)).collect::<Vec<_>>().join("\n"),
        // Pending ones too, so saving the form keeps the invitation.
        cohosts: e
            .cohost_invitations
            .iter()
            .filter(|c| c.status != CohostStatus::Declined)
            .map(|c| c.chapter.slug.clone())
            .collect::<Vec<_>>()
            .join(", "),
        sessions: e
            .sessions
            .iter()
            .map(|s| {
                let (from, to) = (s.starts_at.with_timezone(&zone), s.ends_at.with_timezone(&zone));
                let first_day = e.starts_at.with_timezone(&zone).date_naive();
                let day = if from.date_naive() == first_day { String::new() } else { format!("{} ", from.format("%Y-%m-%d")) };
                format!(
                    "{day}{}-{} | {} | {} | {}",
                    from.format("%H:%M"),
                    to.format("%H:%M"),
                    s.title,
                    s.room.clone().unwrap_or_default(),
                    s.speakers.join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        sponsors: e
            .sponsors
            .iter()
            .map(|s| {
                let mut line = s.name.clone();
                if let Some(url) = &s.url {
                    line.push_str(&format!(" | {url}"));
                }
                if s.role == SponsorRole::Host {
                    line.push_str(" | host");
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Saves the event's venue with the chapter's venues: an identical one is
/// reused, anything else is a new venue, so other events keep theirs.
pub(super) async fn save_venue(
    txn: &impl turnout_persistence::ConnectionTrait,
    chapter_id: i64,
    valid: &ValidEvent,
) -> Result<Option<i64>, Error> {
    match valid.venue.clone() {
        Some(venue) => Ok(Some(events::find_or_insert_venue(txn, chapter_id, venue).await?)),
        None => Ok(None),
    }
}

pub(super) fn to_new(chapter_id: i64, status: EventStatus, venue_id: Option<i64>, event: ValidEvent) -> NewEvent {
    NewEvent { chapter_id, status, venue_id, event }
}

/// Fills the venue fields left empty from the saved venue chosen, if any.
pub(super) fn with_saved_venue(mut input: EventInput, choice: &str, venues: &[Venue]) -> EventInput {
    let Some(venue) = choice.trim().parse::<usize>().ok().and_then(|i| venues.get(i)) else { return input };
    let fill = |field: &mut String, value: &str| {
        if field.trim().is_empty() {
            *field = value.to_owned();
        }
    };
    fill(&mut input.venue_name, &venue.name);
    fill(&mut input.venue_street_address, &venue.street_address);
    fill(&mut input.venue_suite, venue.suite.as_deref().unwrap_or_default());
    fill(&mut input.venue_city, &venue.city);
    fill(&mut input.venue_transit, venue.transit_directions.as_deref().unwrap_or_default());
    fill(&mut input.venue_accessibility, venue.accessibility_notes.as_deref().unwrap_or_default());
    fill(&mut input.venue_transit_other, venue.transit_directions_other.as_deref().unwrap_or_default());
    fill(&mut input.venue_accessibility_other, venue.accessibility_notes_other.as_deref().unwrap_or_default());
    input
}

/// The chapters named as co-hosts, by id; an unknown name is a field error.
pub(super) async fn resolve_cohosts(
    s: &AppState,
    t: Tr,
    input: &EventInput,
    host: i64,
    errors: &mut FieldErrors,
) -> Result<Vec<i64>, Error> {
    let mut ids = Vec::new();
    for slug in input.cohost_slugs() {
        match chapters::find_by_slug(&s.db, &slug).await? {
            Some(c) if c.id == host => {}
            Some(c) => ids.push(c.id),
            None => errors.add("cohosts", t.f("org-error-no-such-cohost", &[("slug", (&format!("{slug:?}")).into())])),
        }
    }
    Ok(ids)
}

fn tick(on: bool) -> String {
    if on { "on".to_owned() } else { String::new() }
}
