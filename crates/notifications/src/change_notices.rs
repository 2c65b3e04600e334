//! Sending the change notices whose gathering time is over: one message per
//! person going or waitlisted, saying old → new, with the updated calendar
//! entry. The waiting row is taken in the transaction that queues the
//! messages, so instances sweeping at once send each notice once.

use chrono::{DateTime, Utc};
use turnout_domain::changes::{Told, differences, differences_in};
use turnout_domain::event::EventStatus;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::parse_zone;
use turnout_persistence::{Db, begin_write, event_changes, events, outbox, rsvps};

use crate::compose;
use crate::error::Error;
use crate::links::SiteLinks;

/// Queues the notices due at `now`; returns how many messages were queued.
pub async fn send_due(db: &Db, now: DateTime<Utc>, links: &SiteLinks) -> Result<usize, Error> {
    let mut queued = 0;
    for pending in event_changes::due(db, now).await? {
        let txn = begin_write(db).await?;
        if !event_changes::take(&txn, pending.event_id).await? {
            continue;
        }
        let event = events::details(&txn, pending.event_id).await?;
        // A cancelled event's cancellation says all; a past one needs nothing.
        let Some(event) = event.filter(|e| e.status == EventStatus::Published && e.starts_at > now) else {
            txn.commit().await.map_err(turnout_persistence::Error::from)?;
            continue;
        };
        let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
        let current = Told {
            starts_at: event.starts_at,
            ends_at: event.ends_at,
            place: event.venue.as_ref().map(|v| v.one_line()).unwrap_or_default(),
            online_url: event.online_url.clone(),
        };
        let changes = differences(&pending.told, &current, zone);
        if !changes.is_empty() {
            for person in rsvps::attendees_with_address(&txn, event.id).await? {
                if !matches!(person.status, RsvpStatus::Going | RsvpStatus::Waitlisted) {
                    continue;
                }
                let key = format!("change:{}:{}:{}", person.rsvp_id, event.sequence, pending.notify_at.timestamp());
                let to = compose::Reminded { rsvp_id: person.rsvp_id, name: &person.name, email: &person.email, language: person.language };
                let manage = (links.manage)(person.rsvp_id);
                // Worded in this person's language (the test above is the same in any).
                let changes = differences_in(person.language, &pending.told, &current, zone);
                let message = compose::change_notice(&event, &changes, to, person.status, &links.base_url, &manage, &links.mail_from, &key);
                if outbox::enqueue(&txn, &message, now).await? {
                    queued += 1;
                }
            }
        }
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
    }
    Ok(queued)
}
