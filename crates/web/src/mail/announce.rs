//! Announcements: an event's organizers write to its attendees, a chapter's
//! organizers to its members (and those of its sub-chapters if they choose).
//! Write, preview with the number of people it goes to, send: one outbox
//! row per person, queued in one transaction and recorded in the audit log;
//! then a page that shows the sending progress.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use chrono::Utc;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::announcement::{Audience, Draft, dedupe, event_recipients};
use turnout_domain::catalogue::Tr;
use turnout_domain::chapter::Chapter;
use turnout_domain::email_address::normalize;
use turnout_domain::event::EventDetails;
use turnout_domain::language::Language;
use turnout_domain::policy::Action;
use turnout_notifications::compose;
use turnout_persistence::announcements::{self, NewAnnouncement};
use turnout_persistence::{ConnectionTrait, attendance, audit, begin_write, chapters, memberships, outbox, rsvps};

use crate::frame::forms::{Field, error_summary, field};
use crate::frame::layout::page;
use crate::frame::markdown::to_safe_html;
use crate::http::access::{self, EventRight, answer, require, visible_event};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub(super) struct AnnounceForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    /// Events: `Audience::as_str`.
    #[serde(default)]
    audience: String,
    /// Chapters: "on" to include the members of sub-chapters.
    #[serde(default)]
    include_sub_chapters: String,
    /// "preview", "edit" (back to the form) or "send".
    #[serde(default)]
    step: String,
}

/// What an announcement is written to.
enum Target {
    Event(Box<EventDetails>),
    Chapter(Chapter),
}

impl Target {
    fn action(&self) -> String {
        match self {
            Self::Event(e) => format!("/events/{}/announce", e.id),
            Self::Chapter(c) => format!("/chapters/{}/announce", c.slug),
        }
    }

    fn name(&self) -> &str {
        match self {
            Self::Event(e) => &e.title,
            Self::Chapter(c) => &c.name,
        }
    }

    fn sender(&self) -> &str {
        match self {
            Self::Event(e) => &e.chapter_name,
            Self::Chapter(c) => &c.name,
        }
    }

    /// Whom it goes to, in words.
    fn audience_label(&self, t: Tr, f: &AnnounceForm) -> String {
        match self {
            Self::Event(_) => audience(f).label(t),
            Self::Chapter(c) if f.include_sub_chapters.is_empty() => t.f("mailing-audience-members", &[("chapter", (&c.name).into())]),
            Self::Chapter(c) => t.f("mailing-audience-members-branches", &[("chapter", (&c.name).into())]),
        }
    }
}

fn audience(f: &AnnounceForm) -> Audience {
    Audience::parse(&f.audience).unwrap_or(Audience::Going)
}

async fn event_target(s: &AppState, v: &Visitor, id: &str) -> Result<Target, Error> {
    let event = visible_event(s, id, v.actor()).await?;
    answer(access::can(&s.db, v.actor(), &event, EventRight::Manage).await?, &format!("/events/{id}/announce"))?;
    Ok(Target::Event(Box::new(event)))
}

async fn chapter_target(s: &AppState, v: &Visitor, slug: &str) -> Result<Target, Error> {
    let chapter = chapters::find_by_slug(&s.db, slug).await?.ok_or(Error::NotFound)?;
    let line = chapters::line(&s.db, chapter.id).await?;
    require(v, &Action::ManageMembers { chapter_line: &line }, &format!("/chapters/{slug}/announce"))?;
    Ok(Target::Chapter(chapter))
}

/// (name, address) of everyone the announcement goes to, one per address.
async fn recipients(db: &impl ConnectionTrait, target: &Target, f: &AnnounceForm) -> Result<Vec<(String, String)>, Error> {
    match target {
        Target::Event(e) => Ok(event_recipients(&attendance::attendee_lines(db, e.id).await?, audience(f))),
        Target::Chapter(c) => {
            let ids = if f.include_sub_chapters.is_empty() { vec![c.id] } else { chapters::with_descendants(db, c.id).await? };
            let mut people = Vec::new();
            for id in ids {
                people.extend(memberships::list_for_chapter(db, id).await?.into_iter().filter(|m| !m.pending).map(|m| (m.name, m.email)));
            }
            Ok(dedupe(people))
        }
    }
}

