//! A chapter's page: its upcoming and past events and those of the chapters
//! below it, its sub-chapters, and the visitor's membership.

use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use turnout_domain::policy::{Action, Decision, Role, decide};
use turnout_persistence::{events, memberships};

use crate::chapters::views::Membership;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::reads;
use crate::state::AppState;

/// Upcoming events listed on a chapter's page at most.
pub(super) const LIST_LIMIT: u64 = 100;

pub(super) async fn chapter(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    // What everyone sees comes from the cache while nothing changed (see `reads`).
    let version = s.reads.version(&s.db).await?;
    let all = reads::chapters(&s.reads, &s.db, version).await?;
    let chapter = all.iter().find(|c| c.slug == slug).cloned().ok_or(Error::NotFound)?;
    let parent = all.iter().find(|c| Some(c.id) == chapter.parent_id);
    let children: Vec<_> = all.iter().filter(|c| c.parent_id == Some(chapter.id)).cloned().collect();
    // A chapter's pages show the events of the chapters below it too.
    let family = reads::family(&s.reads, &s.db, version, chapter.id).await?.as_ref().clone();
    // Members and organizers find the members-only events they may open.
    let scope = crate::http::access::members_only_scope(&s.db, v.actor()).await?;
    let search = events::Search { chapter_ids: family.clone(), limit: LIST_LIMIT, members_only: scope.clone(), ..Default::default() };
    let upcoming = reads::search(&s.reads, &s.db, version, &search).await?;
    let key = format!("past:{family:?}:{scope:?}");
    let past = s
        .reads
        .get(version.content_only(), key, Some(reads::CLOCK_BOUND), async {
            Ok(events::past(&s.db, Utc::now(), family, &scope, 20).await?)
        })
        .await?;
    let membership = match &v.user {
        None => Membership::Anonymous,
        Some(u) => match memberships::all_for_user(&s.db, u.id).await?.into_iter().find(|(c, _, _)| *c == chapter.id) {
            None if memberships::declined(&s.db, u.id, chapter.id).await? => Membership::Declined,
            None => Membership::None,
            Some((_, _, true)) => Membership::Pending,
            Some((_, Role::Organizer, _)) => Membership::Organizer,
            Some((_, Role::Member, _)) => Membership::Member,
        },
    };
    // Its line up to the national body, from the list already read.
    let mut line = vec![chapter.id];
    while let Some(parent) = all.iter().find(|c| Some(c.id) == line.last().copied()).and_then(|c| c.parent_id) {
        if line.contains(&parent) || line.len() > 16 {
            break;
        }
        line.push(parent);
    }
    let manage = decide(v.actor(), &Action::ManageEvents { chapter_line: &line }) == Decision::Allow;
    let v = v.in_chapter(chapter.default_language);
    Ok(crate::chapters::views::chapter(&v, &chapter, parent, &children, (&upcoming, &past), membership, manage).into_response())
}
