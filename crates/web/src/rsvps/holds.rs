//! Seats held for guests who must confirm by email: the sweep that releases
//! those not confirmed in time, each in its own transaction with the
//! promotion it allows and the emails it causes.

use chrono::{DateTime, Utc};
use turnout_notifications::compose::{self, Recipient};
use turnout_persistence::{audit, begin_write, events, outbox, rsvps};

use crate::http::error::Error;
use crate::state::AppState;

/// Releases every hold that ran out by `now`; returns how many. Safe to run
/// from several instances at once: the cancel is a guarded UPDATE, so each
/// hold is released (and mailed) once.
pub async fn release_expired(s: &AppState, now: DateTime<Utc>) -> Result<usize, Error> {
    let mut released = 0;
    for (rsvp_id, event_id) in rsvps::expired_holds(&s.db, now).await? {
        let Some(event) = events::details(&s.db, event_id).await? else { continue };
        let txn = begin_write(&s.db).await?;
        let Some(r) = rsvps::find_by_id(&txn, rsvp_id).await? else { continue };
        // Confirmed or changed since the list was read: nothing to release.
        if r.status != turnout_domain::rsvp::RsvpStatus::Going || r.hold_until.is_none_or(|until| until > now) {
            continue;
        }
        let Some(was) = rsvps::cancel(&txn, rsvp_id, now).await? else { continue };
        let promoted = if was == turnout_domain::rsvp::RsvpStatus::Going { s.fill_freed_seats(&txn, &event, now).await? } else { 0 };
        if !r.email.is_empty() {
            let manage_url = s.manage_url(rsvp_id);
            let to = Recipient {
                rsvp_id,
                name: &r.name,
                email: &r.email,
                manage_url: &manage_url,
                waitlist_position: None,
                guests: r.guests,
                hold_until: None,
                language: r.language,
            };
            outbox::enqueue(&txn, &compose::hold_released(&event, to, &s.base_url), now).await?;
        }
        let what = format!("not confirmed in time; {promoted} promoted from the waitlist");
        audit::record(&txn, None, "rsvp.hold_released", &format!("rsvp #{rsvp_id}"), &what, now).await?;
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
        released += 1;
    }
    if released > 0 {
        s.notifier.wake();
    }
    Ok(released)
}

/// Runs the sweep every minute until the process stops.
pub fn spawn_sweeper(s: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            if let Err(e) = release_expired(&s, Utc::now()).await {
                tracing::error!(error = %e, "releasing held RSVPs failed; the next sweep will retry");
            }
        }
    })
}
