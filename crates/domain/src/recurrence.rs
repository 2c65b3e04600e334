//! Series of meetings at the same local wall-clock time ("every Wednesday
//! 7pm"), which keeps its local time across DST changes.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::error::Error;
use crate::time::local_to_utc;

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
    use chrono::NaiveDate;

    #[test]
    fn weekly_meetings_keep_their_local_time_across_dst() {
        let ny = parse_zone("America/New_York").unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 10, 21).unwrap().and_hms_opt(19, 0, 0).unwrap();
        let dates = weekly(first, ny, 1, 4);
        let labels: Vec<String> = dates.iter().map(|d| time_label(*d, ny)).collect();
        assert_eq!(labels, ["7pm EDT", "7pm EDT", "7pm EST", "7pm EST"]);
        // 7pm EDT is 23:00 UTC, 7pm EST is 00:00 UTC the next day.
        assert_eq!(dates[2] - dates[1], Duration::hours(24 * 7 + 1));
    }
}
