//! Change notices: what people going or waitlisted are told when a
//! published event's time, place or online link changes. Edits are gathered
//! for a while after the first one, so several saves in a row give one
//! notice that says old → final.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::catalogue::Tr;
use crate::language::Language;
use crate::time::range_label_in;

/// How long after the first edit the notice goes, gathering later edits.
pub const NOTICE_DELAY: Duration = Duration::minutes(10);

/// What people were told about when and where (or what is true now).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The venue in one line ("Hall, 1 Main St, Queens"), empty when online only.
    pub place: String,
    pub online_url: Option<String>,
}

/// One line of a change notice: "When: Tuesday … → Wednesday …".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Which: "When", "Where" or "Online" (`label` is how a reader reads it).
    pub what: &'static str,
    /// The name of the line in the reader's language.
    pub label: String,
    pub old: String,
    pub new: String,
}

/// The differences between what people were told and what is true now, in
/// the event's zone; empty when the edits came back to where they started.
pub fn differences(told: &Told, now: &Told, zone: Tz) -> Vec<Change> {
    differences_in(Language::English, told, now, zone)
}

/// The same, worded in a reader's language.
pub fn differences_in(language: Language, told: &Told, now: &Told, zone: Tz) -> Vec<Change> {
    let t = Tr(language);
    let mut out = Vec::new();
    if (told.starts_at, told.ends_at) != (now.starts_at, now.ends_at) {
        out.push(Change {
            what: "When",
            label: t.s("event-when"),
            old: range_label_in(language, told.starts_at, told.ends_at, zone),
            new: range_label_in(language, now.starts_at, now.ends_at, zone),
        });
    }
    let none = |s: &str| if s.is_empty() { t.s("change-none") } else { s.to_owned() };
    if told.place != now.place {
        out.push(Change { what: "Where", label: t.s("event-where"), old: none(&told.place), new: none(&now.place) });
    }
    if told.online_url != now.online_url {
        out.push(Change {
            what: "Online",
            label: t.s("event-online"),
            old: none(told.online_url.as_deref().unwrap_or_default()),
            new: none(now.online_url.as_deref().unwrap_or_default()),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn only_what_differs_is_told_and_a_change_undone_is_nothing() {
        let zone = chrono_tz::America::New_York;
        let start = Utc.with_ymd_and_hms(2027, 3, 3, 0, 0, 0).unwrap();
        let told = Told { starts_at: start, ends_at: start + Duration::hours(2), place: "Hall, Queens".into(), online_url: None };
        assert!(differences(&told, &told.clone(), zone).is_empty());
        let moved = Told { starts_at: start + Duration::hours(1), ends_at: start + Duration::hours(3), ..told.clone() };
        let d = differences(&told, &moved, zone);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].what, "When");
        assert_eq!(d[0].old, "Tuesday 2 March 2027, 7pm to 9pm EST");
        assert_eq!(d[0].new, "Tuesday 2 March 2027, 8pm to 10pm EST");
        let online = Told { place: String::new(), online_url: Some("https://meet.example/x".into()), ..told.clone() };
        let d = differences(&told, &online, zone);
        assert_eq!(
            d.iter().map(|c| (c.what, c.new.as_str())).collect::<Vec<_>>(),
            [("Where", "(none)"), ("Online", "https://meet.example/x")]
        );
    }
}
