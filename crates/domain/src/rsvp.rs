//! RSVPs: validating what a guest typed, and whether an event takes RSVPs.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::email_address;
use crate::error::FieldErrors;
use crate::event::{EventDetails, EventStatus};

pub const NAME_MAX_CHARS: usize = 200;

/// What a guest typed into the RSVP form, as it came.
#[derive(Debug, Clone, Default)]
pub struct GuestRsvpInput {
    pub name: String,
    pub email: String,
}

/// A guest RSVP that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuestRsvp {
    pub name: String,
    pub email: String,
}

impl GuestRsvpInput {
    pub fn validate(&self) -> Result<GuestRsvp, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", "Please enter your name.");
        } else if name.chars().count() > NAME_MAX_CHARS {
            errors.add("name", format!("Please keep your name under {NAME_MAX_CHARS} characters."));
        } else if name.chars().any(char::is_control) {
            errors.add("name", "Your name cannot contain line breaks or control characters.");
        }
        let email = self.email.trim();
        if let Some(problem) = email_address::problem(email) {
            errors.add("email", problem);
        }
        if errors.is_empty() { Ok(GuestRsvp { name: name.to_owned(), email: email.to_owned() }) } else { Err(errors) }
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

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Going, Self::Waitlisted, Self::Maybe, Self::CantGo, Self::Cancelled].into_iter().find(|s| s.as_str() == value)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: &str) -> GuestRsvpInput {
        GuestRsvpInput { name: name.into(), email: email.into() }
    }

    #[test]
    fn a_plain_rsvp_is_trimmed_and_accepted() {
        let ok = input("  Rosa L ", " rosa@example.org ").validate().unwrap();
        assert_eq!(ok, GuestRsvp { name: "Rosa L".into(), email: "rosa@example.org".into() });
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let errs = input("", "not-an-email").validate().unwrap_err();
        assert_eq!(errs.get("name"), Some("Please enter your name."));
        assert!(errs.get("email").unwrap().contains('@'));
        assert!(input(&"x".repeat(201), "a@b.org").validate().unwrap_err().get("name").unwrap().contains("200"));
        assert!(input(&"x".repeat(200), "a@b.org").validate().is_ok());
        assert!(input("Rosa\r\nBcc: x@y.org", "a@b.org").validate().unwrap_err().get("name").is_some());
    }
}
