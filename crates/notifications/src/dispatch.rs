use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use futures_util::future::join_all;
use turnout_domain::email_address::normalize;
use turnout_domain::outbox::{Failure, MailCategory, NewMessage, kills_its_sender};
use turnout_persistence::{Db, opt_outs, outbox, suppression};

use crate::error::Error;
use crate::transport::Mailer;

/// How many messages one claim takes. A batch is sent in parallel (as far as
/// the SMTP pool allows), so this is also the most that can be sent twice
/// after a crash: what was in flight.
pub const BATCH: u64 = 256;
/// How long a claim holds before another instance may take its messages
/// over. Short, so a crash delays them by seconds; renewed while the batch
/// is being sent, so a slow batch never loses its claim.
pub const LEASE: Duration = Duration::seconds(20);
const RENEW_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

/// Delivers every message due at `now`. Returns how many were delivered.
pub async fn dispatch_due(db: &Db, mailer: &Mailer, now: DateTime<Utc>) -> Result<usize, Error> {
    dispatch_until(db, mailer, now, &AtomicBool::new(false)).await
}

/// Delivers every message due at `now`, batch by batch, until none is due or
/// `stop` is set (checked between batches: a stopping process finishes and
/// records the batch in hand, then leaves the rest for the next one).
/// A failed delivery is retried later with back-off; it never blocks the rest.
/// Each batch reads the clock anew (as `now` plus the time the sweep has
/// taken), so a long sweep never hands out leases that have already run out.
///
/// The next batch is claimed and checked while the current one is being
/// sent, so the SMTP sessions do not sit idle while the database answers.
/// Only the current batch is ever in flight: a crash can send again at most
/// one batch, and a stop hands the claimed next batch back at once.
pub async fn dispatch_until(db: &Db, mailer: &Mailer, now: DateTime<Utc>, stop: &AtomicBool) -> Result<usize, Error> {
    let started = std::time::Instant::now();
    let clock = || now + Duration::from_std(started.elapsed()).unwrap_or_default();
    let mut delivered = 0;
    if stop.load(Ordering::SeqCst) {
        return Ok(0);
    }
    let mut next = prepare(db, clock()).await?;
    while let Some(current) = next.take() {
        // Shared with the lanes that send it, so no message is copied.
        let current = Arc::new(current);
        let batch_started = std::time::Instant::now();
        let next_token: Mutex<Option<String>> = Mutex::new(None);
        let fetch = async {
            if stop.load(Ordering::SeqCst) {
                return Ok(None);
            }
            let prepared = prepare(db, clock()).await;
            if let Ok(Some(p)) = &prepared {
                *next_token.lock().unwrap_or_else(PoisonError::into_inner) = Some(p.token.clone());
            }
            prepared
        };
        let (results, fetched) = tokio::join!(send_batch(db, mailer, &current, &next_token, &clock), fetch);
        let done_at = clock();
        let (ok, failed): (Vec<_>, Vec<_>) = results.into_iter().partition(|(_, result)| result.is_ok());
        let sent: Vec<i64> = ok.iter().map(|(c, _)| c.id).collect();
        // What went out is recorded first; nothing after it can undo that.
        record_sent(db, &current.token, &sent, done_at).await;
        delivered += sent.len();
        tracing::debug!(sent = sent.len(), total = ?batch_started.elapsed(), "delivery batch");
        for (claimed, _) in &ok {
            if current.refused.contains(&normalize(&claimed.message.to_address)) {
                // It took mail again: reminders may go there again.
                if let Err(e) = suppression::lift(db, &claimed.message.to_address).await {
                    tracing::warn!(error = %e, "could not lift a suppression");
                }
            }
        }
        for (claimed, result) in failed {
            if let Err(e) = result
                && let Err(not_recorded) = record_failure(db, claimed, &e, done_at).await
            {
                // Its lease runs out and it is tried again: nothing is lost.
                tracing::error!(outbox_id = claimed.id, error = %not_recorded, "could not record a failed delivery");
            }
        }
        next = fetched?;
        if stop.load(Ordering::SeqCst)
            && let Some(unsent) = next.take()
        {
            // Claimed ahead but not sent: free at once, not after the lease.
            if let Err(e) = outbox::release(db, &unsent.token).await {
                tracing::warn!(error = %e, "could not hand back a claimed batch; it waits for its lease");
            }
        }
    }
    Ok(delivered)
}

