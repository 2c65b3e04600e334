//! Series of meetings ("every Wednesday 7pm", "every other Tuesday", "the
//! second Thursday of the month"). Each occurrence is its own event with its
//! own RSVPs; it keeps its local wall-clock time across DST changes.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::catalogue::Tr;
use crate::error::Error;
use crate::time::local_to_utc;

/// At most this many occurrences are made at once (two years of weekly meetings).
pub const MAX_OCCURRENCES: usize = 104;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Every `n` weeks on the first date's weekday.
    Weekly(u32),
    /// The nth weekday of each month (`nth` 1 to 4, or -1 for the last).
    MonthlyNthWeekday { nth: i8, weekday: Weekday },
}

impl Rule {
    /// The rule a form's choice means, anchored on the first date.
    pub fn from_choice(choice: &str, first: NaiveDate) -> Option<Self> {
        match choice {
            "weekly" => Some(Self::Weekly(1)),
            "biweekly" => Some(Self::Weekly(2)),
            "monthly" => {
                let nth = ((first.day() - 1) / 7 + 1) as i8;
                Some(Self::MonthlyNthWeekday { nth: if nth >= 5 { -1 } else { nth }, weekday: first.weekday() })
            }
            _ => None,
        }
    }

    pub fn to_stored(self) -> String {
        match self {
            Self::Weekly(n) => format!("weekly:{n}"),
            Self::MonthlyNthWeekday { nth, weekday } => format!("monthly:{nth}:{}", weekday.num_days_from_monday()),
        }
    }

    pub fn from_stored(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.split(':').collect();
        match parts.as_slice() {
            ["weekly", n] => n.parse().ok().filter(|n| *n >= 1).map(Self::Weekly),
            ["monthly", nth, wd] => {
                let nth: i8 = nth.parse().ok()?;
                let weekday = Weekday::try_from(wd.parse::<u8>().ok()?).ok()?;
                Some(Self::MonthlyNthWeekday { nth, weekday })
            }
            _ => None,
        }
    }

    /// "every week", "every 2 weeks", "the 2nd Thursday of each month", in
    /// the reader's language (the weekday's name from chrono's locale data).
    pub fn describe(self, t: Tr) -> String {
        match self {
            Self::Weekly(n) => t.f("series-every-weeks", &[("count", i64::from(n).into())]),
            Self::MonthlyNthWeekday { nth, weekday } => {
                // 5 January 2026 is a Monday: the day of that week with this weekday.
                let day =
                    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default() + Duration::days(i64::from(weekday.num_days_from_monday()));
                let name = day.format_localized("%A", crate::time::chrono_locale(t.language())).to_string();
                // 0 stands for "the last" (stored as -1).
                t.f("series-monthly", &[("nth", i64::from(nth.max(0)).into()), ("weekday", name.as_str().into())])
            }
        }
    }
}

fn nth_weekday(year: i32, month: u32, nth: i8, weekday: Weekday) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8)
    } else {
        // The last: step back from the first day of the next month.
        let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1)? } else { NaiveDate::from_ymd_opt(year, month + 1, 1)? };
        let mut d = next - Duration::days(1);
        while d.weekday() != weekday {
            d -= Duration::days(1);
        }
        Some(d)
    }
}

/// The dates of a series from `first` to `until` (inclusive), at most `MAX_OCCURRENCES`.
pub fn dates(rule: Rule, first: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    match rule {
        Rule::Weekly(n) => {
            let mut d = first;
            while d <= until && out.len() < MAX_OCCURRENCES {
                out.push(d);
                d += Duration::weeks(i64::from(n.max(1)));
            }
        }
        Rule::MonthlyNthWeekday { nth, weekday } => {
            let (mut y, mut m) = (first.year(), first.month());
            while out.len() < MAX_OCCURRENCES {
                if let Some(d) = nth_weekday(y, m, nth, weekday) {
                    if d > until {
                        break;
                    }
                    if d >= first {
                        out.push(d);
                    }
                }
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                if NaiveDate::from_ymd_opt(y, m, 1).is_none_or(|start| start > until) {
                    break;
                }
            }
        }
    }
    out
}

/// The instant of `time` on `date` in `zone`, for one occurrence.
pub fn at(date: NaiveDate, time: NaiveTime, zone: Tz) -> Result<DateTime<Utc>, Error> {
    local_to_utc(date.and_time(time), zone)
}

/// The first `count` weekly occurrences starting at `first` local time,
/// every `interval_weeks` weeks. An occurrence the clocks skip is left out.
pub fn weekly(first: NaiveDateTime, zone: Tz, interval_weeks: u32, count: usize) -> Vec<DateTime<Utc>> {
    (0..)
        .map(|i: i64| first + Duration::weeks(i * i64::from(interval_weeks.max(1))))
        .map(|local| local_to_utc(local, zone))
        .filter_map(|r: Result<_, Error>| r.ok())
        .take(count)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{parse_zone, time_label};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekly_meetings_keep_their_local_time_across_dst() {
        let ny = parse_zone("America/New_York").unwrap();
        let first = d(2026, 10, 21).and_hms_opt(19, 0, 0).unwrap();
        let dates = weekly(first, ny, 1, 4);
        let labels: Vec<String> = dates.iter().map(|t| time_label(*t, ny)).collect();
        assert_eq!(labels, ["7pm EDT", "7pm EDT", "7pm EST", "7pm EST"]);
        // 7pm EDT is 23:00 UTC, 7pm EST is 00:00 UTC the next day.
        assert_eq!(dates[2] - dates[1], Duration::hours(24 * 7 + 1));
    }

    #[test]
    fn every_other_week_until_the_end_date() {
        let got = dates(Rule::Weekly(2), d(2026, 11, 4), d(2026, 12, 16));
        assert_eq!(got, [d(2026, 11, 4), d(2026, 11, 18), d(2026, 12, 2), d(2026, 12, 16)]);
    }

    #[test]
    fn monthly_on_the_nth_weekday() {
        // 10 December 2026 is the 2nd Thursday.
        let rule = Rule::from_choice("monthly", d(2026, 12, 10)).unwrap();
        assert_eq!(rule, Rule::MonthlyNthWeekday { nth: 2, weekday: Weekday::Thu });
        assert_eq!(dates(rule, d(2026, 12, 10), d(2027, 3, 31)), [d(2026, 12, 10), d(2027, 1, 14), d(2027, 2, 11), d(2027, 3, 11)]);
        let last = Rule::from_choice("monthly", d(2026, 12, 31)).unwrap();
        assert_eq!(last, Rule::MonthlyNthWeekday { nth: -1, weekday: Weekday::Thu });
        assert_eq!(dates(last, d(2026, 12, 31), d(2027, 2, 28)), [d(2026, 12, 31), d(2027, 1, 28), d(2027, 2, 25)]);
        assert_eq!(Rule::from_stored(&rule.to_stored()), Some(rule));
        assert_eq!(rule.describe(Tr::default()), "the 2nd Thursday of each month");
        assert_eq!(rule.describe(Tr(crate::language::Language::Spanish)), "el segundo jueves de cada mes");
        assert_eq!(last.describe(Tr::default()), "the last Thursday of each month");
        assert_eq!(Rule::Weekly(2).describe(Tr(crate::language::Language::Spanish)), "cada 2 semanas");
    }

    #[test]
    fn a_series_is_bounded() {
        assert_eq!(dates(Rule::Weekly(1), d(2026, 1, 1), d(2040, 1, 1)).len(), MAX_OCCURRENCES);
        assert!(dates(Rule::Weekly(1), d(2026, 1, 8), d(2026, 1, 1)).is_empty());
    }
}
