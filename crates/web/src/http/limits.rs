//! Abuse limits on the forms people could hammer. Each limit counts under a
//! key that says whose attempts are counted together: a client address (and
//! event), an account at one client, a recipient of email, an account that
//! asks for email. Counters live in the database, so every instance counts
//! together. A shared address (a campus network) is never the only key of a
//! limit that could lock out a person who did nothing wrong.

use chrono::{DateTime, Duration, Utc};
use turnout_domain::email_address;
use turnout_domain::rate_limit::Limit;
use turnout_persistence::{ConnectionTrait, rate_limits};

use crate::config::LimitsConfig;
use crate::http::error::Error;
use crate::state::AppState;

/// Who a limit counts.
#[derive(Debug, Clone)]
pub enum Limited<'a> {
    Login {
        client: &'a str,
    },
    /// Failed logins under `account` (a normalized address) from `from`: a
    /// client address or an unlocked browser.
    LoginFailures {
        account: &'a str,
        from: &'a str,
    },
    Register {
        client: &'a str,
    },
    Reset {
        client: &'a str,
    },
    ResetOfAccount {
        account: &'a str,
    },
    RsvpToEvent {
        client: &'a str,
        event_id: i64,
    },
    Rsvp {
        client: &'a str,
    },
    MailTo {
        address: &'a str,
    },
    MailByAccount {
        user_id: i64,
    },
    Contact {
        client: &'a str,
    },
    ContactChapter {
        chapter_id: i64,
    },
}

impl Limited<'_> {
    fn key(&self) -> String {
        match self {
            Self::Login { client } => format!("login:{client}"),
            Self::LoginFailures { account, from } => format!("{}{from}", failures_prefix(account)),
            Self::Register { client } => format!("register:{client}"),
            Self::Reset { client } => format!("reset:{client}"),
            Self::ResetOfAccount { account } => format!("reset-account:{}", email_address::normalize(account)),
            Self::RsvpToEvent { client, event_id } => format!("rsvp:{client}:event:{event_id}"),
            Self::Rsvp { client } => format!("rsvp:{client}"),
            Self::MailTo { address } => turnout_domain::rate_limit::mail_to_key(address),
            Self::MailByAccount { user_id } => format!("mail-by:{user_id}"),
            Self::Contact { client } => format!("contact:{client}"),
            Self::ContactChapter { chapter_id } => format!("contact-chapter:{chapter_id}"),
        }
    }

    fn max(&self, c: &LimitsConfig) -> u32 {
        match self {
            Self::Login { .. } => c.login_per_address,
            Self::LoginFailures { .. } => c.login_failures_per_account,
            Self::Register { .. } => c.register_per_address,
            Self::Reset { .. } => c.reset_per_address,
            Self::ResetOfAccount { .. } => c.reset_per_account,
            Self::RsvpToEvent { .. } => c.rsvp_per_address_and_event,
            Self::Rsvp { .. } => c.rsvp_per_address,
            Self::MailTo { .. } => c.mail_per_recipient,
            Self::MailByAccount { .. } => c.mail_per_account,
            Self::Contact { .. } => c.contact_per_address,
            Self::ContactChapter { .. } => c.contact_per_chapter,
        }
    }
}

/// Every failure counter of one account starts with this.
pub fn failures_prefix(account: &str) -> String {
    format!("login-failures:{}:", email_address::normalize(account))
}

impl LimitsConfig {
    fn limit(&self, what: &Limited<'_>) -> Limit {
        Limit { max: what.max(self), window: Duration::seconds(self.window_seconds.max(1)) }
    }
}

impl AppState {
    /// Counts one attempt; 429 with Retry-After once over the limit.
    pub async fn limit(&self, what: Limited<'_>, now: DateTime<Utc>) -> Result<(), Error> {
        match rate_limits::hit(&self.db, &what.key(), self.limits.limit(&what), now).await? {
            Some(wait) => Err(Error::TooManyRequests(wait.num_seconds().max(1))),
            None => Ok(()),
        }
    }

    /// Counts one attempt on each, in order, in one statement; 429 with the
    /// Retry-After of the first over its limit (those after it not counted).
    pub async fn limit_all(&self, whats: &[Limited<'_>], now: DateTime<Utc>) -> Result<(), Error> {
        let _turn = turnout_persistence::write_turn(&self.db).await?;
        self.limit_all_in(&self.db, &self.limit_keys(whats), now).await
    }

    /// The counters of `whats` and their limits, for `limit_all_in`.
    pub fn limit_keys(&self, whats: &[Limited<'_>]) -> Vec<(String, Limit)> {
        whats.iter().map(|w| (w.key(), self.limits.limit(w))).collect()
    }

    /// `limit_all` inside the caller's write transaction.
    pub async fn limit_all_in(&self, txn: &impl ConnectionTrait, keys: &[(String, Limit)], now: DateTime<Utc>) -> Result<(), Error> {
        let keys: Vec<(&str, Limit)> = keys.iter().map(|(k, l)| (k.as_str(), *l)).collect();
        match rate_limits::hit_all_in(txn, &keys, now).await? {
            Some(wait) => Err(Error::TooManyRequests(wait.num_seconds().max(1))),
            None => Ok(()),
        }
    }

    /// 429 if already over the limit, without counting.
    pub async fn check_blocked(&self, what: Limited<'_>, now: DateTime<Utc>) -> Result<(), Error> {
        match rate_limits::blocked(&self.db, &what.key(), self.limits.limit(&what), now).await? {
            Some(wait) => Err(Error::TooManyRequests(wait.num_seconds().max(1))),
            None => Ok(()),
        }
    }

    /// Counts one attempt and says whether it went over the limit, for
    /// callers that answer the same either way (a failed login).
    pub async fn count(&self, what: Limited<'_>, now: DateTime<Utc>) -> Result<bool, Error> {
        Ok(rate_limits::hit(&self.db, &what.key(), self.limits.limit(&what), now).await?.is_some())
    }

    /// Forgets a counter (failed logins after a successful one).
    pub async fn forget(&self, what: Limited<'_>) -> Result<(), Error> {
        rate_limits::clear(&self.db, &what.key()).await?;
        Ok(())
    }
}
