//! How long a chapter keeps the names and addresses of the people who RSVP'd
//! to its events. Attendance can be sensitive, so a chapter may have them
//! erased a number of days after each event; the counts stay.

use chrono::{DateTime, Duration, Utc};

use crate::FieldErrors;
use crate::catalogue::Tr;

/// The longest a chapter may ask for: ten years. More is "keep", which is
/// what leaving the field empty already means.
pub const MAX_DAYS: i32 = 3650;

/// The organizer's answer on the chapter's settings page: empty keeps the
/// data; otherwise a whole number of days from 1 to `MAX_DAYS`.
pub fn parse_days(t: Tr, input: &str) -> Result<Option<i32>, FieldErrors> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    match input.parse::<i32>() {
        Ok(days) if (1..=MAX_DAYS).contains(&days) => Ok(Some(days)),
        _ => {
            let mut errors = FieldErrors::new();
            errors.add("retention_days", t.f("invalid-retention-days", &[("max", MAX_DAYS.into())]));
            Err(errors)
        }
    }
}

/// Events that ended at or before this instant are due for erasure under a
/// setting of `days`.
pub fn ended_by(now: DateTime<Utc>, days: i32) -> DateTime<Utc> {
    now - Duration::days(i64::from(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_empty_or_between_one_and_ten_years() {
        assert_eq!(parse_days(Tr::default(), ""), Ok(None));
        assert_eq!(parse_days(Tr::default(), "  "), Ok(None));
        assert_eq!(parse_days(Tr::default(), "30"), Ok(Some(30)));
        assert_eq!(parse_days(Tr::default(), " 1 "), Ok(Some(1)));
        assert_eq!(parse_days(Tr::default(), "3650"), Ok(Some(3650)));
        for bad in ["0", "-5", "3651", "1.5", "thirty", "99999999999"] {
            assert!(parse_days(Tr::default(), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_event_is_due_the_given_number_of_days_after_it_ended() {
        let now = DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(ended_by(now, 7), DateTime::parse_from_rfc3339("2026-03-03T12:00:00Z").unwrap().with_timezone(&Utc));
    }
}
