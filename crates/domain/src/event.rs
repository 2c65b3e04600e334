use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::Error;

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $text:literal, $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),+];

            /// The name stored in the database and used in URLs.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            pub fn parse(value: &str) -> Result<Self, Error> {
                Self::ALL.iter().copied().find(|k| k.as_str() == value)
                    .ok_or_else(|| Error::UnknownName { what: $what, value: value.to_owned() })
            }
        }
    };
}

named_enum!(
    /// What sort of gathering an event is.
    EventKind, "event kind" {
        BranchMeeting => "branch_meeting", "Branch meeting",
        PublicForum => "public_forum", "Public forum",
        DaySchool => "day_school", "Day school",
        Conference => "conference", "Conference",
        Fundraiser => "fundraiser", "Fundraiser",
        Protest => "protest", "Protest",
        Social => "social", "Social",
    }
);

named_enum!(
    /// Who may see an event.
    Visibility, "visibility" {
        Public => "public", "Public",
        MembersOnly => "members_only", "Members only",
        Unlisted => "unlisted", "Unlisted",
    }
);

named_enum!(
    /// Where an event is in its life.
    EventStatus, "event status" {
        Draft => "draft", "Draft",
        Published => "published", "Published",
        Cancelled => "cancelled", "Cancelled",
    }
);

named_enum!(
    /// The role an organization plays in an event.
    SponsorRole, "sponsor role" {
        CoSponsor => "co_sponsor", "Co-sponsor",
        Host => "host", "Host",
    }
);

/// Who may see a venue's street address. Activists' meetings are sometimes
/// better not announced to the whole internet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AddressProtection {
    /// Everyone.
    #[default]
    Public,
    /// Only people going (and the organizers), in their emails and calendars.
    ConfirmedOnly,
    /// Everyone from this many hours before the start; until then, people going.
    HoursBefore(i32),
}

impl AddressProtection {
    /// `(stored name, hours)`.
    pub fn to_stored(self) -> (&'static str, Option<i32>) {
        match self {
            Self::Public => ("public", None),
            Self::ConfirmedOnly => ("rsvps", None),
            Self::HoursBefore(h) => ("hours", Some(h)),
        }
    }

    pub fn from_stored(name: &str, hours: Option<i32>) -> Self {
        match (name, hours) {
            ("rsvps", _) => Self::ConfirmedOnly,
            ("hours", Some(h)) => Self::HoursBefore(h),
            _ => Self::Public,
        }
    }
}

named_enum!(
    /// Where an invitation to co-host an event stands. Only an accepted one
    /// lists the event with the chapter or gives its organizers any right.
    CohostStatus, "co-host status" {
        Pending => "pending", "Waiting for an answer",
        Accepted => "accepted", "Accepted",
        Declined => "declined", "Declined",
    }
);

impl CohostStatus {
    /// Where the invitation stands once the invited chapter answers, or `None`
    /// when it cannot: a declined invitation stays declined (the host has to
    /// settle it with the chapter, not ask again and again). An accepted one
    /// may still be declined later; answering the same twice changes nothing.
    pub fn answer(self, accept: bool) -> Option<Self> {
        match (self, accept) {
            (Self::Pending | Self::Accepted, true) => Some(Self::Accepted),
            (_, false) => Some(Self::Declined),
            (Self::Declined, true) => None,
        }
    }
}

/// A chapter named as co-host, and where the invitation stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohostInvitation {
    pub chapter: ChapterRef,
    pub status: CohostStatus,
}

/// A chapter named on an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChapterRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// An occurrence's place in its series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeriesLink {
    pub series_id: i64,
    /// How the series repeats; none if this build cannot read the stored rule.
    #[serde(skip)]
    pub rule: Option<crate::recurrence::Rule>,
    pub date: chrono::NaiveDate,
    /// Changed on its own; changes to the whole series leave it alone.
    pub detached: bool,
}

impl SeriesLink {
    /// "every week", "the 2nd Thursday of each month", in the reader's language.
    pub fn describe(&self, t: crate::catalogue::Tr) -> String {
        self.rule.map(|r| r.describe(t)).unwrap_or_default()
    }
}

/// Who is looking at an event, for what they may see of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewer {
    pub organizer: bool,
    pub going: bool,
}

