//! Erasing the names and addresses of a past event's attendees once the
//! hosting chapter's retention period is over (`turnout_domain::retention`).
//! What an RSVP says about attendance stays: its status, party size and
//! check-in time, so every count and figure is unchanged.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use turnout_domain::email_address::normalize;
use turnout_domain::rate_limit::mail_to_key;
use turnout_domain::retention::ended_by;

use crate::entities::{chapter, event, outbox, rate_limit, rsvp};
use crate::error::Error;

/// An event whose attendees are due to be erased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub event_id: i64,
    pub chapter_slug: String,
    pub retention_days: i32,
}

/// RSVPs that still hold something that names a person.
fn personal() -> Condition {
    Condition::any()
        .add(rsvp::Column::Name.is_not_null())
        .add(rsvp::Column::Email.is_not_null())
        .add(rsvp::Column::EmailNormalized.is_not_null())
        .add(rsvp::Column::UserId.is_not_null())
        .add(rsvp::Column::ManageTokenHash.is_not_null())
}

/// Events hosted by a chapter with a retention period that ended at least
/// that period before `now` and still hold some attendee's name or address.
/// Already-erased events are not listed, so a sweep run twice does nothing.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<Vec<Due>, Error> {
    let mut out = Vec::new();
    for c in chapter::Entity::find().filter(chapter::Column::RetentionDays.is_not_null()).all(db).await? {
        let Some(days) = c.retention_days else { continue };
        let mut with_people = Query::select();
        with_people.column(rsvp::Column::EventId).from(rsvp::Entity).cond_where(personal());
        let events = event::Entity::find()
            .filter(event::Column::ChapterId.eq(c.id))
            .filter(event::Column::EndsAt.lte(ended_by(now, days)))
            .filter(event::Column::Id.in_subquery(with_people))
            .all(db)
            .await?;
        out.extend(events.into_iter().map(|e| Due { event_id: e.id, chapter_slug: c.slug.clone(), retention_days: days }));
    }
    Ok(out)
}

/// Erases the names and addresses of one event's attendees: from the RSVPs
/// (and the link to an account, which would name them as well: the account
/// itself stays), the messages mailed to them about this event, and the
/// per-address mail counters. Returns how many RSVPs were erased. Run in a
/// transaction.
pub async fn erase_event(db: &impl ConnectionTrait, event_id: i64) -> Result<u64, Error> {
    let rows = rsvp::Entity::find().filter(rsvp::Column::EventId.eq(event_id)).filter(personal()).all(db).await?;
    if rows.is_empty() {
        return Ok(0);
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let addresses: Vec<String> =
        rows.iter().filter_map(|r| r.email_normalized.clone().or_else(|| r.email.as_deref().map(normalize))).collect();
    erase_messages(db, &ids, &addresses).await?;
    let counters: Vec<String> = addresses.iter().map(|a| mail_to_key(a)).collect();
    // The counter only limits mail to the address; erasing it allows at most
    // one more window of mail to someone whose address is gone anyway.
    rate_limit::Entity::delete_many().filter(rate_limit::Column::Key.is_in(counters)).exec(db).await?;
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Name, Expr::value(Option::<String>::None))
        .col_expr(rsvp::Column::Email, Expr::value(Option::<String>::None))
        .col_expr(rsvp::Column::EmailNormalized, Expr::value(Option::<String>::None))
        .col_expr(rsvp::Column::UserId, Expr::value(Option::<i64>::None))
        .col_expr(rsvp::Column::ManageTokenHash, Expr::value(Option::<String>::None))
        .filter(rsvp::Column::Id.is_in(ids.clone()))
        .exec(db)
        .await?;
    Ok(ids.len() as u64)
}

/// Deletes the outbox rows about these RSVPs (their de-duplication keys read
/// `kind:rsvp_id` or `kind:rsvp_id:...`) sent to these addresses. Messages
/// the same person got about other events or their account stay.
async fn erase_messages(db: &impl ConnectionTrait, rsvp_ids: &[i64], addresses: &[String]) -> Result<(), Error> {
    if addresses.is_empty() {
        return Ok(());
    }
    let about_these = |key: &str| key.split(':').nth(1).and_then(|id| id.parse::<i64>().ok()).is_some_and(|id| rsvp_ids.contains(&id));
    let to_them = outbox::Entity::find()
        .filter(
            Condition::any()
                .add(outbox::Column::ToNormalized.is_in(addresses.to_vec()))
                .add(outbox::Column::ToAddress.is_in(addresses.to_vec())),
        )
        .all(db)
        .await?;
    let doomed: Vec<i64> = to_them.into_iter().filter(|m| about_these(&m.dedupe_key)).map(|m| m.id).collect();
    if !doomed.is_empty() {
        outbox::Entity::delete_many().filter(outbox::Column::Id.is_in(doomed)).exec(db).await?;
    }
    Ok(())
}

/// A chapter's retention period in days; `None` keeps attendee data.
pub async fn days(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Option<i32>, Error> {
    Ok(chapter::Entity::find_by_id(chapter_id).one(db).await?.ok_or(Error::NotFound("chapter"))?.retention_days)
}

pub async fn set_days(db: &impl ConnectionTrait, chapter_id: i64, days: Option<i32>) -> Result<(), Error> {
    chapter::Entity::update_many()
        .col_expr(chapter::Column::RetentionDays, Expr::value(days))
        .filter(chapter::Column::Id.eq(chapter_id))
        .exec(db)
        .await?;
    Ok(())
}
