//! Times are stored as UTC instants plus the event's IANA zone name, and shown
//! in that zone with its abbreviation ("7:30pm EST").

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::catalogue::{Arg, text};
use crate::error::Error;
use crate::language::Language;

/// Events are dated from 2000 to 2100. Anything else is a typo (20266 for
/// 2026) or a probe, and dates near chrono's limits overflow arithmetic such
/// as "the address shows N hours before the start".
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;

/// Whether an event may be dated on this day.
pub fn year_in_range(date: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

pub fn parse_zone(name: &str) -> Result<Tz, Error> {
    name.parse::<Tz>().map_err(|_| Error::UnknownTimeZone(name.to_owned()))
}

/// The instant a local wall-clock time names in a zone. A time the clocks
/// skip (a DST gap) is an error; a time that happens twice (the hour the
/// clocks go back) is read as the first of the two, as calendars do.
pub fn local_to_utc(local: NaiveDateTime, zone: Tz) -> Result<DateTime<Utc>, Error> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::NonexistentLocalTime(local.format("%Y-%m-%d %H:%M").to_string(), zone.name().to_owned())),
    }
}

fn clock(t: &DateTime<Tz>) -> String {
    let (pm, hour) = t.hour12();
    let suffix = if pm { "pm" } else { "am" };
    if t.minute() == 0 { format!("{hour}{suffix}") } else { format!("{hour}:{:02}{suffix}", t.minute()) }
}

/// chrono's locale for a language: day and month names come from its data.
pub(crate) fn chrono_locale(language: Language) -> chrono::Locale {
    match language {
        Language::English => chrono::Locale::en_US,
        Language::Spanish => chrono::Locale::es_US,
    }
}

/// A local time formatted with a catalogue's format string.
fn formatted(t: &DateTime<Tz>, language: Language, key: &str) -> String {
    t.format_localized(&text(language, key, &[]), chrono_locale(language)).to_string()
}

/// The wall-clock time in a language: "7:30pm" in English, "19:30" in Spanish.
fn clock_in(language: Language, t: &DateTime<Tz>) -> String {
    let style = text(language, "clock-format", &[]);
    if style == "12h" { clock(t) } else { t.format_localized(&style, chrono_locale(language)).to_string() }
}

/// "7:30pm EST"
pub fn time_label(instant: DateTime<Utc>, zone: Tz) -> String {
    time_label_in(Language::English, instant, zone)
}

/// "7:30pm EST", "19:30 EST"
pub fn time_label_in(language: Language, instant: DateTime<Utc>, zone: Tz) -> String {
    let local = instant.with_timezone(&zone);
    format!("{} {}", clock_in(language, &local), local.format("%Z"))
}

/// "7:30pm" without the zone, for lists of times on the same day.
pub fn short_time_label(instant: DateTime<Utc>, zone: Tz) -> String {
    short_time_label_in(Language::English, instant, zone)
}

/// "7:30pm", "19:30"
pub fn short_time_label_in(language: Language, instant: DateTime<Utc>, zone: Tz) -> String {
    clock_in(language, &instant.with_timezone(&zone))
}

/// "Tuesday 1 December 2026"
pub fn date_label(instant: DateTime<Utc>, zone: Tz) -> String {
    date_label_in(Language::English, instant, zone)
}

/// "Tuesday 1 December 2026", "martes, 1 de diciembre de 2026"
pub fn date_label_in(language: Language, instant: DateTime<Utc>, zone: Tz) -> String {
    formatted(&instant.with_timezone(&zone), language, "date-long")
}

/// "Sat 2 May, " for a time on another day than the event's first.
pub fn short_date_label_in(language: Language, instant: DateTime<Utc>, zone: Tz) -> String {
    formatted(&instant.with_timezone(&zone), language, "date-short")
}

/// "1 Dec", "1 dic"
pub fn day_month_label_in(language: Language, instant: DateTime<Utc>, zone: Tz) -> String {
    formatted(&instant.with_timezone(&zone), language, "date-day-month")
}

/// "Tuesday 1 December 2026, 7:30pm EST"
pub fn date_time_label(instant: DateTime<Utc>, zone: Tz) -> String {
    date_time_label_in(Language::English, instant, zone)
}

pub fn date_time_label_in(language: Language, instant: DateTime<Utc>, zone: Tz) -> String {
    let (date, time) = (date_label_in(language, instant, zone), time_label_in(language, instant, zone));
    text(language, "date-time", &[("date", Arg::Text(&date)), ("time", Arg::Text(&time))])
}

/// "Tuesday 1 December 2026, 7:30pm to 9pm EST", or with both dates when
/// the event ends on another day.
pub fn range_label(start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    range_label_in(Language::English, start, end, zone)
}

pub fn range_label_in(language: Language, start: DateTime<Utc>, end: DateTime<Utc>, zone: Tz) -> String {
    let (ls, le) = (start.with_timezone(&zone), end.with_timezone(&zone));
    if ls.date_naive() == le.date_naive() {
        let (date, from, to) = (date_label_in(language, start, zone), clock_in(language, &ls), time_label_in(language, end, zone));
        text(language, "date-range-same-day", &[("date", Arg::Text(&date)), ("from", Arg::Text(&from)), ("to", Arg::Text(&to))])
    } else {
        let (from, to) = (date_time_label_in(language, start, zone), date_time_label_in(language, end, zone));
        text(language, "date-range", &[("from", Arg::Text(&from)), ("to", Arg::Text(&to))])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn times_show_in_the_event_zone_with_its_abbreviation() {
        let ny = parse_zone("America/New_York").unwrap();
        let start = local_to_utc(local(2026, 12, 1, 19, 30), ny).unwrap();
        assert_eq!(start.to_rfc3339(), "2026-12-02T00:30:00+00:00");
        assert_eq!(time_label(start, ny), "7:30pm EST");
        assert_eq!(date_time_label(start, ny), "Tuesday 1 December 2026, 7:30pm EST");
        let end = start + chrono::Duration::minutes(90);
        assert_eq!(range_label(start, end, ny), "Tuesday 1 December 2026, 7:30pm to 9pm EST");
        let summer = local_to_utc(local(2026, 7, 1, 19, 0), ny).unwrap();
        assert_eq!(time_label(summer, ny), "7pm EDT");
    }

    #[test]
    fn spanish_dates_come_from_the_locale_data() {
        let ny: Tz = "America/New_York".parse().unwrap();
        let start = local_to_utc(local(2026, 12, 3, 19, 30), ny).unwrap();
        let end = local_to_utc(local(2026, 12, 3, 21, 0), ny).unwrap();
        assert_eq!(date_time_label_in(Language::Spanish, start, ny), "jueves, 3 de diciembre de 2026, 19:30 EST");
        assert_eq!(range_label_in(Language::Spanish, start, end, ny), "jueves, 3 de diciembre de 2026, de 19:30 a 21:00 EST");
        assert_eq!(date_time_label_in(Language::English, start, ny), "Thursday 3 December 2026, 7:30pm EST");
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused() {
        let ny = parse_zone("America/New_York").unwrap();
        assert!(matches!(local_to_utc(local(2026, 3, 8, 2, 30), ny), Err(Error::NonexistentLocalTime(..))));
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(parse_zone("Mars/Olympus_Mons").is_err());
    }
}
