//! What an organizer typed into the event form, and the rules it must meet.
//! Times are typed as local wall-clock times in the event's zone; a time the
//! clocks skip is refused rather than guessed.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::catalogue::Tr;
use crate::error::FieldErrors;
use crate::event::{AddressProtection, AgendaItem, EventKind, RsvpOptions, Session, Speaker, Sponsor, SponsorRole, Venue, Visibility};
use crate::text::{multi_line_problem, one_line_problem};
use crate::time::{FIRST_YEAR, LAST_YEAR, local_to_utc, parse_zone, year_in_range};

pub const TITLE_MAX: usize = 200;
pub const SUMMARY_MAX: usize = 500;
pub const DESCRIPTION_MAX: usize = 20_000;
pub const MAX_TAGS: usize = 10;
pub const CAPACITY_MAX: i64 = 1_000_000;

/// The form as typed. Lists (agenda, speakers, sponsors) are one item per line.
#[derive(Debug, Clone, Default)]
pub struct EventInput {
    pub kind: String,
    pub title: String,
    pub summary: String,
    pub description: String,
    /// `YYYY-MM-DDTHH:MM`, as a datetime-local input sends it.
    pub starts_at: String,
    pub ends_at: String,
    pub doors_open_at: String,
    pub time_zone: String,
    pub venue_name: String,
    pub venue_street_address: String,
    pub venue_suite: String,
    pub venue_city: String,
    pub venue_transit: String,
    pub venue_accessibility: String,
    pub online_url: String,
    pub capacity: String,
    pub overflow_note: String,
    pub guests_allowed: String,
    /// Checkboxes: "on" when ticked.
    pub show_maybe_count: String,
    pub maybe_reminder: String,
    pub guests_confirm_by_email: String,
    pub no_waitlist: String,
    /// The chosen reminder presets' keys, separated by commas.
    pub reminders: String,
    pub rsvp_opens_at: String,
    pub rsvp_closes_at: String,
    pub visibility: String,
    /// `public`, `rsvps` or `hours`.
    pub address_protection: String,
    pub address_reveal_hours: String,
    pub tags: String,
    /// `19:30 Welcome`, one per line.
    pub agenda: String,
    /// `Name | one-line bio`, one per line.
    pub speakers: String,
    /// Sessions of a day school or conference, one per line:
    /// `[2027-05-01 ]09:30-10:45 | Title | Room | Speaker, Speaker`.
    pub sessions: String,
    /// `Name | https://link | host` (role optional: co-sponsor by default).
    pub sponsors: String,
    /// Slugs of other chapters co-hosting the event, comma-separated.
    pub cohosts: String,
    /// `en` or `es`: the language the text above is written in.
    pub language: String,
    /// The same in the other language (all optional).
    pub title_other: String,
    pub summary_other: String,
    pub description_other: String,
    /// `19:30 Bienvenida`, one per line, at times of the agenda above.
    pub agenda_other: String,
    pub venue_transit_other: String,
    pub venue_accessibility_other: String,
}

impl EventInput {
    /// Every field with its form name.
    fn fields(&self) -> [(&'static str, &str); 36] {
        [
            ("kind", &self.kind),
            ("title", &self.title),
            ("summary", &self.summary),
            ("description", &self.description),
            ("starts_at", &self.starts_at),
            ("ends_at", &self.ends_at),
            ("doors_open_at", &self.doors_open_at),
            ("time_zone", &self.time_zone),
            ("venue_name", &self.venue_name),
            ("venue_street_address", &self.venue_street_address),
            ("venue_suite", &self.venue_suite),
            ("venue_city", &self.venue_city),
            ("venue_transit", &self.venue_transit),
            ("venue_accessibility", &self.venue_accessibility),
            ("language", &self.language),
            ("title_other", &self.title_other),
            ("summary_other", &self.summary_other),
            ("description_other", &self.description_other),
            ("agenda_other", &self.agenda_other),
            ("venue_transit_other", &self.venue_transit_other),
            ("venue_accessibility_other", &self.venue_accessibility_other),
            ("online_url", &self.online_url),
            ("capacity", &self.capacity),
            ("overflow_note", &self.overflow_note),
            ("guests_allowed", &self.guests_allowed),
            ("rsvp_opens_at", &self.rsvp_opens_at),
            ("rsvp_closes_at", &self.rsvp_closes_at),
            ("visibility", &self.visibility),
            ("address_protection", &self.address_protection),
            ("address_reveal_hours", &self.address_reveal_hours),
            ("tags", &self.tags),
            ("agenda", &self.agenda),
            ("speakers", &self.speakers),
            ("sessions", &self.sessions),
            ("sponsors", &self.sponsors),
            ("cohosts", &self.cohosts),
        ]
    }

    /// Where `saved` (what is stored now) differs from this form: each field's
    /// name and the saved value, so an organizer whose save came too late sees
    /// both versions side by side. Line endings and outer spaces do not count.
    pub fn differences<'a>(&self, saved: &'a EventInput) -> Vec<(&'static str, &'a str)> {
        let same = |a: &str, b: &str| a.trim().replace("\r\n", "\n") == b.trim().replace("\r\n", "\n");
        self.fields().into_iter().zip(saved.fields()).filter(|((_, mine), (_, theirs))| !same(mine, theirs)).map(|(_, t)| t).collect()
    }

