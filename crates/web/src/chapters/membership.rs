//! Joining and leaving a chapter, and its organizers' member list with join
//! requests to approve. Each handler asks the policy module and nothing else.

use crate::http::access::require;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use turnout_domain::chapter::Chapter;
use turnout_domain::policy::{Action, Decision, Role, decide};
use turnout_persistence::{audit, begin_write, chapters, memberships};

use crate::frame::layout::page;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn chapter_and_line(s: &AppState, slug: &str) -> Result<(Chapter, Vec<i64>), Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    Ok((chapter, line))
}

pub(super) async fn join(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let user = v.user.as_ref().ok_or_else(|| Error::LoginRequired(format!("/chapters/{slug}")))?;
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let needs_approval = chapters::join_needs_approval(&s.db, chapter.id).await?;
    memberships::join(&s.db, user.id, chapter.id, needs_approval, Utc::now()).await?;
    Ok(Redirect::to(&format!("/chapters/{slug}")).into_response())
}

pub(super) async fn leave(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    let user = v.user.as_ref().ok_or_else(|| Error::LoginRequired(format!("/chapters/{slug}")))?;
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    memberships::leave(&s.db, user.id, chapter.id).await?;
    Ok(Redirect::to(&format!("/chapters/{slug}")).into_response())
}

pub(super) async fn members(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
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

pub(super) async fn approve(
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
