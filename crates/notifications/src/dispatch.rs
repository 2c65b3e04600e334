use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use turnout_persistence::{Db, outbox};

use crate::error::Error;
use crate::transport::Mailer;

/// How many messages one claim takes; a batch is sent in parallel.
const BATCH: u64 = 32;
/// How long a claim holds before another instance may take the message over.
const LEASE_MINUTES: i64 = 5;

/// Delivers every message due at `now`. Returns how many were delivered.
/// A failed delivery is retried later with back-off; it never blocks the rest.
pub async fn dispatch_due(db: &Db, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize, Error> {
    let mut delivered = 0;
    loop {
        let batch = outbox::claim(db, now, BATCH, Duration::minutes(LEASE_MINUTES)).await?;
        if batch.is_empty() {
            return Ok(delivered);
        }
        let sends = batch.iter().map(|c| async move {
            let message_id = format!("outbox-{}-{}", c.id, c.claim_token);
            (c, mailer.send(&c.message, &message_id).await)
        });
        // Sending the batch together keeps the SMTP pool's connections busy in parallel.
        for (claimed, result) in join_all(sends).await {
            match result {
                Ok(()) => {
                    outbox::mark_sent(db, claimed, now).await?;
                    delivered += 1;
                }
                Err(e) => {
                    let error = without_addresses(&e.to_string());
                    tracing::warn!(outbox_id = claimed.id, attempt = claimed.attempts + 1, error = %error, "email delivery failed; will retry");
                    outbox::mark_failed(db, claimed, &e.to_string(), now).await?;
                }
            }
        }
    }
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
