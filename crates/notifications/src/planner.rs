use chrono::{DateTime, Utc};
use turnout_domain::outbox::MessageKind;
use turnout_domain::reminders::{ReminderOffset, default_offsets, due_now, longest_lead};
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::parse_zone;
use turnout_persistence::{Db, events, outbox, rsvps};

use crate::compose;
use crate::error::Error;

/// Queues every reminder that is due at `now` and not queued before. Safe to
/// run as often as you like, from any number of instances: the outbox's
/// unique key makes a second queuing of the same reminder a no-op. A reminder
/// already queued is recognised by its key before anything is composed or
/// written, so the sweeps between two reminder moments write nothing.
pub async fn plan_reminders(db: &Db, now: DateTime<Utc>, base_url: &str) -> Result<usize, Error> {
    let offsets = default_offsets();
    let mut queued = 0;
    for event in events::starting_within(db, now, longest_lead(&offsets)).await? {
        let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
        let planned = outbox::keys_for_event(db, event.id, MessageKind::Reminder).await?;
        for person in rsvps::going(db, event.id, event.rsvp_options.maybe_reminder).await? {
            let Some(offset) = due_now(&offsets, event.starts_at, zone, person.created_at, now) else {
                continue;
            };
            if planned.contains(&compose::reminder_key(person.rsvp_id, offset, event.starts_at)) {
                continue;
            }
            // Those who said maybe get the day-before reminder only (when the organizer asked).
            if person.status == RsvpStatus::Maybe && offset != ReminderOffset::DayBefore {
                continue;
            }
            let message = compose::reminder(&event, person.rsvp_id, offset, &person.name, &person.email, base_url);
            if outbox::enqueue(db, &message, now).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}
