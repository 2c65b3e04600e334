//! A chapter's saved venues, edited on their own page: the one place where a
//! change of venue reaches several events at once, said so next to the form
//! (how many upcoming events use it). An event edit never does this.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::chapter::Chapter;
use turnout_domain::event_input::VenueInput;
use turnout_domain::policy::Action;
use turnout_persistence::events::{self, SavedVenue};
use turnout_persistence::{audit, begin_write, chapters};

use crate::frame::forms::error_summary_linking;
use crate::frame::layout::page;
use crate::http::access::require;
use crate::http::error::Error;
use crate::http::routing::{Routes, get, post};
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new().route("/chapters/{slug}/venues", get(list)).route("/chapters/{slug}/venues/{id}", post(edit))
}

async fn managed_chapter(s: &AppState, v: &Visitor, slug: &str) -> Result<Chapter, Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    require(v, &Action::ManageEvents { chapter_line: &line }, &format!("/chapters/{slug}/venues"))?;
    Ok(chapter)
}

#[derive(Deserialize, Default)]
struct VenueForm {
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
}

impl VenueForm {
    fn input(self) -> VenueInput {
        VenueInput {
            name: self.venue_name,
            street_address: self.venue_street_address,
            suite: self.venue_suite,
            city: self.venue_city,
            transit: self.venue_transit,
            accessibility: self.venue_accessibility,
        }
    }
}

fn typed(v: &SavedVenue) -> VenueInput {
    VenueInput {
        name: v.venue.name.clone(),
        street_address: v.venue.street_address.clone(),
        suite: v.venue.suite.clone().unwrap_or_default(),
        city: v.venue.city.clone(),
        transit: v.venue.transit_directions.clone().unwrap_or_default(),
        accessibility: v.venue.accessibility_notes.clone().unwrap_or_default(),
    }
}

/// A text field of the form of venue `venue`: ids carry the venue, since the
/// page holds one form per venue.
fn input(venue: i64, name: &'static str, label: &str, value: &str, errors: &FieldErrors) -> Markup {
    let id = format!("v{venue}-{name}");
    let error = errors.get(name);
    html! {
        label for=(id) { (label) }
        input id=(id) name=(name) type="text" value=(value) autocomplete="off"
            aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| format!("{id}-error"))];
        @if let Some(message) = error { p.field-error id={ (id) "-error" } { (message) } }
    }
}

/// The page; `failed` is the venue whose form came back with errors, shown as typed.
fn venues_page(v: &Visitor, chapter: &Chapter, saved: &[SavedVenue], failed: Option<(i64, &VenueInput, &FieldErrors)>) -> Markup {
    let none = FieldErrors::new();
    let t = v.tr;
    let title = t.f("chap-venues-title", &[("name", (&chapter.name).into())]);
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            p { (t.s("chap-venues-intro")) }
            @if saved.is_empty() { p { (t.s("chap-venues-none")) } }
            @for sv in saved {
                @let own = typed(sv);
                @let (f, errors) = match failed { Some((id, f, e)) if id == sv.id => (f, e), _ => (&own, &none) };
                section.venue id={ "venue-" (sv.id) } {
                    h2 { (sv.venue.name) ", " (sv.venue.street_address) }
                    p.hint { (t.f("chap-venues-upcoming", &[("count", sv.upcoming.into())])) }
                    form.stacked method="post" action={ "/chapters/" (chapter.slug) "/venues/" (sv.id) } novalidate {
                        (v.csrf_field())
                        (error_summary_linking(v.tr, errors, |n| format!("v{}-{n}", sv.id)))
                        (input(sv.id, "venue_name", &t.s("chap-venue-name"), &f.name, errors))
                        (input(sv.id, "venue_street_address", &t.s("chap-venue-street-address"), &f.street_address, errors))
                        (input(sv.id, "venue_suite", &t.s("chap-venue-suite"), &f.suite, errors))
                        (input(sv.id, "venue_city", &t.s("chap-venue-city"), &f.city, errors))
                        (input(sv.id, "venue_transit", &t.s("chap-venue-transit"), &f.transit, errors))
                        (input(sv.id, "venue_accessibility", &t.s("chap-venue-accessibility"), &f.accessibility, errors))
                        button type="submit" { (t.s("chap-venue-save")) }
                    }
                }
            }
        },
    )
}

async fn list(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug).await?;
    let saved = events::saved_venues(&s.db, chapter.id, Utc::now()).await?;
    Ok(venues_page(&v, &chapter, &saved, None).into_response())
}

async fn edit(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, id)): Path<(String, String)>,
    Form(f): Form<VenueForm>,
) -> Result<Response, Error> {
    let chapter = managed_chapter(&s, &v, &slug).await?;
    let id: i64 = id.parse().map_err(|_| Error::NotFound)?;
    let now = Utc::now();
    let input = f.input();
    let venue = match input.validate(v.tr) {
        Ok(venue) => venue,
        Err(errors) => {
            let saved = events::saved_venues(&s.db, chapter.id, now).await?;
            if !saved.iter().any(|sv| sv.id == id) {
                return Err(Error::NotFound);
            }
            let page = venues_page(&v, &chapter, &saved, Some((id, &input, &errors)));
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let txn = begin_write(&s.db).await?;
    let changed = events::edit_saved_venue(&txn, chapter.id, id, venue, now).await?.ok_or(Error::NotFound)?;
    let detail = format!("{changed} upcoming events");
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "venue.edit", &format!("venue #{id} of {}", chapter.slug), &detail, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{slug}/venues#venue-{id}")).into_response())
}
