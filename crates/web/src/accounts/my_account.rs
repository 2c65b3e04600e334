//! A person's own account: their chapters and RSVPs, changing password,
//! downloading their data, and deleting the account.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::{TokenPurpose, password_problem_in};
use turnout_domain::catalogue::Tr;
use turnout_domain::language::Language;
use turnout_domain::policy::Role;
use turnout_domain::time::date_time_label_in;
use turnout_persistence::{audit, begin_write, chapters, memberships, rsvps, sessions, tokens, users};

use crate::accounts::calendar_feed;
use crate::accounts::done::Done;
use crate::accounts::passwords::{self, Check};
use crate::frame::forms::{Field, error_summary, error_summary_linking, field};
use crate::frame::layout::page;
use turnout_domain::rsvp::RsvpStatus;
use turnout_persistence::events;

use crate::http::error::Error;
use crate::http::secrets::{random_token, sha256_hex};
use crate::http::visitor::{CurrentUser, SESSION_COOKIE, Visitor, cookie};
use crate::state::AppState;

pub(super) fn me(v: &Visitor) -> Result<&CurrentUser, Error> {
    v.user.as_ref().ok_or_else(|| Error::LoginRequired("/account".to_owned()))
}

/// Messages for the forms on the account page, keyed by which form.
#[derive(Default)]
pub(super) struct Notes {
    pub(super) password: FieldErrors,
    pub(super) email: FieldErrors,
    pub(super) delete: FieldErrors,
    pub(super) done: Option<String>,
    /// A new private calendar address, shown once.
    pub(super) calendar_url: Option<String>,
}

