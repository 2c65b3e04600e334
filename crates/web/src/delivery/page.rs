use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{DateTime, Utc};
use maud::{Markup, html};
use serde::Deserialize;
use turnout_domain::catalogue::Tr;
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
    let t = v.tr;
    let done = match q.done.as_deref() {
        Some("requeued") => Some(t.s("mailing-delivery-requeued")),
        Some("lifted") => Some(t.s("mailing-delivery-lifted")),
        _ => None,
    };
    let title = t.s("mailing-delivery-title");
    let (what, why, action) = (t.s("mailing-delivery-col-what"), t.s("mailing-delivery-col-why"), t.s("mailing-delivery-col-action"));
    Ok(page(
        &v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            @if let Some(done) = done { p.banner.ok role="status" { (done) } }
            @if o.oldest_pending.is_some_and(|at| now - at > chrono::Duration::minutes(STUCK_AFTER_MINUTES)) {
                p.banner.cancelled role="alert" {
                    (t.f("mailing-delivery-stuck", &[("minutes", STUCK_AFTER_MINUTES.into())]))
                }
            }
            dl.facts {
                dt { (t.s("mailing-delivery-pending")) } dd { (o.pending) }
                dt { (t.s("mailing-delivery-oldest")) } dd { (oldest(t, o.oldest_pending, now)) }
                dt { (t.s("mailing-delivery-failed-count")) } dd { (o.failed) }
                dt { (t.s("mailing-delivery-suppressed-count")) } dd { (o.suppressed) }
            }
            h2 { (t.s("mailing-delivery-failed")) }
            @if failed.is_empty() {
                p { (t.s("mailing-delivery-none")) }
            } @else {
                form method="post" action="/admin/outbox/requeue" {
                    (v.csrf_field())
                    button type="submit" { (t.f("mailing-delivery-requeue-all", &[("count", failed.len().into())])) }
                }
                table.list {
                        thead {
                            tr {
                                th { "#" } th { (what) } th { (t.s("mailing-delivery-col-to")) } th { (t.s("mailing-delivery-col-subject")) }
                                th { (t.s("mailing-delivery-col-tries")) } th { (why) } th { (action) }
                            }
                        }
                        tbody {
                            @for m in &failed {
                                tr {
                                    td { (m.id) } td { (m.kind) } td { (m.to_address) } td { (m.subject) } td { (m.attempts) }
                                    td { (m.last_error.as_deref().unwrap_or("")) }
                                    td {
                                        form method="post" action="/admin/outbox/requeue" {
                                            (v.csrf_field())
                                            input type="hidden" name="id" value=(m.id);
                                            button type="submit" aria-label=(t.f("mailing-delivery-requeue-label", &[("id", m.id.into())])) {
                                                (t.s("mailing-delivery-requeue"))
                                            }
                                        }
                                    }
                                }
                            }
                        }
                }
            }
            h2 { (t.s("mailing-delivery-suppressed")) }
            p { (t.s("mailing-delivery-suppressed-text")) }
            @if suppressed.is_empty() {
                p { (t.s("mailing-delivery-none")) }
            } @else {
                table.list {
                        thead { tr { th { (t.s("mailing-delivery-col-address")) } th { (t.s("mailing-delivery-col-since")) } th { (why) } th { (action) } } }
                        tbody {
                            @for a in &suppressed {
                                tr {
                                    td { (a.address) } td { (a.created_at.format("%Y-%m-%d %H:%M")) } td { (a.reason) }
                                    td {
                                        form method="post" action="/admin/outbox/unsuppress" {
                                            (v.csrf_field())
                                            input type="hidden" name="address" value=(a.address);
                                            button type="submit" aria-label=(t.f("mailing-delivery-lift-label", &[("address", (&a.address).into())])) {
                                                (t.s("mailing-delivery-lift"))
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

fn oldest(t: Tr, queued: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Markup {
    match queued {
        None => html! { (t.s("mailing-delivery-nothing-waiting")) },
        Some(at) => {
            let minutes = (now - at).num_minutes().max(0);
            html! {
                time datetime=(at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)) { (at.format("%Y-%m-%d %H:%M")) " UTC" }
                (t.f("mailing-delivery-minutes-ago", &[("minutes", minutes.into())]))
            }
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
        Some(id) => vec![id.parse().map_err(|_| Error::BadRequest(v.tr.s("mailing-delivery-error-number")))?],
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
        return Err(Error::BadRequest(v.tr.s("mailing-delivery-error-not-suppressed")));
    }
    audit::record(&s.db, v.user.as_ref().map(|u| u.id), "outbox.unsuppress", "an address", "", Utc::now()).await?;
    Ok(Redirect::to("/admin/outbox?done=lifted").into_response())
}
