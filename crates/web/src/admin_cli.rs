//! `turnout admin ...`: what an operator does from a shell, before anyone can
//! log in: create the first site admin, appoint organizers.

use std::io::BufRead;

use chrono::Utc;
use turnout_domain::account::{name_problem, password_problem};
use turnout_domain::email_address;
use turnout_domain::policy::Role;
use turnout_persistence::{Db, audit, begin_write, chapters, memberships, users};

use crate::accounts::passwords;

/// An operator's mistake, said in one line.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("{0}")]
    Refused(String),
    #[error(transparent)]
    Storage(#[from] turnout_persistence::Error),
}

fn refused(message: impl Into<String>) -> AdminError {
    AdminError::Refused(message.into())
}

/// `turnout admin outbox list`: one line per message, never its body.
pub async fn outbox_lines(db: &Db, status: Option<&str>, to: Option<&str>, limit: u64) -> Result<Vec<String>, AdminError> {
    use turnout_persistence::outbox::{EXPIRED, FAILED, PENDING, SENT, SUPPRESSED, WITHDRAWN};
    const STATUSES: [&str; 6] = [PENDING, SENT, FAILED, EXPIRED, WITHDRAWN, SUPPRESSED];
    if let Some(s) = status
        && !STATUSES.contains(&s)
    {
        return Err(refused(format!("unknown status {s:?}: use one of {}", STATUSES.join(", "))));
    }
    Ok(turnout_persistence::outbox::list(db, status, to, limit)
        .await?
        .into_iter()
        .map(|m| {
            format!(
                "#{} {} {} to {} · {:?} · {} attempt(s) · queued {} · next {}{}",
                m.id,
                m.status,
                m.kind,
                m.to_address,
                m.subject,
                m.attempts,
                m.created_at.format("%Y-%m-%d %H:%M"),
                m.send_after.format("%Y-%m-%d %H:%M"),
                m.last_error.map(|e| format!(" · {e}")).unwrap_or_default()
            )
        })
        .collect())
}

/// `turnout admin outbox requeue`: failed messages back in the queue.
pub async fn outbox_requeue(db: &Db, ids: &[i64]) -> Result<u64, AdminError> {
    Ok(turnout_persistence::outbox::requeue_failed(db, ids, Utc::now()).await?)
}

/// `turnout admin outbox suppressed`: the addresses that refused mail for good, and why.
pub async fn suppressed_lines(db: &Db, to: Option<&str>) -> Result<Vec<String>, AdminError> {
    Ok(turnout_persistence::suppression::list(db, to)
        .await?
        .into_iter()
        .map(|s| format!("{} · since {} · {}", s.address, s.created_at.format("%Y-%m-%d %H:%M"), s.reason))
        .collect())
}

/// `turnout admin outbox unsuppress`: reminders and notices may go there again.
pub async fn unsuppress(db: &Db, address: &str) -> Result<(), AdminError> {
    if turnout_persistence::suppression::lift(db, address).await? { Ok(()) } else { Err(refused(format!("{address} is not suppressed"))) }
}

/// Reads the password from the first line of standard input.
pub fn read_password_line(input: impl BufRead) -> Result<String, AdminError> {
    let line = input.lines().next().transpose().map_err(|e| refused(format!("could not read the password from standard input: {e}")))?;
    let password = line.unwrap_or_default().trim_end_matches(['\r', '\n']).to_owned();
    if password.is_empty() {
        return Err(refused(
            "no password on standard input (give it with --password-stdin, e.g. `echo ... | turnout admin create-user ...`)",
        ));
    }
    Ok(password)
}

pub async fn create_user(db: &Db, email: &str, name: &str, site_admin: bool, password: String) -> Result<i64, AdminError> {
    if let Some(p) = email_address::problem(email) {
        return Err(refused(format!("--email {email:?}: {p}")));
    }
    if let Some(p) = name_problem(name.trim()) {
        return Err(refused(format!("--name: {p}")));
    }
    if let Some(p) = password_problem(&password) {
        return Err(refused(format!("password: {p}")));
    }
    let hash = passwords::hash(password).await;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let new = users::NewUser { name: name.trim(), email, password_hash: &hash, verified: true, is_site_admin: site_admin };
    let id = match users::create(&txn, new, now).await {
        Ok(id) => id,
        Err(turnout_persistence::Error::Duplicate) => return Err(refused(format!("an account with the address {email} already exists"))),
        Err(e) => return Err(e.into()),
    };
    let detail = if site_admin { "site admin" } else { "" };
    audit::record(&txn, None, "user.create", &format!("user #{id}"), detail, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(id)
}

async fn user_and_chapter(db: &Db, email: &str, slug: &str) -> Result<(i64, i64), AdminError> {
    let user = users::find_by_email(db, email).await?.ok_or_else(|| refused(format!("no account has the address {email}")))?;
    let chapter = chapters::find_by_slug(db, slug).await?.ok_or_else(|| refused(format!("no chapter has the slug {slug:?}")))?;
    Ok((user.id, chapter.id))
}

pub fn parse_role(role: &str) -> Result<Role, AdminError> {
    Role::parse(role).ok_or_else(|| refused(format!("--role must be organizer or member, not {role:?}")))
}

pub async fn grant(db: &Db, email: &str, slug: &str, role: Role) -> Result<(), AdminError> {
    let (user_id, chapter_id) = user_and_chapter(db, email, slug).await?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    memberships::grant(&txn, user_id, chapter_id, role, now).await?;
    audit::record(&txn, None, "role.grant", &format!("user #{user_id} in {slug}"), role.as_str(), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(())
}

/// Returns whether anything changed.
pub async fn revoke(db: &Db, email: &str, slug: &str, role: Role) -> Result<bool, AdminError> {
    let (user_id, chapter_id) = user_and_chapter(db, email, slug).await?;
    let now = Utc::now();
    let txn = begin_write(db).await?;
    let changed = memberships::revoke(&txn, user_id, chapter_id, role).await?;
    if changed {
        audit::record(&txn, None, "role.revoke", &format!("user #{user_id} in {slug}"), role.as_str(), now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(changed)
}
