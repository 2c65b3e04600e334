//! When reminders are due. A reminder is planned from the event's start, the
//! RSVP's creation and the current time alone, so a sweep that runs late (after
//! a restart or an outage) works out the same answer as one that ran on time.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::time::local_to_utc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderOffset {
    /// The day before, at the same local wall-clock time (DST-aware).
    DayBefore,
    /// A fixed lead time before the start.
    Before(Duration),
}

impl ReminderOffset {
    /// A stable name, used in the outbox's de-duplication key.
    pub fn key(self) -> String {
        match self {
            Self::DayBefore => "day-before".to_owned(),
            Self::Before(d) => format!("{}m", d.num_minutes()),
        }
    }

    /// The instant this reminder becomes due for an event starting at `start`.
    pub fn due_at(self, start: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        // Checked: a start at the beginning of time has no day before (then: the earliest instant).
        let before = |d: Duration| start.checked_sub_signed(d).unwrap_or(DateTime::<Utc>::MIN_UTC);
        match self {
            Self::DayBefore => {
                // Local wall-clock time exists only away from the ends of time (a zone's offset is under a day).
                let away_from_ends =
                    start.checked_sub_signed(Duration::days(3)).is_some() && start.checked_add_signed(Duration::days(3)).is_some();
                let local = away_from_ends.then(|| start.with_timezone(&zone).naive_local() - Duration::days(1));
                // If yesterday's wall-clock time fell in a DST gap, 24 hours is the closest.
                local.and_then(|l| local_to_utc(l, zone).ok()).unwrap_or_else(|| before(Duration::days(1)))
            }
            Self::Before(d) => before(d),
        }
    }

    /// How the message words the lead time: "tomorrow", "in 2 hours".
    pub fn phrase(self) -> String {
        match self {
            Self::DayBefore => "tomorrow".to_owned(),
            Self::Before(d) if d.num_minutes() % 60 == 0 => {
                let h = d.num_hours();
                if h == 1 { "in 1 hour".to_owned() } else { format!("in {h} hours") }
            }
            Self::Before(d) => format!("in {} minutes", d.num_minutes()),
        }
    }
}

/// The default reminders: the day before, and 2 hours before.
pub fn default_offsets() -> Vec<ReminderOffset> {
    vec![ReminderOffset::DayBefore, ReminderOffset::Before(Duration::hours(2))]
}

/// The reminder due now for one RSVP, if any: the one with the shortest lead
/// time whose moment has come, as long as the event has not started. A longer
/// reminder that was missed is superseded by a shorter one that is due, and a
/// reminder whose moment came before the person RSVP'd is not sent at all
/// (they have just had their confirmation).
pub fn due_now(
    offsets: &[ReminderOffset],
    start: DateTime<Utc>,
    zone: Tz,
    rsvp_created: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<ReminderOffset> {
    if now >= start {
        return None;
    }
    offsets
        .iter()
        .copied()
        .map(|o| (o, o.due_at(start, zone)))
        .filter(|(_, due)| *due <= now)
        .max_by_key(|(_, due)| *due)
        .filter(|(_, due)| *due > rsvp_created)
        .map(|(o, _)| o)
}

/// The earliest lead time any reminder can have, so a sweep only needs to look
/// at events starting within this window. The day-before reminder can be up
/// to 25 hours ahead when the clocks change overnight.
pub fn longest_lead(offsets: &[ReminderOffset]) -> Duration {
    offsets
        .iter()
        .map(|o| match o {
            ReminderOffset::DayBefore => Duration::hours(25),
            ReminderOffset::Before(d) => *d,
        })
        .max()
        .unwrap_or_else(Duration::zero)
}

/// What a reminder's RSVP and event look like just before it is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderCheck {
    /// The RSVP's answer now, and whether its seat is only held (unconfirmed); `None` if it is gone.
    pub rsvp: Option<(crate::rsvp::RsvpStatus, bool)>,
    /// Whether the event is cancelled, and when it starts now; `None` if it was deleted.
    pub event: Option<(bool, DateTime<Utc>)>,
    /// The start the reminder was planned for (and says).
    pub planned_start: Option<DateTime<Utc>>,
}