    /// The co-hosting chapters' slugs as typed, without duplicates.
    pub fn cohost_slugs(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for slug in self.cohosts.split([',', ' ']).map(|s| s.trim().to_lowercase()).filter(|s| !s.is_empty()) {
            if !out.contains(&slug) {
                out.push(slug);
            }
        }
        out
    }
}

/// An event that passed validation, in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEvent {
    pub kind: EventKind,
    pub language: crate::language::Language,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub translation: crate::event::Translation,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub doors_open_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub venue: Option<Venue>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub overflow_note: Option<String>,
    pub guests_allowed: i32,
    pub rsvp_options: RsvpOptions,
    pub rsvp_opens_at: Option<DateTime<Utc>>,
    pub rsvp_closes_at: Option<DateTime<Utc>>,
    pub visibility: Visibility,
    pub address_protection: AddressProtection,
    pub tags: Vec<String>,
    pub agenda: Vec<AgendaItem>,
    pub sessions: Vec<Session>,
    pub speakers: Vec<Speaker>,
    pub sponsors: Vec<Sponsor>,
}

/// Only http and https links reach a page.
pub fn link_problem(t: Tr, url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let key = match rest {
        None => "invalid-link-scheme",
        Some(r) if r.is_empty() || r.starts_with('/') => "invalid-link-empty",
        Some(_) if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>') => {
            "invalid-link-characters"
        }
        Some(_) if url.len() > 2000 => "invalid-link-long",
        Some(_) => return None,
    };
    Some(t.s(key))
}

fn text(t: Tr, errors: &mut FieldErrors, field: &'static str, value: &str, max: usize, required: bool) -> String {
    let v = value.trim();
    if required && v.is_empty() {
        errors.add(field, t.s("invalid-required"));
    } else if v.chars().count() > max {
        errors.add(field, t.f("invalid-too-long", &[("max", max.into())]));
    } else if let Some(problem) = multi_line_problem(t, v) {
        errors.add(field, problem);
    }
    v.to_owned()
}

fn one_line(t: Tr, errors: &mut FieldErrors, field: &'static str, value: &str, max: usize, required: bool) -> String {
    let v = value.trim();
    if let Some(problem) = one_line_problem(t, v) {
        errors.add(field, problem);
        return v.to_owned();
    }
    text(t, errors, field, value, max, required)
}

fn optional(v: String) -> Option<String> {
    Some(v).filter(|s| !s.is_empty())
}

fn local_time(
    t: Tr,
    errors: &mut FieldErrors,
    field: &'static str,
    value: &str,
    zone: Option<Tz>,
    required: bool,
) -> Option<DateTime<Utc>> {
    let v = value.trim();
    if v.is_empty() {
        if required {
            errors.add(field, t.s("invalid-date-time-missing"));
        }
        return None;
    }
    let Some(parsed) =
        ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"].iter().find_map(|f| NaiveDateTime::parse_from_str(v, f).ok())
    else {
        errors.add(field, t.s("invalid-date-time-format"));
        return None;
    };
    if !year_in_range(parsed.date()) {
        errors.add(field, t.f("invalid-year-range", &[("first", FIRST_YEAR.into()), ("last", LAST_YEAR.into())]));
        return None;
    }
    let zone = zone?;
    match local_to_utc(parsed, zone) {
        Ok(t) => Some(t),
        Err(_) => {
            // Month names come from the locale data; the catalogue gives the order.
            let when = chrono::TimeZone::from_utc_datetime(&Utc, &parsed)
                .format_localized(&t.s("invalid-time-skipped-when"), crate::time::chrono_locale(t.language()))
                .to_string();
            errors.add(field, t.f("invalid-time-skipped", &[("when", (&when).into()), ("zone", zone.name().into())]));
            None
        }
    }
}

