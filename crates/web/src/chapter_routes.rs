//! Membership (join, leave, approve) and the pages only organizers or site
//! admins may open: member lists, attendee lists and their export, the audit
//! log. Each handler asks the policy module and nothing else.

use crate::http::routing::{Routes, get, post};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use turnout_domain::chapter::Chapter;
use turnout_domain::policy::{Action, Decision, Role, decide};
use turnout_persistence::{audit, begin_write, chapters, memberships, rsvps};

use crate::frame::layout::page;
use crate::guest_rsvp::visible_event;
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .route("/chapters/{slug}/join", post(join))
        .route("/chapters/{slug}/leave", post(leave))
        .route("/chapters/{slug}/members", get(members))
        .route("/chapters/{slug}/members/{user_id}/approve", post(approve))
        .route("/events/{id}/attendees", get(attendees))
        .route("/events/{id}/attendees.csv", get(attendees_csv))
        .route("/admin/audit", get(audit_log))
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
        Decision::Forbidden => Err(Error::Forbidden("You do not have permission to see this page.")),
        Decision::Hidden => Err(Error::NotFound),
    }
}

async fn chapter_and_line(s: &AppState, slug: &str) -> Result<(Chapter, Vec<i64>), Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    Ok((chapter, line))
}

async fn join(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let user = v.user.as_ref().ok_or_else(|| Error::LoginRequired(format!("/chapters/{slug}")))?;
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let needs_approval = chapters::join_needs_approval(&s.db, chapter.id).await?;
    memberships::join(&s.db, user.id, chapter.id, needs_approval, Utc::now()).await?;
    Ok(Redirect::to(&format!("/chapters/{slug}")).into_response())
}

async fn leave(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let user = v.user.as_ref().ok_or_else(|| Error::LoginRequired(format!("/chapters/{slug}")))?;
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    memberships::leave(&s.db, user.id, chapter.id).await?;
    Ok(Redirect::to(&format!("/chapters/{slug}")).into_response())
}

async fn members(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let (chapter, line) = chapter_and_line(&s, &slug).await?;
    require(&v, &Action::ManageMembers { chapter_line: &line }, &format!("/chapters/{slug}/members"))?;
    let rows = memberships::list_for_chapter(&s.db, chapter.id).await?;
    let is_admin = decide(v.actor(), &Action::AdministerChapters) == Decision::Allow;
    Ok(page(
        &v,
        &format!("Members of {}", chapter.name),
        html! {},
        html! {
            h1 { "Members of " (chapter.name) }
            table.list {
                thead { tr { th { "Name" } th { "Email" } th { "Role" } th {} } }
                tbody {
                    @for m in &rows {
                        tr {
                            td { (m.name) } td { (m.email) } td { (m.role.as_str()) @if m.pending { " (asked to join)" } }
                            td {
                                @if m.pending {
                                    form method="post" action={ "/chapters/" (chapter.slug) "/members/" (m.user_id) "/approve" } {
                                        (v.csrf_field()) button type="submit" { "Approve" }
                                    }
                                } @else if is_admin {
                                    form method="post" action={ "/chapters/" (chapter.slug) "/members/" (m.user_id) "/role" } {
                                        (v.csrf_field())
                                        @if m.role == Role::Organizer {
                                            input type="hidden" name="role" value="member";
                                            button type="submit" { "Remove as organizer" }
                                        } @else {
                                            input type="hidden" name="role" value="organizer";
                                            button type="submit" { "Make organizer" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

async fn approve(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<Response, Error> {
    // A malformed id is a page that does not exist, not a parse error.
    let user_id: i64 = user_id.parse().map_err(|_| Error::NotFound)?;
    let (chapter, line) = chapter_and_line(&s, &slug).await?;
    require(&v, &Action::ManageMembers { chapter_line: &line }, &format!("/chapters/{slug}/members"))?;
    // The membership and its audit entry are written together or not at all.
    let txn = begin_write(&s.db).await?;
    if memberships::approve(&txn, user_id, chapter.id).await? {
        let actor = v.user.as_ref().map(|u| u.id);
        audit::record(&txn, actor, "membership.approve", &format!("user #{user_id} in {}", chapter.slug), "", Utc::now()).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{slug}/members")).into_response())
}

/// The event and the right to see its attendees.
async fn attendee_access(s: &AppState, v: &Visitor, id: &str, path: &str) -> Result<turnout_domain::event::EventDetails, Error> {
    let event = visible_event(&s.db, id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::SeeAttendees).await?, path)?;
    Ok(event)
}

async fn attendees(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/attendees")).await?;
    let rows = rsvps::attendees(&s.db, event.id).await?;
    Ok(page(
        &v,
        &format!("Attendees: {}", event.title),
        html! {},
        html! {
            h1 { "Attendees: " (event.title) }
            p { a href={ "/events/" (event.id) "/attendees.csv" } { "Download as CSV" } }
            table.list {
                thead { tr { th { "Name" } th { "Email" } th { "Status" } } }
                tbody { @for r in &rows { tr { td { (r.name) } td { (r.email) } td { (r.status.as_str()) } } } }
            }
        },
    )
    .into_response())
}

/// A CSV field, quoted, with formula characters neutralized for spreadsheets.
fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) { format!("'{value}") } else { value.to_owned() };
    format!("\"{}\"", value.replace('"', "\"\""))
}

async fn attendees_csv(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/attendees.csv")).await?;
    let rows = rsvps::attendees(&s.db, event.id).await?;
    let mut csv = String::from("name,email,status,rsvp_at\r\n");
    for r in &rows {
        csv.push_str(&format!("{},{},{},{}\r\n", csv_field(&r.name), csv_field(&r.email), r.status.as_str(), r.created_at.to_rfc3339()));
    }
    audit::record(
        &s.db,
        v.user.as_ref().map(|u| u.id),
        "attendees.export",
        &format!("event #{}", event.id),
        &format!("{} rows", rows.len()),
        Utc::now(),
    )
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"attendees-event-{}.csv\"", event.id)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv,
    )
        .into_response())
}

async fn audit_log(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    require(&v, &Action::SeeAuditLog, "/admin/audit")?;
    let entries = audit::recent(&s.db, 200).await?;
    Ok(page(
        &v,
        "Audit log",
        html! {},
        html! {
            h1 { "Audit log" }
            table.list {
                thead { tr { th { "When (UTC)" } th { "Who" } th { "What" } th { "Subject" } th { "Detail" } } }
                tbody {
                    @for e in &entries {
                        tr {
                            td { (e.at.format("%Y-%m-%d %H:%M:%S")) }
                            td { @if let Some(a) = e.actor_user_id { "user #" (a) } @else { "system" } }
                            td { (e.action) } td { (e.subject) } td { (e.detail) }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}
