//! RSVPs: validating what a guest typed, and whether an event takes RSVPs.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::catalogue::Tr;
use crate::email_address;
use crate::error::FieldErrors;
use crate::event::{EventDetails, EventStatus};

pub const NAME_MAX_CHARS: usize = 200;

/// What a person answers: the RSVP form's buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Going,
    Maybe,
    CantGo,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Going => "going",
            Self::Maybe => "maybe",
            Self::CantGo => "cant_go",
        }
    }

    /// An empty answer is "going": the form's main button.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "" | "going" => Some(Self::Going),
            "maybe" => Some(Self::Maybe),
            "cant_go" => Some(Self::CantGo),
            _ => None,
        }
    }

    /// The answer in the reader's language.
    pub fn label(self, t: Tr) -> String {
        t.s(match self {
            Self::Going => "label-answer-going",
            Self::Maybe => "label-answer-maybe",
            Self::CantGo => "label-answer-cant-go",
        })
    }

    /// The status an answer gets when no seat is involved.
    pub fn status_without_seat(self) -> RsvpStatus {
        match self {
            Self::Going => RsvpStatus::Going,
            Self::Maybe => RsvpStatus::Maybe,
            Self::CantGo => RsvpStatus::CantGo,
        }
    }
}

/// An answer and the number of guests someone brings: what a member's
/// one-click form, the manage page and the guest form all send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reply {
    pub answer: Answer,
    /// People coming besides the person who answers.
    pub guests: i32,
}

impl Reply {
    /// People this reply asks seats for: none unless going.
    pub fn people(self) -> i32 {
        match self.answer {
            Answer::Going => 1 + self.guests,
            _ => 0,
        }
    }
}

/// Reads the answer and the number of guests as typed, against the event's
/// limit of guests per RSVP. Errors are keyed by field: `answer`, `guests`.
pub fn parse_reply(tr: Tr, answer: &str, guests: &str, guests_allowed: i32, errors: &mut FieldErrors) -> Option<Reply> {
    let answer = Answer::parse(answer).or_else(|| {
        errors.add("answer", tr.s("rsvp-error-answer"));
        None
    });
    let guests = match guests.trim() {
        "" => Some(0),
        g => match g.parse::<i32>() {
            Ok(n) if n >= 0 && n <= guests_allowed => Some(n),
            Ok(n) if n > guests_allowed && guests_allowed == 0 => {
                errors.add("guests", tr.s("rsvp-error-no-guests"));
                None
            }
            Ok(n) if n > guests_allowed => {
                errors.add("guests", tr.f("rsvp-error-too-many-guests", &[("max", guests_allowed.into())]));
                None
            }
            _ => {
                errors.add("guests", tr.f("rsvp-error-guests-number", &[("max", guests_allowed.into())]));
                None
            }
        },
    };
    // Someone not coming brings nobody.
    let answer = answer?;
    Some(Reply { answer, guests: if answer == Answer::Going { guests? } else { 0 } })
}

/// What a guest typed into the RSVP form, as it came.
#[derive(Debug, Clone, Default)]
pub struct GuestRsvpInput {
    pub name: String,
    pub email: String,
    pub answer: String,
    pub guests: String,
}

/// A guest RSVP that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestRsvp {
    pub name: String,
    pub email: String,
    pub reply: Reply,
}

impl GuestRsvpInput {
    pub fn validate(&self, tr: Tr, guests_allowed: i32) -> Result<GuestRsvp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let reply = parse_reply(tr, &self.answer, &self.guests, guests_allowed, &mut errors);
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", tr.s("rsvp-error-name-missing"));
        } else if name.chars().count() > NAME_MAX_CHARS {
            errors.add("name", tr.f("rsvp-error-name-long", &[("max", NAME_MAX_CHARS.into())]));
        } else if name.chars().any(char::is_control) {
            errors.add("name", tr.s("rsvp-error-name-control"));
        }
        let email = self.email.trim();
        if let Some(problem) = email_address::problem_in(tr, email) {
            errors.add("email", problem);
        }
        match reply {
            Some(reply) if errors.is_empty() => Ok(GuestRsvp { name: name.to_owned(), email: email.to_owned(), reply }),
            _ => Err(errors),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RsvpStatus {
    Going,
    Waitlisted,
    /// Answered "maybe": no seat, no reminders unless the organizer wants them.
    Maybe,
    /// Answered "can't go": no seat, no reminders.
    CantGo,
    Cancelled,
}

impl RsvpStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Going => "going",
            Self::Waitlisted => "waitlisted",
            Self::Maybe => "maybe",
            Self::CantGo => "cant_go",
            Self::Cancelled => "cancelled",
        }
    }

    /// Whether the person still has a seat or a place in line.
    pub fn is_active(self) -> bool {
        matches!(self, Self::Going | Self::Waitlisted)
    }

    /// How the answer reads to the person and to organizers.
    pub fn label(self, t: Tr) -> String {
        t.s(match self {
            Self::Going => "label-status-going",
            Self::Waitlisted => "label-status-waitlisted",
            Self::Maybe => "label-status-maybe",
            Self::CantGo => "label-status-cant-go",
            Self::Cancelled => "label-status-cancelled",
        })
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Going, Self::Waitlisted, Self::Maybe, Self::CantGo, Self::Cancelled].into_iter().find(|s| s.as_str() == value)
    }
}