/// How an event takes RSVPs beyond its capacity and guests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct RsvpOptions {
    /// Whether the event page shows how many said maybe.
    pub show_maybe_count: bool,
    /// Whether those who said maybe get the day-before reminder.
    pub maybe_reminder: bool,
    /// Whether a guest's seat is only held until they confirm by email.
    pub guests_confirm_by_email: bool,
    /// Whether RSVPs are turned away once the event is full, instead of
    /// joining a waitlist.
    pub no_waitlist: bool,
    /// The reminders the people going get.
    pub reminders: crate::reminders::ReminderSet,
}

/// A place events happen, reusable by a chapter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Venue {
    pub name: String,
    pub street_address: String,
    pub suite: Option<String>,
    pub city: String,
    pub transit_directions: Option<String>,
    pub accessibility_notes: Option<String>,
    /// The two above in the event's other language, where the organizer gave them.
    pub transit_directions_other: Option<String>,
    pub accessibility_notes_other: Option<String>,
}

impl Venue {
    /// "Hall, 1 Main St, Suite 2, Queens": the venue in one line.
    pub fn one_line(&self) -> String {
        [self.name.as_str(), self.street_address.as_str(), self.suite.as_deref().unwrap_or_default(), self.city.as_str()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgendaItem {
    pub starts_at: DateTime<Utc>,
    pub title: String,
    /// The title in the event's other language, where the organizer gave it.
    pub title_other: Option<String>,
}

/// The organizer's own words in the event's other language (Spanish for an
/// event written in English, English for one written in Spanish), where
/// they gave them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Translation {
    pub title: Option<String>,
    pub summary: Option<String>,
    /// Markdown, like the description.
    pub description: Option<String>,
}

/// One session of a day school or conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Session {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub title: String,
    pub room: Option<String>,
    pub speakers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub name: String,
    pub bio: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sponsor {
    pub name: String,
    pub url: Option<String>,
    pub role: SponsorRole,
}

/// One line of an event list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventSummary {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub kind: EventKind,
    pub status: EventStatus,
    pub chapter_slug: String,
    pub chapter_name: String,
    pub starts_at: DateTime<Utc>,
    pub time_zone: String,
    pub city: Option<String>,
    pub capacity: Option<i32>,
    /// Lists show "Members only" on those the viewer may see.
    pub visibility: Visibility,
    /// The last time it was published, edited or cancelled (the weekly digest lists what is new).
    pub updated_at: DateTime<Utc>,
}

/// Everything an event page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventDetails {
    pub id: i64,
    pub chapter_id: i64,
    pub chapter_slug: String,
    pub chapter_name: String,
    /// The host chapter's default language, for readers whose browser names none Turnout has.
    pub chapter_language: crate::language::Language,
    pub kind: EventKind,
    /// The language the title, summary, description, agenda and venue notes are written in.
    pub language: crate::language::Language,
    pub title: String,
    pub summary: String,
    /// Markdown, rendered and sanitized at display time.
    pub description: String,
    /// The same in the other language, where the organizer gave it.
    pub translation: Translation,
    pub status: EventStatus,
    pub visibility: Visibility,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub doors_open_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub venue: Option<Venue>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    pub cancel_reason: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub sessions: Vec<Session>,
    pub speakers: Vec<Speaker>,
    pub sponsors: Vec<Sponsor>,
    pub tags: Vec<String>,
    pub overflow_note: Option<String>,
    pub guests_allowed: i32,
    pub rsvp_options: RsvpOptions,
    pub rsvp_opens_at: Option<DateTime<Utc>>,
    pub rsvp_closes_at: Option<DateTime<Utc>>,
    pub address_protection: AddressProtection,
    /// The file name of the cover image under the uploads folder.
    pub cover_image: Option<String>,
    /// Other chapters hosting the event with the main one: those that
    /// accepted the invitation.
    pub cohosts: Vec<ChapterRef>,
    /// Every chapter the host named as co-host, whatever its answer.
    pub cohost_invitations: Vec<CohostInvitation>,
    /// Set when the event is one occurrence of a recurring series.
    pub series: Option<SeriesLink>,
    /// Bumped on every change (RFC 5545 SEQUENCE).
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
}

