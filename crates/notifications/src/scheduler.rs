//! The background worker. tokio-cron-scheduler fires once a minute on a UTC
//! schedule and only wakes the worker; the worker's sweep (`tick`) is a plain
//! function of the current time, so tests drive it with a controlled clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use futures_util::FutureExt;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tokio_cron_scheduler::{Job, JobScheduler};
use turnout_persistence::Db;

use crate::dispatch::dispatch_until;
use crate::error::Error;
use crate::links::SiteLinks;
use crate::planner::plan_reminders;
use crate::transport::Mailer;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickReport {
    pub reminders_queued: usize,
    pub notices_queued: usize,
    pub digests_queued: usize,
    pub delivered: usize,
}

/// One sweep: queue the reminders due at `now`, deliver what is due, and drop
/// rate-limit counters that have long expired.
pub async fn tick(db: &Db, mailer: &Mailer, links: &SiteLinks, now: DateTime<Utc>) -> Result<TickReport, Error> {
    tick_until(db, mailer, links, now, &AtomicBool::new(false)).await
}

/// A sweep that ends between two batches once `stop` is set. Planning and
/// delivery fail separately: a planning error is logged and delivery (account
/// mail included) still runs.
pub async fn tick_until(db: &Db, mailer: &Mailer, links: &SiteLinks, now: DateTime<Utc>, stop: &AtomicBool) -> Result<TickReport, Error> {
    let reminders_queued = match plan_reminders(db, now, links).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "planning reminders failed; delivery goes on and the next sweep plans again");
            0
        }
    };
    let notices_queued = match crate::change_notices::send_due(db, now, links).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "queuing change notices failed; delivery goes on and the next sweep tries again");
            0
        }
    };
    let digests_queued = match crate::digest::send_due(db, now, links).await {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "queuing weekly digests failed; delivery goes on and the next sweep tries again");
            0
        }
    };
    let delivered = dispatch_until(db, mailer, now, stop).await?;
    if !stop.load(Ordering::SeqCst) {
        turnout_persistence::rate_limits::purge_expired(db, now, 10_000).await?;
        turnout_persistence::outbox::purge_finished(db, now - mailer.keep_sent()).await?;
    }
    Ok(TickReport { reminders_queued, notices_queued, digests_queued, delivered })
}

/// Wakes the worker early, e.g. right after an RSVP queued its confirmation,
/// so people do not wait for the next minute. A wake while a sweep runs is
/// remembered and causes one more sweep.
#[derive(Clone, Default)]
pub struct Notifier {
    wake: Arc<Notify>,
    /// Set when the worker's task ended without being asked to stop.
    worker_gone: Arc<std::sync::atomic::AtomicBool>,
    /// Test hook: makes the worker's task end as if it had died.
    #[cfg(feature = "test-hooks")]
    die: Arc<AtomicBool>,
}

impl Notifier {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Test hook: the worker's task ends at its next wake, as if it had died.
    #[cfg(feature = "test-hooks")]
    pub fn end_worker_for_test(&self) {
        self.die.store(true, Ordering::SeqCst);
        self.wake();
    }

