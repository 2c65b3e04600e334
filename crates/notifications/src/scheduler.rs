//! The background worker. tokio-cron-scheduler fires once a minute on a UTC
//! schedule and only wakes the worker; the worker's sweep (`tick`) is a plain
//! function of the current time, so tests drive it with a controlled clock.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use futures_util::FutureExt;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tokio_cron_scheduler::{Job, JobScheduler};
use turnout_persistence::Db;

use crate::dispatch::dispatch_due;
use crate::error::Error;
use crate::planner::plan_reminders;
use crate::transport::Mailer;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TickReport {
    pub reminders_queued: usize,
    pub delivered: usize,
}

/// One sweep: queue the reminders due at `now`, deliver what is due, and drop
/// rate-limit counters that have long expired.
pub async fn tick(db: &Db, mailer: &Mailer, base_url: &str, now: DateTime<Utc>) -> Result<TickReport, Error> {
    let reminders_queued = plan_reminders(db, now, base_url).await?;
    let delivered = dispatch_due(db, mailer, now).await?;
    turnout_persistence::rate_limits::purge_expired(db, now, 10_000).await?;
    turnout_persistence::outbox::purge_finished(db, now - mailer.keep_sent()).await?;
    Ok(TickReport { reminders_queued, delivered })
}

/// Wakes the worker early, e.g. right after an RSVP queued its confirmation,
/// so people do not wait for the next minute. A wake while a sweep runs is
/// remembered and causes one more sweep.
#[derive(Clone, Default)]
pub struct Notifier {
    wake: Arc<Notify>,
    /// Set when the worker's task ended without being asked to stop.
    worker_gone: Arc<std::sync::atomic::AtomicBool>,
}

impl Notifier {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn wake(&self) {
        self.wake.notify_one();
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
    handle: JoinHandle<()>,
}

impl Worker {
    /// Starts the minute schedule and the worker, and sweeps once at once to
    /// catch up with whatever fell due while the process was down.
    pub async fn start(db: Db, mailer: Mailer, base_url: String, notifier: Notifier) -> Result<Self, Error> {
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
        let handle = tokio::spawn(async move {
            let mut watchman = Watchman { gone: notifier.worker_gone.clone(), stopping: false };
            let mut last_retention: Option<std::time::Instant> = None;
            loop {
                tokio::select! {
                    _ = notifier.wake.notified() => {}
                    _ = stopped.changed() => { watchman.stopping = true; break }
                }
                // A panic in one sweep is logged and the next sweep runs.
                let swept = std::panic::AssertUnwindSafe(tick(&db, &mailer, &base_url, Utc::now())).catch_unwind().await;
                match swept {
                    Ok(Ok(r)) if r.reminders_queued + r.delivered > 0 => {
                        tracing::info!(reminders_queued = r.reminders_queued, delivered = r.delivered, "outbox sweep");
                    }
                    Ok(Ok(_)) => {}
                    Ok(Err(e)) => {
                        tracing::error!(error = %e, "outbox sweep failed; the next one will retry")
                    }
                    Err(_) => tracing::error!("outbox sweep panicked; the next one will retry"),
                }
                // Retention is counted in days: at start (a process restarted
                // more often than hourly still sweeps) and then hourly.
                if last_retention.is_none_or(|t| t.elapsed() >= RETENTION_EVERY) {
                    last_retention = Some(std::time::Instant::now());
                    retention_sweep(&db).await;
                }
            }
        });
        let worker = Self { scheduler, stop, handle };
        Ok(worker)
    }

    /// Stops the schedule and waits for the sweep in progress (and the message
    /// being sent) to finish.
    pub async fn stop(mut self) {
        if let Err(e) = self.scheduler.shutdown().await {
            tracing::warn!(error = %e, "scheduler shutdown");
        }
        let _ = self.stop.send(true);
        let _ = self.handle.await;
    }
}
