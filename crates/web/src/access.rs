//! Asking the policy about an event: the hosting chapter and each co-hosting
//! chapter bring their own line of ancestors, and a right in any of them counts.

use turnout_domain::event::EventDetails;
use turnout_domain::policy::{Action, Actor, Decision, decide};
use turnout_persistence::{ConnectionTrait, chapters};

use crate::error::Error;

/// Which question to ask for each chapter line.
#[derive(Debug, Clone, Copy)]
pub enum EventRight {
    SeeMembersOnly,
    SeeAttendees,
    ManageEvents,
}

/// The lines of the host and the co-hosts: `[chapter, parent, ...]` each.
pub async fn event_lines(db: &impl ConnectionTrait, e: &EventDetails) -> Result<Vec<Vec<i64>>, Error> {
    let mut lines = vec![chapters::line(db, e.chapter_id).await?];
    for c in &e.cohosts {
        lines.push(chapters::line(db, c.id).await?);
    }
    Ok(lines)
}

/// The policy's answer for the best of the lines: allowed through any chapter
/// means allowed.
pub fn decide_event(actor: Option<&Actor>, lines: &[Vec<i64>], right: EventRight) -> Decision {
    let mut first = None;
    for line in lines {
        let action = match right {
            EventRight::SeeMembersOnly => Action::SeeMembersOnly { chapter_line: line },
            EventRight::SeeAttendees => Action::SeeAttendees { chapter_line: line },
            EventRight::ManageEvents => Action::ManageEvents { chapter_line: line },
        };
        let d = decide(actor, &action);
        if d == Decision::Allow {
            return d;
        }
        first.get_or_insert(d);
    }
    first.unwrap_or(Decision::Forbidden)
}

pub async fn can(db: &impl ConnectionTrait, actor: Option<&Actor>, e: &EventDetails, right: EventRight) -> Result<Decision, Error> {
    Ok(decide_event(actor, &event_lines(db, e).await?, right))
}
