//! The retention sweep: erases the names and addresses of past events'
//! attendees for chapters that asked for it, one event per transaction, and
//! writes one audit line per event erased. Idempotent: what was erased is
//! not found again, so a second run (or a second instance) does nothing.

use chrono::{DateTime, Utc};
use turnout_persistence::{Db, audit, begin_write, retention};

use crate::error::Error;

/// What one sweep erased.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RetentionReport {
    pub events: usize,
    pub rsvps: u64,
}

pub async fn sweep(db: &Db, now: DateTime<Utc>) -> Result<RetentionReport, Error> {
    let mut report = RetentionReport::default();
    for due in retention::due(db, now).await? {
        let txn = begin_write(db).await?;
        // Counted inside the transaction: another instance may have erased it meanwhile.
        let erased = retention::erase_event(&txn, due.event_id).await?;
        if erased > 0 {
            // The audit line names the event and the chapter, never a person.
            let detail =
                format!("{}: {erased} RSVPs' names and addresses erased, {} days after the event", due.chapter_slug, due.retention_days);
            audit::record(&txn, None, "retention.erase", &format!("event #{}", due.event_id), &detail, now).await?;
            report.events += 1;
            report.rsvps += erased;
        }
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
    }
    Ok(report)
}
