//! The weekly digest: for each member who asked for it, on Monday from 9:00
//! in the time zone of their first chapter, one email of their chapters'
//! events in the next two weeks, led by what is new or changed since last
//! week's; none when nothing is. Its key names the member and the week, so
//! every sweep of the day, on any number of instances, queues it once.

use chrono::{DateTime, Duration, Utc};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::EventStatus;
use turnout_domain::outbox::MailCategory;
use turnout_domain::policy::MembersOnlyScope;
use turnout_domain::time::parse_zone;
use turnout_persistence::{Db, chapters, events, memberships, opt_outs, outbox, users};

use crate::compose;
use crate::error::Error;
use crate::links::SiteLinks;

/// How far ahead the digest looks.
const AHEAD: Duration = Duration::days(14);

pub async fn send_due(db: &Db, now: DateTime<Utc>, links: &SiteLinks) -> Result<usize, Error> {
    let mut queued = 0;
    for address in opt_outs::wanting(db, MailCategory::Digest).await? {
        let Some(user) = users::find_by_email(db, &address).await? else { continue };
        let mut ids: Vec<i64> = memberships::active_for_user(db, user.id).await?.into_iter().map(|m| m.chapter_id).collect();
        ids.sort_unstable();
        let Some(first) = ids.first() else { continue };
        let Some(chapter) = chapters::find(db, *first).await? else { continue };
        let zone = parse_zone(&chapter.time_zone).unwrap_or(chrono_tz::UTC);
        let Some((week, since)) = turnout_domain::digest::due_week(now, zone) else { continue };
        let key = format!("digest:{}:{week}", user.id);
        if outbox::exists(db, &key).await? {
            continue;
        }
        let search = events::Search {
            chapter_ids: ids.clone(),
            from: Some(now),
            until: Some(now + AHEAD),
            members_only: MembersOnlyScope::Chapters(ids.clone()),
            limit: 50,
            ..Default::default()
        };
        let upcoming = events::search(db, now, &search).await?;
        let (new, rest): (Vec<_>, Vec<_>) = upcoming.into_iter().partition(|e| e.updated_at > since);
        if new.is_empty() {
            continue;
        }
        let rest: Vec<_> = rest.into_iter().filter(|e| e.status == EventStatus::Published).collect();
        let message =
            compose::digest(user.language.map(Tr).unwrap_or_default(), &key, &user.name, &user.email, &new, &rest, &links.base_url);
        if outbox::enqueue(db, &message, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}