pub(super) async fn render(s: &AppState, v: &Visitor, notes: Notes) -> Result<maud::Markup, Error> {
    let u = me(v)?;
    let t = v.tr;
    let now = Utc::now();
    let mut my_chapters = Vec::new();
    for (chapter_id, role, pending) in memberships::all_for_user(&s.db, u.id).await? {
        if let Some(c) = chapters::find(&s.db, chapter_id).await? {
            my_chapters.push((c, role, pending));
        }
    }
    let my_rsvps = rsvps::for_person(&s.db, u.id, &u.email).await?;
    let has_feed = users::has_calendar_token(&s.db, u.id).await?;
    let (upcoming, past): (Vec<_>, Vec<_>) = my_rsvps.iter().partition(|r| r.starts_at >= now);
    let rsvp_list = |list: &[&rsvps::MyRsvp]| {
        html! {
            @if list.is_empty() { p { (t.s("acct-none")) } } @else {
                ul { @for r in list { li {
                    a href={ "/events/" (r.event_id) } { (r.title) } ", "
                    (date_time_label_in(t.language(), r.starts_at, crate::frame::zone(&r.time_zone))) " · " (r.status.label(t))
                    @if r.guests > 0 && r.status.is_active() { " (" (t.f("people-count", &[("count", (1 + r.guests).into())])) ")" }
                    @if r.starts_at >= now && r.status != RsvpStatus::Cancelled { " · " a href={ "/events/" (r.event_id) "?change=1#change-rsvp" } { (t.s("rsvp-change")) } }
                } } }
            }
        }
    };
    let title = t.s("acct-title");
    let current_password = t.s("acct-current-password");
    Ok(page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            @if let Some(done) = &notes.done { div.banner.ok role="status" { (done) } }
            p { (u.name) " · " (u.email) }
            h2 { (t.s("language-switch")) }
            // The same links as at the foot of every page: a choice made here is
            // kept in the account, so it follows the person to any browser.
            p {
                @for l in Language::ALL {
                    @if l == t.language() { strong lang=(l.tag()) { (l.own_name()) } } @else { a href={ "/language/" (l.tag()) "?back=/account" } lang=(l.tag()) hreflang=(l.tag()) { (l.own_name()) } }
                    " "
                }
            }
            h2 { (t.s("acct-my-chapters")) }
            @if my_chapters.is_empty() { p { (t.s("acct-no-chapters")) " " a href="/" { (t.s("acct-find-one")) } } }
            ul { @for (c, role, pending) in &my_chapters {
                li { a href={ "/chapters/" (c.slug) } { (c.name) } " · " (role_label(t, *role)) @if *pending { " " (t.s("acct-waiting-approval")) } }
            } }
            h2 { (t.s("acct-upcoming-rsvps")) }
            (rsvp_list(&upcoming))
            h2 { (t.s("acct-past-rsvps")) }
            (rsvp_list(&past))
            h2 { (t.s("acct-my-calendar")) }
        @if let Some(url) = &notes.calendar_url {
            div.banner.ok role="status" {
                p { (t.s("acct-calendar-new")) }
                p { code.calendar-url { (url) } }
            }
        }
        p { (t.s("acct-calendar-text")) }
        form method="post" action="/account/calendar" {
            (v.csrf_field())
            @if has_feed { button type="submit" { (t.s("acct-calendar-renew")) } }
            @else { button type="submit" { (t.s("acct-calendar-create")) } }
        }
        h2 { (t.s("acct-change-password")) }
            form.stacked method="post" action="/account/password" novalidate {
                (v.csrf_field())
                (error_summary(t, &notes.password))
                (field(&Field::new("current_password", &current_password, "password", "", "current-password"), &notes.password))
                (field(&Field::new("password", &t.s("acct-new-password"), "password", "", "new-password"), &notes.password))
                button type="submit" { (t.s("acct-change-password")) }
            }
            h2 { (t.s("acct-change-email")) }
            form.stacked method="post" action="/account/email" novalidate {
                (v.csrf_field())
                (error_summary_linking(t, &notes.email, |n| if n == "current_password" { "email-current-password".into() } else { n.into() }))
                (field(&Field::new("email", &t.s("acct-new-address"), "email", "", "email"), &notes.email))
                (field(&Field::new("current_password", &current_password, "password", "", "current-password").with_id("email-current-password"), &notes.email))
                button type="submit" { (t.s("acct-send-confirmation")) }
            }
            h2 { (t.s("acct-email-you-get")) }
            p { a href={ "/unsubscribe/" (crate::http::secrets::unsubscribe_token(&s.manage_key, &u.email)) } { (t.s("acct-choose-emails")) } (t.s("acct-choose-emails-rest")) }
            h2 { (t.s("acct-sessions")) }
            form method="post" action="/logout/everywhere" { (v.csrf_field()) button type="submit" { (t.s("acct-log-out-everywhere")) } }
            h2 { (t.s("acct-your-data")) }
            p { a href="/account/export.json" { (t.s("acct-download-data")) } }
            h2 { (t.s("acct-delete")) }
            p { (t.s("acct-delete-text")) }
            form.stacked method="post" action="/account/delete" novalidate {
                (v.csrf_field())
                (error_summary_linking(t, &notes.delete, |n| if n == "current_password" { "delete-current-password".into() } else { n.into() }))
                (field(&Field::new("current_password", &current_password, "password", "", "current-password").with_id("delete-current-password"), &notes.delete))
                button type="submit" { (t.s("acct-delete")) }
            }
        },
    ))
}

/// A role in a chapter as the person reads it.
fn role_label(t: Tr, role: Role) -> String {
    t.s(match role {
        Role::Member => "chap-role-member",
        Role::Organizer => "chap-role-organizer",
    })
}

#[derive(Deserialize, Default)]
pub(super) struct HomeQuery {
    /// Which change made from this page just worked (POST/redirect/GET).
    #[serde(default)]
    done: String,
}

/// The note after a change made from this page; a fixed text per change.
fn done_note(t: Tr, done: &str) -> Option<String> {
    Some(t.s(match done {
        "password" => "acct-done-password",
        "email-sent" => "acct-done-email-sent",
        "email-changed" => "acct-done-email-changed",
        _ => return None,
    }))
}

