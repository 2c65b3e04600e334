//! Asking the policy about an event: the hosting chapter and each co-hosting
//! chapter bring their own line of ancestors; `turnout_domain::policy` says
//! what each line grants.

use crate::http::visitor::Visitor;
use turnout_domain::event::{EventDetails, EventStatus, Visibility};
use turnout_domain::policy::{Action, Actor, Decision, EventAction, EventChapters, MembersOnlyScope, decide};
use turnout_persistence::{ConnectionTrait, chapters, events};

use crate::http::error::Error;
use crate::state::AppState;

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

/// Loads an event this visitor may see, or `NotFound`: drafts (but for
/// their organizers) and, for anyone but the chapter's members and
/// organizers, members-only events.
/// Read through the cache of public reads (`crate::reads`), which is never
/// behind the database.
pub async fn visible_event(s: &AppState, id: &str, actor: Option<&Actor>) -> Result<EventDetails, Error> {
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    let version = s.reads.version(&s.db).await?;
    let Some(r) = crate::reads::event(&s.reads, &s.db, version, id).await? else { return Err(Error::NotFound) };
    check_visible(&r.details, &r.lines, actor)?;
    Ok(r.details)
}

/// As `visible_event`, but its `seats_taken` may be behind: for a use case
/// that takes seats in its own transaction (an RSVP), so an RSVP rush does
/// not read every event's counts again for each RSVP.
pub async fn visible_event_without_counts(s: &AppState, id: &str, actor: Option<&Actor>) -> Result<EventDetails, Error> {
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    let version = s.reads.version(&s.db).await?;
    let read = crate::reads::event_base(&s.reads, &s.db, version, id).await?;
    let Some(r) = read.as_ref() else { return Err(Error::NotFound) };
    check_visible(&r.details, &r.lines, actor)?;
    Ok(r.details.clone())
}

/// `NotFound` unless `actor` may see `e` (see `visible_event`).
pub fn check_visible(e: &EventDetails, lines: &EventChapters, actor: Option<&Actor>) -> Result<(), Error> {
    // A draft is its organizers' preview; nobody else learns it exists.
    if e.status == EventStatus::Draft && decide_event(actor, lines, EventRight::Manage) != Decision::Allow {
        return Err(Error::NotFound);
    }
    if e.visibility == Visibility::MembersOnly && decide_event(actor, lines, EventRight::SeeMembersOnly) != Decision::Allow {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// Which members-only events `actor` finds listed (see
/// `turnout_domain::policy::members_only_scope`).
pub async fn members_only_scope(db: &impl ConnectionTrait, actor: Option<&Actor>) -> Result<MembersOnlyScope, Error> {
    if actor.is_none() {
        return Ok(MembersOnlyScope::Nothing);
    }
    let tree: Vec<(i64, Option<i64>)> = chapters::list(db).await?.iter().map(|c| (c.id, c.parent_id)).collect();
    Ok(turnout_domain::policy::members_only_scope(actor, &tree))
}

/// Turns the policy's answer into a response for a page at `path`.
pub fn require(v: &Visitor, action: &Action<'_>, path: &str) -> Result<(), Error> {
    answer(decide(v.actor(), action), path)
}

/// What a decision means for a request to `path`.
pub fn answer(decision: Decision, path: &str) -> Result<(), Error> {
    match decision {
        Decision::Allow => Ok(()),
        Decision::LogIn => Err(Error::LoginRequired(path.to_owned())),
        Decision::Forbidden => Err(Error::Forbidden("error-no-permission")),
        Decision::Hidden => Err(Error::NotFound),
    }
}
