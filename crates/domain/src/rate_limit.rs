//! Fixed-window rate limits: at most `max` hits per `window`.

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

/// The counter after one more hit: `(window_start, hits)`.
pub fn next_count(current: Option<(DateTime<Utc>, u32)>, limit: Limit, now: DateTime<Utc>) -> (DateTime<Utc>, u32) {
    match current {
        Some((start, hits)) if now < start + limit.window => (start, hits.saturating_add(1)),
        _ => (now, 1),
    }
}

/// `None` if the hit is allowed; otherwise how long until it would be.
pub fn retry_after(window_start: DateTime<Utc>, hits: u32, limit: Limit, now: DateTime<Utc>) -> Option<Duration> {
    if hits <= limit.max { None } else { Some((window_start + limit.window - now).max(Duration::seconds(1))) }
}

/// The counter of messages mailed to one address. Named here because it
/// holds the address: erasing a person's address clears it too.
pub fn mail_to_key(address: &str) -> String {
    format!("mail-to:{}", crate::email_address::normalize(address))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_hit_in_a_window_waits_for_the_window_to_end() {
        let limit = Limit { max: 10, window: Duration::minutes(15) };
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        let mut state = None;
        for i in 1..=10 {
            let (s, h) = next_count(state, limit, t0 + Duration::seconds(i - 1));
            assert_eq!(retry_after(s, h, limit, t0), None);
            state = Some((s, h));
        }
        let (s, h) = next_count(state, limit, t0 + Duration::minutes(5));
        assert_eq!(retry_after(s, h, limit, t0 + Duration::minutes(5)), Some(Duration::minutes(10)));
        let (s, h) = next_count(Some((s, h)), limit, t0 + Duration::minutes(15));
        assert_eq!((s, h), (t0 + Duration::minutes(15), 1), "a new window starts");
    }
}
