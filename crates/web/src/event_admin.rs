//! The organizer's event workflow: create, edit, preview (a draft's own page),
//! publish, cancel with a reason, duplicate, delete a draft, and the chapter
//! dashboard, and the invited chapter's answer to an invitation to co-host.
//! Every handler asks the policy: `EventAction::Manage` for an event,
//! `AnswerCohostInvitation` for an invitation.

use crate::http::routing::{Routes, get, post};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::{DateTime, Utc};
use maud::html;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::chapter::Chapter;
use turnout_domain::event::{CohostStatus, EventDetails, EventStatus, Skip, SponsorRole, Venue, cancel_reason};
use turnout_domain::event_input::{EventInput, Repeat, ValidEvent, repeat};
use turnout_domain::policy::Action;
use turnout_domain::recurrence;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::date_time_label;
use turnout_notifications::compose;
use turnout_persistence::events::{self, NewEvent};
use turnout_persistence::{audit, begin_write, chapters, outbox, rsvps, series};

use crate::chapter_routes::{answer, require};
use crate::frame::layout::page;
use crate::guest_rsvp::visible_event;
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::pages::event_form::{ChapterContext, FormMode, event_form};
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .route("/chapters/{slug}/events/new", get(new_form))
        .route("/chapters/{slug}/events", post(create))
        .route("/chapters/{slug}/dashboard", get(dashboard))
        .route("/events/{id}/edit", get(edit_form).post(edit))
        .route("/events/{id}/publish", post(publish))
        .route("/events/{id}/cancel", post(cancel))
        .route("/events/{id}/duplicate", post(duplicate))
        .route("/events/{id}/delete", post(delete))
        .route("/events/{id}/skip", post(skip))
        .route("/chapters/{slug}/cohosting/{id}/accept", post(accept_invitation))
        .route("/chapters/{slug}/cohosting/{id}/decline", post(decline_invitation))
}

#[derive(Deserialize, Default)]
pub struct EventForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    starts_at: String,
    #[serde(default)]
    ends_at: String,
    #[serde(default)]
    doors_open_at: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    venue_name: String,
    #[serde(default)]
    venue_street_address: String,
    #[serde(default)]
    venue_suite: String,
    #[serde(default)]
    venue_city: String,
    #[serde(default)]
    venue_transit: String,
    #[serde(default)]
    venue_accessibility: String,
    #[serde(default)]
    online_url: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    overflow_note: String,
    #[serde(default)]
    guests_allowed: String,
    #[serde(default)]
    rsvp_opens_at: String,
    #[serde(default)]
    rsvp_closes_at: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    address_protection: String,
    #[serde(default)]
    address_reveal_hours: String,
    #[serde(default)]
    tags: String,
    #[serde(default)]
    agenda: String,
    #[serde(default)]
    speakers: String,
    #[serde(default)]
    sessions: String,
    #[serde(default)]
    cohosts: String,
    /// The index of a saved venue of the chapter, if one was chosen.
    #[serde(default)]
    saved_venue: String,
    #[serde(default)]
    sponsors: String,
    /// Which button: "draft" or "publish".
    #[serde(default)]
    action: String,
    /// New events: none, weekly, biweekly, monthly.
    #[serde(default)]
    repeat: String,
    #[serde(default)]
    repeat_until: String,
    /// Series occurrences: "one" or "following".
    #[serde(default)]
    apply: String,
    /// Edits: the calendar SEQUENCE the form was opened at.
    #[serde(default)]
    version: String,
}

impl EventForm {
    fn input(self) -> (EventInput, bool) {
        let publish = self.action == "publish";
        let i = EventInput {
            kind: self.kind,
            title: self.title,
            summary: self.summary,
            description: self.description,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            doors_open_at: self.doors_open_at,
            time_zone: self.time_zone,
            venue_name: self.venue_name,
            venue_street_address: self.venue_street_address,
            venue_suite: self.venue_suite,
            venue_city: self.venue_city,
            venue_transit: self.venue_transit,
            venue_accessibility: self.venue_accessibility,
            online_url: self.online_url,
            capacity: self.capacity,
            overflow_note: self.overflow_note,
            guests_allowed: self.guests_allowed,
            rsvp_opens_at: self.rsvp_opens_at,
            rsvp_closes_at: self.rsvp_closes_at,
            visibility: self.visibility,
            address_protection: self.address_protection,
            address_reveal_hours: self.address_reveal_hours,
            tags: self.tags,
            agenda: self.agenda,
            speakers: self.speakers,
            sessions: self.sessions,
            cohosts: self.cohosts,
            sponsors: self.sponsors,
        };
        (i, publish)
    }
}

