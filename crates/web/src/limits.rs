//! Abuse limits on the forms people could hammer: per client address and,
//! where there is one, per account. Counters live in the database, so every
//! instance counts together.

use chrono::{DateTime, Duration, Utc};
use serde::Deserialize;
use turnout_domain::rate_limit::Limit;
use turnout_persistence::rate_limits;

use crate::error::Error;
use crate::state::AppState;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// The length of every counting window.
    pub window_seconds: i64,
    pub login_per_address: u32,
    pub login_failures_per_account: u32,
    pub register_per_address: u32,
    pub reset_per_address: u32,
    pub reset_per_account: u32,
    pub rsvp_per_address: u32,
    pub contact_per_address: u32,
}

#[derive(Debug, Clone, Copy)]
pub enum LimitKind {
    Login,
    LoginFailures,
    Register,
    Reset,
    ResetPerAccount,
    Rsvp,
    Contact,
}

impl LimitsConfig {
    fn limit(&self, kind: LimitKind) -> Limit {
        let max = match kind {
            LimitKind::Login => self.login_per_address,
            LimitKind::LoginFailures => self.login_failures_per_account,
            LimitKind::Register => self.register_per_address,
            LimitKind::Reset => self.reset_per_address,
            LimitKind::ResetPerAccount => self.reset_per_account,
            LimitKind::Rsvp => self.rsvp_per_address,
            LimitKind::Contact => self.contact_per_address,
        };
        Limit { max, window: Duration::seconds(self.window_seconds.max(1)) }
    }
}

fn name(kind: LimitKind) -> &'static str {
    match kind {
        LimitKind::Login => "login",
        LimitKind::LoginFailures => "login-failures",
        LimitKind::Register => "register",
        LimitKind::Reset => "reset",
        LimitKind::ResetPerAccount => "reset-account",
        LimitKind::Rsvp => "rsvp",
        LimitKind::Contact => "contact",
    }
}

impl AppState {
    /// Counts one attempt by `who`; 429 with Retry-After once over the limit.
    pub async fn limit(&self, kind: LimitKind, who: &str, now: DateTime<Utc>) -> Result<(), Error> {
        let key = format!("{}:{who}", name(kind));
        match rate_limits::hit(&self.db, &key, self.limits.limit(kind), now).await? {
            Some(wait) => Err(Error::TooManyRequests(wait.num_seconds().max(1))),
            None => Ok(()),
        }
    }

    /// 429 if `key` is already over its limit, without counting.
    pub async fn check_blocked(&self, kind: LimitKind, key: &str, now: DateTime<Utc>) -> Result<(), Error> {
        match rate_limits::blocked(&self.db, key, self.limits.limit(kind), now).await? {
            Some(wait) => Err(Error::TooManyRequests(wait.num_seconds().max(1))),
            None => Ok(()),
        }
    }

    /// Counts a failed login against an account.
    pub async fn count_failure(&self, key: &str, now: DateTime<Utc>) -> Result<(), Error> {
        rate_limits::hit(&self.db, key, self.limits.limit(LimitKind::LoginFailures), now).await?;
        Ok(())
    }
}