/// The language each address reads its messages in (by normalized address),
/// where it is known: for an event, the language its RSVP was made in; for a
/// chapter, the one each member chose for their account.
async fn languages(db: &impl ConnectionTrait, target: &Target, f: &AnnounceForm) -> Result<HashMap<String, Language>, Error> {
    let mut known = HashMap::new();
    match target {
        Target::Event(e) => {
            // In RSVP order, like the recipients: the first RSVP of an address decides.
            for a in rsvps::attendees_with_address(db, e.id).await? {
                known.entry(normalize(&a.email)).or_insert(a.language);
            }
        }
        Target::Chapter(c) => {
            let ids = if f.include_sub_chapters.is_empty() { vec![c.id] } else { chapters::with_descendants(db, c.id).await? };
            for id in ids {
                for m in memberships::list_for_chapter(db, id).await? {
                    if let Some(language) = m.language {
                        known.entry(normalize(&m.email)).or_insert(language);
                    }
                }
            }
        }
    }
    Ok(known)
}

/// How many people each choice of audience reaches, for the form's labels.
async fn counts(s: &AppState, t: Tr, target: &Target) -> Result<Vec<(String, &'static str, String, usize)>, Error> {
    let mut out = Vec::new();
    match target {
        Target::Event(e) => {
            let lines = attendance::attendee_lines(&s.db, e.id).await?;
            for a in Audience::ALL {
                out.push((a.as_str().to_owned(), "audience", a.label(t), event_recipients(&lines, a).len()));
            }
        }
        Target::Chapter(_) => {
            for sub in ["", "on"] {
                let f = AnnounceForm { include_sub_chapters: sub.to_owned(), ..Default::default() };
                let n = recipients(&s.db, target, &f).await?.len();
                out.push((sub.to_owned(), "include_sub_chapters", target.audience_label(t, &f), n));
            }
        }
    }
    Ok(out)
}

fn write_page(
    v: &Visitor,
    target: &Target,
    f: &AnnounceForm,
    errors: &FieldErrors,
    counts: &[(String, &'static str, String, usize)],
) -> Markup {
    let t = v.tr;
    let title = t.f("mailing-write-title", &[("name", target.name().into())]);
    let chosen = |value: &str, name: &str| match name {
        "audience" => audience(f).as_str() == value,
        _ => f.include_sub_chapters == value,
    };
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            form.stacked method="post" action=(target.action()) novalidate {
                (v.csrf_field())
                (error_summary(v.tr, errors))
                fieldset {
                    legend { (t.s("mailing-to")) }
                    @for (i, (value, name, label, n)) in counts.iter().enumerate() {
                        p.tick {
                            input type="radio" id={ "to-" (i) } name=(name) value=(value) checked[chosen(value, name)];
                            " " label for={ "to-" (i) } { (label) " (" (people(t, *n)) ")" }
                        }
                    }
                }
                (field(&Field::new("subject", &t.s("mailing-subject"), "text", &f.subject, "off"), errors))
                label for="body" { (t.s("mailing-message")) }
                small.hint id="body-hint" { (t.s("mailing-markdown-hint")) }
                textarea id="body" name="body" rows="12" aria-describedby="body-hint" aria-invalid=[errors.get("body").map(|_| "true")] { (f.body) }
                @if let Some(m) = errors.get("body") { p.field-error id="body-error" { (m) } }
                p { (t.s("mailing-nothing-sent-yet")) }
                button type="submit" name="step" value="preview" { (t.s("mailing-preview")) }
            }
        },
    )
}

fn preview_page(v: &Visitor, target: &Target, f: &AnnounceForm, n: usize) -> Markup {
    let t = v.tr;
    let title = t.s("mailing-check-title");
    // How many people stands out: it goes in as a marker, put back in bold.
    let goes_to = t.f("mailing-goes-to", &[("people", "\u{1}".into()), ("audience", (&target.audience_label(t, f)).into())]);
    let (before, after) = goes_to.split_once('\u{1}').unwrap_or((&goes_to, ""));
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            p.banner role="status" { (before) strong { (people(t, n)) } (after) }
            h2 { (t.f("mailing-subject-line", &[("subject", f.subject.trim().into())])) }
            div.preview { (PreEscaped(to_safe_html(f.body.trim()))) }
            form method="post" action=(target.action()) {
                (v.csrf_field())
                input type="hidden" name="subject" value=(f.subject);
                input type="hidden" name="body" value=(f.body);
                input type="hidden" name="audience" value=(f.audience);
                input type="hidden" name="include_sub_chapters" value=(f.include_sub_chapters);
                div.buttons {
                    button type="submit" name="step" value="send" { (t.f("mailing-send-to", &[("count", n.into())])) }
                    " "
                    button type="submit" name="step" value="edit" { (t.s("mailing-change-it")) }
                }
            }
        },
    )
}

