//! Site admins create and edit chapters and appoint organizers.

use crate::http::routing::{Routes, get, post};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::chapter::{Chapter, ChapterInput, ChapterKind};
use turnout_domain::policy::{Action, Role};
use turnout_persistence::chapters::{self, NewChapter};
use turnout_persistence::{audit, begin_write, memberships, users};

use crate::frame::forms::{Field, error_summary, field};
use crate::frame::layout::page;
use crate::http::access::require;
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .route("/admin/chapters/new", get(new_form))
        .route("/admin/chapters", post(create))
        .route("/chapters/{slug}/edit", get(edit_form).post(edit))
        .route("/chapters/{slug}/members/{user_id}/role", post(set_role))
}

#[derive(Deserialize, Default)]
struct ChapterForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    parent_slug: String,
    #[serde(default)]
    time_zone: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    join_needs_approval: Option<String>,
}

impl ChapterForm {
    fn input(&self) -> ChapterInput {
        ChapterInput {
            slug: self.slug.clone(),
            name: self.name.clone(),
            kind: self.kind.clone(),
            parent_slug: self.parent_slug.clone(),
            time_zone: self.time_zone.clone(),
            description: self.description.clone(),
            contact_email: self.contact_email.clone(),
            join_needs_approval: self.join_needs_approval.is_some(),
        }
    }

    fn from_chapter(c: &Chapter, parent_slug: String, needs_approval: bool) -> Self {
        Self {
            slug: c.slug.clone(),
            name: c.name.clone(),
            kind: c.kind.as_str().to_owned(),
            parent_slug,
            time_zone: c.time_zone.clone(),
            description: c.description.clone(),
            contact_email: c.contact_email.clone().unwrap_or_default(),
            join_needs_approval: needs_approval.then(|| "on".to_owned()),
        }
    }
}

fn chapter_form(v: &Visitor, title: &str, action: &str, f: &ChapterForm, all: &[Chapter], errors: &FieldErrors) -> Markup {
    let t = v.tr;
    page(
        v,
        title,
        html! {},
        html! {
            h1 { (title) }
            form.stacked method="post" action=(action) novalidate {
                (v.csrf_field())
                (error_summary(v.tr, errors))
                (field(&Field::new("name", &t.s("chap-form-name"), "text", &f.name, "off"), errors))
                (field(&Field::new("slug", &t.s("chap-form-slug"), "text", &f.slug, "off"), errors))
                label for="kind" { (t.s("chap-form-kind")) }
                select id="kind" name="kind" {
                    @for k in ChapterKind::ALL { option value=(k.as_str()) selected[f.kind == k.as_str()] { (k.label(t)) } }
                }
                @if let Some(m) = errors.get("kind") { p.field-error { (m) } }
                label for="parent_slug" { (t.s("chap-form-parent")) }
                select id="parent_slug" name="parent_slug" {
                    option value="" { (t.s("chap-form-no-parent")) }
                    @for c in all { option value=(c.slug) selected[f.parent_slug == c.slug] { (c.name) } }
                }
                @if let Some(m) = errors.get("parent_slug") { p.field-error { (m) } }
                (field(&Field::new("time_zone", &t.s("chap-form-time-zone"), "text", &f.time_zone, "off"), errors))
                label for="description" { (t.s("chap-form-description")) }
                textarea id="description" name="description" rows="4" { (f.description) }
                @if let Some(m) = errors.get("description") { p.field-error { (m) } }
                (field(&Field::new("contact_email", &t.s("chap-form-contact-email"), "email", &f.contact_email, "off"), errors))
                label { input type="checkbox" name="join_needs_approval" checked[f.join_needs_approval.is_some()]; " " (t.s("chap-form-needs-approval")) }
                button type="submit" { (t.s("chap-save")) }
            }
        },
    )
}

async fn new_form(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    require(&v, &Action::AdministerChapters, "/admin/chapters/new")?;
    let all = chapters::list(&s.db).await?;
    let f = ChapterForm { kind: "branch".into(), time_zone: "America/New_York".into(), ..Default::default() };
    Ok(chapter_form(&v, &v.tr.s("chap-new-title"), "/admin/chapters", &f, &all, &FieldErrors::new()).into_response())
}

