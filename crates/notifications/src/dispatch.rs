use chrono::{DateTime, Duration, Utc};
use futures_util::FutureExt;
use futures_util::future::join_all;
use turnout_domain::outbox::Failure;
use turnout_persistence::{Db, outbox};

use crate::error::Error;
use crate::transport::Mailer;

/// How many messages one claim takes; a batch is sent in parallel. Public so
/// tests can bound what a crash mid-batch may deliver twice.
pub const BATCH: u64 = 32;
/// How long a claim holds before another instance may take the message over.
const LEASE_MINUTES: i64 = 5;

/// Delivers every message due at `now`. Returns how many were delivered.
/// A failed delivery is retried later with back-off; it never blocks the rest.
/// Each batch reads the clock anew (as `now` plus the time the sweep has
/// taken), so a long sweep never hands out leases that have already run out.
pub async fn dispatch_due(db: &Db, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize, Error> {
    let started = std::time::Instant::now();
    let mut delivered = 0;
    loop {
        let batch_now = now + Duration::from_std(started.elapsed()).unwrap_or_default();
        let batch = outbox::claim(db, batch_now, BATCH, Duration::minutes(LEASE_MINUTES)).await?;
        if batch.is_empty() {
            return Ok(delivered);
        }
        // A panic while sending one message is that message's failed attempt,
        // not the end of the batch or of the worker.
        let sends = batch.iter().map(|c| async move {
            let sent = std::panic::AssertUnwindSafe(mailer.send(&c.message, &message_id(c))).catch_unwind().await;
            (c, sent.unwrap_or_else(|_| Err(Error::Delivery("panicked while sending".to_owned()))))
        });
        // Sending the batch together keeps the SMTP pool's connections busy in parallel.
        let results = join_all(sends).await;
        let done_at = now + Duration::from_std(started.elapsed()).unwrap_or_default();
        for (claimed, result) in results {
            match result {
                Ok(()) => {
                    outbox::mark_sent(db, claimed, done_at).await?;
                    delivered += 1;
                }
                Err(e) => {
                    let failure = match e {
                        Error::Rejected(_) | Error::Message(_) => Failure::Permanent,
                        _ => Failure::Transient,
                    };
                    let error = without_addresses(&e.to_string());
                    let gave_up = outbox::mark_failed(db, claimed, failure, &e.to_string(), done_at).await?;
                    if gave_up {
                        tracing::error!(outbox_id = claimed.id, attempts = claimed.attempts + 1, error = %error, "email given up");
                    } else {
                        tracing::warn!(outbox_id = claimed.id, attempt = claimed.attempts + 1, error = %error, "email delivery failed; will retry");
                    }
                }
            }
        }
    }
}

/// The Message-ID of a message: the same on every attempt (a receiver can
/// recognise a repeat), from its outbox row and when it was queued.
fn message_id(c: &outbox::Claimed) -> String {
    format!("turnout.{}.{}", c.id, c.queued_at.timestamp_micros())
}

/// An SMTP server's answer often quotes the recipient; the log must not.
fn without_addresses(text: &str) -> String {
    text.split(' ').map(|word| if word.contains('@') { "<address>" } else { word }).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn addresses_are_removed_from_logged_errors() {
        assert_eq!(super::without_addresses("550 <rosa@example.org>: no such user"), "550 <address> no such user");
    }
}