fn people(t: Tr, n: usize) -> String {
    t.f("mailing-people", &[("count", n.into())])
}

pub(super) async fn event_form(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let target = event_target(&s, &v, &id).await?;
    let counts = counts(&s, v.tr, &target).await?;
    let f = AnnounceForm { audience: Audience::Going.as_str().to_owned(), ..Default::default() };
    Ok(write_page(&v, &target, &f, &FieldErrors::new(), &counts).into_response())
}

pub(super) async fn chapter_form(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
) -> Result<Response, Error> {
    let target = chapter_target(&s, &v, &slug).await?;
    let counts = counts(&s, v.tr, &target).await?;
    Ok(write_page(&v, &target, &AnnounceForm::default(), &FieldErrors::new(), &counts).into_response())
}

pub(super) async fn event_post(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Form(f): Form<AnnounceForm>,
) -> Result<Response, Error> {
    let target = event_target(&s, &v, &id).await?;
    step(&s, &v, target, f).await
}

pub(super) async fn chapter_post(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(slug): Path<String>,
    Form(f): Form<AnnounceForm>,
) -> Result<Response, Error> {
    let target = chapter_target(&s, &v, &slug).await?;
    step(&s, &v, target, f).await
}

/// Preview, back to the form, or send.
async fn step(s: &AppState, v: &Visitor, target: Target, f: AnnounceForm) -> Result<Response, Error> {
    let refuse =
        |errors: FieldErrors, counts| (StatusCode::UNPROCESSABLE_ENTITY, write_page(v, &target, &f, &errors, counts)).into_response();
    if matches!(target, Target::Event(_)) && Audience::parse(&f.audience).is_none() {
        let mut errors = FieldErrors::new();
        errors.add("audience", v.tr.s("mailing-error-audience"));
        return Ok(refuse(errors, &counts(s, v.tr, &target).await?));
    }
    let draft = match (Draft { subject: f.subject.clone(), body: f.body.clone() }).validate(v.tr) {
        Ok(d) => d,
        Err(errors) => return Ok(refuse(errors, &counts(s, v.tr, &target).await?)),
    };
    match f.step.as_str() {
        "send" => send(s, v, &target, &f, &draft).await,
        "edit" => Ok(write_page(v, &target, &f, &FieldErrors::new(), &counts(s, v.tr, &target).await?).into_response()),
        _ => {
            let n = recipients(&s.db, &target, &f).await?.len();
            if n == 0 {
                let mut errors = FieldErrors::new();
                errors.add("subject", v.tr.s("mailing-error-nobody"));
                return Ok(refuse(errors, &counts(s, v.tr, &target).await?));
            }
            Ok(preview_page(v, &target, &f, n).into_response())
        }
    }
}

