//! Joining and leaving a chapter, and its organizers' member list with join
//! requests to approve or decline. Each handler asks the policy module and
//! nothing else. A request mails the chapter's organizers, an answer mails
//! the person, through the outbox in the same transaction.

use crate::http::access::require;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use turnout_domain::catalogue::Tr;
use turnout_domain::chapter::Chapter;
use turnout_domain::policy::{Action, Decision, Role, decide};
use turnout_notifications::join_requests::{self, Request};
use turnout_persistence::{ConnectionTrait, audit, begin_write, chapters, memberships, outbox, users};

use crate::frame::layout::page;
use crate::http::error::Error;
use crate::http::limits::Limited;
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
    let now = Utc::now();
    if needs_approval {
        // A request mails the organizers: asking, leaving and asking again is limited like any mail an account causes.
        s.limit(Limited::MailByAccount { user_id: user.id }, now).await?;
    }
    let txn = begin_write(&s.db).await?;
    let joined = memberships::join(&txn, user.id, chapter.id, needs_approval, now).await?;
    if let (Some(membership_id), true) = (joined, needs_approval) {
        let members_url = format!("{}/chapters/{}/members", s.base_url.trim_end_matches('/'), chapter.slug);
        let request =
            Request { membership_id, chapter_name: &chapter.name, name: &user.name, email: &user.email, members_url: &members_url };
        for o in organizers_to_ask(&txn, chapter.id).await? {
            // In the organizer's language if they chose one, else the chapter's.
            let language = users::find(&txn, o.user_id).await?.and_then(|u| u.language).unwrap_or(chapter.default_language);
            outbox::enqueue(&txn, &join_requests::asked(Tr(language), request, o.user_id, &o.name, &o.email), now).await?;
        }
        audit::record(&txn, Some(user.id), "membership.request", &format!("user #{} in {}", user.id, chapter.slug), "", now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&format!("/chapters/{slug}")).into_response())
}

/// Who hears of a request: the chapter's own organizers or, when it has
/// none, those of the nearest chapter above it (they manage it too).
async fn organizers_to_ask(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Vec<memberships::Contact>, Error> {
    for id in chapters::line(db, chapter_id).await? {
        let found = memberships::organizers(db, id).await?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
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
    let addresses: Vec<String> = rows.iter().map(|m| m.email.clone()).collect();
    let bounced: std::collections::HashSet<String> =
        turnout_persistence::suppression::among(&s.db, &addresses).await?.into_iter().collect();
    let is_admin = decide(v.actor(), &Action::AdministerChapters) == Decision::Allow;
    let t = v.tr;
    let title = t.f("chap-members-title", &[("name", (&chapter.name).into())]);
    Ok(page(
        &v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            table.list {
                thead { tr { th { (t.s("chap-members-name")) } th { (t.s("chap-members-email")) } th { (t.s("chap-members-role")) } th {} } }
                tbody {
                    @for m in &rows {
                        tr {
                            td { (m.name) }
                            td {
                                (m.email)
                                @if bounced.contains(&turnout_domain::email_address::normalize(&m.email)) {
                                    br; strong.bounced { (t.s("chap-members-bounced")) } " " (t.s("chap-members-bounced-text"))
                                }
                            }
                            td { (role_label(t, m.role)) @if m.pending { " " (t.s("chap-members-asked")) } }
                            td {
                                @if m.pending {
                                    form.inline method="post" action={ "/chapters/" (chapter.slug) "/members/" (m.user_id) "/approve" } {
                                        (v.csrf_field()) button type="submit" { (t.s("chap-members-approve")) }
                                    }
                                    " "
                                    form.inline method="post" action={ "/chapters/" (chapter.slug) "/members/" (m.user_id) "/decline" } {
                                        (v.csrf_field()) button type="submit" { (t.s("chap-members-decline")) }
                                    }
                                } @else if is_admin {
                                    form method="post" action={ "/chapters/" (chapter.slug) "/members/" (m.user_id) "/role" } {
                                        (v.csrf_field())
                                        @if m.role == Role::Organizer {
                                            input type="hidden" name="role" value="member";
                                            button type="submit" { (t.s("chap-members-remove-organizer")) }
                                        } @else {
                                            input type="hidden" name="role" value="organizer";
                                            button type="submit" { (t.s("chap-members-make-organizer")) }
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

/// A role in a chapter as organizers read it on the member list.
fn role_label(t: Tr, role: Role) -> String {
    t.s(match role {
        Role::Member => "chap-role-member",
        Role::Organizer => "chap-role-organizer",
    })
}

pub(super) async fn approve(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<Response, Error> {
    answer_request(&s, &v, &slug, &user_id, true).await
}

pub(super) async fn decline(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, user_id)): Path<(String, String)>,
) -> Result<Response, Error> {
    answer_request(&s, &v, &slug, &user_id, false).await
}

/// Approves or declines a pending request. The answer, its audit entry and
/// the email to the person are written together or not at all; a request
/// already answered (by another organizer a moment earlier) changes nothing.
async fn answer_request(s: &AppState, v: &Visitor, slug: &str, user_id: &str, approve: bool) -> Result<Response, Error> {
    // A malformed id is a page that does not exist, not a parse error.
    let user_id: i64 = user_id.parse().map_err(|_| Error::NotFound)?;
    let (chapter, line) = chapter_and_line(s, slug).await?;
    require(v, &Action::ManageMembers { chapter_line: &line }, &format!("/chapters/{slug}/members"))?;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let answered = if approve {
        memberships::approve(&txn, user_id, chapter.id).await?
    } else {
        memberships::decline(&txn, user_id, chapter.id).await?
    };
    if let Some(membership_id) = answered {
        let what = if approve { "membership.approve" } else { "membership.decline" };
        audit::record(&txn, v.user.as_ref().map(|u| u.id), what, &format!("user #{user_id} in {}", chapter.slug), "", now).await?;
        if let Some(person) = users::find(&txn, user_id).await? {
            let chapter_url = format!("{}/chapters/{}", s.base_url.trim_end_matches('/'), chapter.slug);
            // In the person's language if they chose one, else the chapter's.
            let t = Tr(person.language.unwrap_or(chapter.default_language));
            let message = join_requests::answered(t, membership_id, &person.name, &person.email, &chapter.name, &chapter_url, approve);
            outbox::enqueue(&txn, &message, now).await?;
        }
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&format!("/chapters/{slug}/members")).into_response())
}
