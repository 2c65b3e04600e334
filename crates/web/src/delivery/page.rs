use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{DateTime, Utc};
use maud::{Markup, html};
use serde::Deserialize;
use turnout_domain::policy::Action;
use turnout_persistence::{audit, outbox, suppression};

use crate::frame::layout::page;
use crate::http::access::require;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

/// Mail waiting longer than this means delivery is stuck: the page says so.
const STUCK_AFTER_MINUTES: i64 = 15;

#[derive(Deserialize)]
pub(super) struct Done {
    done: Option<String>,
}

pub(super) async fn overview(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Query(q): Query<Done>,
) -> Result<Response, Error> {
    require(&v, &Action::ManageDelivery, "/admin/outbox")?;
    let now = Utc::now();
    let o = outbox::overview(&s.db).await?;
    let failed = outbox::list(&s.db, Some(outbox::FAILED), None, 100).await?;
    let suppressed = suppression::list(&s.db, None).await?;
    let done = match q.done.as_deref() {
        Some("requeued") => Some("The failed messages are queued again."),
        Some("lifted") => Some("Reminders and notices may go to that address again."),
        _ => None,
    };
    Ok(page(
        &v,
        "Email delivery",
        html! {},
        html! {
            h1 { "Email delivery" }
            @if let Some(done) = done { p.banner.ok role="status" { (done) } }
            @if o.oldest_pending.is_some_and(|t| now - t > chrono::Duration::minutes(STUCK_AFTER_MINUTES)) {
                p.banner.cancelled role="alert" {
                    "Mail has been waiting for more than " (STUCK_AFTER_MINUTES) " minutes. Check the SMTP settings and the server log."
                }
            }
            dl.facts {
                dt { "Waiting to be sent" } dd { (o.pending) }
                dt { "Oldest waiting" } dd { (oldest(o.oldest_pending, now)) }
                dt { "Failed (given up)" } dd { (o.failed) }
                dt { "Not sent to suppressed addresses" } dd { (o.suppressed) }
            }
            h2 { "Failed messages" }
            @if failed.is_empty() {
                p { "None." }
            } @else {
                form method="post" action="/admin/outbox/requeue" {
                    (v.csrf_field())
                    button type="submit" { "Queue all " (failed.len()) " failed messages again" }
                }
                table.list {
                        thead { tr { th { "#" } th { "What" } th { "To" } th { "Subject" } th { "Tries" } th { "Why" } th { "Action" } } }
                        tbody {
                            @for m in &failed {
                                tr {
                                    td { (m.id) } td { (m.kind) } td { (m.to_address) } td { (m.subject) } td { (m.attempts) }
                                    td { (m.last_error.as_deref().unwrap_or("")) }
                                    td {
                                        form method="post" action="/admin/outbox/requeue" {
                                            (v.csrf_field())
                                            input type="hidden" name="id" value=(m.id);
                                            button type="submit" aria-label=(format!("Queue message {} again", m.id)) { "Queue again" }
                                        }
                                    }
                                }
                            }
                        }
                }
            }
            h2 { "Suppressed addresses" }
            p { "These addresses refused mail for good. Reminders and event notices are not sent to them; confirmations and account email still are." }
            @if suppressed.is_empty() {
                p { "None." }
            } @else {
                table.list {
                        thead { tr { th { "Address" } th { "Since (UTC)" } th { "Why" } th { "Action" } } }
                        tbody {
                            @for a in &suppressed {
                                tr {
                                    td { (a.address) } td { (a.created_at.format("%Y-%m-%d %H:%M")) } td { (a.reason) }
                                    td {
                                        form method="post" action="/admin/outbox/unsuppress" {
                                            (v.csrf_field())
                                            input type="hidden" name="address" value=(a.address);
                                            button type="submit" aria-label=(format!("Let mail go to {} again", a.address)) { "Let mail go again" }
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

fn oldest(queued: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Markup {
    match queued {
        None => html! { "nothing is waiting" },
        Some(t) => {
            let minutes = (now - t).num_minutes().max(0);
            html! { time datetime=(t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)) { (t.format("%Y-%m-%d %H:%M")) " UTC" } " (" (minutes) " min ago)" }
        }
    }
}

#[derive(Deserialize)]
pub(super) struct RequeueForm {
    /// One message; none means every failed message.
    id: Option<String>,
}

pub(super) async fn requeue(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<RequeueForm>,
) -> Result<Response, Error> {
    require(&v, &Action::ManageDelivery, "/admin/outbox")?;
    let ids: Vec<i64> = match f.id.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => vec![id.parse().map_err(|_| Error::BadRequest("That is not a message number.".to_owned()))?],
        None => Vec::new(),
    };
    let n = outbox::requeue_failed(&s.db, &ids, Utc::now()).await?;
    let what = if ids.is_empty() { "all failed".to_owned() } else { format!("#{}", ids[0]) };
    audit::record(&s.db, v.user.as_ref().map(|u| u.id), "outbox.requeue", &what, &format!("{n} message(s)"), Utc::now()).await?;
    s.notifier.wake();
    Ok(Redirect::to("/admin/outbox?done=requeued").into_response())
}

#[derive(Deserialize)]
pub(super) struct LiftForm {
    address: String,
}

pub(super) async fn unsuppress(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<LiftForm>,
) -> Result<Response, Error> {
    require(&v, &Action::ManageDelivery, "/admin/outbox")?;
    if !suppression::lift(&s.db, &f.address).await? {
        return Err(Error::BadRequest("That address is not suppressed.".to_owned()));
    }
    audit::record(&s.db, v.user.as_ref().map(|u| u.id), "outbox.unsuppress", "an address", "", Utc::now()).await?;
    Ok(Redirect::to("/admin/outbox?done=lifted").into_response())
}
