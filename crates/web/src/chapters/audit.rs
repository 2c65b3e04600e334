//! The audit log, for site admins: logins, role and chapter changes, exports.

use crate::http::access::require;
use axum::Extension;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use maud::html;
use turnout_domain::policy::Action;
use turnout_persistence::audit;

use crate::frame::layout::page;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn audit_log(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    require(&v, &Action::SeeAuditLog, "/admin/audit")?;
    let entries = audit::recent(&s.db, 200).await?;
    let t = v.tr;
    let title = t.s("nav-audit-log");
    Ok(page(
        &v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            table.list {
                thead { tr { th { (t.s("chap-audit-when")) } th { (t.s("chap-audit-who")) } th { (t.s("chap-audit-what")) } th { (t.s("chap-audit-subject")) } th { (t.s("chap-audit-detail")) } } }
                tbody {
                    @for e in &entries {
                        tr {
                            td { (e.at.format("%Y-%m-%d %H:%M:%S")) }
                            td { @if let Some(a) = e.actor_user_id { (t.f("chap-audit-user", &[("id", a.into())])) } @else { (t.s("chap-audit-system")) } }
                            td { (e.action) } td { (e.subject) } td { (e.detail) }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}
