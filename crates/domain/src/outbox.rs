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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    RsvpConfirmation,
    Reminder,
    /// Address confirmation, password reset and other account notices.
    Account,
    Cancellation,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RsvpConfirmation => "rsvp_confirmation",
            Self::Reminder => "reminder",
            Self::Account => "account",
            Self::Cancellation => "cancellation",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::RsvpConfirmation, Self::Reminder].into_iter().find(|k| k.as_str() == value)
    }
}

/// How long to wait before retrying a delivery that failed `attempts` times:
/// 1, 2, 4, ... minutes, at most an hour.
pub fn retry_delay(attempts: u32) -> chrono::Duration {
    let minutes = 1i64 << attempts.saturating_sub(1).min(6);
    chrono::Duration::minutes(minutes.min(60))
}

/// After this many failed deliveries a message is marked failed for an operator to see.
pub const MAX_ATTEMPTS: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_an_hour() {
        assert_eq!(retry_delay(1), chrono::Duration::minutes(1));
        assert_eq!(retry_delay(2), chrono::Duration::minutes(2));
        assert_eq!(retry_delay(4), chrono::Duration::minutes(8));
        assert_eq!(retry_delay(30), chrono::Duration::minutes(60));
    }
}