/// Why a reminder planned earlier must not go out after all, or `None` when
/// it still tells the truth: the person still means to come (going, or maybe
/// when maybes were reminded) and the event still happens when it said.
pub fn stale_reason(c: ReminderCheck) -> Option<&'static str> {
    use crate::rsvp::RsvpStatus::{Going, Maybe};
    let Some((cancelled, starts_at)) = c.event else { return Some("withdrawn: the event was deleted") };
    if cancelled {
        return Some("withdrawn: the event was cancelled");
    }
    if c.planned_start.is_some_and(|planned| planned != starts_at) {
        return Some("withdrawn: the event moved since the reminder was planned");
    }
    match c.rsvp {
        Some((Going | Maybe, false)) => None,
        _ => Some("withdrawn: the RSVP is no longer going"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_zone;
    use chrono::{NaiveDate, TimeZone};

    fn start_ny() -> (DateTime<Utc>, Tz) {
        let ny = parse_zone("America/New_York").unwrap();
        let local = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap().and_hms_opt(19, 0, 0).unwrap();
        (local_to_utc(local, ny).unwrap(), ny)
    }

    #[test]
    fn two_hours_before_the_two_hour_reminder_is_due_and_supersedes_the_day_before() {
        let (start, zone) = start_ny();
        let created = start - Duration::days(5);
        let offsets = default_offsets();
        assert_eq!(due_now(&offsets, start, zone, created, start - Duration::hours(3)), Some(ReminderOffset::DayBefore));
        assert_eq!(due_now(&offsets, start, zone, created, start - Duration::hours(2)), Some(ReminderOffset::Before(Duration::hours(2))));
        assert_eq!(due_now(&offsets, start, zone, created, start - Duration::days(2)), None);
    }

    #[test]
    fn nothing_is_due_once_the_event_has_started() {
        let (start, zone) = start_ny();
        assert_eq!(due_now(&default_offsets(), start, zone, start - Duration::days(5), start), None);
    }

    #[test]
    fn a_reminder_due_before_the_rsvp_was_made_is_skipped() {
        let (start, zone) = start_ny();
        let created = start - Duration::hours(5);
        assert_eq!(due_now(&default_offsets(), start, zone, created, start - Duration::hours(4)), None);
        assert!(due_now(&default_offsets(), start, zone, created, start - Duration::hours(2)).is_some());
    }

    #[test]
    fn the_day_before_keeps_the_wall_clock_time_across_dst() {
        let ny = parse_zone("America/New_York").unwrap();
        // Monday 2 November 2026 7pm EST; the clocks went back on Sunday 1 November.
        let local = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap().and_hms_opt(19, 0, 0).unwrap();
        let start = local_to_utc(local, ny).unwrap();
        let due = ReminderOffset::DayBefore.due_at(start, ny);
        assert_eq!(start - due, Duration::hours(24));
        let local = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap().and_hms_opt(19, 0, 0).unwrap();
        let start = local_to_utc(local, ny).unwrap();
        assert_eq!(start - ReminderOffset::DayBefore.due_at(start, ny), Duration::hours(25));
        assert_eq!(ReminderOffset::DayBefore.due_at(DateTime::<Utc>::MIN_UTC, ny), DateTime::<Utc>::MIN_UTC, "no overflow");
    }

    #[test]
    fn a_reminder_goes_only_while_it_tells_the_truth() {
        use crate::rsvp::RsvpStatus;
        let start = Utc.with_ymd_and_hms(2026, 12, 5, 18, 0, 0).unwrap();
        let ok = ReminderCheck { rsvp: Some((RsvpStatus::Going, false)), event: Some((false, start)), planned_start: Some(start) };
        assert_eq!(stale_reason(ok), None);
        assert_eq!(stale_reason(ReminderCheck { rsvp: Some((RsvpStatus::Maybe, false)), ..ok }), None);
        assert!(stale_reason(ReminderCheck { rsvp: Some((RsvpStatus::Cancelled, false)), ..ok }).unwrap().contains("no longer going"));
        assert!(stale_reason(ReminderCheck { rsvp: Some((RsvpStatus::Going, true)), ..ok }).is_some(), "an unconfirmed hold");
        assert!(stale_reason(ReminderCheck { rsvp: None, ..ok }).is_some());
        assert!(stale_reason(ReminderCheck { event: Some((true, start)), ..ok }).unwrap().contains("cancelled"));
        assert!(stale_reason(ReminderCheck { event: Some((false, start + Duration::hours(1))), ..ok }).unwrap().contains("moved"));
        assert!(stale_reason(ReminderCheck { event: None, ..ok }).unwrap().contains("deleted"));
    }
}
