//! When reminders are due. A reminder is planned from the event's start, the
//! RSVP's creation and the current time alone, so a sweep that runs late (after
//! a restart or an outage) works out the same answer as one that ran on time.

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::catalogue::{Arg, Tr};
use crate::language::Language;
use crate::time::{local_to_utc, time_label_in};

/// When a reminder goes, relative to the event's start. The day-based ones
/// keep the local wall-clock time across a change of the clocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderOffset {
    /// A week before, at the same local wall-clock time.
    WeekBefore,
    /// The day before, at the same local wall-clock time.
    DayBefore,
    /// On the event's day at 9:00 local time (nothing if the event starts
    /// earlier than that).
    MorningOf,
    /// A fixed lead time before the start.
    Before(Duration),
}

/// The reminders an organizer picks from, in the order they would go out.
pub const PRESETS: [(&str, &str); 5] = [
    ("week-before", "1 week before, at the same local time"),
    ("day-before", "1 day before, at the same local time"),
    ("morning-of", "The morning of the event, at 9:00 local time"),
    ("120m", "2 hours before"),
    ("30m", "30 minutes before"),
];

/// A preset's label (`PRESETS` holds the English) in the reader's language.
pub fn preset_label(t: Tr, key: &str) -> String {
    t.s(match key {
        "week-before" => "label-reminder-week-before",
        "day-before" => "label-reminder-day-before",
        "morning-of" => "label-reminder-morning-of",
        "120m" => "label-reminder-120m",
        "30m" => "label-reminder-30m",
        _ => "label-reminder-other",
    })
}

/// Two reminders to one person are never closer than this.
pub const MIN_GAP: Duration = Duration::minutes(15);

/// The hour of the "morning of" reminder, local time.
const MORNING: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(t) => t,
    None => unreachable!(),
};

impl ReminderOffset {
    /// A stable name, stored with the event and used in the outbox's key.
    pub fn key(self) -> String {
        match self {
            Self::WeekBefore => "week-before".to_owned(),
            Self::DayBefore => "day-before".to_owned(),
            Self::MorningOf => "morning-of".to_owned(),
            Self::Before(d) => format!("{}m", d.num_minutes()),
        }
    }

    /// The offset a key names, if it is one of the presets.
    pub fn from_key(key: &str) -> Option<Self> {
        match key {
            "week-before" => Some(Self::WeekBefore),
            "day-before" => Some(Self::DayBefore),
            "morning-of" => Some(Self::MorningOf),
            "120m" => Some(Self::Before(Duration::hours(2))),
            "30m" => Some(Self::Before(Duration::minutes(30))),
            _ => None,
        }
    }

    /// The preset's label for forms and the timeline, in the reader's language.
    pub fn label(self, t: Tr) -> String {
        preset_label(t, &self.key())
    }

    /// The instant this reminder becomes due for an event starting at `start`.
    pub fn due_at(self, start: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        // Checked: a start at the beginning of time has no day before (then: the earliest instant).
        let before = |d: Duration| start.checked_sub_signed(d).unwrap_or(DateTime::<Utc>::MIN_UTC);
        // Local wall-clock time exists only away from the ends of time (a zone's offset is under a day).
        let away_from_ends = start.checked_sub_signed(Duration::days(9)).is_some() && start.checked_add_signed(Duration::days(3)).is_some();
        let local = |days: i64| {
            let l = away_from_ends.then(|| start.with_timezone(&zone).naive_local() - Duration::days(days));
            // If that wall-clock time fell in a DST gap, whole days of 24 hours are the closest.
            l.and_then(|l| local_to_utc(l, zone).ok()).unwrap_or_else(|| before(Duration::days(days)))
        };
        match self {
            Self::WeekBefore => local(7),
            Self::DayBefore => local(1),
            Self::MorningOf => {
                let morning = away_from_ends.then(|| start.with_timezone(&zone).date_naive().and_time(MORNING));
                // 9:00 exists on every day in every zone with a 9:00; if not, an hour later does.
                morning.and_then(|m| local_to_utc(m, zone).or_else(|_| local_to_utc(m + Duration::hours(1), zone)).ok()).unwrap_or(start)
            }
            Self::Before(d) => before(d),
        }
    }
}

/// The reminders an organizer chose for an event: a subset of the presets.
/// Stored in the event's `reminders` column as preset keys separated by
/// commas; empty when the organizer turned reminders off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderSet(u8);

impl Default for ReminderSet {
    /// The day before, and 2 hours before.
    fn default() -> Self {
        Self::from_column("day-before,120m")
    }
}

impl ReminderSet {
    pub const NONE: Self = Self(0);
    pub const ALL: Self = Self((1 << PRESETS.len()) - 1);

