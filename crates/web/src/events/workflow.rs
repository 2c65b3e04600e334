//! The organizer's event workflow: the new-event form, creating (as a draft
//! or published, once or as a series), editing (with the version the form was
//! opened at), and the page shown when someone else saved first.
//! Every handler asks the policy (`EventAction::Manage`) before anything else.

use crate::events::form::EventForm;
use crate::events::form::input_from;
use crate::events::form::resolve_cohosts;
use crate::events::form::save_venue;
use crate::events::form::to_new;
use crate::events::form::with_saved_venue;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use turnout_domain::FieldErrors;
use turnout_domain::chapter::Chapter;
use turnout_domain::event::{EventDetails, EventStatus, Venue};
use turnout_domain::event_input::{EventInput, Repeat, repeat};
use turnout_domain::policy::Action;
use turnout_domain::recurrence;
use turnout_persistence::events::{self};
use turnout_persistence::{ConnectionTrait, audit, begin_write, chapters, series};

use crate::events::form_view::{ChapterContext, FormMode, event_form};
use crate::http::access::visible_event;
use crate::http::access::{self, EventRight};
use crate::http::access::{answer, require};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub(super) async fn managed_chapter(s: &AppState, v: &Visitor, slug: &str, path: &str) -> Result<Chapter, Error> {
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

pub(super) async fn new_form(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug, &format!("/chapters/{slug}/events/new")).await?;
    let f = EventInput {
        kind: "branch_meeting".into(),
        visibility: "public".into(),
        time_zone: chapter.time_zone.clone(),
        // A new event is written in the chapter's language until the organizer says otherwise.
        language: chapter.default_language.tag().to_owned(),
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

pub(super) async fn create(
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

pub(super) async fn edit_form(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let e = managed_event(&s, &v, &id, &format!("/events/{id}/edit")).await?;
    let mode = FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: e.sequence, going: e.seats_taken };
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

pub(super) async fn edit(
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
    let lists_reminders = !f.reminders_listed.is_empty();
    let lists_translation = !f.translation_listed.is_empty();
    let (mut input, publish) = f.input();
    // A form without the reminder boxes (a script, an old page) keeps the
    // event's reminders rather than putting back the defaults.
    if !lists_reminders {
        input.reminders = e.rsvp_options.reminders.to_column();
    }
    // Likewise a form without the translation fields keeps the translations.
    if !lists_translation {
        let stored = crate::events::form::input_from(&e);
        input.language = stored.language;
        input.title_other = stored.title_other;
        input.summary_other = stored.summary_other;
        input.description_other = stored.description_other;
        input.agenda_other = stored.agenda_other;
        input.venue_transit_other = stored.venue_transit_other;
        input.venue_accessibility_other = stored.venue_accessibility_other;
    }
    let input = with_saved_venue(input, &saved, &venues);
    let valid = match input.validate() {
        Ok(valid) => valid,
        Err(errors) => {
            let mode =
                FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: opened, going: e.seats_taken };
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
        let mode = FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: opened, going: e.seats_taken };
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
                fill_freed_seats(&s, &txn, occ.event_id, now).await?;
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
    fill_freed_seats(&s, &txn, e.id, now).await?;
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
pub(super) fn conflict(v: &Visitor, saved: &EventDetails, mine: &EventInput, venues: &[Venue]) -> Response {
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
        FormMode::Edit {
            series: saved.series.as_ref(),
            invitations: &saved.cohost_invitations,
            version: saved.sequence,
            going: saved.seats_taken,
        },
    );
    (StatusCode::CONFLICT, page).into_response()
}

/// A raised capacity gives its new seats to the waitlist in the same
/// transaction; a lowered one removes nobody and promotes nobody until
/// enough seats free up (the guarded seat count sees to both).
async fn fill_freed_seats(s: &AppState, txn: &impl ConnectionTrait, event_id: i64, now: chrono::DateTime<Utc>) -> Result<(), Error> {
    if let Some(saved) = events::details(txn, event_id).await? {
        s.fill_freed_seats(txn, &saved, now).await?;
    }
    Ok(())
}
