//! A chapter's settings that its own organizers change (site admins edit the
//! rest of a chapter): how long attendees' names and addresses are kept
//! after an event, and the language its pages fall back to.

use crate::http::routing::{Routes, get};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::chapter::Chapter;
use turnout_domain::language::Language;
use turnout_domain::policy::Action;
use turnout_domain::retention::{MAX_DAYS, parse_days};
use turnout_persistence::{audit, begin_write, chapters, retention};

use super::membership::chapter_and_line;
use crate::frame::forms::error_summary;
use crate::frame::layout::page;
use crate::http::access::require;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new().route("/chapters/{slug}/settings", get(show).post(save))
}

#[derive(Deserialize, Default)]
struct SettingsForm {
    #[serde(default)]
    retention_days: String,
    /// Absent from an older form: the language stays as it is.
    default_language: Option<String>,
}

#[derive(Deserialize, Default)]
struct Shown {
    saved: Option<String>,
}

async fn show(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
    Query(q): Query<Shown>,
) -> Result<Response, Error> {
    let (chapter, line) = chapter_and_line(&s, &slug).await?;
    require(&v, &Action::ManageEvents { chapter_line: &line }, &format!("/chapters/{slug}/settings"))?;
    let days = retention::days(&s.db, chapter.id).await?;
    let typed = days.map(|d| d.to_string()).unwrap_or_default();
    Ok(form(&v, &chapter, &typed, &FieldErrors::new(), q.saved.is_some()).into_response())
}

async fn save(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
    Form(f): Form<SettingsForm>,
) -> Result<Response, Error> {
    let (chapter, line) = chapter_and_line(&s, &slug).await?;
    require(&v, &Action::ManageEvents { chapter_line: &line }, &format!("/chapters/{slug}/settings"))?;
    let days = match parse_days(v.tr, &f.retention_days) {
        Ok(days) => days,
        Err(errors) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, form(&v, &chapter, &f.retention_days, &errors, false)).into_response()),
    };
    let language = match f.default_language.as_deref() {
        None => None,
        Some(tag) => match Language::exact(tag) {
            Some(l) => Some(l),
            None => return Err(Error::BadRequest(v.tr.s("chap-settings-bad-language"))),
        },
    };
    let txn = begin_write(&s.db).await?;
    retention::set_days(&txn, chapter.id, days).await?;
    if let Some(language) = language {
        chapters::set_default_language(&txn, chapter.id, language).await?;
    }
    let detail = days.map_or_else(|| "keep".to_owned(), |d| format!("{d} days"));
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "chapter.retention", &chapter.slug, &detail, Utc::now()).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    // POST/redirect/GET: a reload does not submit again.
    Ok(Redirect::to(&format!("/chapters/{slug}/settings?saved=1")).into_response())
}

fn form(v: &Visitor, c: &Chapter, typed: &str, errors: &FieldErrors, saved: bool) -> Markup {
    let error = errors.get("retention_days");
    let described = if error.is_some() { "retention_days-hint retention_days-error" } else { "retention_days-hint" };
    let t = v.tr;
    page(
        v,
        &t.f("chap-settings-title", &[("name", (&c.name).into())]),
        html! {},
        html! {
            p.kind { a href={ "/chapters/" (c.slug) } { (c.name) } }
            h1 { (t.s("chap-settings-heading")) }
            @if saved { p.banner.ok role="status" { (t.s("chap-saved")) } }
            (error_summary(t, errors))
            form.stacked method="post" action={ "/chapters/" (c.slug) "/settings" } {
                (v.csrf_field())
                h2 { (t.s("chap-settings-attendee-data")) }
                p { (t.s("chap-settings-retention-text")) }
                label for="retention_days" { (t.s("chap-settings-retention-label")) }
                input id="retention_days" name="retention_days" type="number" min="1" max=(MAX_DAYS) step="1" inputmode="numeric"
                    value=(typed) aria-invalid=[error.map(|_| "true")] aria-describedby=(described);
                small.hint id="retention_days-hint" { (t.f("chap-settings-retention-hint", &[("max", MAX_DAYS.into())])) }
                @if let Some(message) = error { p.field-error id="retention_days-error" { (message) } }
                h2 { (t.s("chap-settings-language")) }
                label for="default_language" { (t.s("chap-settings-language-label")) }
                select id="default_language" name="default_language" {
                    @for l in Language::ALL {
                        option value=(l.tag()) selected[l == c.default_language] { (l.own_name()) }
                    }
                }
                button type="submit" { (t.s("chap-save")) }
            }
        },
    )
}
