//! An event's attendee list, its CSV export and its printable sign-in sheet,
//! for that event's organizers only; every export is written to the audit log.

use std::collections::HashSet;

use crate::http::access::answer;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::attendance::{AttendeeLine, Filter, Tally, sheet_order};
use turnout_domain::catalogue::Tr;
use turnout_domain::rsvp::RsvpStatus;
use turnout_persistence::{attendance, audit, suppression};

use crate::http::access::visible_event;
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::rsvps::attendance_views;
use crate::state::AppState;

/// The event and the right to see its attendees.
pub(super) async fn attendee_access(s: &AppState, v: &Visitor, id: &str, path: &str) -> Result<turnout_domain::event::EventDetails, Error> {
    let event = visible_event(s, id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::SeeAttendees).await?, path)?;
    Ok(event)
}

/// The list's filters as a query string carries them (a plain GET form).
#[derive(Debug, Default, Deserialize)]
pub(super) struct ListFilter {
    #[serde(default)]
    answer: String,
    #[serde(default)]
    checked_in: String,
    #[serde(default)]
    q: String,
}

impl ListFilter {
    pub(super) fn filter(&self) -> Filter {
        Filter::parse(&self.answer, &self.checked_in, &self.q)
    }
}

pub(super) async fn attendees(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Query(f): Query<ListFilter>,
) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/attendees")).await?;
    let lines = attendance::attendee_lines(&s.db, event.id).await?;
    let tally = Tally::of(&lines);
    let filter = f.filter();
    let shown: Vec<&AttendeeLine> = lines.iter().filter(|l| filter.matches(l)).collect();
    let manage = access::can(&s.db, v.actor(), &event, EventRight::Manage).await? == turnout_domain::policy::Decision::Allow;
    // Addresses that refused mail for good: the organizer knows these people
    // get no reminders and can reach them another way.
    let addresses: Vec<String> = shown.iter().map(|l| l.email.clone()).collect();
    let bounced: HashSet<String> = suppression::among(&s.db, &addresses).await?.into_iter().collect();
    Ok(attendance_views::attendee_list(&v, &event, &tally, &filter, &shown, lines.len(), manage, &bounced).into_response())
}

/// A CSV field, quoted, with formula characters neutralized for spreadsheets.
pub(super) fn csv_field(value: &str) -> String {
    // A spreadsheet runs a cell that starts with one of these as a formula.
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// The export: one row per RSVP (RFC 4180: quoted where text, CRLF). The
/// column names are in the reader's language; the cells hold codes (going,
/// yes, no) and RFC 3339 times, the same in every language, for programs.
pub(super) fn csv(t: Tr, lines: &[&AttendeeLine]) -> String {
    let mut csv = t.s("att-csv-header");
    csv.push_str("\r\n");
    for l in lines {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        csv.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\r\n",
            csv_field(&l.name),
            csv_field(&l.email),
            l.status.as_str(),
            l.guests,
            l.people(),
            l.rsvp_at.to_rfc3339(),
            l.waitlist_position.map(|p| p.to_string()).unwrap_or_default(),
            l.checked_in_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            yes_no(l.checked_in_at.is_some() && l.status != RsvpStatus::Cancelled),
            yes_no(l.walk_in),
        ));
    }
    csv
}

pub(super) async fn attendees_csv(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Query(f): Query<ListFilter>,
) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/attendees.csv")).await?;
    let lines = attendance::attendee_lines(&s.db, event.id).await?;
    let filter = f.filter();
    let shown: Vec<&AttendeeLine> = lines.iter().filter(|l| filter.matches(l)).collect();
    let query = filter.query();
    let detail = if query.is_empty() { format!("{} rows", shown.len()) } else { format!("{} rows ({query})", shown.len()) };
    audit::record(&s.db, v.user.as_ref().map(|u| u.id), "attendees.export", &format!("event #{}", event.id), &detail, Utc::now()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"attendees-event-{}.csv\"", event.id)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv(v.tr, &shown),
    )
        .into_response())
}

/// The paper list for the door: everyone expected, by name, with a box to
/// tick, and blank lines for the people who come without an RSVP.
pub(super) async fn sign_in_sheet(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let event = attendee_access(&s, &v, &id, &format!("/events/{id}/sign-in-sheet")).await?;
    let mut expected: Vec<AttendeeLine> = attendance::attendee_lines(&s.db, event.id)
        .await?
        .into_iter()
        .filter(|l| matches!(l.status, RsvpStatus::Going | RsvpStatus::Maybe))
        .collect();
    sheet_order(&mut expected);
    Ok(attendance_views::sign_in_sheet(&v, &event, &expected).into_response())
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
