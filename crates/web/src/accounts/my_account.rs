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
use turnout_domain::account::{TokenPurpose, password_problem};
use turnout_domain::language::Language;
use turnout_domain::time::date_time_label;
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
            @if list.is_empty() { p { "None." } } @else {
                ul { @for r in list { li {
                    a href={ "/events/" (r.event_id) } { (r.title) } ", "
                    (date_time_label(r.starts_at, crate::frame::zone(&r.time_zone))) " · " (r.status.label())
                    @if r.guests > 0 && r.status.is_active() { " (" (1 + r.guests) " people)" }
                    @if r.starts_at >= now && r.status != RsvpStatus::Cancelled { " · " a href={ "/events/" (r.event_id) "?change=1#change-rsvp" } { "change" } }
                } } }
            }
        }
    };
    Ok(page(
        v,
        "My account",
        html! {},
        html! {
            h1 { "My account" }
            @if let Some(done) = &notes.done { div.banner.ok role="status" { (done) } }
            p { (u.name) " · " (u.email) }
            h2 { (v.tr.s("language-switch")) }
            // The same links as at the foot of every page: a choice made here is
            // kept in the account, so it follows the person to any browser.
            p {
                @for l in Language::ALL {
                    @if l == v.tr.language() { strong lang=(l.tag()) { (l.own_name()) } } @else { a href={ "/language/" (l.tag()) "?back=/account" } lang=(l.tag()) hreflang=(l.tag()) { (l.own_name()) } }
                    " "
                }
            }
            h2 { "My chapters" }
            @if my_chapters.is_empty() { p { "You have not joined a chapter yet. " a href="/" { "Find one" } } }
            ul { @for (c, role, pending) in &my_chapters {
                li { a href={ "/chapters/" (c.slug) } { (c.name) } " · " (role.as_str()) @if *pending { " (waiting for approval)" } }
            } }
            h2 { "Upcoming RSVPs" }
            (rsvp_list(&upcoming))
            h2 { "Past RSVPs" }
            (rsvp_list(&past))
            h2 { "My calendar" }
        @if let Some(url) = &notes.calendar_url {
            div.banner.ok role="status" {
                p { "Your private calendar address. Add it to your calendar app as a subscription; it is shown only now:" }
                p { code.calendar-url { (url) } }
            }
        }
        p { "A private address that lists the events you RSVP'd to, for your calendar app to subscribe to. Anyone with the address can read it." }
        form method="post" action="/account/calendar" {
            (v.csrf_field())
            @if has_feed { button type="submit" { "Make a new address (the old one stops working)" } }
            @else { button type="submit" { "Create my calendar address" } }
        }
        h2 { "Change password" }
            form.stacked method="post" action="/account/password" novalidate {
                (v.csrf_field())
                (error_summary(v.tr, &notes.password))
                (field(&Field::new("current_password", "Current password", "password", "", "current-password"), &notes.password))
                (field(&Field::new("password", "New password", "password", "", "new-password"), &notes.password))
                button type="submit" { "Change password" }
            }
            h2 { "Change email address" }
            form.stacked method="post" action="/account/email" novalidate {
                (v.csrf_field())
                (error_summary_linking(v.tr, &notes.email, |n| if n == "current_password" { "email-current-password".into() } else { n.into() }))
                (field(&Field::new("email", "New address", "email", "", "email"), &notes.email))
                (field(&Field::new("current_password", "Current password", "password", "", "current-password").with_id("email-current-password"), &notes.email))
                button type="submit" { "Send a confirmation link" }
            }
            h2 { "Email you get" }
            p { a href={ "/unsubscribe/" (crate::http::secrets::unsubscribe_token(&s.manage_key, &u.email)) } { "Choose which emails you get" } ": reminders, change notices and announcements can be turned off, and a weekly email of your chapters' upcoming events turned on." }
            h2 { "Sessions" }
            form method="post" action="/logout/everywhere" { (v.csrf_field()) button type="submit" { "Log out everywhere" } }
            h2 { "Your data" }
            p { a href="/account/export.json" { "Download my data (JSON)" } }
            h2 { "Delete my account" }
            p { "Your name and address are erased. Your past RSVPs stay counted, without your name. This cannot be undone." }
            form.stacked method="post" action="/account/delete" novalidate {
                (v.csrf_field())
                (error_summary_linking(v.tr, &notes.delete, |n| if n == "current_password" { "delete-current-password".into() } else { n.into() }))
                (field(&Field::new("current_password", "Current password", "password", "", "current-password").with_id("delete-current-password"), &notes.delete))
                button type="submit" { "Delete my account" }
            }
        },
    ))
}

#[derive(Deserialize, Default)]
pub(super) struct HomeQuery {
    /// Which change made from this page just worked (POST/redirect/GET).
    #[serde(default)]
    done: String,
}

/// The note after a change made from this page; a fixed text per change.
fn done_note(done: &str) -> Option<String> {
    Some(
        match done {
            "password" => "Your password was changed. Every other device was logged out.",
            "email-sent" => "We have sent a confirmation link to your new address. Your address changes when you open it.",
            "email-changed" => "Your address was changed. From now on we write to the address shown here.",
            _ => return None,
        }
        .to_owned(),
    )
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
    let notes = Notes { done: done_note(&q.done), calendar_url, ..Default::default() };
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
        errors.add("current_password", "That is not your current password.");
    }
    if let Some(p) = password_problem(&f.password) {
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
        errors.add("current_password", "That is not your current password.");
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