/// Validates the form and resolves the parent; `existing` is the chapter being edited.
/// Messages are in `t`'s language.
async fn to_new_chapter(s: &AppState, t: Tr, f: &ChapterForm, existing: Option<i64>) -> Result<Result<NewChapter, FieldErrors>, Error> {
    let valid = match f.input().validate(t) {
        Ok(c) => c,
        Err(e) => return Ok(Err(e)),
    };
    let parent_id = match &valid.parent_slug {
        None => None,
        Some(slug) => match chapters::find_by_slug(&s.db, slug).await? {
            None => {
                let mut e = FieldErrors::new();
                e.add("parent_slug", t.s("chap-error-no-parent"));
                return Ok(Err(e));
            }
            Some(p) => {
                // A chapter cannot sit under itself or under one of its own sub-chapters.
                if let Some(id) = existing
                    && chapters::line(&s.db, p.id).await?.contains(&id)
                {
                    let mut e = FieldErrors::new();
                    e.add("parent_slug", t.s("chap-error-parent-loop"));
                    return Ok(Err(e));
                }
                Some(p.id)
            }
        },
    };
    Ok(Ok(NewChapter {
        slug: valid.slug,
        name: valid.name,
        kind: valid.kind,
        parent_id,
        time_zone: valid.time_zone,
        description: valid.description,
        contact_email: valid.contact_email,
        join_needs_approval: valid.join_needs_approval,
    }))
}

fn slug_taken(t: Tr) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add("slug", t.s("chap-error-slug-taken"));
    e
}

async fn create(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<ChapterForm>) -> Result<Response, Error> {
    require(&v, &Action::AdministerChapters, "/admin/chapters/new")?;
    let all = chapters::list(&s.db).await?;
    let title = v.tr.s("chap-new-title");
    let invalid = |errors: FieldErrors| {
        (StatusCode::UNPROCESSABLE_ENTITY, chapter_form(&v, &title, "/admin/chapters", &f, &all, &errors)).into_response()
    };
    let new = match to_new_chapter(&s, v.tr, &f, None).await? {
        Ok(n) => n,
        Err(errors) => return Ok(invalid(errors)),
    };
    let slug = new.slug.clone();
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    match chapters::create(&txn, new, now).await {
        Ok(_) => {}
        Err(turnout_persistence::Error::Duplicate) => return Ok(invalid(slug_taken(v.tr))),
        Err(e) => return Err(e.into()),
    }
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "chapter.create", &slug, "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{slug}")).into_response())
}

async fn edit_form(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    require(&v, &Action::AdministerChapters, &format!("/chapters/{slug}/edit"))?;
    let c = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let all = chapters::list(&s.db).await?;
    let parent = all.iter().find(|p| Some(p.id) == c.parent_id).map(|p| p.slug.clone()).unwrap_or_default();
    let f = ChapterForm::from_chapter(&c, parent, chapters::join_needs_approval(&s.db, c.id).await?);
    let title = v.tr.f("chap-edit-title", &[("name", (&c.name).into())]);
    Ok(chapter_form(&v, &title, &format!("/chapters/{slug}/edit"), &f, &all, &FieldErrors::new()).into_response())
}

async fn edit(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
    Form(f): Form<ChapterForm>,
) -> Result<Response, Error> {
    require(&v, &Action::AdministerChapters, &format!("/chapters/{slug}/edit"))?;
    let c = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let all = chapters::list(&s.db).await?;
    let action = format!("/chapters/{slug}/edit");
    let title = v.tr.f("chap-edit-title", &[("name", (&c.name).into())]);
    let invalid =
        |errors: FieldErrors| (StatusCode::UNPROCESSABLE_ENTITY, chapter_form(&v, &title, &action, &f, &all, &errors)).into_response();
    let new = match to_new_chapter(&s, v.tr, &f, Some(c.id)).await? {
        Ok(n) => n,
        Err(errors) => return Ok(invalid(errors)),
    };
    let new_slug = new.slug.clone();
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    match chapters::update(&txn, c.id, new).await {
        Ok(()) => {}
        Err(turnout_persistence::Error::Duplicate) => return Ok(invalid(slug_taken(v.tr))),
        Err(e) => return Err(e.into()),
    }
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "chapter.edit", &new_slug, "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{new_slug}")).into_response())
}

#[derive(Deserialize, Default)]
struct RoleForm {
    #[serde(default)]
    role: String,
}

/// Appoints an organizer (role=organizer) or makes one a member again (role=member).
async fn set_role(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path((slug, user_id)): Path<(String, String)>,
    Form(f): Form<RoleForm>,
) -> Result<Response, Error> {
    require(&v, &Action::AdministerChapters, &format!("/chapters/{slug}/members"))?;
    let c = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    // A malformed or unknown account is a page that does not exist, not a server error.
    let user_id: i64 = user_id.parse().map_err(|_| Error::NotFound)?;
    users::find(&s.db, user_id).await?.ok_or(Error::NotFound)?;
    let role = Role::parse(&f.role).ok_or_else(|| Error::BadRequest(v.tr.s("chap-error-role")))?;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    memberships::grant(&txn, user_id, c.id, role, now).await?;
    audit::record(&txn, v.user.as_ref().map(|u| u.id), "role.grant", &format!("user #{user_id} in {slug}"), role.as_str(), now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Redirect::to(&format!("/chapters/{slug}/members")).into_response())
}
