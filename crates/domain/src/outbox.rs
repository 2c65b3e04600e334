//! A message waiting in the outbox: fully composed when it is queued, so the
//! dispatcher only delivers and a restart never changes what is sent.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    /// Unique per logical message: queuing the same key twice queues it once.
    pub dedupe_key: String,
    pub kind: MessageKind,
    pub to_address: String,
    pub to_name: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// An iCalendar attachment (RFC 5545), when the message carries one.
    pub ics: Option<String>,
    /// An unsubscribe URL for List-Unsubscribe (RFC 8058); none for direct replies.
    pub unsubscribe_url: Option<String>,
    /// The event the message is about, so cancelling it can withdraw it.
    pub event_id: Option<i64>,
    /// Never delivered after this (a reminder after the start is no use).
    pub not_after: Option<chrono::DateTime<chrono::Utc>>,
    /// The chapter the message speaks for: "Queens Branch via Turnout".
    pub sender_name: Option<String>,
    /// The RSVP a reminder is for: it is checked again just before sending.
    pub rsvp_id: Option<i64>,
    /// Where answers go (Reply-To), e.g. the visitor who wrote to a chapter.
    pub reply_to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    RsvpConfirmation,
    Reminder,
    /// Address confirmation, password reset and other account notices.
    Account,
    Cancellation,
    /// An event's time, place or online link changed.
    ChangeNotice,
    /// An organizer's message to an event's attendees or a chapter's members.
    Announcement,
    /// The weekly email of a member's chapters' upcoming events.
    Digest,
}

impl MessageKind {
    pub const ALL: [Self; 7] =
        [Self::RsvpConfirmation, Self::Reminder, Self::Account, Self::Cancellation, Self::ChangeNotice, Self::Announcement, Self::Digest];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::RsvpConfirmation => "rsvp_confirmation",
            Self::Reminder => "reminder",
            Self::Account => "account",
            Self::Cancellation => "cancellation",
            Self::ChangeNotice => "change_notice",
            Self::Announcement => "announcement",
            Self::Digest => "digest",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The claiming order: account links, confirmations and notices (0)
    /// before reminders and announcements (1), so a reset link is never
    /// stuck behind a wave.
    pub fn priority(self) -> i32 {
        i32::from(matches!(self, Self::Reminder | Self::Announcement | Self::Digest))
    }

    /// Whether a person is waiting for this very message (a link, a
    /// confirmation): it is tried even to an address that refused mail
    /// before. Reminders and notices to every attendee are not.
    pub fn is_essential(self) -> bool {
        matches!(self, Self::Account | Self::RsvpConfirmation)
    }

    /// The kind of mail a person may turn off that this message belongs to;
    /// none for what always goes (confirmations, cancellations, account mail).
    pub fn category(self) -> Option<MailCategory> {
        match self {
            Self::Reminder => Some(MailCategory::Reminders),
            Self::ChangeNotice => Some(MailCategory::Changes),
            Self::Announcement => Some(MailCategory::Announcements),
            Self::Digest => Some(MailCategory::Digest),
            _ => None,
        }
    }
}

/// Kinds of mail a person may leave (one-click unsubscribe, RFC 8058).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MailCategory {
    Reminders,
    Changes,
    Announcements,
    /// Off until a member turns it on.
    Digest,
}

impl MailCategory {
    pub const ALL: [Self; 4] = [Self::Reminders, Self::Changes, Self::Announcements, Self::Digest];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reminders => "reminders",
            Self::Changes => "changes",
            Self::Announcements => "announcements",
            Self::Digest => "digest",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == value)
    }

    /// What a person reads on the page that lets them choose.
    pub fn label(self, t: crate::catalogue::Tr) -> String {
        t.s(match self {
            Self::Reminders => "label-mail-reminders",
            Self::Changes => "label-mail-changes",
            Self::Announcements => "label-mail-announcements",
            Self::Digest => "label-mail-digest",
        })
    }

    /// Whether a person gets this kind of mail until they choose otherwise:
    /// all but the digest, which members ask for.
    pub fn on_unless_turned_off(self) -> bool {
        self != Self::Digest
    }
}

/// A message claimed this many more times than it was tried never reached
/// an outcome: the sender died each time it held it. It is given up rather
/// than allowed to kill every instance in turn.
pub const MAX_UNANSWERED_CLAIMS: i32 = 3;

/// Whether a message claimed `claims` times (this claim included) and tried
/// `attempts` times is one its senders kept dying on: give it up unsent.
pub fn kills_its_sender(claims: i32, attempts: u32) -> bool {
    i64::from(claims) - i64::from(attempts) > i64::from(MAX_UNANSWERED_CLAIMS)
}