/// A claimed batch, checked: what may go, and the addresses among it that
/// refused mail before.
struct Prepared {
    token: String,
    batch: Vec<outbox::Claimed>,
    refused: HashSet<String>,
}

/// Claims the next batch and sets aside what must not go. `None` when
/// nothing is due.
async fn prepare(db: &Db, now: DateTime<Utc>) -> Result<Option<Prepared>, Error> {
    let batch = outbox::claim(db, now, BATCH, LEASE).await?;
    let Some(token) = batch.first().map(|c| c.claim_token.clone()) else {
        return Ok(None);
    };
    let addresses: Vec<String> = batch.iter().map(|c| c.message.to_address.clone()).collect();
    let refused: HashSet<String> = suppression::among(db, &addresses).await?.into_iter().collect();
    let turned_off: HashSet<(String, MailCategory)> = opt_outs::turned_off(db, &addresses).await?.into_iter().collect();
    let batch = set_aside_what_must_not_go(db, batch, &refused, &turned_off, now).await?;
    Ok(Some(Prepared { token, batch, refused }))
}

/// Sends a batch, renewing its lease (and that of the batch claimed ahead,
/// once there is one) until every message has an outcome.
async fn send_batch<'a>(
    db: &Db,
    mailer: &Mailer,
    current: &'a Arc<Prepared>,
    next_token: &Mutex<Option<String>>,
    clock: &impl Fn() -> DateTime<Utc>,
) -> Vec<(&'a outbox::Claimed, Result<(), Error>)> {
    // One lane a session: each lane is a task of its own (so building and
    // sending spread over the runtime's threads) that sends its messages in
    // order, each message's envelope written with the previous one's end.
    // Messages are dealt to the lanes in turn, so the first of every lane
    // are the batch's first (account mail and confirmations lead).
    // A panic while composing one message is that message's failed attempt
    // (`send_lane`); one while sending fails its lane's messages, never the
    // batch or the worker.
    let lanes = mailer.lanes().clamp(1, current.batch.len().max(1));
    let mut dealt: Vec<Vec<usize>> = (0..lanes).map(|_| Vec::new()).collect();
    for at in 0..current.batch.len() {
        dealt[at % lanes].push(at);
    }
    let sends = dealt.into_iter().map(|lane| {
        let (mailer, batch, places) = (mailer.clone(), Arc::clone(current), lane.clone());
        let task = tokio::spawn(async move {
            let messages: Vec<(&NewMessage, String)> =
                places.iter().map(|&at| (&batch.batch[at].message, message_id(&batch.batch[at]))).collect();
            mailer.send_lane(&messages).await
        });
        async move {
            let outcomes =
                task.await.unwrap_or_else(|_| lane.iter().map(|_| Err(Error::Delivery("panicked while sending".to_owned()))).collect());
            lane.into_iter().map(|at| &current.batch[at]).zip(outcomes).collect::<Vec<_>>()
        }
    });
    let renewing = async {
        loop {
            tokio::time::sleep(RENEW_EVERY).await;
            let ahead = next_token.lock().unwrap_or_else(PoisonError::into_inner).clone();
            for token in std::iter::once(&current.token).chain(ahead.as_ref()) {
                if let Err(e) = outbox::renew(db, token, clock() + LEASE).await {
                    tracing::warn!(error = %e, "could not renew a delivery lease");
                }
            }
        }
    };
    tokio::select! {
        results = join_all(sends) => results.into_iter().flatten().collect(),
        () = renewing => unreachable!("renewal never ends"),
    }
}