/// The form filled in from a stored event, times in its own zone.
fn input_from(e: &EventDetails) -> EventInput {
    let zone = crate::frame::zone(&e.time_zone);
    let local = |t: DateTime<Utc>| t.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string();
    let venue = e.venue.clone().unwrap_or_default();
    EventInput {
        kind: e.kind.as_str().to_owned(),
        title: e.title.clone(),
        summary: e.summary.clone(),
        description: e.description.clone(),
        starts_at: local(e.starts_at),
        ends_at: local(e.ends_at),
        doors_open_at: e.doors_open_at.map(local).unwrap_or_default(),
        time_zone: e.time_zone.clone(),
        venue_name: venue.name,
        venue_street_address: venue.street_address,
        venue_suite: venue.suite.unwrap_or_default(),
        venue_city: venue.city,
        venue_transit: venue.transit_directions.unwrap_or_default(),
        venue_accessibility: venue.accessibility_notes.unwrap_or_default(),
        online_url: e.online_url.clone().unwrap_or_default(),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        overflow_note: e.overflow_note.clone().unwrap_or_default(),
        guests_allowed: e.guests_allowed.to_string(),
        rsvp_opens_at: e.rsvp_opens_at.map(local).unwrap_or_default(),
        rsvp_closes_at: e.rsvp_closes_at.map(local).unwrap_or_default(),
        visibility: e.visibility.as_str().to_owned(),
        address_protection: e.address_protection.to_stored().0.to_owned(),
        address_reveal_hours: e.address_protection.to_stored().1.map(|h| h.to_string()).unwrap_or_default(),
        tags: e.tags.join(", "),
        agenda: e
            .agenda
            .iter()
            .map(|a| format!("{} {}", a.starts_at.with_timezone(&zone).format("%H:%M"), a.title))
            .collect::<Vec<_>>()
            .join("\n"),
        speakers: e.speakers.iter().map(|s| format!("{} | {}", s.name, s.bio)).collect::<Vec<_>>().join("\n"),
        // Pending ones too, so saving the form keeps the invitation.
        cohosts: e
            .cohost_invitations
            .iter()
            .filter(|c| c.status != CohostStatus::Declined)
            .map(|c| c.chapter.slug.clone())
            .collect::<Vec<_>>()
            .join(", "),
        sessions: e
            .sessions
            .iter()
            .map(|s| {
                let (from, to) = (s.starts_at.with_timezone(&zone), s.ends_at.with_timezone(&zone));
                let first_day = e.starts_at.with_timezone(&zone).date_naive();
                let day = if from.date_naive() == first_day { String::new() } else { format!("{} ", from.format("%Y-%m-%d")) };
                format!(
                    "{day}{}-{} | {} | {} | {}",
                    from.format("%H:%M"),
                    to.format("%H:%M"),
                    s.title,
                    s.room.clone().unwrap_or_default(),
                    s.speakers.join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("\n"),
        sponsors: e
            .sponsors
            .iter()
            .map(|s| {
                let mut line = s.name.clone();
                if let Some(url) = &s.url {
                    line.push_str(&format!(" | {url}"));
                }
                if s.role == SponsorRole::Host {
                    line.push_str(" | host");
                }
                line
            })
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

async fn managed_chapter(s: &AppState, v: &Visitor, slug: &str, path: &str) -> Result<Chapter, Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    require(v, &Action::ManageEvents { chapter_line: &line }, path)?;
    Ok(chapter)
}

/// The event, if this visitor may manage it. Someone who may not even see
/// it (a draft, a members-only event of another chapter) gets the same 404 as
/// for an event that does not exist, so that these routes cannot be used to
/// find hidden events; someone who sees it without the right gets 403.
pub(crate) async fn managed_event(s: &AppState, v: &Visitor, id: &str, path: &str) -> Result<EventDetails, Error> {
    let event = visible_event(&s.db, id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::Manage).await?, path)?;
    Ok(event)
}

/// Saves the event's venue with the chapter's venues: an identical one is
/// reused, anything else is a new venue, so other events keep theirs.
async fn save_venue(txn: &impl turnout_persistence::ConnectionTrait, chapter_id: i64, valid: &ValidEvent) -> Result<Option<i64>, Error> {
    match valid.venue.clone() {
        Some(venue) => Ok(Some(events::find_or_insert_venue(txn, chapter_id, venue).await?)),
        None => Ok(None),
    }
}

fn to_new(chapter_id: i64, status: EventStatus, venue_id: Option<i64>, event: ValidEvent) -> NewEvent {
    NewEvent { chapter_id, status, venue_id, event }
}

async fn new_form(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug, &format!("/chapters/{slug}/events/new")).await?;
    let f = EventInput {
        kind: "branch_meeting".into(),
        visibility: "public".into(),
        time_zone: chapter.time_zone.clone(),
        ..Default::default()
    };
    let mode = FormMode::New { repeat: "none", repeat_until: "" };
    let venues = events::venues(&s.db, chapter.id).await?;
    Ok(event_form(
        &v,
        "New event",
        &format!("/chapters/{slug}/events"),
        &f,
        &FieldErrors::new(),
        ChapterContext { name: &chapter.name, venues: &venues },
        mode,
    )
    .into_response())
}

async fn create(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
    Form(f): Form<EventForm>,
) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug, &format!("/chapters/{slug}/events/new")).await?;
    let (repeat_choice, repeat_until) = (f.repeat.clone(), f.repeat_until.clone());
    let venues = events::venues(&s.db, chapter.id).await?;
    let saved = f.saved_venue.clone();
    let (input, publish) = f.input();
    let input = with_saved_venue(input, &saved, &venues);
    let invalid = |input: &EventInput, errors: &FieldErrors| {
        let mode = FormMode::New { repeat: &repeat_choice, repeat_until: &repeat_until };
        let page = event_form(
            &v,
            "New event",
            &format!("/chapters/{slug}/events"),
            input,
            errors,
            ChapterContext { name: &chapter.name, venues: &venues },
            mode,
        );
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    let valid = match input.validate() {
        Ok(e) => e,
        Err(errors) => return Ok(invalid(&input, &errors)),
    };
    let mut errors = FieldErrors::new();
    let series = repeat(&repeat_choice, &repeat_until, valid.local_date(), &mut errors);
    let cohosts = resolve_cohosts(&s, &input, chapter.id, &mut errors).await?;
    if !errors.is_empty() {
        return Ok(invalid(&input, &errors));
    }
    let now = Utc::now();
    let status = if publish { EventStatus::Published } else { EventStatus::Draft };
    let txn = begin_write(&s.db).await?;
    let venue_id = save_venue(&txn, chapter.id, &valid).await?;
    let first_id = match series {
        None => {
            let id = events::insert(&txn, to_new(chapter.id, status, venue_id, valid), now).await?;
            events::set_cohosts(&txn, id, &cohosts).await?;
            id
        }
        Some(Repeat { rule, until }) => {
            let first_date = valid.local_date().unwrap_or(until);
            let series_id = series::create(&txn, chapter.id, rule, until, now).await?;
            let mut first = None;
            // A date whose time the clocks skip is left out of the series.
            for date in recurrence::dates(rule, first_date, until) {
                let Some(occurrence) = valid.on_date(date) else { continue };
                let id = events::insert(&txn, to_new(chapter.id, status, venue_id, occurrence), now).await?;
                series::attach(&txn, id, series_id, date).await?;
                events::set_cohosts(&txn, id, &cohosts).await?;
                first.get_or_insert(id);
            }
            first.ok_or(Error::BadRequest("No date of this series exists in its time zone.".into()))?
        }
    };
    if publish {
        audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.publish", &format!("event #{first_id}"), "", now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{first_id}")).into_response())
}

async fn edit_form(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/edit")).await?;
    let mode = FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: e.sequence };
    Ok(event_form(
        &v,
        &format!("Edit: {}", e.title),
        &format!("/events/{id}/edit"),
        &input_from(&e),
        &FieldErrors::new(),
        ChapterContext { name: &e.chapter_name, venues: &events::venues(&s.db, e.chapter_id).await? },
        mode,
    )
    .into_response())
}

async fn edit(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Form(f): Form<EventForm>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/edit")).await?;
    // Without a version (a form from before versions), the one just read: that still guards this request's own write.
    let opened: i32 = f.version.trim().parse().unwrap_or(e.sequence);
    let following = f.apply == "following";
    let venues = events::venues(&s.db, e.chapter_id).await?;
    let saved = f.saved_venue.clone();
    let (input, publish) = f.input();
    let input = with_saved_venue(input, &saved, &venues);
    let valid = match input.validate() {
        Ok(valid) => valid,
        Err(errors) => {
            let mode = FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: opened };
            let page = event_form(
                &v,
                &format!("Edit: {}", e.title),
                &format!("/events/{id}/edit"),
                &input,
                &errors,
                ChapterContext { name: &e.chapter_name, venues: &venues },
                mode,
            );
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut errors = FieldErrors::new();
    let cohosts = resolve_cohosts(&s, &input, e.chapter_id, &mut errors).await?;
    if !errors.is_empty() {
        let mode = FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: opened };
        let page = event_form(
            &v,
            &format!("Edit: {}", e.title),
            &format!("/events/{id}/edit"),
            &input,
            &errors,
            ChapterContext { name: &e.chapter_name, venues: &venues },
            mode,
        );
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = Utc::now();
    // This and every later date that was not changed on its own.
    let dates = match (&e.series, following) {
        (Some(link), true) => {
            let dates: Vec<_> = series::occurrences_from(&s.db, link.series_id, link.date)
                .await?
                .into_iter()
                .filter(|occ| occ.event_id == e.id || !occ.detached)
                .collect();
            // Every date changed is checked, not only the one in the address:
            // one the visitor may not manage refuses the whole edit.
            let ids: Vec<i64> = dates.iter().map(|o| o.event_id).collect();
            if !access::can_every(&s.db, v.actor(), &ids, EventRight::Manage).await? {
                return Err(Error::Forbidden(
                    "Some later dates of this series are not yours to manage, so nothing was changed. Edit this date on its own instead.",
                ));
            }
            dates
        }
        _ => Vec::new(),
    };
    let txn = begin_write(&s.db).await?;
    if !events::claim_for_edit(&txn, e.id, opened).await? {
        drop(txn);
        let saved = events::details(&s.db, e.id).await?.ok_or(Error::NotFound)?;
        return Ok(conflict(&v, &saved, &input, &venues));
    }
    let venue_id = save_venue(&txn, e.chapter_id, &valid).await?;
    match (&e.series, following) {
        // The same details, each on its own date at the new local times.
        (Some(_), true) => {
            for occ in dates {
                let Some(on_date) = valid.on_date(occ.date) else { continue };
                let status = events::details(&txn, occ.event_id).await?.map(|d| d.status).unwrap_or(e.status);
                events::update(&txn, occ.event_id, to_new(e.chapter_id, status, venue_id, on_date), now).await?;
                events::set_cohosts(&txn, occ.event_id, &cohosts).await?;
            }
        }
        (Some(_), false) => {
            events::update(&txn, e.id, to_new(e.chapter_id, e.status, venue_id, valid), now).await?;
            series::detach(&txn, e.id).await?;
            events::set_cohosts(&txn, e.id, &cohosts).await?;
        }
        (None, _) => {
            events::update(&txn, e.id, to_new(e.chapter_id, e.status, venue_id, valid), now).await?;
            events::set_cohosts(&txn, e.id, &cohosts).await?;
        }
    }
    if publish && e.status == EventStatus::Draft {
        events::set_status(&txn, e.id, EventStatus::Published, None, now).await?;
        audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.publish", &format!("event #{}", e.id), "", now).await?;
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{}", e.id)).into_response())
}

/// The form again after someone else saved the event since it was opened:
/// 409, what this organizer typed in the fields, what is saved now next to
/// each field that differs, and the new version, so saving again is a choice.
fn conflict(v: &Visitor, saved: &EventDetails, mine: &EventInput, venues: &[Venue]) -> Response {
    let theirs = input_from(saved);
    let differences = mine.differences(&theirs);
    let names: Vec<&str> = differences.iter().map(|(field, _)| *field).collect();
    let mut errors = FieldErrors::new();
    errors.add(
        "version",
        format!(
            "Someone else saved this event since you opened it. Your version is in the form; what is saved now is shown next to \
             each field that differs ({}). Save again to replace it with yours.",
            if names.is_empty() { "none of the fields on this form".to_owned() } else { names.join(", ") }
        ),
    );
    for (field, value) in differences {
        errors.add(field, format!("Saved now: {}", if value.trim().is_empty() { "(empty)" } else { value }));
    }
    let page = event_form(
        v,
        &format!("Edit: {}", saved.title),
        &format!("/events/{}/edit", saved.id),
        mine,
        &errors,
        ChapterContext { name: &saved.chapter_name, venues },
        FormMode::Edit { series: saved.series.as_ref(), invitations: &saved.cohost_invitations, version: saved.sequence },
    );
    (StatusCode::CONFLICT, page).into_response()
}

async fn publish(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_publish() {
        return Err(Error::Conflict("Only a draft can be published."));
    }
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    events::set_status(&txn, e.id, EventStatus::Published, None, now).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.publish", &format!("event #{}", e.id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{}", e.id)).into_response())
}

#[derive(Deserialize, Default)]
struct CancelForm {
    #[serde(default)]
    reason: String,
}

/// Cancels with a reason, and tells everyone who RSVP'd, in one transaction.
async fn cancel(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Form(f): Form<CancelForm>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_cancel() {
        return Err(Error::Conflict("Only a published event can be cancelled."));
    }
    let reason = match cancel_reason(&f.reason) {
        Ok(reason) => reason,
        Err(problem) => return Ok(cancel_again(&v, &e, &f.reason, problem)),
    };
    cancel_and_notify(&s, &v, &e, reason).await?;
    Ok(Redirect::to(&format!("/events/{}", e.id)).into_response())
}

/// The cancel form again with the reason as typed (control characters shown
/// as spaces) and what is wrong with it next to the field: 400, nothing changed.
fn cancel_again(v: &Visitor, e: &EventDetails, typed: &str, problem: &str) -> Response {
    let typed: String = typed.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let body = html! {
        h1 { "Cancel: " (e.title) }
        form.stacked method="post" action={ "/events/" (e.id) "/cancel" } {
            (v.csrf_field())
            label for="reason" { "Reason" }
            input id="reason" name="reason" type="text" required value=(typed) aria-invalid="true" aria-describedby="reason-error";
            p.field-error id="reason-error" { (problem) }
            button type="submit" { "Cancel event" }
        }
        p { a href={ "/events/" (e.id) } { "Back to the event" } }
    };
    (StatusCode::BAD_REQUEST, page(v, &format!("Cancel: {}", e.title), html! {}, body)).into_response()
}

async fn cancel_and_notify(s: &AppState, v: &Visitor, e: &EventDetails, reason: &str) -> Result<(), Error> {
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    events::set_status(&txn, e.id, EventStatus::Cancelled, Some(reason.to_owned()), now).await?;
    let mut cancelled = e.clone();
    cancelled.status = EventStatus::Cancelled;
    cancelled.cancel_reason = Some(reason.to_owned());
    cancelled.sequence += 1;
    for person in rsvps::attendees_with_address(&txn, e.id).await? {
        if person.status == RsvpStatus::Cancelled {
            continue;
        }
        let message = compose::cancellation(&cancelled, person.rsvp_id, person.status, &person.name, &person.email, &s.base_url);
        outbox::enqueue(&txn, &message, now).await?;
    }
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.cancel", &format!("event #{}", e.id), reason, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(())
}

/// Skips one date of a series: removed if nobody RSVP'd yet, otherwise
/// cancelled so those who did are told.
async fn skip(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if e.series.is_none() {
        return Err(Error::Conflict("Only a date of a recurring series can be skipped."));
    }
    let anyone = rsvps::attendees_with_address(&s.db, e.id).await?.iter().any(|p| p.status != RsvpStatus::Cancelled);
    if turnout_domain::event::skip(e.status, anyone) == Skip::Cancel {
        cancel_and_notify(&s, &v, &e, "This date of the series is skipped.").await?;
        return Ok(Redirect::to(&format!("/events/{}", e.id)).into_response());
    }
    let txn = begin_write(&s.db).await?;
    events::delete(&txn, e.id).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "event.skip", &format!("event #{}", e.id), "", Utc::now()).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{}/dashboard", e.chapter_slug)).into_response())
}

/// A new draft with the same details, for next month's meeting.
async fn duplicate(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    let now = Utc::now();
    let input = input_from(&e);
    let valid = input.validate().map_err(|errors| Error::BadRequest(format!("This event cannot be copied as it is: {errors}")))?;
    let txn = begin_write(&s.db).await?;
    let venue_id = save_venue(&txn, e.chapter_id, &valid).await?;
    let copy = events::insert(&txn, to_new(e.chapter_id, EventStatus::Draft, venue_id, valid), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/events/{copy}/edit")).into_response())
}

async fn delete(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}")).await?;
    if !e.status.can_delete() {
        return Err(Error::Conflict("Only a draft can be deleted; cancel a published event instead."));
    }
    let txn = begin_write(&s.db).await?;
    events::delete(&txn, e.id).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{}/dashboard", e.chapter_slug)).into_response())
}

async fn dashboard(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug, &format!("/chapters/{slug}/dashboard")).await?;
    let all = events::for_chapter_dashboard(&s.db, chapter.id).await?;
    let now = Utc::now();
    let mut rows = Vec::with_capacity(all.len());
    for e in &all {
        rows.push((e, rsvps::count(&s.db, e.id, RsvpStatus::Going).await?, rsvps::count(&s.db, e.id, RsvpStatus::Waitlisted).await?));
    }
    let section = |title: &str, filter: &dyn Fn(&turnout_domain::event::EventSummary) -> bool| {
        html! {
            h2 { (title) }
            table.list {
                thead { tr { th { "When" } th { "Event" } th { "Status" } th { "Going" } th { "Waitlist" } th { "Attendance" } } }
                tbody {
                    @for (e, going, waiting) in rows.iter().filter(|(e, _, _)| filter(e)) {
                        tr {
                            td { (date_time_label(e.starts_at, crate::frame::zone(&e.time_zone))) }
                            td { a href={ "/events/" (e.id) } { (e.title) } }
                            td { (e.status.label()) }
                            td { (going) } td { (waiting) }
                            td { (attendance_chart(*going, *waiting, e.capacity)) }
                        }
                    }
                }
            }
        }
    };
    let invitations = events::cohost_invitations(&s.db, chapter.id, now).await?;
    let invitation_list = |status: CohostStatus| {
        html! {
            ul.list {
                @for i in invitations.iter().filter(|i| i.status == status) {
                    li {
                        (date_time_label(i.event.starts_at, crate::frame::zone(&i.event.time_zone))) ": "
                        // A draft is its host's alone until published.
                        @if i.event.status == EventStatus::Draft { (i.event.title) " (a draft)" }
                        @else { a href={ "/events/" (i.event.id) } { (i.event.title) } }
                        ", hosted by " (i.event.chapter_name)
                        @if status == CohostStatus::Accepted && i.event.status != EventStatus::Draft {
                            " · " a href={ "/events/" (i.event.id) "/attendees" } { "Attendees" }
                        }
                        @if status == CohostStatus::Pending {
                            form.inline method="post" action={ "/chapters/" (chapter.slug) "/cohosting/" (i.event.id) "/accept" } {
                                (v.csrf_field()) button type="submit" { "Accept" }
                            }
                        }
                        form.inline method="post" action={ "/chapters/" (chapter.slug) "/cohosting/" (i.event.id) "/decline" } {
                            (v.csrf_field())
                            button type="submit" { @if status == CohostStatus::Pending { "Decline" } @else { "Stop co-hosting" } }
                        }
                    }
                }
            }
        }
    };
    let pending = invitations.iter().any(|i| i.status == CohostStatus::Pending);
    let accepted = invitations.iter().any(|i| i.status == CohostStatus::Accepted);
    Ok(page(&v, &format!("Dashboard: {}", chapter.name), html! {}, html! {
        h1 { "Dashboard: " (chapter.name) }
        p { a href={ "/chapters/" (chapter.slug) "/events/new" } { "New event" } " · " a href={ "/chapters/" (chapter.slug) "/members" } { "Members" }
            " · " a href={ "/chapters/" (chapter.slug) "/venues" } { "Saved venues" } }
        @if pending {
            h2 { "Invitations to co-host" }
            p { "Another chapter named " (chapter.name) " as a co-host. Until you accept, the event is not listed with "
                (chapter.name) " and its attendees are not shown to you. A declined invitation stays declined." }
            (invitation_list(CohostStatus::Pending))
        }
        @if accepted {
            h2 { "Co-hosting" }
            (invitation_list(CohostStatus::Accepted))
        }
        (section("Drafts", &|e| e.status == EventStatus::Draft))
        (section("Upcoming", &|e| e.status != EventStatus::Draft && e.starts_at >= now))
        (section("Past", &|e| e.status != EventStatus::Draft && e.starts_at < now))
    })
    .into_response())
}

async fn accept_invitation(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, Error> {
    answer_invitation(&s, &v, &slug, &id, true).await
}

async fn decline_invitation(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, id)): Path<(String, String)>,
) -> Result<Response, Error> {
    answer_invitation(&s, &v, &slug, &id, false).await
}