    /// Whether the mail worker died (readiness fails: mail would pile up).
    pub fn worker_gone(&self) -> bool {
        self.worker_gone.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Marks the worker gone if its task ends other than by `Worker::stop`.
struct Watchman {
    gone: Arc<std::sync::atomic::AtomicBool>,
    stopping: bool,
}

impl Drop for Watchman {
    fn drop(&mut self) {
        if !self.stopping {
            self.gone.store(true, std::sync::atomic::Ordering::SeqCst);
        }
    }
}

/// The worker's clock: the time, unless a test of the real binary moved it
/// (`TURNOUT_TEST_CLOCK_OFFSET_SECONDS`, read only in builds with the test
/// hooks) to reach a reminder's moment without waiting for it.
fn clock() -> DateTime<Utc> {
    #[cfg(feature = "test-hooks")]
    {
        static OFFSET: std::sync::OnceLock<chrono::Duration> = std::sync::OnceLock::new();
        let offset = OFFSET.get_or_init(|| {
            std::env::var("TURNOUT_TEST_CLOCK_OFFSET_SECONDS")
                .ok()
                .and_then(|s| s.parse().ok())
                .map(chrono::Duration::seconds)
                .unwrap_or_default()
        });
        Utc::now() + *offset
    }
    #[cfg(not(feature = "test-hooks"))]
    Utc::now()
}

/// How often the worker runs the retention sweep (`crate::retention`).
const RETENTION_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

async fn retention_sweep(db: &Db) {
    match crate::retention::sweep(db, Utc::now()).await {
        Ok(r) if r.events > 0 => tracing::info!(events = r.events, rsvps = r.rsvps, "retention sweep erased attendee data"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "retention sweep failed; the next one will retry"),
    }
}

/// The running worker and its schedule.
pub struct Worker {
    scheduler: JobScheduler,
    stop: watch::Sender<bool>,
    /// Seen by the sweep in progress: it ends after the batch in hand.
    stopping: Arc<AtomicBool>,
    handle: JoinHandle<()>,
}

impl Worker {
    /// Starts the minute schedule and the worker, and sweeps once at once to
    /// catch up with whatever fell due while the process was down.
    pub async fn start(db: Db, mailer: Mailer, links: SiteLinks, notifier: Notifier) -> Result<Self, Error> {
        let scheduler = JobScheduler::new().await.map_err(|e| Error::Scheduler(e.to_string()))?;
        let wake = notifier.clone();
        let job = Job::new_async("0 * * * * *", move |_, _| {
            let wake = wake.clone();
            Box::pin(async move { wake.wake() })
        })
        .map_err(|e| Error::Scheduler(e.to_string()))?;
        scheduler.add(job).await.map_err(|e| Error::Scheduler(e.to_string()))?;
        scheduler.start().await.map_err(|e| Error::Scheduler(e.to_string()))?;

        notifier.wake();
        let (stop, mut stopped) = watch::channel(false);
        let stopping = Arc::new(AtomicBool::new(false));
        let stop_flag = stopping.clone();
        let handle = tokio::spawn(async move {
            let mut watchman = Watchman { gone: notifier.worker_gone.clone(), stopping: false };
            let mut last_retention: Option<std::time::Instant> = None;
            // When a lease held by another (perhaps dead) sender runs out.
            let mut lease_end: Option<tokio::time::Instant> = None;
            loop {
                let lease_over = async {
                    match lease_end {
                        Some(at) => tokio::time::sleep_until(at).await,
                        None => std::future::pending().await,
                    }
                };
                tokio::select! {
                    _ = notifier.wake.notified() => {}
                    () = lease_over => {}
                    _ = stopped.changed() => { watchman.stopping = true; break }
                }
                #[cfg(feature = "test-hooks")]
                if notifier.die.load(Ordering::SeqCst) {
                    return;
                }
                // A panic in one sweep is logged and the next sweep runs.
                let swept = std::panic::AssertUnwindSafe(tick_until(&db, &mailer, &links, clock(), &stop_flag)).catch_unwind().await;
                match swept {
                    Ok(Ok(r)) if r.reminders_queued + r.notices_queued + r.digests_queued + r.delivered > 0 => {
                        tracing::info!(
                            reminders_queued = r.reminders_queued,
                            notices_queued = r.notices_queued,
                            digests_queued = r.digests_queued,
                            delivered = r.delivered,
                            "outbox sweep"
                        );
                    }
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => {
                        tracing::error!(error = %e, "outbox sweep failed; the next one will retry")
                    }
                    Err(_) => tracing::error!("outbox sweep panicked; the next one will retry"),
                }
                if stop_flag.load(Ordering::SeqCst) {
                    watchman.stopping = true;
                    break;
                }
                // Messages claimed by a sender that died go out as soon as its
                // lease ends, not at the next minute.
                lease_end = match turnout_persistence::outbox::next_lease_end(&db).await {
                    Ok(Some(end)) => {
                        let wait = (end - clock()).to_std().unwrap_or_default() + std::time::Duration::from_millis(100);
                        Some(tokio::time::Instant::now() + wait)
                    }
                    _ => None,
                };
                // Retention is counted in days: at start (a process restarted
                // more often than hourly still sweeps) and then hourly.
                if last_retention.is_none_or(|t| t.elapsed() >= RETENTION_EVERY) {
                    last_retention = Some(std::time::Instant::now());
                    retention_sweep(&db).await;
                }
            }
            mailer.close().await;
        });
        let worker = Self { scheduler, stop, stopping, handle };
        Ok(worker)
    }

    /// Stops the schedule and waits for the batch being sent to finish and be
    /// recorded; the rest of the backlog stays queued for the next start.
    pub async fn stop(mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Err(e) = self.scheduler.shutdown().await {
            tracing::warn!(error = %e, "scheduler shutdown");
        }
        let _ = self.stop.send(true);
        let _ = self.handle.await;
    }
}