pub(super) async fn home(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Query(q): Query<HomeQuery>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let u = me(&v)?;
    let calendar_url = calendar_feed::just_made(&s, &headers, u.id).await?;
    let shown = calendar_url.is_some();
    let notes = Notes { done: done_note(v.tr, &q.done), calendar_url, ..Default::default() };
    let mut response = render(&s, &v, notes).await?.into_response();
    if shown {
        response.headers_mut().append(header::SET_COOKIE, calendar_feed::forget_cookie(&s));
    }
    Ok(response)
}

pub(super) async fn export(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    let u = me(&v)?;
    let mut chapters_json = Vec::new();
    for (chapter_id, role, pending) in memberships::all_for_user(&s.db, u.id).await? {
        if let Some(c) = chapters::find(&s.db, chapter_id).await? {
            chapters_json.push(serde_json::json!({ "chapter": c.slug, "name": c.name, "role": role.as_str(), "pending": pending }));
        }
    }
    let data = serde_json::json!({
        "account": { "id": u.id, "name": u.name, "email": u.email },
        "memberships": chapters_json,
        "rsvps": rsvps::for_person(&s.db, u.id, &u.email).await?,
        "exported_at": Utc::now(),
    });
    let body = serde_json::to_string_pretty(&data).map_err(|e| Error::BadRequest(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"turnout-my-data.json\"".to_owned()),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct PasswordForm {
    #[serde(default)]
    pub(super) current_password: String,
    #[serde(default)]
    pub(super) password: String,
    #[serde(default)]
    pub(super) email: String,
}

pub(super) async fn current_password_ok(s: &AppState, user_id: i64, typed: &str) -> Result<bool, Error> {
    let Some(user) = users::find(&s.db, user_id).await? else { return Ok(false) };
    Ok(passwords::verify(typed.to_owned(), user.password_hash).await != Check::Wrong)
}

pub(super) async fn change_password(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, Error> {
    let u = me(&v)?;
    let mut errors = FieldErrors::new();
    if !current_password_ok(&s, u.id, &f.current_password).await? {
        errors.add("current_password", v.tr.s("acct-error-wrong-password"));
    }
    if let Some(p) = password_problem_in(v.tr, &f.password) {
        errors.add("password", p);
    }
    if !errors.is_empty() {
        let page = render(&s, &v, Notes { password: errors, ..Default::default() }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let hash = passwords::hash(f.password).await;
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    users::set_password_hash(&txn, u.id, &hash).await?;
    // Links mailed before the change (a reset, a change of address) stop working.
    tokens::void(&txn, u.id, &TokenPurpose::VOIDED_BY_CHANGES, now).await?;
    // Every other session ends; this one stays.
    sessions::delete_all_for_user(&txn, u.id).await?;
    let token = random_token();
    sessions::create(&txn, &sha256_hex(&token), u.id, now, s.session_idle).await?;
    audit::record(&txn, Some(u.id), "password.change", &format!("user #{}", u.id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    let mut response = Redirect::to("/account?done=password").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, &token, Some(400 * 24 * 3600), s.secure_cookies));
    Ok(response)
}

pub(super) async fn delete(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, Error> {
    let u = me(&v)?;
    if !current_password_ok(&s, u.id, &f.current_password).await? {
        let mut errors = FieldErrors::new();
        errors.add("current_password", v.tr.s("acct-error-wrong-password"));
        let page = render(&s, &v, Notes { delete: errors, ..Default::default() }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    // Seats at upcoming events go to the next in line; past events keep their counts.
    let addresses = users::owned_addresses(&txn, u.id).await?;
    for (rsvp_id, event_id) in rsvps::active_for_person(&txn, u.id, &addresses).await? {
        let Some(e) = events::details(&txn, event_id).await? else { continue };
        if e.starts_at <= now {
            continue;
        }
        if rsvps::cancel(&txn, rsvp_id, now).await? == Some(RsvpStatus::Going) {
            s.fill_freed_seats(&txn, &e, now).await?;
        }
    }
    users::erase(&txn, u.id, now).await?;
    audit::record(&txn, None, "user.delete", &format!("user #{}", u.id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    let mut response = Done::AccountDeleted.redirect();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    Ok(response)
}