async fn send(s: &AppState, v: &Visitor, target: &Target, f: &AnnounceForm, draft: &Draft) -> Result<Response, Error> {
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    // Read inside the transaction that queues: exactly the people of this moment.
    let to = recipients(&txn, target, f).await?;
    if to.is_empty() {
        drop(txn);
        let mut errors = FieldErrors::new();
        errors.add("subject", v.tr.s("mailing-error-nobody"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, write_page(v, target, f, &errors, &counts(s, v.tr, target).await?)).into_response());
    }
    let (event_id, chapter_id, audience_key) = match target {
        Target::Event(e) => (Some(e.id), None, audience(f).as_str()),
        Target::Chapter(c) => (None, Some(c.id), "members"),
    };
    let author = v.user.as_ref().map(|u| u.id);
    let new = NewAnnouncement {
        event_id,
        chapter_id,
        include_sub_chapters: !f.include_sub_chapters.is_empty(),
        audience: audience_key,
        subject: &draft.subject,
        body: &draft.body,
        author_id: author,
        recipients: i32::try_from(to.len()).unwrap_or(i32::MAX),
    };
    let id = announcements::insert(&txn, new, now).await?;
    let safe_html = to_safe_html(&draft.body);
    // Each copy is framed in its reader's language where it is known, else
    // the event's or the chapter's.
    let known = languages(&txn, target, f).await?;
    let fallback = match target {
        Target::Event(e) => e.language,
        Target::Chapter(c) => c.default_language,
    };
    let why_in = |language: Language| {
        let t = Tr(language);
        match target {
            Target::Event(e) => t.f("mailing-why-event", &[("event", (&e.in_language(language).0.title).into())]),
            Target::Chapter(c) => t.f("mailing-why-chapter", &[("chapter", (&c.name).into())]),
        }
    };
    let whys: HashMap<Language, String> = Language::ALL.into_iter().map(|l| (l, why_in(l))).collect();
    for (name, email) in &to {
        let language = known.get(&normalize(email)).copied().unwrap_or(fallback);
        let why = &whys[&language];
        let a = compose::Announcement {
            key: format!("announcement:{id}:{}", normalize(email)),
            subject: &draft.subject,
            markdown: &draft.body,
            safe_html: &safe_html,
            sender: target.sender(),
            about: match target {
                Target::Event(e) => Some(e),
                Target::Chapter(_) => None,
            },
            why,
        };
        outbox::enqueue_for(&txn, &compose::announcement(Tr(language), &a, name, email, &s.base_url), Some(id), now).await?;
    }
    let subject = match target {
        Target::Event(e) => format!("event #{}", e.id),
        Target::Chapter(c) => format!("chapter #{}", c.id),
    };
    audit::record(
        &txn,
        author,
        "announcement.send",
        &subject,
        &format!("announcement #{id} to {} people: {}", to.len(), draft.subject),
        now,
    )
    .await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to(&format!("/announcements/{id}")).into_response())
}

/// The announcement, if this visitor may follow it (its event's or chapter's organizers).
async fn followed(s: &AppState, v: &Visitor, id: &str) -> Result<announcements::Announcement, Error> {
    let Ok(id) = id.parse::<i64>() else { return Err(Error::NotFound) };
    let a = announcements::find(&s.db, id).await?.ok_or(Error::NotFound)?;
    let path = format!("/announcements/{id}");
    match (a.event_id, a.chapter_id) {
        (Some(event), _) => {
            let e = visible_event(s, &event.to_string(), v.actor()).await?;
            answer(access::can(&s.db, v.actor(), &e, EventRight::Manage).await?, &path)?;
        }
        (None, Some(chapter)) => {
            let line = chapters::line(&s.db, chapter).await?;
            require(v, &Action::ManageMembers { chapter_line: &line }, &path)?;
        }
        (None, None) => return Err(Error::NotFound),
    }
    Ok(a)
}

pub(super) async fn progress(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let a = followed(&s, &v, &id).await?;
    let p = announcements::progress(&s.db, a.id).await?;
    let t = v.tr;
    let title = t.f("mailing-progress-title", &[("subject", (&a.subject).into())]);
    let done = t.s("mailing-progress-done");
    Ok(page(
        &v,
        &title,
        html! { script src="/static/progress.js" defer {} },
        html! {
            h1 { (title) }
            p { (t.f("mailing-progress-written", &[("count", a.recipients.max(0).into())])) }
            dl.facts id="progress" data-progress=(format!("/announcements/{}/progress", a.id)) {
                dt { (t.s("mailing-progress-sent")) } dd { output id="sent" { (p.sent) } }
                dt { (t.s("mailing-progress-not-sent")) } dd { output id="not_sent" { (p.not_sent) } }
                dt { (t.s("mailing-progress-left")) } dd { output id="left" { (p.left) } }
            }
            // `data-done`: what the page's script writes when the last message is out.
            p id="progress-status" role="status" data-done=(done) { @if p.left == 0 { (done) } @else { (t.s("mailing-progress-sending")) } }
            p { a href={ "/announcements/" (a.id) } { (t.s("mailing-refresh")) } }
            h2 { (t.s("mailing-the-message")) }
            div.preview { (PreEscaped(to_safe_html(&a.body))) }
        },
    )
    .into_response())
}

/// The counts, for the progress page's script.
pub(super) async fn progress_json(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    let a = followed(&s, &v, &id).await?;
    Ok(Json(announcements::progress(&s.db, a.id).await?).into_response())
}