/// The invited chapter's organizers accept or decline co-hosting an event.
async fn answer_invitation(s: &AppState, v: &Visitor, slug: &str, id: &str, accept: bool) -> Result<Response, Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    let dashboard = format!("/chapters/{slug}/dashboard");
    // Asked before looking the invitation up, so outsiders learn nothing of it.
    require(v, &Action::AnswerCohostInvitation { chapter_line: &line }, &dashboard)?;
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let status = events::cohost_status(&txn, id, chapter.id).await?.ok_or(Error::NotFound)?;
    let next = status.answer(accept).ok_or(Error::Conflict("This invitation was declined, and a declined invitation stays declined."))?;
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
fn attendance_chart(going: u64, waiting: u64, capacity: Option<i32>) -> maud::Markup {
    const WIDTH: f64 = 160.0;
    let cap = capacity.map(|c| c.max(0) as u64);
    let scale = (going + waiting).max(cap.unwrap_or(0)).max(1) as f64;
    let going_w = WIDTH * going as f64 / scale;
    let waiting_w = WIDTH * waiting as f64 / scale;
    let label = match cap {
        Some(c) => format!("{going} going of {c} places, {waiting} on the waitlist"),
        None => format!("{going} going, no capacity limit"),
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

/// Fills the venue fields left empty from the saved venue chosen, if any.
fn with_saved_venue(mut input: EventInput, choice: &str, venues: &[Venue]) -> EventInput {
    let Some(venue) = choice.trim().parse::<usize>().ok().and_then(|i| venues.get(i)) else { return input };
    let fill = |field: &mut String, value: &str| {
        if field.trim().is_empty() {
            *field = value.to_owned();
        }
    };
    fill(&mut input.venue_name, &venue.name);
    fill(&mut input.venue_street_address, &venue.street_address);
    fill(&mut input.venue_suite, venue.suite.as_deref().unwrap_or_default());
    fill(&mut input.venue_city, &venue.city);
    fill(&mut input.venue_transit, venue.transit_directions.as_deref().unwrap_or_default());
    fill(&mut input.venue_accessibility, venue.accessibility_notes.as_deref().unwrap_or_default());
    input
}

/// The chapters named as co-hosts, by id; an unknown name is a field error.
async fn resolve_cohosts(s: &AppState, input: &EventInput, host: i64, errors: &mut FieldErrors) -> Result<Vec<i64>, Error> {
    let mut ids = Vec::new();
    for slug in input.cohost_slugs() {
        match chapters::find_by_slug(&s.db, &slug).await? {
            Some(c) if c.id == host => {}
            Some(c) => ids.push(c.id),
            None => errors.add("cohosts", format!("There is no chapter called {slug:?}. Use the chapter's address, like queens.")),
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_chart_says_in_words_what_it_draws() {
        let svg = super::attendance_chart(8, 2, Some(10)).into_string();
        assert!(svg.contains("8 going of 10 places, 2 on the waitlist"));
        assert!(svg.contains("width=\"128.0\""), "8 of 10 is 128 of 160 pixels: {svg}");
        assert!(!svg.contains("<script"));
    }
}
