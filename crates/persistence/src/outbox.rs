//! The outbox: messages are written here in the same transaction as the change
//! that caused them, and delivered later by the dispatcher. Claiming uses a
//! lease, so a row whose sender crashed is picked up again once the lease ends,
//! and `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two instances never claim the
//! same row. (SQLite has one writer, so its UPDATE is already exclusive.)

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict, Order, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, Set};
use turnout_domain::outbox::{Failure, MessageKind, NewMessage, next_attempt};

use crate::entities::outbox::{self, Column};
use crate::error::Error;

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
/// Not delivered because it was no use any more: past its `not_after`.
pub const EXPIRED: &str = "expired";
/// Taken back before delivery: its event was cancelled, skipped or deleted.
pub const WITHDRAWN: &str = "withdrawn";
/// Not sent: a reminder or notice to an address that refused mail for good.
pub const SUPPRESSED: &str = "suppressed";

/// A message claimed for delivery.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub attempts: u32,
    /// Times claimed, this claim included.
    pub claims: i32,
    pub claim_token: String,
    pub queued_at: DateTime<Utc>,
    pub message: NewMessage,
}

/// Queues a message unless one with the same de-duplication key was queued
/// before. Returns whether it was queued now.
pub async fn enqueue(db: &impl ConnectionTrait, m: &NewMessage, now: DateTime<Utc>) -> Result<bool, Error> {
    enqueue_for(db, m, None, now).await
}

/// `enqueue`, marking the row as one recipient's copy of an announcement.
pub async fn enqueue_for(
    db: &impl ConnectionTrait,
    m: &NewMessage,
    announcement_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let row = outbox::ActiveModel {
        announcement_id: Set(announcement_id),
        dedupe_key: Set(m.dedupe_key.clone()),
        kind: Set(m.kind.as_str().to_owned()),
        to_address: Set(m.to_address.clone()),
        to_normalized: Set(Some(turnout_domain::email_address::normalize(&m.to_address))),
        to_name: Set(m.to_name.clone()),
        subject: Set(m.subject.clone()),
        body_text: Set(m.body_text.clone()),
        body_html: Set(m.body_html.clone()),
        ics: Set(m.ics.clone()),
        unsubscribe_url: Set(m.unsubscribe_url.clone()),
        reply_to: Set(m.reply_to.clone()),
        status: Set(PENDING.to_owned()),
        attempts: Set(0),
        last_error: Set(None),
        send_after: Set(now),
        claimed_until: Set(None),
        claim_token: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        event_id: Set(m.event_id),
        not_after: Set(m.not_after),
        sender_name: Set(m.sender_name.clone()),
        rsvp_id: Set(m.rsvp_id),
        claims: Set(0),
        priority: Set(m.kind.priority()),
        ..Default::default()
    };
    let inserted = outbox::Entity::insert(row)
        .on_conflict(OnConflict::column(Column::DedupeKey).do_nothing().to_owned())
        .try_insert()
        .exec_without_returning(db)
        .await?;
    Ok(matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0))
}