impl RsvpClosed {
    /// Why, in the reader's language.
    pub fn said(self, tr: Tr) -> String {
        tr.s(match self {
            Self::Cancelled => "rsvp-closed-cancelled",
            Self::Started => "rsvp-closed-started",
            Self::NotPublished => "rsvp-closed-not-published",
            Self::NotOpenYet => "rsvp-closed-not-open",
            Self::ClosedEarly => "rsvp-closed-early",
        })
    }
}

/// Why an event does not take an RSVP right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RsvpClosed {
    #[error("This event was cancelled.")]
    Cancelled,
    #[error("This event has already started.")]
    Started,
    #[error("This event is not published yet.")]
    NotPublished,
    #[error("RSVPs have not opened yet.")]
    NotOpenYet,
    #[error("RSVPs have closed.")]
    ClosedEarly,
}

pub fn check_open(event: &EventDetails, now: DateTime<Utc>) -> Result<(), RsvpClosed> {
    match event.status {
        EventStatus::Cancelled => Err(RsvpClosed::Cancelled),
        EventStatus::Draft => Err(RsvpClosed::NotPublished),
        EventStatus::Published if now >= event.starts_at => Err(RsvpClosed::Started),
        EventStatus::Published if event.rsvp_opens_at.is_some_and(|t| now < t) => Err(RsvpClosed::NotOpenYet),
        EventStatus::Published if event.rsvp_closes_at.is_some_and(|t| now >= t) => Err(RsvpClosed::ClosedEarly),
        EventStatus::Published => Ok(()),
    }
}

/// Whether seats that free up still go to the waitlist: not for an event
/// that is not published, and not within `cutoff` of its start (nobody should
/// be told "you're in" for an event they can no longer reach).
pub fn promotions_open(event: &EventDetails, now: DateTime<Utc>, cutoff: chrono::Duration) -> bool {
    event.status == EventStatus::Published && event.starts_at.checked_sub_signed(cutoff).is_some_and(|last| now < last)
}

/// The result of recording an RSVP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RsvpOutcome {
    pub rsvp_id: i64,
    pub status: RsvpStatus,
    /// True when this email had already RSVP'd: nothing new was recorded.
    pub already_registered: bool,
    /// When the RSVP was first recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A repeated RSVP mails the owner of the address their manage link again,
/// but not when the confirmation with the same link went out moments ago
/// (five clicks at once get one email), and at most once an hour after that.
pub const REPEAT_MAIL_QUIET: chrono::Duration = chrono::Duration::minutes(15);

pub fn repeat_mail_due(recorded_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - recorded_at >= REPEAT_MAIL_QUIET
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str) -> GuestRsvpInput {
        GuestRsvpInput { name: name.into(), email: email.into(), ..Default::default() }
    }

    fn reply(answer: &str, guests: &str, allowed: i32) -> Result<Reply, FieldErrors> {
        let mut errors = FieldErrors::new();
        parse_reply(Tr::default(), answer, guests, allowed, &mut errors).ok_or(errors)
    }

    #[test]
    fn guests_are_counted_up_to_the_events_limit() {
        assert_eq!(reply("going", "2", 2).unwrap(), Reply { answer: Answer::Going, guests: 2 });
        assert_eq!(reply("going", "2", 2).unwrap().people(), 3);
        assert!(reply("going", "3", 2).unwrap_err().get("guests").unwrap().contains("up to 2"));
        assert!(reply("going", "1", 0).unwrap_err().get("guests").unwrap().contains("does not take guests"));
        assert!(reply("going", "-1", 2).is_err());
        assert!(reply("going", "two", 2).is_err());
        assert!(reply("sometimes", "", 2).unwrap_err().get("answer").is_some());
        // Maybe and can't go take no seat, whatever was typed for guests.
        assert_eq!(reply("maybe", "2", 2).unwrap().people(), 0);
        assert_eq!(reply("cant_go", "", 0).unwrap(), Reply { answer: Answer::CantGo, guests: 0 });
    }

    #[test]
    fn a_plain_rsvp_is_trimmed_and_accepted() {
        let ok = input("  Rosa L ", " rosa@example.org ").validate(Tr::default(), 0).unwrap();
        assert_eq!(
            ok,
            GuestRsvp { name: "Rosa L".into(), email: "rosa@example.org".into(), reply: Reply { answer: Answer::Going, guests: 0 } }
        );
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let errs = input("", "not-an-email").validate(Tr::default(), 0).unwrap_err();
        assert_eq!(errs.get("name"), Some("Please enter your name."));
        assert!(errs.get("email").unwrap().contains('@'));
        assert!(input(&"x".repeat(201), "a@b.org").validate(Tr::default(), 0).unwrap_err().get("name").unwrap().contains("200"));
        assert!(input(&"x".repeat(200), "a@b.org").validate(Tr::default(), 0).is_ok());
        assert!(input("Rosa\r\nBcc: x@y.org", "a@b.org").validate(Tr::default(), 0).unwrap_err().get("name").is_some());
    }
}
