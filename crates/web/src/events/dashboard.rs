//! A chapter's dashboard for its organizers: drafts, upcoming and past events
//! with RSVP counts and an attendance bar, and invitations to co-host to
//! accept or decline.

use crate::events::workflow::managed_chapter;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{CohostStatus, EventStatus, EventSummary};
use turnout_domain::policy::Action;
use turnout_domain::time::date_time_label_in;
use turnout_persistence::events::{self};
use turnout_persistence::{audit, begin_write, chapters, rsvps};

use crate::frame::layout::page;
use crate::http::access::require;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn dashboard(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug, &format!("/chapters/{slug}/dashboard")).await?;
    let t = v.tr;
    let lang = t.language();
    let all = events::for_chapter_dashboard(&s.db, chapter.id).await?;
    let now = Utc::now();
    let mut rows = Vec::with_capacity(all.len());
    for e in &all {
        let people = rsvps::people(&s.db, e.id).await?;
        rows.push((e, people.going, people.waitlisted));
    }
    let (status_heading, going_heading, waitlist_heading) =
        (t.s("org-dashboard-status"), t.s("org-dashboard-going"), t.s("org-dashboard-waitlist"));
    // Rows come latest first; what is coming is read soonest first.
    let section = |title: &str, soonest_first: bool, filter: &dyn Fn(&turnout_domain::event::EventSummary) -> bool| {
        let mut chosen: Vec<_> = rows.iter().filter(|(e, _, _)| filter(e)).collect();
        if soonest_first {
            chosen.reverse();
        }
        html! {
            h2 { (title) }
            @if chosen.is_empty() { p { (t.s("org-dashboard-none")) } } @else {
                table.list.dashboard {
                    thead { tr {
                        th { (t.s("org-dashboard-when")) } th { (t.s("org-dashboard-event")) } th { (status_heading) }
                        th { (going_heading) } th { (waitlist_heading) } th { (t.s("org-dashboard-attendance")) }
                    } }
                    tbody {
                        @for (e, going, waiting) in chosen {
                            tr {
                                td { (date_time_label_in(lang, e.starts_at, crate::frame::zone(&e.time_zone))) }
                                td { a href={ "/events/" (e.id) } { (e.title) } }
                                td data-label=(status_heading) { (status_label(t, e.status)) }
                                td data-label=(going_heading) { (going) } td data-label=(waitlist_heading) { (waiting) }
                                td { (attendance_chart(t, *going, *waiting, e.capacity)) }
                            }
                        }
                    }
                }
            }
        }
    };
    let turnout = past_turnout(&s, t, &all, now).await?;
    let invitations = events::cohost_invitations(&s.db, chapter.id, now).await?;
    let invitation_list = |status: CohostStatus| {
        html! {
            ul.list {
                @for i in invitations.iter().filter(|i| i.status == status) {
                    li {
                        (date_time_label_in(lang, i.event.starts_at, crate::frame::zone(&i.event.time_zone))) ": "
                        // A draft is its host's alone until published.
                        @if i.event.status == EventStatus::Draft { (i.event.title) " " (t.s("org-dashboard-a-draft")) }
                        @else { a href={ "/events/" (i.event.id) } { (i.event.title) } }
                        ", " (t.f("org-dashboard-hosted-by", &[("chapter", (&i.event.chapter_name).into())]))
                        @if status == CohostStatus::Accepted && i.event.status != EventStatus::Draft {
                            " · " a href={ "/events/" (i.event.id) "/attendees" } { (t.s("org-dashboard-attendees")) }
                        }
                        @if status == CohostStatus::Pending {
                            form.inline method="post" action={ "/chapters/" (chapter.slug) "/cohosting/" (i.event.id) "/accept" } {
                                (v.csrf_field()) button type="submit" { (t.s("org-dashboard-accept")) }
                            }
                        }
                        form.inline method="post" action={ "/chapters/" (chapter.slug) "/cohosting/" (i.event.id) "/decline" } {
                            (v.csrf_field())
                            button type="submit" {
                                @if status == CohostStatus::Pending { (t.s("org-dashboard-decline")) } @else { (t.s("org-dashboard-stop-cohosting")) }
                            }
                        }
                    }
                }
            }
        }
    };
    let pending = invitations.iter().any(|i| i.status == CohostStatus::Pending);
    let accepted = invitations.iter().any(|i| i.status == CohostStatus::Accepted);
    let title = t.f("org-dashboard-title", &[("chapter", (&chapter.name).into())]);
    Ok(page(&v, &title, html! {}, html! {
        h1 { (title) }
        p { a href={ "/chapters/" (chapter.slug) "/events/new" } { (t.s("org-new-event-title")) } " · " a href={ "/chapters/" (chapter.slug) "/members" } { (t.s("org-dashboard-members")) }
            " · " a href={ "/chapters/" (chapter.slug) "/venues" } { (t.s("org-dashboard-saved-venues")) } }
        @if pending {
            h2 { (t.s("org-dashboard-invitations")) }
            p { (t.f("org-dashboard-invitations-text", &[("chapter", (&chapter.name).into())])) }
            (invitation_list(CohostStatus::Pending))
        }
        @if accepted {
            h2 { (t.s("org-dashboard-cohosting")) }
            (invitation_list(CohostStatus::Accepted))
        }
        (section(&t.s("org-dashboard-upcoming"), true, &|e| e.status != EventStatus::Draft && e.starts_at >= now))
        (section(&t.s("org-dashboard-drafts"), true, &|e| e.status == EventStatus::Draft))
        (section(&t.s("org-dashboard-past"), false, &|e| e.status != EventStatus::Draft && e.starts_at < now))
        (turnout)
    })
    .into_response())
}