/// Claims up to `limit` due messages for `lease`: people waiting on a link
/// or a confirmation first, then reminders, each oldest first (the order of
/// the `outbox_claim_order` index, so a long queue costs no sorting). Rows
/// past their `not_after`, or that their senders died holding too often, are
/// claimed like the rest; the dispatcher sets them aside.
pub async fn claim(db: &impl ConnectionTrait, now: DateTime<Utc>, limit: u64, lease: Duration) -> Result<Vec<Claimed>, Error> {
    let token = uuid::Uuid::new_v4().simple().to_string();
    let mut due = Query::select();
    due.column(Column::Id)
        .from(outbox::Entity)
        .and_where(Expr::col(Column::Status).eq(PENDING))
        .and_where(Expr::col(Column::SendAfter).lte(now))
        .cond_where(Condition::any().add(Expr::col(Column::ClaimedUntil).is_null()).add(Expr::col(Column::ClaimedUntil).lt(now)))
        .order_by(Column::Priority, Order::Asc)
        .order_by(Column::Id, Order::Asc)
        .limit(limit);
    if db.get_database_backend() == DbBackend::Postgres {
        due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    outbox::Entity::update_many()
        .col_expr(Column::ClaimToken, Expr::value(token.clone()))
        .col_expr(Column::ClaimedUntil, Expr::value(now + lease))
        .col_expr(Column::Claims, Expr::col(Column::Claims).add(1))
        .filter(Column::Id.in_subquery(due))
        .exec(db)
        .await?;
    let mut rows = outbox::Entity::find().filter(Column::ClaimToken.eq(token.as_str())).order_by_asc(Column::Id).all(db).await?;
    rows.sort_by_key(|r| (r.priority, r.id));
    Ok(rows
        .into_iter()
        .map(|r| Claimed {
            id: r.id,
            attempts: u32::try_from(r.attempts).unwrap_or(0),
            claims: r.claims,
            claim_token: token.clone(),
            queued_at: r.created_at,
            message: NewMessage {
                dedupe_key: r.dedupe_key,
                kind: MessageKind::parse(&r.kind).unwrap_or(MessageKind::RsvpConfirmation),
                to_address: r.to_address,
                to_name: r.to_name,
                subject: r.subject,
                body_text: r.body_text,
                body_html: r.body_html,
                ics: r.ics,
                unsubscribe_url: r.unsubscribe_url,
                reply_to: r.reply_to,
                event_id: r.event_id,
                not_after: r.not_after,
                sender_name: r.sender_name,
                rsvp_id: r.rsvp_id,
            },
        })
        .collect())
}

/// Marks claimed messages delivered, in one statement (a commit per message
/// would cap delivery at the database's commit rate). Only the holder of the
/// claim can.
pub async fn mark_sent(db: &impl ConnectionTrait, token: &str, ids: &[i64], now: DateTime<Utc>) -> Result<(), Error> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(SENT))
        .col_expr(Column::SentAt, Expr::value(now))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Id.is_in(ids.iter().copied()))
        .filter(Column::ClaimToken.eq(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Extends the lease of a claim still being sent, so a short lease never
/// runs out under a slow batch (and a crash frees the rows in seconds).
/// Returns how many rows the claim still holds.
pub async fn renew(db: &impl ConnectionTrait, token: &str, until: DateTime<Utc>) -> Result<u64, Error> {
    let done = outbox::Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::value(until))
        .filter(Column::ClaimToken.eq(token))
        .filter(Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Hands back a claim that was never sent (a stopping worker's batch claimed
/// ahead): its messages are free at once, and the claim does not count
/// towards giving up on a message its senders keep dying on.
pub async fn release(db: &impl ConnectionTrait, token: &str) -> Result<u64, Error> {
    let done = outbox::Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(Column::Claims, Expr::col(Column::Claims).sub(1))
        .filter(Column::ClaimToken.eq(token))
        .filter(Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Finishes a claimed message without sending it (`WITHDRAWN`, `SUPPRESSED`), saying why.
pub async fn set_aside(db: &impl ConnectionTrait, c: &Claimed, status: &str, why: &str) -> Result<(), Error> {
    outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::LastError, Expr::value(why))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Id.eq(c.id))
        .filter(Column::ClaimToken.eq(c.claim_token.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// The reminders in a claimed batch that no longer tell the truth (the RSVP
/// was cancelled, the event cancelled or moved since they were planned), each
/// with why. Read just before sending.
pub async fn stale_reminders(db: &impl ConnectionTrait, batch: &[Claimed]) -> Result<Vec<(i64, &'static str)>, Error> {
    use crate::entities::{event, rsvp};
    use turnout_domain::event::EventStatus;
    use turnout_domain::reminders::{ReminderCheck, stale_reason};
    use turnout_domain::rsvp::RsvpStatus;
    let reminders: Vec<&Claimed> = batch.iter().filter(|c| c.message.kind == MessageKind::Reminder).collect();
    if reminders.is_empty() {
        return Ok(Vec::new());
    }
    let rsvp_ids: Vec<i64> = reminders.iter().filter_map(|c| c.message.rsvp_id).collect();
    let event_ids: Vec<i64> = reminders.iter().filter_map(|c| c.message.event_id).collect();
    let rsvps: std::collections::HashMap<i64, rsvp::Model> =
        rsvp::Entity::find().filter(rsvp::Column::Id.is_in(rsvp_ids)).all(db).await?.into_iter().map(|r| (r.id, r)).collect();
    let events: std::collections::HashMap<i64, event::Model> =
        event::Entity::find().filter(event::Column::Id.is_in(event_ids)).all(db).await?.into_iter().map(|e| (e.id, e)).collect();
    Ok(reminders
        .into_iter()
        .filter_map(|c| {
            // A reminder queued before this check existed has no RSVP to look at: its event still counts.
            let rsvp = match c.message.rsvp_id {
                Some(id) => rsvps.get(&id).map(|r| (RsvpStatus::parse(&r.status).unwrap_or(RsvpStatus::Going), r.hold_until.is_some())),
                None => Some((RsvpStatus::Going, false)),
            };
            let event =
                c.message.event_id.and_then(|id| events.get(&id)).map(|e| (e.status == EventStatus::Cancelled.as_str(), e.starts_at));
            let event = if c.message.event_id.is_none() { Some((false, c.message.not_after.unwrap_or_default())) } else { event };
            stale_reason(ReminderCheck { rsvp, event, planned_start: c.message.not_after }).map(|why| (c.id, why))
        })
        .collect())
}

/// Records a failed delivery and schedules a retry, or gives it up (a
/// permanent refusal at once; a transient failure after two days and
/// `MAX_ATTEMPTS`) and leaves it marked failed for an operator. Returns
/// whether it was given up.
pub async fn mark_failed(db: &impl ConnectionTrait, c: &Claimed, failure: Failure, error: &str, now: DateTime<Utc>) -> Result<bool, Error> {
    let attempts = c.attempts + 1;
    let next = next_attempt(c.id, attempts, failure, c.queued_at, now);
    let status = if next.is_some() { PENDING } else { FAILED };
    let error: String = error.chars().take(2000).collect();
    outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(status))
        .col_expr(Column::Attempts, Expr::value(attempts as i32))
        .col_expr(Column::LastError, Expr::value(error))
        .col_expr(Column::SendAfter, Expr::value(next.unwrap_or(now)))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Id.eq(c.id))
        .filter(Column::ClaimToken.eq(c.claim_token.as_str()))
        .exec(db)
        .await?;
    Ok(next.is_none())
}

/// Withdraws the reminders and change notices still waiting for an event
/// that was cancelled, skipped or deleted: they are kept, marked withdrawn
/// with why, never sent.
pub async fn withdraw_reminders(db: &impl ConnectionTrait, event_id: i64, why: &str) -> Result<u64, Error> {
    let done = outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(WITHDRAWN))
        .col_expr(Column::LastError, Expr::value(why))
        .filter(Column::EventId.eq(event_id))
        .filter(Column::Kind.is_in([MessageKind::Reminder.as_str(), MessageKind::ChangeNotice.as_str()]))
        .filter(Column::Status.eq(PENDING))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// Erases what finished messages (sent, expired, withdrawn, given up) queued
/// before `before` hold about people (recipient, subject, bodies carry names
/// and protected addresses), keeping the row's key, kind and status, which is
/// all that de-duplication needs. Idempotent; returns how many were erased.
pub async fn purge_finished(db: &impl ConnectionTrait, before: DateTime<Utc>) -> Result<u64, Error> {
    let done = outbox::Entity::update_many()
        .col_expr(Column::ToAddress, Expr::value(""))
        .col_expr(Column::ToNormalized, Expr::value(Option::<String>::None))
        .col_expr(Column::ToName, Expr::value(""))
        .col_expr(Column::Subject, Expr::value(""))
        .col_expr(Column::BodyText, Expr::value(""))
        .col_expr(Column::BodyHtml, Expr::value(""))
        .col_expr(Column::Ics, Expr::value(Option::<String>::None))
        .col_expr(Column::ReplyTo, Expr::value(Option::<String>::None))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .filter(Column::Status.is_in([SENT, EXPIRED, WITHDRAWN, FAILED]))
        .filter(Column::CreatedAt.lt(before))
        .filter(Column::ToAddress.ne(""))
        .exec(db)
        .await?;
    Ok(done.rows_affected)
}

/// One line of `turnout admin outbox list`: never the body (it holds names
/// and protected addresses).
#[derive(Debug, Clone)]
pub struct Listed {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub to_address: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub send_after: DateTime<Utc>,
}

/// Messages by status (all when `None`) and recipient (part of the address), oldest first.
pub async fn list(db: &impl ConnectionTrait, status: Option<&str>, to: Option<&str>, limit: u64) -> Result<Vec<Listed>, Error> {
    use sea_orm::QuerySelect;
    let mut q = outbox::Entity::find().order_by_asc(Column::Id).limit(limit);
    if let Some(status) = status {
        q = q.filter(Column::Status.eq(status));
    }
    if let Some(to) = to {
        q = q.filter(Column::ToNormalized.contains(turnout_domain::email_address::normalize(to)));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|r| Listed {
            id: r.id,
            kind: r.kind,
            status: r.status,
            to_address: r.to_address,
            subject: r.subject,
            attempts: r.attempts,
            last_error: r.last_error,
            created_at: r.created_at,
            send_after: r.send_after,
        })
        .collect())
}

/// Puts failed messages back in the queue, due now, with their attempts
/// counted afresh (`ids` empty: every failed one). Their Message-ID stays.
/// Returns how many.
pub async fn requeue_failed(db: &impl ConnectionTrait, ids: &[i64], now: DateTime<Utc>) -> Result<u64, Error> {
    let mut q = outbox::Entity::update_many()
        .col_expr(Column::Status, Expr::value(PENDING))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::SendAfter, Expr::value(now))
        .col_expr(Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(Column::Status.eq(FAILED));
    if !ids.is_empty() {
        q = q.filter(Column::Id.is_in(ids.iter().copied()));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// How many messages are in each state: for operators and tests.
pub async fn count_by_status(db: &impl ConnectionTrait, status: &str) -> Result<u64, Error> {
    use sea_orm::PaginatorTrait;
    Ok(outbox::Entity::find().filter(Column::Status.eq(status)).count(db).await?)
}

/// Whether a message with this key was ever queued (finished ones keep their key).
pub async fn exists(db: &impl ConnectionTrait, key: &str) -> Result<bool, Error> {
    use sea_orm::PaginatorTrait;
    Ok(outbox::Entity::find().filter(Column::DedupeKey.eq(key)).count(db).await? > 0)
}

/// The reminders of an event queued so far: their keys (what planning need
/// not queue again), and for each RSVP when its latest reminder that was
/// sent or is on its way was queued (two reminders never go close together).
pub async fn reminders_of_event(db: &impl ConnectionTrait, event_id: i64) -> Result<(HashSet<String>, HashMap<i64, DateTime<Utc>>), Error> {
    use sea_orm::QuerySelect;
    let rows: Vec<(String, Option<i64>, DateTime<Utc>, String)> = outbox::Entity::find()
        .select_only()
        .columns([Column::DedupeKey, Column::RsvpId, Column::CreatedAt, Column::Status])
        .filter(Column::EventId.eq(event_id))
        .filter(Column::Kind.eq(MessageKind::Reminder.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let mut last: HashMap<i64, DateTime<Utc>> = HashMap::new();
    for (_, rsvp, at, status) in &rows {
        if let Some(rsvp) = rsvp
            && (status == PENDING || status == SENT)
        {
            let latest = last.entry(*rsvp).or_insert(*at);
            *latest = Ord::max(*latest, *at);
        }
    }
    Ok((rows.into_iter().map(|r| r.0).collect(), last))
}

/// One line of an event's mail history: messages of one kind that ended the
/// same way (for the same reason), with when the first and last were queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryLine {
    pub kind: String,
    pub status: String,
    /// Why it was withdrawn, suppressed or given up; the last error of one still trying.
    pub reason: Option<String>,
    pub count: u64,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

/// What the outbox holds about an event, grouped for its organizers'
/// timeline (never who: only how many), oldest first.
pub async fn event_history(db: &impl ConnectionTrait, event_id: i64) -> Result<Vec<HistoryLine>, Error> {
    use sea_orm::QuerySelect;
    let rows: Vec<(String, String, Option<String>, DateTime<Utc>)> = outbox::Entity::find()
        .select_only()
        .columns([Column::Kind, Column::Status, Column::LastError, Column::CreatedAt])
        .filter(Column::EventId.eq(event_id))
        .order_by_asc(Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut lines: Vec<HistoryLine> = Vec::new();
    for (kind, status, error, at) in rows {
        // A reason matters for messages that did not go; a sent one's old error does not.
        let reason = if status == SENT { None } else { error };
        match lines.iter_mut().find(|l| l.kind == kind && l.status == status && l.reason == reason) {
            Some(l) => {
                l.count += 1;
                l.first = Ord::min(l.first, at);
                l.last = Ord::max(l.last, at);
            }
            None => lines.push(HistoryLine { kind, status, reason, count: 1, first: at, last: at }),
        }
    }
    lines.sort_by_key(|l| l.first);
    Ok(lines)
}

/// When the earliest lease on a pending message runs out: if its sender
/// died, its messages can be taken over then. A lease that has already run
/// out counts too (a dead sender's batch whose lease ended while this
/// instance was sweeping): the caller sweeps again at once.
pub async fn next_lease_end(db: &impl ConnectionTrait) -> Result<Option<DateTime<Utc>>, Error> {
    use sea_orm::QuerySelect;
    let end: Option<Option<DateTime<Utc>>> = outbox::Entity::find()
        .select_only()
        .column(Column::ClaimedUntil)
        .filter(Column::Status.eq(PENDING))
        .filter(Column::ClaimedUntil.is_not_null())
        .order_by_asc(Column::ClaimedUntil)
        .into_tuple()
        .one(db)
        .await?;
    Ok(end.flatten())
}

/// The state of delivery at a glance, for the site admin's page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    pub pending: u64,
    pub failed: u64,
    pub suppressed: u64,
    /// When the longest-waiting pending message was queued.
    pub oldest_pending: Option<DateTime<Utc>>,
}

pub async fn overview(db: &impl ConnectionTrait) -> Result<Overview, Error> {
    use sea_orm::QuerySelect;
    let oldest: Option<DateTime<Utc>> = outbox::Entity::find()
        .select_only()
        .column(Column::CreatedAt)
        .filter(Column::Status.eq(PENDING))
        .order_by_asc(Column::CreatedAt)
        .into_tuple()
        .one(db)
        .await?;
    Ok(Overview {
        pending: count_by_status(db, PENDING).await?,
        failed: count_by_status(db, FAILED).await?,
        suppressed: count_by_status(db, SUPPRESSED).await?,
        oldest_pending: oldest,
    })
}

/// Every queued message, oldest first.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<outbox::Model>, Error> {
    Ok(outbox::Entity::find().order_by_asc(Column::Id).all(db).await?)
}
