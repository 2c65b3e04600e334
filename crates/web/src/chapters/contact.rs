//! Writing to a chapter: a visitor's message goes to the chapter's public
//! contact address through the outbox.

use crate::http::routing::{Routes, get};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::{Markup, html};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;
use turnout_domain::chapter::{Chapter, ContactInput};
use turnout_notifications::compose::contact_message;
use turnout_persistence::{chapters, outbox};

use crate::frame::forms::{Field, error_summary, field};
use crate::frame::layout::{notice, page};
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::secrets::random_token;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new().route("/chapters/{slug}/contact", get(form).post(send)).route("/chapters/{slug}/contact/sent", get(sent))
}

#[derive(Deserialize, Default)]
struct ContactForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    message: String,
}

fn contact_page(v: &Visitor, c: &Chapter, f: &ContactForm, errors: &FieldErrors) -> Markup {
    let t = v.tr;
    let title = t.f("chap-contact-title", &[("name", (&c.name).into())]);
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            p { (t.s("chap-contact-intro")) }
            form.stacked method="post" action={ "/chapters/" (c.slug) "/contact" } novalidate {
                (v.csrf_field())
                (error_summary(t, errors))
                (field(&Field::new("name", &t.s("rsvp-your-name"), "text", &f.name, "name"), errors))
                (field(&Field::new("email", &t.s("rsvp-your-email"), "email", &f.email, "email"), errors))
                label for="message" { (t.s("chap-contact-message")) }
                textarea id="message" name="message" rows="8" aria-invalid=[errors.get("message").map(|_| "true")] { (f.message) }
                @if let Some(m) = errors.get("message") { p.field-error id="message-error" { (m) } }
                button type="submit" { (t.s("chap-contact-send")) }
            }
        },
    )
}

async fn chapter_with_contact(s: &AppState, slug: &str) -> Result<(Chapter, String), Error> {
    let c = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let email = c.contact_email.clone().ok_or(Error::NotFound)?;
    Ok((c, email))
}

async fn form(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let (c, _) = chapter_with_contact(&s, &slug).await?;
    let v = v.in_chapter(c.default_language);
    let f =
        v.user.as_ref().map(|u| ContactForm { name: u.name.clone(), email: u.email.clone(), message: String::new() }).unwrap_or_default();
    Ok(contact_page(&v, &c, &f, &FieldErrors::new()).into_response())
}

async fn send(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
    Form(f): Form<ContactForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let (c, chapter_email) = chapter_with_contact(&s, &slug).await?;
    let v = v.in_chapter(c.default_language);
    let limits = async {
        s.limit(Limited::Contact { client: &v.address }, now).await?;
        s.limit(Limited::ContactChapter { chapter_id: c.id }, now).await
    };
    if let Err(e) = limits.await {
        let Error::TooManyRequests(seconds) = e else { return Err(e) };
        // The message stays in the form, to send once the wait is over.
        let mut errors = FieldErrors::new();
        errors.add("message", v.tr.f("chap-contact-too-many", &[("minutes", ((seconds + 59) / 60).into())]));
        let mut response = (StatusCode::TOO_MANY_REQUESTS, contact_page(&v, &c, &f, &errors)).into_response();
        response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(seconds));
        return Ok(response);
    }
    let input = ContactInput { name: f.name.clone(), email: f.email.clone(), message: f.message.clone() };
    let m = match input.validate(v.tr) {
        Ok(m) => m,
        Err(errors) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, contact_page(&v, &c, &f, &errors)).into_response()),
    };
    // In the chapter's own language: its organizers read it.
    let t = Tr(c.default_language);
    let message = contact_message(t, &c.name, &chapter_email, &m.name, &m.email, &m.message, format!("contact:{}", random_token()));
    outbox::enqueue(&s.db, &message, now).await?;
    s.notifier.wake();
    // POST/redirect/GET: reloading the page that says "sent" sends nothing again.
    Ok(Redirect::to(&format!("/chapters/{}/contact/sent", c.slug)).into_response())
}

async fn sent(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let (c, _) = chapter_with_contact(&s, &slug).await?;
    let v = v.in_chapter(c.default_language);
    let t = v.tr;
    Ok(notice(
        &v,
        &t.s("chap-contact-sent-title"),
        html! {
            p { (t.f("chap-contact-sent-text", &[("name", (&c.name).into())])) }
            p { a href={ "/chapters/" (c.slug) } { (t.f("chap-contact-back", &[("name", (&c.name).into())])) } }
        },
    )
    .into_response())
}