fn agenda(t: Tr, errors: &mut FieldErrors, value: &str, day: Option<NaiveDate>, zone: Option<Tz>) -> Vec<AgendaItem> {
    let mut items = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (time, title) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let parsed = NaiveTime::parse_from_str(time, "%H:%M").ok();
        let title = title.trim();
        match (parsed, day, zone) {
            (Some(at), Some(d), Some(z)) if !title.is_empty() && title.chars().count() <= 300 => match local_to_utc(d.and_time(at), z) {
                Ok(starts_at) => items.push(AgendaItem { starts_at, title: title.to_owned(), title_other: None }),
                Err(_) => errors.add("agenda", t.f("invalid-agenda-time-skipped", &[("time", time.into()), ("zone", z.name().into())])),
            },
            (None, ..) | (_, _, _) if parsed.is_none() || title.is_empty() => {
                errors.add("agenda", t.f("invalid-agenda-line", &[("line", (&format!("{line:?}")).into())]));
            }
            _ => {}
        }
    }
    items.sort_by_key(|a| a.starts_at);
    items
}

/// Gives agenda items their titles in the other language: `19:30 Bienvenida`
/// lines, each at the time of an item of the agenda.
fn translate_agenda(t: Tr, errors: &mut FieldErrors, items: &mut [AgendaItem], value: &str, zone: Option<Tz>) {
    let Some(zone) = zone else { return };
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (time, title) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let (Ok(at), title) = (NaiveTime::parse_from_str(time, "%H:%M"), title.trim()) else {
            errors.add("agenda_other", t.f("invalid-agenda-other-line", &[("line", (&format!("{line:?}")).into())]));
            continue;
        };
        if title.is_empty() || title.chars().count() > 300 {
            errors.add("agenda_other", t.f("invalid-agenda-other-title", &[("line", (&format!("{line:?}")).into())]));
            continue;
        }
        match items.iter_mut().find(|a| a.starts_at.with_timezone(&zone).time() == at) {
            Some(item) => item.title_other = Some(title.to_owned()),
            None => errors.add("agenda_other", t.f("invalid-agenda-other-time", &[("time", time.into())])),
        }
    }
}

fn sessions(t: Tr, errors: &mut FieldErrors, value: &str, day: Option<NaiveDate>, zone: Option<Tz>) -> Vec<Session> {
    let mut out = Vec::new();
    let (Some(day), Some(zone)) = (day, zone) else { return out };
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let (when, title) = (parts[0], parts.get(1).copied().unwrap_or(""));
        let (date, times) = match when.split_once(' ') {
            Some((d, t)) => (NaiveDate::parse_from_str(d, "%Y-%m-%d").ok(), t.trim()),
            None => (Some(day), when),
        };
        let parsed = times.split_once('-').and_then(|(a, b)| {
            Some((NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?, NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()?))
        });
        let (Some(date), Some((from, to))) = (date.filter(|d| year_in_range(*d)), parsed) else {
            errors.add("sessions", t.s("invalid-sessions-format"));
            continue;
        };
        if title.is_empty() || title.chars().count() > 300 {
            errors.add("sessions", t.s("invalid-sessions-format"));
            continue;
        }
        match (local_to_utc(date.and_time(from), zone), local_to_utc(date.and_time(to), zone)) {
            (Ok(starts_at), Ok(ends_at)) if ends_at > starts_at => out.push(Session {
                starts_at,
                ends_at,
                title: title.to_owned(),
                room: parts.get(2).filter(|r| !r.is_empty()).map(|r| r.chars().take(200).collect()),
                speakers: parts
                    .get(3)
                    .map(|s| s.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect())
                    .unwrap_or_default(),
            }),
            (Ok(_), Ok(_)) => errors.add("sessions", t.f("invalid-session-order", &[("title", title.into())])),
            _ => errors.add("sessions", t.f("invalid-session-time-skipped", &[("title", title.into()), ("zone", zone.name().into())])),
        }
    }
    out.sort_by_key(|s| s.starts_at);
    out
}

fn speakers(t: Tr, errors: &mut FieldErrors, value: &str) -> Vec<Speaker> {
    let mut out = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (name, bio) = line.split_once('|').map(|(n, b)| (n.trim(), b.trim())).unwrap_or((line, ""));
        if name.is_empty() || name.chars().count() > 200 || bio.chars().count() > 500 {
            errors.add("speakers", t.s("invalid-speakers-format"));
            continue;
        }
        out.push(Speaker { name: name.to_owned(), bio: bio.to_owned() });
    }
    out
}

fn sponsors(t: Tr, errors: &mut FieldErrors, value: &str) -> Vec<Sponsor> {
    let mut out = Vec::new();
    for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let name = parts[0];
        let mut url = None;
        let mut role = SponsorRole::CoSponsor;
        for p in &parts[1..] {
            match p.to_ascii_lowercase().as_str() {
                "" => {}
                "host" => role = SponsorRole::Host,
                "co-sponsor" | "cosponsor" | "sponsor" => role = SponsorRole::CoSponsor,
                _ => match link_problem(t, p) {
                    None => url = Some((*p).to_owned()),
                    Some(problem) => {
                        errors.add("sponsors", t.f("invalid-sponsor-link", &[("name", name.into()), ("problem", (&problem).into())]))
                    }
                },
            }
        }
        if name.is_empty() || name.chars().count() > 200 {
            errors.add("sponsors", t.s("invalid-sponsors-format"));
            continue;
        }
        out.push(Sponsor { name: name.to_owned(), url, role });
    }
    out
}

