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
use turnout_domain::catalogue::Tr;
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
    let event = visible_event(s, id, v.actor()).await?;
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
        &v.tr.s("org-new-event-title"),
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
            &v.tr.s("org-new-event-title"),
            &format!("/chapters/{slug}/events"),
            input,
            errors,
            ChapterContext { name: &chapter.name, venues: &venues },
            mode,
        );
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    let valid = match input.validate(v.tr) {
        Ok(e) => e,
        Err(errors) => return Ok(invalid(&input, &errors)),
    };
    let mut errors = FieldErrors::new();
    let series = repeat(v.tr, &repeat_choice, &repeat_until, valid.local_date(), &mut errors);
    let cohosts = resolve_cohosts(&s, v.tr, &input, chapter.id, &mut errors).await?;
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
            first.ok_or_else(|| Error::BadRequest(v.tr.s("org-error-series-no-date")))?
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
        &v.tr.f("org-edit-title", &[("title", (&e.title).into())]),
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
    let valid = match input.validate(v.tr) {
        Ok(valid) => valid,
        Err(errors) => {
            let mode =
                FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: opened, going: e.seats_taken };
            let page = event_form(
                &v,
                &v.tr.f("org-edit-title", &[("title", (&e.title).into())]),
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
    let cohosts = resolve_cohosts(&s, v.tr, &input, e.chapter_id, &mut errors).await?;
    if !errors.is_empty() {
        let mode = FormMode::Edit { series: e.series.as_ref(), invitations: &e.cohost_invitations, version: opened, going: e.seats_taken };
        let page = event_form(
            &v,
            &v.tr.f("org-edit-title", &[("title", (&e.title).into())]),
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
                let message = v.tr.s("org-error-series-not-yours");
                let page = crate::frame::error_page::error_page(StatusCode::FORBIDDEN, &message);
                return Ok((StatusCode::FORBIDDEN, page).into_response());
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
    let t = v.tr;
    let mut errors = FieldErrors::new();
    let named: Vec<String> = names.iter().map(|n| conflict_field_name(t, n)).collect();
    let fields = if named.is_empty() { t.s("org-conflict-no-fields") } else { named.join(", ") };
    errors.add("version", t.f("org-conflict", &[("fields", (&fields).into())]));
    let empty = t.s("org-conflict-empty");
    for (field, value) in differences {
        let shown = if value.trim().is_empty() { empty.as_str() } else { value };
        errors.add(field, t.f("org-conflict-saved-now", &[("value", shown.into())]));
    }
    let page = event_form(
        v,
        &t.f("org-edit-title", &[("title", (&saved.title).into())]),
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

/// A field's name in the list of fields that differ: in English the form's
/// own name for it (`starts_at`), in other languages words.
fn conflict_field_name(t: Tr, name: &str) -> String {
    match name {
        "kind" => t.s("org-conflict-field-kind"),
        "title" => t.s("org-conflict-field-title"),
        "summary" => t.s("org-conflict-field-summary"),
        "description" => t.s("org-conflict-field-description"),
        "starts_at" => t.s("org-conflict-field-starts-at"),
        "ends_at" => t.s("org-conflict-field-ends-at"),
        "doors_open_at" => t.s("org-conflict-field-doors-open-at"),
        "time_zone" => t.s("org-conflict-field-time-zone"),
        "venue_name" => t.s("org-conflict-field-venue-name"),
        "venue_street_address" => t.s("org-conflict-field-venue-street-address"),
        "venue_suite" => t.s("org-conflict-field-venue-suite"),
        "venue_city" => t.s("org-conflict-field-venue-city"),
        "venue_transit" => t.s("org-conflict-field-venue-transit"),
        "venue_accessibility" => t.s("org-conflict-field-venue-accessibility"),
        "language" => t.s("org-conflict-field-language"),
        "title_other" => t.s("org-conflict-field-title-other"),
        "summary_other" => t.s("org-conflict-field-summary-other"),
        "description_other" => t.s("org-conflict-field-description-other"),
        "agenda_other" => t.s("org-conflict-field-agenda-other"),
        "venue_transit_other" => t.s("org-conflict-field-venue-transit-other"),
        "venue_accessibility_other" => t.s("org-conflict-field-venue-accessibility-other"),
        "online_url" => t.s("org-conflict-field-online-url"),
        "capacity" => t.s("org-conflict-field-capacity"),
        "overflow_note" => t.s("org-conflict-field-overflow-note"),
        "guests_allowed" => t.s("org-conflict-field-guests-allowed"),
        "rsvp_opens_at" => t.s("org-conflict-field-rsvp-opens-at"),
        "rsvp_closes_at" => t.s("org-conflict-field-rsvp-closes-at"),
        "visibility" => t.s("org-conflict-field-visibility"),
        "address_protection" => t.s("org-conflict-field-address-protection"),
        "address_reveal_hours" => t.s("org-conflict-field-address-reveal-hours"),
        "tags" => t.s("org-conflict-field-tags"),
        "agenda" => t.s("org-conflict-field-agenda"),
        "speakers" => t.s("org-conflict-field-speakers"),
        "sessions" => t.s("org-conflict-field-sessions"),
        "sponsors" => t.s("org-conflict-field-sponsors"),
        "cohosts" => t.s("org-conflict-field-cohosts"),
        other => other.to_owned(),
    }
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