/// Sets aside, without sending: a message its senders kept dying on (given
/// up), one past its `not_after` (expired), the reminders that no longer tell
/// the truth, and the reminders and notices to addresses that refused mail for good
/// (`refused`, normalized), and mail of a kind its recipient turned off
/// (`turned_off`: normalized address and kind). Returns the rest of the batch.
async fn set_aside_what_must_not_go(
    db: &Db,
    batch: Vec<outbox::Claimed>,
    refused: &HashSet<String>,
    turned_off: &HashSet<(String, MailCategory)>,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Claimed>, Error> {
    let stale: std::collections::HashMap<i64, &str> = outbox::stale_reminders(db, &batch).await?.into_iter().collect();
    let mut keep = Vec::with_capacity(batch.len());
    for c in batch {
        if kills_its_sender(c.claims, c.attempts) {
            let why = format!("given up: claimed {} times without an outcome (its senders stopped while holding it)", c.claims - 1);
            tracing::error!(outbox_id = c.id, "email given up: its sender stopped each time it held it");
            outbox::set_aside(db, &c, outbox::FAILED, &why).await?;
        } else if c.message.not_after.is_some_and(|end| end <= now) {
            outbox::set_aside(db, &c, outbox::EXPIRED, "not delivered: too late to be of use").await?;
        } else if let Some(why) = stale.get(&c.id) {
            outbox::set_aside(db, &c, outbox::WITHDRAWN, why).await?;
        } else if let Some(category) = c.message.kind.category()
            && turned_off.contains(&(normalize(&c.message.to_address), category))
        {
            let why = format!("withdrawn: the recipient turned off {}", category.as_str());
            outbox::set_aside(db, &c, outbox::WITHDRAWN, &why).await?;
        } else if !c.message.kind.is_essential() && refused.contains(&normalize(&c.message.to_address)) {
            outbox::set_aside(db, &c, outbox::SUPPRESSED, "suppressed: the address refused mail before").await?;
        } else {
            keep.push(c);
        }
    }
    Ok(keep)
}

/// Records a failed attempt: retried later, or given up (logged at error
/// level with why). A refusal for good also suppresses the address.
async fn record_failure(db: &Db, claimed: &outbox::Claimed, e: &Error, now: DateTime<Utc>) -> Result<(), Error> {
    let failure = match e {
        Error::Rejected(_) | Error::Message(_) => Failure::Permanent,
        _ => Failure::Transient,
    };
    let error = without_addresses(&e.to_string());
    if matches!(e, Error::Rejected(_)) {
        suppression::suppress(db, &claimed.message.to_address, &error, now).await?;
    }
    let gave_up = outbox::mark_failed(db, claimed, failure, &e.to_string(), now).await?;
    if gave_up {
        tracing::error!(outbox_id = claimed.id, attempts = claimed.attempts + 1, error = %error, "email given up");
    } else {
        tracing::warn!(outbox_id = claimed.id, attempt = claimed.attempts + 1, error = %error, "email delivery failed; will retry");
    }
    Ok(())
}

/// Marks a batch's delivered messages sent in one statement. The messages are
/// already out, so a failed update is tried again rather than abandoned: if it
/// never lands, the lease runs out and the batch goes again (with the same
/// Message-IDs), which is the most a crash could cost.
async fn record_sent(db: &Db, token: &str, sent: &[i64], now: DateTime<Utc>) {
    for attempt in 1..=5u32 {
        match outbox::mark_sent(db, token, sent, now).await {
            Ok(()) => return,
            Err(e) => {
                tracing::warn!(attempt, error = %e, "could not record delivered messages; trying again");
                tokio::time::sleep(std::time::Duration::from_millis(200 * u64::from(attempt))).await;
            }
        }
    }
    tracing::error!(messages = sent.len(), "could not record delivered messages; they will be sent again after the lease");
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