fn tags(t: Tr, errors: &mut FieldErrors, value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in value.split([',', ' ']).map(|t| t.trim().trim_start_matches('#').to_lowercase()).filter(|t| !t.is_empty()) {
        if raw.len() > 32 || !raw.chars().all(|c| c.is_alphanumeric() || c == '-') {
            errors.add("tags", t.s("invalid-tags-word"));
            continue;
        }
        if !out.contains(&raw) {
            out.push(raw);
        }
    }
    if out.len() > MAX_TAGS {
        errors.add("tags", t.f("invalid-tags-many", &[("max", MAX_TAGS.into())]));
    }
    out
}

impl EventInput {
    pub fn validate(&self, t: Tr) -> Result<ValidEvent, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = EventKind::parse(self.kind.trim()).map_err(|_| e.add("kind", t.s("invalid-kind"))).ok();
        let title = one_line(t, &mut e, "title", &self.title, TITLE_MAX, true);
        let summary = one_line(t, &mut e, "summary", &self.summary, SUMMARY_MAX, false);
        let description = text(t, &mut e, "description", &self.description, DESCRIPTION_MAX, false);
        let language = match self.language.trim() {
            "" => Some(crate::language::Language::English),
            tag => crate::language::Language::exact(tag),
        };
        if language.is_none() {
            e.add("language", t.s("invalid-language"));
        }
        let translation = crate::event::Translation {
            title: optional(one_line(t, &mut e, "title_other", &self.title_other, TITLE_MAX, false)),
            summary: optional(one_line(t, &mut e, "summary_other", &self.summary_other, SUMMARY_MAX, false)),
            description: optional(text(t, &mut e, "description_other", &self.description_other, DESCRIPTION_MAX, false)),
        };
        let zone = parse_zone(self.time_zone.trim()).map_err(|_| e.add("time_zone", t.s("invalid-time-zone"))).ok();
        let starts_at = local_time(t, &mut e, "starts_at", &self.starts_at, zone, true);
        let ends_at = local_time(t, &mut e, "ends_at", &self.ends_at, zone, true);
        let doors_open_at = local_time(t, &mut e, "doors_open_at", &self.doors_open_at, zone, false);
        let rsvp_opens_at = local_time(t, &mut e, "rsvp_opens_at", &self.rsvp_opens_at, zone, false);
        let rsvp_closes_at = local_time(t, &mut e, "rsvp_closes_at", &self.rsvp_closes_at, zone, false);
        if let (Some(s), Some(end)) = (starts_at, ends_at)
            && end <= s
        {
            e.add("ends_at", t.s("invalid-ends-before-start"));
        }
        if let (Some(s), Some(d)) = (starts_at, doors_open_at)
            && d > s
        {
            e.add("doors_open_at", t.s("invalid-doors-after-start"));
        }
        if let (Some(o), Some(c)) = (rsvp_opens_at, rsvp_closes_at)
            && c <= o
        {
            e.add("rsvp_closes_at", t.s("invalid-rsvp-window"));
        }
        let venue_name = one_line(t, &mut e, "venue_name", &self.venue_name, 200, false);
        let street = one_line(t, &mut e, "venue_street_address", &self.venue_street_address, 300, false);
        let suite = one_line(t, &mut e, "venue_suite", &self.venue_suite, 200, false);
        let city = one_line(t, &mut e, "venue_city", &self.venue_city, 120, false);
        let transit = text(t, &mut e, "venue_transit", &self.venue_transit, 1000, false);
        let access = text(t, &mut e, "venue_accessibility", &self.venue_accessibility, 1000, false);
        let transit_other = text(t, &mut e, "venue_transit_other", &self.venue_transit_other, 1000, false);
        let access_other = text(t, &mut e, "venue_accessibility_other", &self.venue_accessibility_other, 1000, false);
        let venue = if venue_name.is_empty() && street.is_empty() && city.is_empty() {
            None
        } else {
            if venue_name.is_empty() {
                e.add("venue_name", t.s("invalid-venue-name"));
            }
            if city.is_empty() {
                e.add("venue_city", t.s("invalid-venue-city"));
            }
            Some(Venue {
                name: venue_name,
                street_address: street,
                suite: optional(suite),
                city,
                transit_directions: optional(transit),
                accessibility_notes: optional(access),
                transit_directions_other: optional(transit_other),
                accessibility_notes_other: optional(access_other),
            })
        };
        let online_url = optional(self.online_url.trim().to_owned());
        if let Some(problem) = online_url.as_deref().and_then(|u| link_problem(t, u)) {
            e.add("online_url", problem);
        }
        if venue.is_none() && online_url.is_none() {
            e.add("venue_name", t.s("invalid-venue-or-link"));
        }
        let capacity = match self.capacity.trim() {
            "" => None,
            c => match c.parse::<i64>() {
                Ok(n) if (0..=CAPACITY_MAX).contains(&n) => Some(n as i32),
                _ => {
                    e.add("capacity", t.s("invalid-capacity"));
                    None
                }
            },
        };
        let guests_allowed = match self.guests_allowed.trim() {
            "" => 0,
            g => match g.parse::<i32>() {
                Ok(n) if (0..=20).contains(&n) => n,
                _ => {
                    e.add("guests_allowed", t.s("invalid-guests-allowed"));
                    0
                }
            },
        };
        let overflow_note = optional(text(t, &mut e, "overflow_note", &self.overflow_note, 1000, false));
        let visibility = Visibility::parse(self.visibility.trim()).map_err(|_| e.add("visibility", t.s("invalid-visibility"))).ok();
        let address_protection = match self.address_protection.trim() {
            "" | "public" => AddressProtection::Public,
            "rsvps" => AddressProtection::ConfirmedOnly,
            "hours" => match self.address_reveal_hours.trim().parse::<i32>() {
                Ok(h) if (1..=24 * 14).contains(&h) => AddressProtection::HoursBefore(h),
                _ => {
                    e.add("address_reveal_hours", t.s("invalid-address-reveal-hours"));
                    AddressProtection::Public
                }
            },
            _ => {
                e.add("address_protection", t.s("invalid-address-protection"));
                AddressProtection::Public
            }
        };
        let tags = tags(t, &mut e, &self.tags);
        // The lists are split into lines below; a bare CR inside one would survive into a title.
        for (field, value) in [
            ("agenda", &self.agenda),
            ("agenda_other", &self.agenda_other),
            ("sessions", &self.sessions),
            ("speakers", &self.speakers),
            ("sponsors", &self.sponsors),
        ] {
            if let Some(problem) = multi_line_problem(t, value) {
                e.add(field, problem);
            }
        }
        let day = starts_at.zip(zone).map(|(s, z)| s.with_timezone(&z).date_naive());
        let mut agenda = agenda(t, &mut e, &self.agenda, day, zone);
        translate_agenda(t, &mut e, &mut agenda, &self.agenda_other, zone);
        let sessions = sessions(t, &mut e, &self.sessions, day, zone);
        let speakers = speakers(t, &mut e, &self.speakers);
        let sponsors = sponsors(t, &mut e, &self.sponsors);
        match (kind, starts_at, ends_at, visibility, language) {
            (Some(kind), Some(starts_at), Some(ends_at), Some(visibility), Some(language)) if e.is_empty() => Ok(ValidEvent {
                kind,
                language,
                title,
                summary,
                description,
                translation,
                starts_at,
                ends_at,
                doors_open_at,
                time_zone: self.time_zone.trim().to_owned(),
                venue,
                online_url,
                capacity,
                overflow_note,
                guests_allowed,
                rsvp_options: RsvpOptions {
                    show_maybe_count: ticked(&self.show_maybe_count),
                    maybe_reminder: ticked(&self.maybe_reminder),
                    guests_confirm_by_email: ticked(&self.guests_confirm_by_email),
                    no_waitlist: ticked(&self.no_waitlist),
                    reminders: crate::reminders::ReminderSet::from_column(&self.reminders),
                },
                rsvp_opens_at,
                rsvp_closes_at,
                visibility,
                address_protection,
                tags,
                agenda,
                sessions,
                speakers,
                sponsors,
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> EventInput {
        EventInput {
            kind: "public_forum".into(),
            title: "Forum".into(),
            starts_at: "2026-12-03T19:00".into(),
            ends_at: "2026-12-03T21:00".into(),
            doors_open_at: "2026-12-03T18:30".into(),
            time_zone: "America/New_York".into(),
            venue_name: "Hall".into(),
            venue_city: "Queens".into(),
            visibility: "public".into(),
            agenda: "18:30 Dinner\n19:30 Discussion".into(),
            speakers: "Rosa | Organizer\nBen | Lawyer".into(),
            sponsors: "Union | https://u.example | host\nTenants".into(),
            tags: "housing, #Forum".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_event_is_accepted_in_utc() {
        let v = good().validate(Tr::default()).unwrap();
        assert_eq!(v.starts_at.to_rfc3339(), "2026-12-04T00:00:00+00:00");
        assert_eq!(v.agenda.len(), 2);
        assert_eq!(v.agenda[1].starts_at.to_rfc3339(), "2026-12-04T00:30:00+00:00");
        assert_eq!(v.sponsors[0].role, SponsorRole::Host);
        assert_eq!(v.sponsors[0].url.as_deref(), Some("https://u.example"));
        assert_eq!(v.sponsors[1].role, SponsorRole::CoSponsor);
        assert_eq!(v.tags, ["housing", "forum"]);
    }

    #[test]
    fn each_rule_has_its_message_next_to_its_field() {
        let mut i = good();
        i.ends_at = "2026-12-03T18:00".into();
        i.doors_open_at = "2026-12-03T19:30".into();
        i.capacity = "-3".into();
        i.online_url = "javascript:alert(1)".into();
        i.agenda = "whenever Dinner".into();
        let e = i.validate(Tr::default()).unwrap_err();
        for f in ["ends_at", "doors_open_at", "capacity", "online_url", "agenda"] {
            assert!(e.get(f).is_some(), "{f}: {e}");
        }
    }

    #[test]
    fn a_time_in_the_dst_gap_is_refused() {
        let mut i = good();
        i.starts_at = "2026-03-08T02:30".into();
        i.ends_at = "2026-03-08T04:00".into();
        assert!(i.validate(Tr::default()).unwrap_err().get("starts_at").unwrap().contains("does not exist"));
    }

    #[test]
    fn control_characters_are_refused_next_to_their_field() {
        let mut i = good();
        i.title = "Forum\rInjected: yes".into();
        i.venue_name = "Hall\u{1b}[2J".into();
        i.venue_city = "Queens\u{0}".into();
        i.description = "Line one\r\nLine two\rbare".into();
        i.speakers = "Rosa | Organizer\rX-Header: y".into();
        i.agenda = "18:30 Dinner\u{7}".into();
        let e = i.validate(Tr::default()).unwrap_err();
        for f in ["title", "venue_name", "venue_city", "description", "speakers", "agenda"] {
            assert!(e.get(f).is_some_and(|m| m.contains("control character")), "{f}: {e}");
        }
        let mut ok = good();
        ok.description = "Line one\r\nLine two\n\tindented".into();
        assert!(ok.validate(Tr::default()).is_ok(), "CRLF, LF and tabs are ordinary text");
    }

    #[test]
    fn dates_stay_between_2000_and_2100() {
        for (start, end) in [
            ("1999-12-31T19:00", "1999-12-31T21:00"),
            ("2101-01-01T19:00", "2101-01-01T21:00"),
            ("+262000-01-01T10:00", "+262000-01-01T11:00"),
            ("-262000-01-01T10:00", "-262000-01-01T11:00"),
        ] {
            let mut i = good();
            i.starts_at = start.into();
            i.ends_at = end.into();
            i.doors_open_at = String::new();
            let e = i.validate(Tr::default()).unwrap_err();
            assert!(e.get("starts_at").is_some(), "{start}: {e}");
        }
        let mut i = good();
        i.sessions = "2150-05-02 10:00-11:00 | Far away".into();
        assert!(i.validate(Tr::default()).unwrap_err().get("sessions").is_some());
        let mut i = good();
        i.rsvp_closes_at = "3000-01-01T00:00".into();
        assert!(i.validate(Tr::default()).unwrap_err().get("rsvp_closes_at").is_some());
    }

    #[test]
    fn a_late_save_sees_which_fields_differ_from_what_is_saved_now() {
        let mine = EventInput { title: "Forum on rent".into(), description: "a\r\nb".into(), ..good() };
        let saved = EventInput { title: "Forum on housing".into(), description: "a\nb".into(), capacity: "40".into(), ..good() };
        assert_eq!(mine.differences(&saved), [("title", "Forum on housing"), ("capacity", "40")]);
        assert!(good().differences(&good()).is_empty());
    }

    #[test]
    fn a_spanish_reader_reads_the_messages_in_spanish() {
        let i = EventInput { title: "  ".into(), ..good() };
        let english = i.validate(Tr::default()).unwrap_err();
        let spanish = i.validate(Tr(crate::language::Language::Spanish)).unwrap_err();
        assert_eq!(english.get("title"), Some("This is required."));
        let title = spanish.get("title").unwrap();
        assert!(title.contains("obligatorio"), "{title}");
        assert_ne!(english.get("title"), spanish.get("title"));
        let gap = EventInput { starts_at: "2026-03-08T02:30".into(), ends_at: "2026-03-08T04:00".into(), ..good() };
        let when = |t| gap.validate(t).unwrap_err().get("starts_at").unwrap().to_owned();
        assert!(when(Tr::default()).starts_with("8 March 2026 02:30 does not exist in America/New_York"), "{}", when(Tr::default()));
        assert!(when(Tr(crate::language::Language::Spanish)).starts_with("8 de marzo de 2026 02:30 no existe"));
    }

    #[test]
    fn links_must_be_http() {
        assert!(link_problem(Tr::default(), "https://example.org/x").is_none());
        for bad in ["javascript:alert(1)", "ftp://x", "data:text/html,x", "https://", "http://a b"] {
            assert!(link_problem(Tr::default(), bad).is_some(), "{bad}");
        }
    }
}

/// How often an event repeats, as chosen on the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub rule: crate::recurrence::Rule,
    pub until: NaiveDate,
}

/// Reads the form's repeat fields (`repeat`: none, weekly, biweekly, monthly;
/// `repeat_until`: a date), anchored on the event's local start date.
pub fn repeat(t: Tr, choice: &str, until: &str, first: Option<NaiveDate>, errors: &mut FieldErrors) -> Option<Repeat> {
    let choice = choice.trim();
    if choice.is_empty() || choice == "none" {
        return None;
    }
    let first = first?;
    let Some(rule) = crate::recurrence::Rule::from_choice(choice, first) else {
        errors.add("repeat", t.s("invalid-repeat"));
        return None;
    };
    let Ok(until) = NaiveDate::parse_from_str(until.trim(), "%Y-%m-%d") else {
        errors.add("repeat_until", t.s("invalid-repeat-until"));
        return None;
    };
    if until <= first {
        errors.add("repeat_until", t.s("invalid-repeat-until-early"));
        return None;
    }
    if until > first + chrono::Duration::days(2 * 366) {
        errors.add("repeat_until", t.s("invalid-repeat-until-late"));
        return None;
    }
    Some(Repeat { rule, until })
}

impl ValidEvent {
    /// The local date the event starts on, in its zone.
    pub fn local_date(&self) -> Option<NaiveDate> {
        parse_zone(&self.time_zone).ok().map(|z| self.starts_at.with_timezone(&z).date_naive())
    }

    /// The same event on another date, at the same local wall-clock times
    /// (doors, end, agenda and RSVP window move with it). `None` when a time
    /// falls in a DST gap on that date.
    pub fn on_date(&self, date: NaiveDate) -> Option<ValidEvent> {
        let zone = parse_zone(&self.time_zone).ok()?;
        let start_local = self.starts_at.with_timezone(&zone).naive_local();
        let new_start_local = date.and_time(start_local.time());
        let shift = |t: DateTime<Utc>| -> Option<DateTime<Utc>> {
            let offset = t.with_timezone(&zone).naive_local() - start_local;
            local_to_utc(new_start_local + offset, zone).ok()
        };
        let mut e = self.clone();
        e.starts_at = shift(self.starts_at)?;
        e.ends_at = shift(self.ends_at)?;
        e.doors_open_at = match self.doors_open_at {
            Some(t) => Some(shift(t)?),
            None => None,
        };
        e.rsvp_opens_at = match self.rsvp_opens_at {
            Some(t) => Some(shift(t)?),
            None => None,
        };
        e.rsvp_closes_at = match self.rsvp_closes_at {
            Some(t) => Some(shift(t)?),
            None => None,
        };
        for a in &mut e.agenda {
            a.starts_at = shift(a.starts_at)?;
        }
        for session in &mut e.sessions {
            session.starts_at = shift(session.starts_at)?;
            session.ends_at = shift(session.ends_at)?;
        }
        Some(e)
    }
}

#[cfg(test)]
mod repeat_tests {
    use super::*;

    #[test]
    fn an_occurrence_after_the_clocks_change_keeps_its_local_times() {
        let i = EventInput {
            kind: "branch_meeting".into(),
            title: "Weekly".into(),
            starts_at: "2026-10-28T19:00".into(),
            ends_at: "2026-10-28T20:30".into(),
            doors_open_at: "2026-10-28T18:45".into(),
            time_zone: "America/New_York".into(),
            online_url: "https://meet.example".into(),
            visibility: "public".into(),
            agenda: "19:15 Reports".into(),
            ..Default::default()
        };
        let first = i.validate(Tr::default()).unwrap();
        let later = first.on_date(NaiveDate::from_ymd_opt(2026, 11, 4).unwrap()).unwrap();
        let ny = parse_zone("America/New_York").unwrap();
        assert_eq!(later.starts_at.with_timezone(&ny).format("%Y-%m-%d %H:%M %Z").to_string(), "2026-11-04 19:00 EST");
        assert_eq!(later.ends_at - later.starts_at, chrono::Duration::minutes(90));
        assert_eq!(later.agenda[0].starts_at.with_timezone(&ny).format("%H:%M").to_string(), "19:15");
        assert_eq!(later.doors_open_at.unwrap().with_timezone(&ny).format("%H:%M").to_string(), "18:45");
        let mut errors = FieldErrors::new();
        assert!(repeat(Tr::default(), "weekly", "2026-10-01", first.local_date(), &mut errors).is_none());
        assert!(errors.get("repeat_until").is_some());
    }
}

#[cfg(test)]
mod session_tests {
    use super::*;

    #[test]
    fn sessions_have_times_rooms_and_speakers() {
        let i = EventInput {
            kind: "day_school".into(),
            title: "Day school".into(),
            starts_at: "2027-05-01T09:00".into(),
            ends_at: "2027-05-02T17:00".into(),
            time_zone: "Europe/London".into(),
            online_url: "https://x.example".into(),
            visibility: "public".into(),
            sessions: "11:00-12:30 | Organizing 101 | Room B | Jane Doe, Sam Roe\n09:30-10:45 | Political economy | Hall A | Ana Ruiz\n2027-05-02 10:00-11:00 | Wrap-up".into(),
            ..Default::default()
        };
        let v = i.validate(Tr::default()).unwrap();
        let titles: Vec<&str> = v.sessions.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["Political economy", "Organizing 101", "Wrap-up"], "in time order");
        assert_eq!(v.sessions[1].speakers, ["Jane Doe", "Sam Roe"]);
        assert_eq!(v.sessions[1].room.as_deref(), Some("Room B"));
        assert_eq!(v.sessions[0].starts_at.to_rfc3339(), "2027-05-01T08:30:00+00:00", "British Summer Time");
        let bad = EventInput { sessions: "sometime | Thing".into(), ..i.clone() };
        assert!(bad.validate(Tr::default()).unwrap_err().get("sessions").is_some());
        let backwards = EventInput { sessions: "12:00-11:00 | Thing".into(), ..i };
        assert!(backwards.validate(Tr::default()).unwrap_err().get("sessions").unwrap().contains("end after"));
    }
}

/// The largest cover image accepted.
pub const IMAGE_MAX_BYTES: usize = 5 * 1024 * 1024;

/// A chapter's saved venue as an organizer edits it on its own page (the
/// same limits as the venue fields of the event form).
#[derive(Debug, Clone, Default)]
pub struct VenueInput {
    pub name: String,
    pub street_address: String,
    pub suite: String,
    pub city: String,
    pub transit: String,
    pub accessibility: String,
}

impl VenueInput {
    pub fn validate(&self, t: Tr) -> Result<Venue, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = one_line(t, &mut e, "venue_name", &self.name, 200, false);
        let street_address = one_line(t, &mut e, "venue_street_address", &self.street_address, 300, false);
        let suite = one_line(t, &mut e, "venue_suite", &self.suite, 200, false);
        let city = one_line(t, &mut e, "venue_city", &self.city, 120, false);
        let transit = text(t, &mut e, "venue_transit", &self.transit, 1000, false);
        let access = text(t, &mut e, "venue_accessibility", &self.accessibility, 1000, false);
        if name.is_empty() {
            e.add("venue_name", t.s("invalid-venue-name"));
        }
        if city.is_empty() {
            e.add("venue_city", t.s("invalid-venue-city"));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok(Venue {
            name,
            street_address,
            suite: optional(suite),
            city,
            transit_directions: optional(transit),
            accessibility_notes: optional(access),
            ..Venue::default()
        })
    }
}

/// What an uploaded file really is, judged by its first bytes (not by its
/// name or the type the browser claimed): `Some(extension)` for PNG, JPEG,
/// GIF or WebP, `None` otherwise.
pub fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Some("png"),
        [0xFF, 0xD8, 0xFF, ..] => Some("jpg"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("webp"),
        _ => None,
    }
}

/// Why an upload is refused, if it is.
pub fn image_problem(t: Tr, bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return Some(t.s("invalid-image-missing"));
    }
    if bytes.len() > IMAGE_MAX_BYTES {
        let size = format!("{:.1}", bytes.len() as f64 / 1_048_576.0);
        return Some(t.f("invalid-image-large", &[("size", (&size).into())]));
    }
    if image_kind(bytes).is_none() {
        return Some(t.s("invalid-image-kind"));
    }
    None
}

#[cfg(test)]
mod image_tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_bytes() {
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\nrest"), Some("png"));
        assert_eq!(image_kind(b"\xff\xd8\xff\xe0JFIF"), Some("jpg"));
        assert_eq!(image_kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(image_kind(b"<svg onload=alert(1)>"), None);
        assert!(image_problem(Tr::default(), b"<html>").unwrap().contains("not a PNG"));
        assert!(image_problem(Tr::default(), &vec![0xFF; IMAGE_MAX_BYTES + 1]).unwrap().contains("5 MB"));
    }
}

fn ticked(value: &str) -> bool {
    !value.trim().is_empty()
}