impl EventDetails {
    /// The event as a reader of `language` sees it: the organizer's text in
    /// that language where they gave it, else as written. The flag is set
    /// when some of the text is shown in the other language, so the page can
    /// say so.
    pub fn in_language(&self, language: crate::language::Language) -> (EventDetails, bool) {
        if language == self.language {
            return (self.clone(), false);
        }
        let mut e = self.clone();
        let mut partly = false;
        let mut swap = |shown: &mut String, other: &Option<String>| match other.as_deref().filter(|t| !t.is_empty()) {
            Some(t) => *shown = t.to_owned(),
            None => partly |= !shown.is_empty(),
        };
        swap(&mut e.title, &self.translation.title);
        swap(&mut e.summary, &self.translation.summary);
        swap(&mut e.description, &self.translation.description);
        for a in &mut e.agenda {
            let other = a.title_other.clone();
            swap(&mut a.title, &other);
        }
        if let Some(v) = &mut e.venue {
            for (shown, other) in [
                (&mut v.transit_directions, v.transit_directions_other.clone()),
                (&mut v.accessibility_notes, v.accessibility_notes_other.clone()),
            ] {
                if let Some(text) = shown.as_mut() {
                    swap(text, &other);
                }
            }
        }
        e.language = language;
        (e, partly)
    }

    pub fn co_sponsors(&self) -> impl Iterator<Item = &Sponsor> {
        self.sponsors.iter().filter(|s| s.role == SponsorRole::CoSponsor)
    }

    pub fn hosts(&self) -> impl Iterator<Item = &Sponsor> {
        self.sponsors.iter().filter(|s| s.role == SponsorRole::Host)
    }

    /// Seats left, or `None` when the event has no capacity limit.
    pub fn seats_left(&self) -> Option<i32> {
        self.capacity.map(|c| (c - self.seats_taken).max(0))
    }

    /// Whether this viewer may see the street address now; if not, pages,
    /// feeds and the API show the city or neighbourhood only.
    pub fn address_visible(&self, viewer: Viewer, now: DateTime<Utc>) -> bool {
        viewer.organizer
            || viewer.going
            || match self.address_protection {
                AddressProtection::Public => true,
                AddressProtection::ConfirmedOnly => false,
                // A start near the end of time has no "N hours before" to compare with: then the time has come.
                AddressProtection::HoursBefore(h) => {
                    self.starts_at.checked_sub_signed(chrono::Duration::hours(i64::from(h))).is_none_or(|reveal| now >= reveal)
                }
            }
    }

    /// The event as this viewer may see it: without street address, suite and
    /// transit directions when those are protected from them.
    pub fn for_viewer(&self, viewer: Viewer, now: DateTime<Utc>) -> EventDetails {
        let mut e = self.clone();
        if !self.address_visible(viewer, now)
            && let Some(v) = &mut e.venue
        {
            v.street_address = String::new();
            v.suite = None;
            v.transit_directions = None;
        }
        e
    }

    /// Whether a visitor without an account may see this event's page.
    pub fn visible_to_public(&self) -> bool {
        self.status != EventStatus::Draft && self.visibility != Visibility::MembersOnly
    }
}

