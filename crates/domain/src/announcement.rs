//! Announcements: an organizer writing to an event's attendees or to a
//! chapter's members. Who receives one is decided here, from the attendee
//! lines or member rows the caller read; the text is checked here too.

use crate::FieldErrors;
use crate::attendance::AttendeeLine;
use crate::catalogue::Tr;
use crate::email_address::normalize;
use crate::rsvp::RsvpStatus;
use crate::text::{multi_line_problem, one_line_problem};

pub const SUBJECT_MAX: usize = 200;
pub const BODY_MAX: usize = 20_000;

/// Whom of an event's attendees an announcement goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Everyone with an answer that is not "can't go": going, maybe, waitlisted.
    All,
    Going,
    Waitlisted,
    CheckedIn,
    /// Going but not checked in, once the event has started.
    NoShows,
}

impl Audience {
    pub const ALL: [Self; 5] = [Self::All, Self::Going, Self::Waitlisted, Self::CheckedIn, Self::NoShows];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Going => "going",
            Self::Waitlisted => "waitlisted",
            Self::CheckedIn => "checked_in",
            Self::NoShows => "no_shows",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// The choice as the form shows it, in the reader's language.
    pub fn label(self, t: Tr) -> String {
        t.s(match self {
            Self::All => "label-audience-all",
            Self::Going => "label-audience-going",
            Self::Waitlisted => "label-audience-waitlisted",
            Self::CheckedIn => "label-audience-checked-in",
            Self::NoShows => "label-audience-no-shows",
        })
    }

    fn takes(self, l: &AttendeeLine) -> bool {
        match self {
            Self::All => matches!(l.status, RsvpStatus::Going | RsvpStatus::Maybe | RsvpStatus::Waitlisted),
            Self::Going => l.status == RsvpStatus::Going,
            Self::Waitlisted => l.status == RsvpStatus::Waitlisted,
            Self::CheckedIn => l.checked_in_at.is_some(),
            Self::NoShows => l.status == RsvpStatus::Going && l.checked_in_at.is_none(),
        }
    }
}

/// (name, address) of each person of `lines` the audience takes, one per
/// address (a walk-in without an address gets nothing).
pub fn event_recipients(lines: &[AttendeeLine], audience: Audience) -> Vec<(String, String)> {
    dedupe(lines.iter().filter(|l| audience.takes(l)).map(|l| (l.name.clone(), l.email.clone())))
}

/// One per address, in the order given, dropping empty addresses.
pub fn dedupe(people: impl IntoIterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut seen = std::collections::HashSet::new();
    people.into_iter().filter(|(_, email)| !email.trim().is_empty() && seen.insert(normalize(email))).collect()
}

/// An announcement as typed.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub subject: String,
    /// Markdown.
    pub body: String,
}

impl Draft {
    /// The draft trimmed, or what is wrong with it.
    pub fn validate(&self, t: Tr) -> Result<Draft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let subject = self.subject.trim().to_owned();
        let body = self.body.trim().to_owned();
        if subject.is_empty() {
            errors.add("subject", t.s("invalid-subject-missing"));
        } else if subject.chars().count() > SUBJECT_MAX {
            errors.add("subject", t.f("invalid-subject-long", &[("max", SUBJECT_MAX.into())]));
        } else if let Some(p) = one_line_problem(t, &subject) {
            errors.add("subject", p);
        }
        if body.is_empty() {
            errors.add("body", t.s("invalid-body-missing"));
        } else if body.chars().count() > BODY_MAX {
            errors.add("body", t.f("invalid-body-long", &[("max", BODY_MAX.into())]));
        } else if let Some(p) = multi_line_problem(t, &body) {
            errors.add("body", p);
        }
        if errors.is_empty() { Ok(Draft { subject, body }) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn line(email: &str, status: RsvpStatus, checked_in: bool) -> AttendeeLine {
        AttendeeLine {
            rsvp_id: 1,
            name: email.into(),
            email: email.into(),
            status,
            guests: 0,
            rsvp_at: Utc::now(),
            waitlist_position: None,
            checked_in_at: checked_in.then(Utc::now),
            walk_in: false,
        }
    }

    #[test]
    fn each_audience_takes_its_people_once_per_address() {
        let lines = [
            line("a@example.org", RsvpStatus::Going, true),
            line("b@example.org", RsvpStatus::Going, false),
            line("c@example.org", RsvpStatus::Waitlisted, false),
            line("d@example.org", RsvpStatus::CantGo, false),
            line("e@example.org", RsvpStatus::Maybe, false),
            line("B@Example.org", RsvpStatus::Going, false),
            line("", RsvpStatus::Going, true),
        ];
        let to = |a| event_recipients(&lines, a).into_iter().map(|(_, e)| e).collect::<Vec<_>>();
        assert_eq!(to(Audience::All), ["a@example.org", "b@example.org", "c@example.org", "e@example.org"]);
        assert_eq!(to(Audience::Going), ["a@example.org", "b@example.org"]);
        assert_eq!(to(Audience::Waitlisted), ["c@example.org"]);
        assert_eq!(to(Audience::CheckedIn), ["a@example.org"]);
        assert_eq!(to(Audience::NoShows), ["b@example.org"]);
    }

    #[test]
    fn a_draft_needs_a_one_line_subject_and_a_body() {
        assert!(Draft { subject: " Hi ".into(), body: " **Come** ".into() }.validate(Tr::default()).is_ok());
        let e = Draft { subject: "a\r\nBcc: x@evil.example".into(), body: String::new() }.validate(Tr::default()).unwrap_err();
        assert!(e.get("subject").is_some() && e.get("body").is_some());
        assert!(Draft { subject: "s".repeat(201), body: "b".into() }.validate(Tr::default()).is_err());
    }
}
