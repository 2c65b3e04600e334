//! Asking the policy about an event: the hosting chapter and each co-hosting
//! chapter bring their own line of ancestors; `turnout_domain::policy` says
//! what each line grants.

use turnout_domain::event::EventDetails;
use turnout_domain::policy::{Actor, Decision, EventAction, EventChapters};
use turnout_persistence::{ConnectionTrait, chapters, events};

use crate::http::error::Error;

pub use turnout_domain::policy::EventAction as EventRight;

/// The lines of the host and of every co-host named, with its answer.
pub async fn event_lines(db: &impl ConnectionTrait, e: &EventDetails) -> Result<EventChapters, Error> {
    let mut lines = EventChapters { host: chapters::line(db, e.chapter_id).await?, cohosts: Vec::new() };
    for c in &e.cohost_invitations {
        lines.cohosts.push((c.status, chapters::line(db, c.chapter.id).await?));
    }
    Ok(lines)
}

pub fn decide_event(actor: Option<&Actor>, lines: &EventChapters, right: EventAction) -> Decision {
    turnout_domain::policy::decide_event(actor, lines, right)
}

pub async fn can(db: &impl ConnectionTrait, actor: Option<&Actor>, e: &EventDetails, right: EventAction) -> Result<Decision, Error> {
    Ok(decide_event(actor, &event_lines(db, e).await?, right))
}

/// Whether the policy allows `right` on every one of these events (a
/// change that spans several, like a series edit, needs it on each).
pub async fn can_every(db: &impl ConnectionTrait, actor: Option<&Actor>, ids: &[i64], right: EventAction) -> Result<bool, Error> {
    let found = events::details_many(db, ids).await?;
    if found.len() != ids.len() {
        return Ok(false);
    }
    for e in &found {
        if can(db, actor, e, right).await? != Decision::Allow {
            return Ok(false);
        }
    }
    Ok(true)
}