/// "Sponsored by A, B and C": names joined the way people write them.
pub fn join_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {}", rest.join(", "), last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_like_an_announcement() {
        assert_eq!(join_names([]), "");
        assert_eq!(join_names(["A"]), "A");
        assert_eq!(join_names(["A", "B"]), "A and B");
        assert_eq!(join_names(["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn enums_round_trip_and_reject_unknown_names() {
        for k in EventKind::ALL {
            assert_eq!(EventKind::parse(k.as_str()), Ok(*k));
        }
        assert_eq!(Visibility::parse("members_only"), Ok(Visibility::MembersOnly));
        assert!(EventStatus::parse("archived").is_err());
    }
}

#[cfg(test)]
mod protection_tests {
    use super::*;

    #[test]
    fn a_protected_address_is_revealed_to_people_going_and_then_to_everyone() {
        let start = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let before = |h: i64| start - chrono::Duration::hours(h);
        let mut e = EventDetails {
            id: 1,
            chapter_id: 1,
            chapter_slug: "c".into(),
            chapter_name: "C".into(),
            chapter_language: crate::language::Language::English,
            kind: EventKind::BranchMeeting,
            language: crate::language::Language::English,
            title: "T".into(),
            summary: String::new(),
            description: String::new(),
            translation: Translation::default(),
            status: EventStatus::Published,
            visibility: Visibility::Public,
            starts_at: start,
            ends_at: start,
            doors_open_at: None,
            time_zone: "UTC".into(),
            venue: Some(Venue { name: "Hall".into(), street_address: "1 Secret St".into(), city: "Queens".into(), ..Default::default() }),
            online_url: None,
            capacity: None,
            seats_taken: 0,
            cancel_reason: None,
            agenda: vec![],
            sessions: vec![],
            speakers: vec![],
            sponsors: vec![],
            tags: vec![],
            overflow_note: None,
            guests_allowed: 0,
            rsvp_options: RsvpOptions::default(),
            rsvp_opens_at: None,
            rsvp_closes_at: None,
            address_protection: AddressProtection::HoursBefore(24),
            cover_image: None,
            cohosts: vec![],
            cohost_invitations: vec![],
            series: None,
            sequence: 0,
            updated_at: start,
        };
        let public = Viewer::default();
        let going = Viewer { going: true, ..Default::default() };
        assert!(!e.address_visible(public, before(25)));
        assert!(e.address_visible(going, before(25)));
        assert!(e.address_visible(public, before(24)));
        assert_eq!(e.for_viewer(public, before(48)).venue.unwrap().street_address, "");
        e.address_protection = AddressProtection::ConfirmedOnly;
        assert!(!e.address_visible(public, start));
        assert!(e.address_visible(Viewer { organizer: true, going: false }, before(100)));
        // Dates at the ends of time (stored before dates were limited) do not overflow.
        e.address_protection = AddressProtection::HoursBefore(336);
        e.starts_at = DateTime::<Utc>::MIN_UTC;
        assert!(e.address_visible(public, start));
        e.starts_at = DateTime::<Utc>::MAX_UTC;
        assert!(!e.address_visible(public, start));
    }
}

impl EventStatus {
    /// Only a draft is published.
    pub fn can_publish(self) -> bool {
        self == Self::Draft
    }

    /// Only a published event is cancelled (a draft is deleted instead).
    pub fn can_cancel(self) -> bool {
        self == Self::Published
    }

    /// Only a draft is deleted: people may have seen or RSVP'd to anything else.
    pub fn can_delete(self) -> bool {
        self == Self::Draft
    }
}

/// The reason people read when an event is cancelled: required, one to 1,000
/// characters, on one line (the form's field is one line; the reason goes into
/// emails and calendars, where a stray CR would end a line early).
pub fn cancel_reason(t: crate::catalogue::Tr, typed: &str) -> Result<&str, String> {
    let reason = typed.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        Err(t.s("invalid-cancel-reason"))
    } else if let Some(problem) = crate::text::one_line_problem(t, reason) {
        Err(problem)
    } else {
        Ok(reason)
    }
}

/// What skipping one date of a series does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Nobody RSVP'd (or it is a draft): the date simply goes.
    Remove,
    /// People RSVP'd: it is cancelled, so they are told.
    Cancel,
}

/// Whether someone who RSVP'd is emailed when the event is cancelled (or a
/// date of a series skipped): everyone who has not cancelled their RSVP.
/// The confirmation page counts with the same rule the cancellation uses.
pub fn told_of_cancellation(status: crate::rsvp::RsvpStatus) -> bool {
    status != crate::rsvp::RsvpStatus::Cancelled
}

pub fn skip(status: EventStatus, anyone_rsvpd: bool) -> Skip {
    if anyone_rsvpd && status == EventStatus::Published { Skip::Cancel } else { Skip::Remove }
}

#[cfg(test)]
mod workflow_tests {
    use super::*;

    #[test]
    fn the_workflow_moves_one_way() {
        assert!(EventStatus::Draft.can_publish() && !EventStatus::Published.can_publish());
        assert!(EventStatus::Published.can_cancel() && !EventStatus::Cancelled.can_cancel() && !EventStatus::Draft.can_cancel());
        assert!(EventStatus::Draft.can_delete() && !EventStatus::Published.can_delete());
        assert_eq!(cancel_reason(crate::catalogue::Tr::default(), "  The hall flooded. "), Ok("The hall flooded."));
        assert!(
            cancel_reason(crate::catalogue::Tr::default(), "   ").is_err()
                && cancel_reason(crate::catalogue::Tr::default(), &"x".repeat(1001)).is_err()
        );
        assert!(cancel_reason(crate::catalogue::Tr::default(), "Flooded.\r\nSorry.").is_err());
        assert!(cancel_reason(crate::catalogue::Tr::default(), "Flooded.\rMETHOD:REQUEST").is_err(), "a bare CR never reaches a calendar");
        assert_eq!(skip(EventStatus::Published, true), Skip::Cancel);
        assert_eq!(skip(EventStatus::Published, false), Skip::Remove);
        assert_eq!(skip(EventStatus::Draft, true), Skip::Remove);
        assert!(told_of_cancellation(crate::rsvp::RsvpStatus::Waitlisted));
        assert!(!told_of_cancellation(crate::rsvp::RsvpStatus::Cancelled));
    }
}