    fn bit(key: &str) -> Option<u8> {
        PRESETS.iter().position(|(k, _)| *k == key).map(|i| 1 << i)
    }

    /// Reads the stored list, ignoring keys it does not know.
    pub fn from_column(column: &str) -> Self {
        Self(column.split(',').filter_map(|k| Self::bit(k.trim())).fold(0, |a, b| a | b))
    }

    pub fn to_column(self) -> String {
        self.keys().collect::<Vec<_>>().join(",")
    }

    pub fn contains(self, key: &str) -> bool {
        Self::bit(key).is_some_and(|b| self.0 & b != 0)
    }

    pub fn keys(self) -> impl Iterator<Item = &'static str> {
        PRESETS.iter().enumerate().filter(move |(i, _)| self.0 & (1 << i) != 0).map(|(_, (k, _))| *k)
    }

    pub fn offsets(self) -> Vec<ReminderOffset> {
        self.keys().filter_map(ReminderOffset::from_key).collect()
    }
}

impl serde::Serialize for ReminderSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.keys())
    }
}

/// The default reminders: the day before, and 2 hours before.
pub fn default_offsets() -> Vec<ReminderOffset> {
    ReminderSet::default().offsets()
}

/// Why a reminder an organizer chose will not go to someone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Its moment is at or after the start (a 9:00 reminder for an 8:00 event).
    AfterStart,
    /// Its moment had passed when the person RSVP'd: their confirmation said it all.
    BeforeRsvp,
    /// Another reminder goes less than 15 minutes before it.
    TooClose,
}

impl Skip {
    /// Why, in the reader's language (the organizer's timeline shows it).
    pub fn reason(self, t: Tr) -> String {
        t.s(match self {
            Self::AfterStart => "reminder-skip-after-start",
            Self::BeforeRsvp => "reminder-skip-before-rsvp",
            Self::TooClose => "reminder-skip-too-close",
        })
    }
}

/// One reminder of the plan for one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Planned {
    pub offset: ReminderOffset,
    pub due: DateTime<Utc>,
    pub skip: Option<Skip>,
}

/// Every reminder an organizer chose, in the order of their moments, and
/// whether each goes to a person who RSVP'd at `rsvp_created` (pass the
/// beginning of time for "someone who RSVP'd long ago"). The planner and
/// the organizer's timeline both read this.
pub fn plan(offsets: &[ReminderOffset], start: DateTime<Utc>, zone: Tz, rsvp_created: DateTime<Utc>) -> Vec<Planned> {
    let mut planned: Vec<Planned> = offsets.iter().map(|&offset| Planned { offset, due: offset.due_at(start, zone), skip: None }).collect();
    planned.sort_by_key(|p| p.due);
    let mut last_kept: Option<DateTime<Utc>> = None;
    for p in &mut planned {
        p.skip = if p.due >= start {
            Some(Skip::AfterStart)
        } else if p.due <= rsvp_created {
            Some(Skip::BeforeRsvp)
        } else if last_kept.is_some_and(|kept| p.due - kept < MIN_GAP) {
            Some(Skip::TooClose)
        } else {
            last_kept = Some(p.due);
            None
        };
    }
    planned
}

/// One reminder of an event's timeline: when it goes, to how many people,
/// or why it does not go at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upcoming {
    pub offset: ReminderOffset,
    pub due: DateTime<Utc>,
    /// Why it goes to nobody (its time is not before the start, or another is too close).
    pub skip: Option<Skip>,
    /// People it goes to: those who RSVP'd before its moment (a maybe only the day before).
    pub people: usize,
}

/// The event's reminders as its organizers see them: by the same `plan` the
/// planner follows, for everyone now going (`rsvps`: when each RSVP'd, and
/// whether it is a maybe that gets the day-before reminder only).
pub fn upcoming(offsets: &[ReminderOffset], start: DateTime<Utc>, zone: Tz, rsvps: &[(DateTime<Utc>, bool)]) -> Vec<Upcoming> {
    plan(offsets, start, zone, DateTime::<Utc>::MIN_UTC)
        .into_iter()
        .map(|p| Upcoming {
            offset: p.offset,
            due: p.due,
            skip: p.skip,
            people: if p.skip.is_some() {
                0
            } else {
                rsvps.iter().filter(|(created, maybe)| *created < p.due && (!maybe || p.offset == ReminderOffset::DayBefore)).count()
            },
        })
        .collect()
}

