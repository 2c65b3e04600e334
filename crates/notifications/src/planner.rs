use chrono::{DateTime, Utc};
use turnout_domain::reminders::{ReminderOffset, ReminderSet, due_now, longest_lead};
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::parse_zone;
use turnout_persistence::{Db, events, outbox, rsvps};

use crate::compose;
use crate::error::Error;
use crate::links::SiteLinks;

/// Queues every reminder that is due at `now` and not queued before, by the
/// reminders each event's organizers chose. Safe to run as often as you
/// like, from any number of instances: the outbox's unique key makes a second
/// queuing of the same reminder a no-op. A reminder already queued is
/// recognised by its key before anything is composed or written, so the
/// sweeps between two reminder moments write nothing.
pub async fn plan_reminders(db: &Db, now: DateTime<Utc>, links: &SiteLinks) -> Result<usize, Error> {
    let mut queued = 0;
    let any = longest_lead(&ReminderSet::ALL.offsets());
    for event in events::starting_within(db, now, any).await? {
        let offsets = event.rsvp_options.reminders.offsets();
        if offsets.is_empty() || now < event.starts_at - longest_lead(&offsets) {
            continue;
        }
        let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
        let (planned, last_sent) = outbox::reminders_of_event(db, event.id).await?;
        for person in rsvps::going(db, event.id, event.rsvp_options.maybe_reminder).await? {
            let last = last_sent.get(&person.rsvp_id).copied();
            let Some(offset) = due_now(&offsets, event.starts_at, zone, person.created_at, now, last) else {
                continue;
            };
            if planned.contains(&compose::reminder_key(person.rsvp_id, offset, event.starts_at)) {
                continue;
            }
            // Those who said maybe get the day-before reminder only (when the organizer asked).
            if person.status == RsvpStatus::Maybe && offset != ReminderOffset::DayBefore {
                continue;
            }
            let to = compose::Reminded { rsvp_id: person.rsvp_id, name: &person.name, email: &person.email, language: person.language };
            let message = compose::reminder(&event, offset, to, &links.base_url, &(links.manage)(person.rsvp_id), now);
            if outbox::enqueue(db, &message, now).await? {
                queued += 1;
            }
        }
    }
    Ok(queued)
}
