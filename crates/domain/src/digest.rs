//! When the weekly digest goes: Mondays from 9:00 in the member's chapter's
//! time zone (the rest of that Monday catches up a sweep that was late), and
//! what counts as new in it.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::time::local_to_utc;

/// This week's digest, if `now` falls in its sending window in `zone`: the
/// week's name (for the message's key: one per member per week) and the
/// moment of last week's digest (what is new is newer than that).
pub fn due_week(now: DateTime<Utc>, zone: Tz) -> Option<(String, DateTime<Utc>)> {
    let local = now.with_timezone(&zone);
    let nine = NaiveTime::from_hms_opt(9, 0, 0)?;
    if local.weekday() != Weekday::Mon || local.time() < nine {
        return None;
    }
    let this_week = local_to_utc(local.date_naive().and_time(nine), zone).ok()?;
    let week = local.iso_week();
    Some((format!("{}-W{:02}", week.year(), week.week()), this_week - Duration::days(7)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn mondays_from_nine_local_time_only() {
        let ny = chrono_tz::America::New_York;
        // Monday 1 March 2027: 9:00 EST is 14:00 UTC.
        assert_eq!(due_week(Utc.with_ymd_and_hms(2027, 3, 1, 13, 59, 0).unwrap(), ny), None);
        let (week, since) = due_week(Utc.with_ymd_and_hms(2027, 3, 1, 14, 0, 0).unwrap(), ny).unwrap();
        assert_eq!(week, "2027-W09");
        assert_eq!(since, Utc.with_ymd_and_hms(2027, 2, 22, 14, 0, 0).unwrap());
        assert!(due_week(Utc.with_ymd_and_hms(2027, 3, 2, 4, 59, 0).unwrap(), ny).is_some(), "Monday 11:59pm EST");
        assert_eq!(due_week(Utc.with_ymd_and_hms(2027, 3, 2, 5, 0, 0).unwrap(), ny), None, "Tuesday");
        // The same instant is Monday morning in Los Angeles only later.
        assert_eq!(due_week(Utc.with_ymd_and_hms(2027, 3, 1, 14, 0, 0).unwrap(), chrono_tz::America::Los_Angeles), None);
    }
}