/// The reminder due now for one RSVP, if any: of the reminders that go to
/// them, the latest whose moment has come, as long as the event has not
/// started. A reminder that was missed (the server was down) is superseded by
/// a later one that is due. Nothing goes within 15 minutes of the last
/// reminder this person was sent (`last_sent`), e.g. one for the time before
/// the event moved.
pub fn due_now(
    offsets: &[ReminderOffset],
    start: DateTime<Utc>,
    zone: Tz,
    rsvp_created: DateTime<Utc>,
    now: DateTime<Utc>,
    last_sent: Option<DateTime<Utc>>,
) -> Option<ReminderOffset> {
    if now >= start || last_sent.is_some_and(|sent| now - sent < MIN_GAP) {
        return None;
    }
    plan(offsets, start, zone, rsvp_created).into_iter().rev().find(|p| p.skip.is_none() && p.due <= now).map(|p| p.offset)
}

/// How far ahead of the start any reminder can be, so a sweep only needs to
/// look at events starting within this window (a day-based reminder can be
/// an hour longer when the clocks change).
pub fn longest_lead(offsets: &[ReminderOffset]) -> Duration {
    offsets
        .iter()
        .map(|o| match o {
            ReminderOffset::WeekBefore => Duration::days(7) + Duration::hours(1),
            ReminderOffset::DayBefore | ReminderOffset::MorningOf => Duration::hours(25),
            ReminderOffset::Before(d) => *d,
        })
        .max()
        .unwrap_or_else(Duration::zero)
}

/// How a reminder sent at `sent_at` words the start, by the real lead time
/// in the event's zone: "today at 7pm EST", "tomorrow at 7pm EST",
/// "on Friday at 7pm EST", "on Friday 18 December at 7pm EST".
pub fn lead_phrase(start: DateTime<Utc>, zone: Tz, sent_at: DateTime<Utc>) -> String {
    lead_phrase_in(Language::English, start, zone, sent_at)
}

