//! An event's attendee list and its CSV export, for that event's organizers
//! only; every export is written to the audit log.

use crate::http::access::answer;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::html;
use turnout_persistence::{audit, rsvps};

use crate::frame::layout::page;
use crate::http::access::visible_event;
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

/// The event and the right to see its attendees.
pub(super) async fn attendee_access(s: &AppState, v: &Visitor, id: &str, path: &str) -> Result<turnout_domain::event::EventDetails, Error> {
    let event = visible_event(&s.db, id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::SeeAttendees).await?, path)?;
    Ok(event)
}

pub(super) async fn attendees(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
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
pub(super) fn csv_field(value: &str) -> String {
    // A spreadsheet runs a cell that starts with one of these as a formula.
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    format!("\"{}\"", value.replace('"', "\"\""))
}

pub(super) async fn attendees_csv(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
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

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralized() {
        // Names are trimmed and refuse control characters on the way in; the
        // export does not rely on that.
        for risky in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_field(risky).starts_with("\"'"), "{risky:?}");
        }
        assert_eq!(csv_field("Rosa \"R\" Parks"), "\"Rosa \"\"R\"\" Parks\"");
    }
}