/// How a delivery attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The server refused for good (SMTP 5xx, or an address that cannot be
    /// written to): trying again would get the same answer.
    Permanent,
    /// Anything that may pass: 4xx, a timeout, a lost connection, a panic.
    Transient,
}

/// A transient failure is retried for at least this long after the message
/// was queued, so an overnight outage of the mail provider loses nothing.
pub const RETRY_FOR: chrono::Duration = chrono::Duration::hours(48);

/// After this many failed deliveries (and `RETRY_FOR`) a message is given up.
pub const MAX_ATTEMPTS: u32 = 10;

/// When to try again after the `attempts`-th failed delivery, or `None` to
/// give up: at once for a permanent refusal; for a transient one, only once
/// both `MAX_ATTEMPTS` attempts and `RETRY_FOR` since `queued_at` are past.
/// The wait doubles from a minute up to an hour, plus up to 30 seconds of
/// jitter (fixed per message and attempt, so instances spread out).
pub fn next_attempt(
    id: i64,
    attempts: u32,
    failure: Failure,
    queued_at: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<chrono::DateTime<chrono::Utc>> {
    if failure == Failure::Permanent {
        return None;
    }
    if attempts >= MAX_ATTEMPTS && now - queued_at >= RETRY_FOR {
        return None;
    }
    let jitter = (id.unsigned_abs().wrapping_mul(7919).wrapping_add(u64::from(attempts) * 104_729) % 31) as i64;
    Some(now + retry_delay(attempts) + chrono::Duration::seconds(jitter))
}

/// How long to wait before retrying a delivery that failed `attempts` times:
/// 1, 2, 4, ... minutes, at most an hour.
pub fn retry_delay(attempts: u32) -> chrono::Duration {
    let minutes = 1i64 << attempts.saturating_sub(1).min(6);
    chrono::Duration::minutes(minutes.min(60))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    #[test]
    fn retries_back_off_up_to_an_hour() {
        assert_eq!(retry_delay(1), Duration::minutes(1));
        assert_eq!(retry_delay(2), Duration::minutes(2));
        assert_eq!(retry_delay(4), Duration::minutes(8));
        assert_eq!(retry_delay(30), Duration::minutes(60));
    }

    #[test]
    fn every_kind_round_trips() {
        for kind in MessageKind::ALL {
            assert_eq!(MessageKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(MessageKind::parse("nonsense"), None);
    }

    #[test]
    fn a_message_is_given_up_once_its_senders_died_three_times_holding_it() {
        assert!(!kills_its_sender(1, 0), "a first claim");
        assert!(!kills_its_sender(4, 3), "three failed attempts and a fourth claim: an ordinary retry");
        assert!(!kills_its_sender(3, 0), "two crashes, a third claim");
        assert!(kills_its_sender(4, 0), "three crashes, a fourth claim");
        assert!(kills_its_sender(9, 5));
    }

    #[test]
    fn links_and_confirmations_are_essential_reminders_are_not() {
        assert!(MessageKind::Account.is_essential());
        assert!(MessageKind::RsvpConfirmation.is_essential());
        assert!(!MessageKind::Reminder.is_essential());
        assert!(!MessageKind::Cancellation.is_essential());
    }

    #[test]
    fn a_permanent_refusal_is_given_up_at_once() {
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        assert_eq!(next_attempt(7, 1, Failure::Permanent, t, t), None);
    }

    #[test]
    fn transient_failures_are_retried_for_two_days() {
        let queued = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let first = next_attempt(7, 1, Failure::Transient, queued, queued).unwrap();
        assert!(first >= queued + Duration::minutes(1) && first <= queued + Duration::minutes(1) + Duration::seconds(30), "{first}");
        // Ten failures in six hours of a 421: still retried, an hour apart.
        let later = queued + Duration::hours(6);
        let next = next_attempt(7, 10, Failure::Transient, queued, later).unwrap();
        assert!(next - later >= Duration::minutes(60));
        // Many failures, but not yet two days: still retried.
        assert!(next_attempt(7, 40, Failure::Transient, queued, queued + Duration::hours(47)).is_some());
        // Two days and enough attempts: given up.
        assert_eq!(next_attempt(7, 50, Failure::Transient, queued, queued + Duration::hours(48)), None);
        // Two days but few attempts (the server was not even tried): keep trying.
        assert!(next_attempt(7, 3, Failure::Transient, queued, queued + Duration::hours(60)).is_some());
    }

    #[test]
    fn jitter_spreads_messages_but_stays_under_half_a_minute() {
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        let times: std::collections::BTreeSet<_> = (1..50).map(|id| next_attempt(id, 1, Failure::Transient, t, t).unwrap()).collect();
        assert!(times.len() > 10, "not all at the same second");
        assert!(times.iter().all(|x| *x - t <= Duration::minutes(1) + Duration::seconds(30)));
    }
}