/// The same in a language: "mañana a las 19:00 EST".
pub fn lead_phrase_in(language: Language, start: DateTime<Utc>, zone: Tz, sent_at: DateTime<Utc>) -> String {
    let local = start.with_timezone(&zone);
    let (day, today) = (local.date_naive(), sent_at.with_timezone(&zone).date_naive());
    let time = time_label_in(language, start, zone);
    let tr = Tr(language);
    let named = |format_key: &str| local.format_localized(&tr.s(format_key), crate::time::chrono_locale(language)).to_string();
    match (day - today).num_days() {
        0 => tr.f("lead-today", &[("time", Arg::Text(&time))]),
        1 => tr.f("lead-tomorrow", &[("time", Arg::Text(&time))]),
        2..=6 => tr.f("lead-this-week", &[("day", Arg::Text(&named("lead-day-format"))), ("time", Arg::Text(&time))]),
        _ => tr.f("lead-later", &[("date", Arg::Text(&named("lead-date-format"))), ("time", Arg::Text(&time))]),
    }
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
        assert_eq!(due_now(&offsets, start, zone, created, start - Duration::hours(3), None), Some(ReminderOffset::DayBefore));
        assert_eq!(
            due_now(&offsets, start, zone, created, start - Duration::hours(2), None),
            Some(ReminderOffset::Before(Duration::hours(2)))
        );
        assert_eq!(due_now(&offsets, start, zone, created, start - Duration::days(2), None), None);
    }

    #[test]
    fn nothing_is_due_once_the_event_has_started() {
        let (start, zone) = start_ny();
        assert_eq!(due_now(&default_offsets(), start, zone, start - Duration::days(5), start, None), None);
    }

    #[test]
    fn a_reminder_due_before_the_rsvp_was_made_is_skipped() {
        let (start, zone) = start_ny();
        let created = start - Duration::hours(5);
        assert_eq!(due_now(&default_offsets(), start, zone, created, start - Duration::hours(4), None), None);
        assert!(due_now(&default_offsets(), start, zone, created, start - Duration::hours(2), None).is_some());
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

    fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> (DateTime<Utc>, Tz) {
        let zone = parse_zone("America/New_York").unwrap();
        (local_to_utc(NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap(), zone).unwrap(), zone)
    }

    #[test]
    fn day_based_reminders_keep_the_local_time_when_the_clocks_go_back() {
        // Sunday 7 November 2027, 7pm EST: the clocks went back at 2am that morning.
        let (start, zone) = ny(2027, 11, 7, 19, 0);
        assert_eq!(start, Utc.with_ymd_and_hms(2027, 11, 8, 0, 0, 0).unwrap());
        assert_eq!(ReminderOffset::DayBefore.due_at(start, zone), Utc.with_ymd_and_hms(2027, 11, 6, 23, 0, 0).unwrap(), "7pm EDT");
        assert_eq!(ReminderOffset::WeekBefore.due_at(start, zone), Utc.with_ymd_and_hms(2027, 10, 31, 23, 0, 0).unwrap());
        assert_eq!(ReminderOffset::MorningOf.due_at(start, zone), Utc.with_ymd_and_hms(2027, 11, 7, 14, 0, 0).unwrap(), "9am EST");
        assert_eq!(ReminderOffset::Before(Duration::hours(2)).due_at(start, zone), start - Duration::hours(2));
    }

    #[test]
    fn a_morning_reminder_for_an_early_event_and_two_close_ones_are_skipped() {
        let all: Vec<ReminderOffset> = PRESETS.iter().map(|(k, _)| ReminderOffset::from_key(k).unwrap()).collect();
        let (early, zone) = ny(2027, 3, 1, 8, 30);
        let p = plan(&all, early, zone, DateTime::<Utc>::MIN_UTC);
        let morning = p.iter().find(|p| p.offset == ReminderOffset::MorningOf).unwrap();
        assert_eq!(morning.skip, Some(Skip::AfterStart));
        // At 11am the morning one (9am) and the 2-hour one (9am) coincide: one goes.
        let (late_morning, zone) = ny(2027, 3, 1, 11, 0);
        let p = plan(&all, late_morning, zone, DateTime::<Utc>::MIN_UTC);
        let at_nine: Vec<_> = p.iter().filter(|p| p.due == late_morning - Duration::hours(2)).collect();
        assert_eq!(at_nine.len(), 2);
        assert_eq!(at_nine.iter().filter(|p| p.skip.is_none()).count(), 1);
        assert_eq!(at_nine.iter().filter(|p| p.skip == Some(Skip::TooClose)).count(), 1);
        // Someone who RSVP'd an hour before gets only what is still ahead.
        let p = plan(&all, late_morning, zone, late_morning - Duration::hours(1));
        let going: Vec<_> = p.iter().filter(|p| p.skip.is_none()).map(|p| p.offset).collect();
        assert_eq!(going, [ReminderOffset::Before(Duration::minutes(30))]);
    }

    #[test]
    fn nothing_goes_within_fifteen_minutes_of_the_last_reminder() {
        let (start, zone) = start_ny();
        let offsets = [ReminderOffset::Before(Duration::minutes(30))];
        let now = start - Duration::minutes(25);
        let created = start - Duration::days(3);
        assert_eq!(due_now(&offsets, start, zone, created, now, Some(now - Duration::minutes(10))), None);
        assert!(due_now(&offsets, start, zone, created, now, Some(now - Duration::minutes(16))).is_some());
    }

    #[test]
    fn the_wording_follows_the_real_lead_time() {
        let (start, zone) = ny(2027, 11, 7, 19, 0);
        assert_eq!(lead_phrase(start, zone, start - Duration::minutes(45)), "today at 7pm EST");
        assert_eq!(lead_phrase(start, zone, start - Duration::hours(24)), "tomorrow at 7pm EST");
        assert_eq!(lead_phrase(start, zone, start - Duration::days(3)), "on Sunday at 7pm EST");
        assert_eq!(lead_phrase(start, zone, start - Duration::days(7)), "on Sunday 7 November at 7pm EST");
    }

    #[test]
    fn the_stored_list_reads_back_and_ignores_what_it_does_not_know() {
        assert_eq!(ReminderSet::default().offsets(), [ReminderOffset::DayBefore, ReminderOffset::Before(Duration::hours(2))]);
        assert_eq!(ReminderSet::from_column(&ReminderSet::default().to_column()), ReminderSet::default());
        assert_eq!(ReminderSet::from_column("").offsets(), []);
        let odd = ReminderSet::from_column("morning-of, 45m,week-before,morning-of");
        assert_eq!(odd.offsets(), [ReminderOffset::WeekBefore, ReminderOffset::MorningOf]);
        assert_eq!(odd.to_column(), "week-before,morning-of");
        assert_eq!(ReminderOffset::MorningOf.label(Tr::default()), "The morning of the event, at 9:00 local time");
    }

    #[test]
    fn the_timeline_counts_who_each_reminder_reaches() {
        let (start, zone) = ny(2027, 3, 1, 19, 0);
        let offsets = ReminderSet::from_column("day-before,120m,morning-of").offsets();
        let early = start - Duration::days(3);
        let late = start - Duration::hours(5);
        let rsvps = [(early, false), (late, false), (early, true)];
        let t = upcoming(&offsets, start, zone, &rsvps);
        let people: Vec<(ReminderOffset, usize)> = t.iter().map(|u| (u.offset, u.people)).collect();
        assert_eq!(
            people,
            [(ReminderOffset::DayBefore, 2), (ReminderOffset::MorningOf, 1), (ReminderOffset::Before(Duration::hours(2)), 2)],
            "the maybe gets the day-before only; the late RSVP misses what was before it"
        );
    }
}