pub(super) async fn accept_invitation(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, Error> {
    answer_invitation(&s, &v, &slug, &id, true).await
}

pub(super) async fn decline_invitation(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, Error> {
    answer_invitation(&s, &v, &slug, &id, false).await
}

/// An event's status in the reader's language.
fn status_label(t: Tr, status: EventStatus) -> String {
    match status {
        EventStatus::Draft => t.s("org-status-draft"),
        EventStatus::Published => t.s("org-status-published"),
        EventStatus::Cancelled => t.s("org-status-cancelled"),
    }
}

/// The invited chapter's organizers accept or decline co-hosting an event.
pub(super) async fn answer_invitation(s: &AppState, v: &Visitor, slug: &str, id: &str, accept: bool) -> Result<Response, Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    let dashboard = format!("/chapters/{slug}/dashboard");
    // Asked before looking the invitation up, so outsiders learn nothing of it.
    require(v, &Action::AnswerCohostInvitation { chapter_line: &line }, &dashboard)?;
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let status = events::cohost_status(&txn, id, chapter.id).await?.ok_or(Error::NotFound)?;
    let next = status.answer(accept).ok_or_else(|| Error::Refused(v.tr.s("org-invitation-stays-declined")))?;
    if next != status {
        events::set_cohost_status(&txn, id, chapter.id, next).await?;
        let what = if accept { "cohost.accept" } else { "cohost.decline" };
        audit::record(&txn, v.user.as_ref().map(|u| u.id), what, &format!("event #{id}"), &chapter.slug, now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&dashboard).into_response())
}

/// A small bar: people going, then the waitlist, against the capacity (the
/// line), drawn on the server as SVG so the page needs no script.
pub(super) fn attendance_chart(t: Tr, going: u64, waiting: u64, capacity: Option<i32>) -> maud::Markup {
    const WIDTH: f64 = 160.0;
    let cap = capacity.map(|c| c.max(0) as u64);
    let scale = (going + waiting).max(cap.unwrap_or(0)).max(1) as f64;
    let going_w = WIDTH * going as f64 / scale;
    let waiting_w = WIDTH * waiting as f64 / scale;
    let label = match cap {
        Some(c) => t.f("org-chart-capacity", &[("going", going.into()), ("capacity", c.into()), ("waiting", waiting.into())]),
        None => t.f("org-chart-no-limit", &[("going", going.into())]),
    };
    html! {
        svg.attendance xmlns="http://www.w3.org/2000/svg" width="164" height="16" viewBox="0 0 164 16" role="img" aria-label=(label) {
            title { (label) }
            rect x="0" y="3" width="160" height="10" fill="#e3e3e8" {}
            rect x="0" y="3" width=(format!("{going_w:.1}")) height="10" fill="#17653a" {}
            rect x=(format!("{going_w:.1}")) y="3" width=(format!("{waiting_w:.1}")) height="10" fill="#c99a00" {}
            @if let Some(c) = cap {
                line x1=(format!("{:.1}", WIDTH * c as f64 / scale)) x2=(format!("{:.1}", WIDTH * c as f64 / scale)) y1="0" y2="16" stroke="#1d1d1f" stroke-width="2" {}
            }
        }
    }
}

/// RSVP'd against attended, in people, for the chapter's past events.
async fn past_turnout(s: &AppState, t: Tr, events: &[EventSummary], now: chrono::DateTime<Utc>) -> Result<maud::Markup, Error> {
    let past: Vec<_> = events.iter().filter(|e| e.status == EventStatus::Published && e.starts_at < now).collect();
    let ids: Vec<i64> = past.iter().map(|e| e.id).collect();
    let counts = turnout_persistence::attendance::turnout(&s.db, &ids).await?;
    Ok(html! {
        @if !past.is_empty() {
            h2 { (t.s("org-turnout-heading")) }
            table.list.turnout {
                thead { tr { th { (t.s("org-dashboard-event")) } th { (t.s("org-turnout-rsvpd")) } th { (t.s("org-turnout-attended")) } } }
                tbody {
                    @for e in &past {
                        @let t = counts.get(&e.id).copied().unwrap_or_default();
                        tr {
                            td { a href={ "/events/" (e.id) "/attendees" } { (e.title) } }
                            td { (t.rsvpd) }
                            td { (t.attended) }
                        }
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_chart_says_in_words_what_it_draws() {
        let svg = super::attendance_chart(turnout_domain::catalogue::Tr::default(), 8, 2, Some(10)).into_string();
        assert!(svg.contains("8 going of 10 places, 2 on the waitlist"));
        assert!(svg.contains("width=\"128.0\""), "8 of 10 is 128 of 160 pixels: {svg}");
        assert!(!svg.contains("<script"));
    }
}
