//! A person's own account: their chapters and RSVPs, changing password or
//! address, downloading their data, and deleting the account.

use crate::routing::{Routes, get, post};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::{TokenPurpose, password_problem};
use turnout_domain::email_address;
use turnout_domain::time::date_time_label;
use turnout_notifications::compose::account_message;
use turnout_persistence::tokens::Binding;
use turnout_persistence::{audit, begin_write, chapters, memberships, outbox, rsvps, sessions, tokens, users};

use crate::error::Error;
use crate::limits::Limited;
use crate::pages;
use crate::pages::forms::{Field, error_summary, field};
use crate::pages::layout::page;
use crate::passwords::{self, Check};
use crate::secrets::{random_token, sha256_hex};
use crate::state::AppState;
use crate::visitor::{CurrentUser, SESSION_COOKIE, Visitor, cookie};

pub fn routes() -> Routes {
    Routes::new()
        .route("/account", get(home))
        .route("/account/export.json", get(export))
        .route("/account/password", post(change_password))
        .route("/account/email", post(change_email))
        .route("/account/email/{token}", get(confirm_email_page))
        .route("/account/email/confirm", post(confirm_email))
        .route("/account/email/undo/{token}", get(undo_email_page))
        .route("/account/email/undo", post(undo_email))
        .route("/account/delete", post(delete))
        .route("/account/calendar", post(new_calendar_address))
        .route("/my/{token}", get(personal_calendar))
}

fn me(v: &Visitor) -> Result<&CurrentUser, Error> {
    v.user.as_ref().ok_or_else(|| Error::LoginRequired("/account".to_owned()))
}

/// Messages for the forms on the account page, keyed by which form.
#[derive(Default)]
struct Notes {
    password: FieldErrors,
    email: FieldErrors,
    delete: FieldErrors,
    done: Option<String>,
    /// A new private calendar address, shown once.
    calendar_url: Option<String>,
}

async fn render(s: &AppState, v: &Visitor, notes: Notes) -> Result<maud::Markup, Error> {
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
                    (date_time_label(r.starts_at, pages::zone(&r.time_zone))) " · " (r.status.as_str())
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
                (error_summary(&notes.password))
                (field(&Field::new("current_password", "Current password", "password", "", "current-password"), &notes.password))
                (field(&Field::new("password", "New password", "password", "", "new-password"), &notes.password))
                button type="submit" { "Change password" }
            }
            h2 { "Change email address" }
            form.stacked method="post" action="/account/email" novalidate {
                (v.csrf_field())
                (error_summary(&notes.email))
                (field(&Field::new("email", "New address", "email", "", "email"), &notes.email))
                (field(&Field::new("current_password", "Current password", "password", "", "current-password"), &notes.email))
                button type="submit" { "Send a confirmation link" }
            }
            h2 { "Sessions" }
            form method="post" action="/logout/everywhere" { (v.csrf_field()) button type="submit" { "Log out everywhere" } }
            h2 { "Your data" }
            p { a href="/account/export.json" { "Download my data (JSON)" } }
            h2 { "Delete my account" }
            p { "Your name and address are erased. Your past RSVPs stay counted, without your name. This cannot be undone." }
            form.stacked method="post" action="/account/delete" novalidate {
                (v.csrf_field())
                (error_summary(&notes.delete))
                (field(&Field::new("current_password", "Current password", "password", "", "current-password"), &notes.delete))
                button type="submit" { "Delete my account" }
            }
        },
    ))
}

async fn home(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    Ok(render(&s, &v, Notes::default()).await?.into_response())
}

async fn export(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
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
struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    email: String,
}

async fn current_password_ok(s: &AppState, user_id: i64, typed: &str) -> Result<bool, Error> {
    let Some(user) = users::find(&s.db, user_id).await? else { return Ok(false) };
    Ok(passwords::verify(typed.to_owned(), user.password_hash).await != Check::Wrong)
}

async fn change_password(
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
    let mut response = Redirect::to("/account").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, &token, Some(400 * 24 * 3600), s.secure_cookies));
    Ok(response)
}

async fn change_email(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<PasswordForm>) -> Result<Response, Error> {
    let u = me(&v)?;
    let mut errors = FieldErrors::new();
    let email = f.email.trim();
    if let Some(p) = email_address::problem(email) {
        errors.add("email", p);
    }
    if !current_password_ok(&s, u.id, &f.current_password).await? {
        errors.add("current_password", "That is not your current password.");
    }
    if !errors.is_empty() {
        let page = render(&s, &v, Notes { email: errors, ..Default::default() }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = Utc::now();
    s.limit(Limited::MailByAccount { user_id: u.id }, now).await?;
    s.limit(Limited::MailTo { address: email }, now).await?;
    let token = random_token();
    let hash = sha256_hex(&token);
    let session = v.session_hash.as_deref();
    let txn = begin_write(&s.db).await?;
    tokens::issue(&txn, u.id, TokenPurpose::ChangeEmail, &hash, Binding { new_email: Some(email), session_hash: session }, now).await?;
    let message = account_message(
        format!("change-email:{hash}"),
        &u.name,
        email,
        "Confirm your new email address",
        &[
            "Someone logged in to a Turnout account asked to use this address for it. If that was you, open the link in the same browser, while logged in; it works for 24 hours. Until then the old address stays in use.",
            "If it was not you, ignore this message: the address is not added to anyone's account.",
        ],
        Some(("Confirm my new address", &format!("{}/account/email/{token}", s.base_url))),
    );
    outbox::enqueue(&txn, &message, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    let done = format!("We have sent a confirmation link to {email}. Your address changes when you open it.");
    Ok(render(&s, &v, Notes { done: Some(done), ..Default::default() }).await?.into_response())
}

async fn confirm_email_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::ChangeEmail, Utc::now()).await? {
        return Ok((
            StatusCode::BAD_REQUEST,
            pages::layout::notice(&v, "This link no longer works", html! { p { "The link has expired or was already used." } }),
        )
            .into_response());
    }
    Ok(pages::account::confirm_button(
        &v,
        "Confirm your new address",
        "Press the button to start using this address for your account.",
        "/account/email/confirm",
        &token,
        "Confirm my new address",
    )
    .into_response())
}

#[derive(Deserialize, Default)]
struct TokenForm {
    #[serde(default)]
    token: String,
}

fn link_gone(v: &Visitor) -> Response {
    (
        StatusCode::BAD_REQUEST,
        pages::layout::notice(v, "This link no longer works", html! { p { "The link has expired or was already used." } }),
    )
        .into_response()
}

/// The new address is confirmed only by the session that asked for it: the
/// owner of an address pressing a button in an email cannot hand it to
/// someone else's account.
async fn confirm_email(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<TokenForm>) -> Result<Response, Error> {
    let now = Utc::now();
    let token_hash = sha256_hex(&f.token);
    let Some(bound_to) = tokens::usable_binding(&s.db, &token_hash, TokenPurpose::ChangeEmail, now).await? else {
        return Ok(link_gone(&v));
    };
    if bound_to.is_none() || bound_to != v.session_hash {
        let page = pages::layout::notice(
            &v,
            "Open this link where you asked for it",
            html! {
                p { "A new address is confirmed in the browser where the change was asked for, while logged in to that account." }
                p { "If you did not ask for it, there is nothing to do: your address was not added to any account." }
            },
        );
        return Ok((StatusCode::FORBIDDEN, page).into_response());
    }
    let txn = begin_write(&s.db).await?;
    let used = tokens::consume(&txn, &token_hash, TokenPurpose::ChangeEmail, now).await?;
    let Some((user_id, Some(new_email))) = used.map(|u| (u.user_id, u.new_email)) else {
        return Ok(link_gone(&v));
    };
    let Some(before) = users::find(&txn, user_id).await? else { return Ok(link_gone(&v)) };
    match users::set_email(&txn, user_id, &new_email, now).await {
        Ok(()) => {}
        Err(turnout_persistence::Error::Duplicate) => {
            return Ok((
                StatusCode::CONFLICT,
                pages::layout::notice(
                    &v,
                    "That address is taken",
                    html! { p { "Another account uses that address, so yours was not changed." } },
                ),
            )
                .into_response());
        }
        Err(e) => return Err(e.into()),
    }
    // Links mailed to the old address (a reset above all) stop working; the
    // old address hears of the change and can undo it for a week.
    tokens::void(&txn, user_id, &TokenPurpose::VOIDED_BY_CHANGES, now).await?;
    let undo = random_token();
    let undo_hash = sha256_hex(&undo);
    tokens::issue(
        &txn,
        user_id,
        TokenPurpose::UndoEmailChange,
        &undo_hash,
        Binding { new_email: Some(&before.email), session_hash: None },
        now,
    )
    .await?;
    let told = account_message(
        format!("email-changed:{undo_hash}"),
        &before.name,
        &before.email,
        "The address of your Turnout account was changed",
        &[
            &format!("Your Turnout account now uses {new_email} instead of this address."),
            "If you did not do this, open the link within 7 days to put this address back. It also logs everyone out of the account; then choose a new password.",
        ],
        Some(("Undo the change", &format!("{}/account/email/undo/{undo}", s.base_url))),
    );
    outbox::enqueue(&txn, &told, now).await?;
    audit::record(&txn, Some(user_id), "email.change", &format!("user #{user_id}"), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(pages::layout::notice(&v, "Your address was changed", html! { p { "From now on we write to " strong { (new_email) } "." } })
        .into_response())
}

async fn undo_email_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::UndoEmailChange, Utc::now()).await? {
        return Ok(link_gone(&v));
    }
    Ok(pages::account::confirm_button(
        &v,
        "Put your old address back",
        "Press the button to use this address for your account again. Everyone logged in to the account is logged out; then choose a new password.",
        "/account/email/undo",
        &token,
        "Put my address back",
    )
    .into_response())
}

/// Undoing a change of address: the old address comes back, every session
/// ends and every other link stops working, so whoever changed it is out.
async fn undo_email(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<TokenForm>) -> Result<Response, Error> {
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let used = tokens::consume(&txn, &sha256_hex(&f.token), TokenPurpose::UndoEmailChange, now).await?;
    let Some((user_id, Some(old_email))) = used.map(|u| (u.user_id, u.new_email)) else {
        return Ok(link_gone(&v));
    };
    match users::set_email(&txn, user_id, &old_email, now).await {
        Ok(()) => {}
        Err(turnout_persistence::Error::Duplicate) => {
            let page = pages::layout::notice(
                &v,
                "That address is taken",
                html! { p { "Another account uses that address now, so it could not be put back. Please write to the site's operators." } },
            );
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    tokens::void(&txn, user_id, &TokenPurpose::VOIDED_BY_CHANGES, now).await?;
    sessions::delete_all_for_user(&txn, user_id).await?;
    audit::record(&txn, Some(user_id), "email.change.undo", &format!("user #{user_id}"), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    let gone = Visitor { user: None, session_hash: None, ..v.clone() };
    let mut response = pages::layout::notice(
        &gone,
        "Your old address is back",
        html! {
            p { "We write to " strong { (old_email) } " again, and everyone was logged out of the account." }
            p { "If someone else knew your password, " a href="/account/reset" { "choose a new one" } " now." }
        },
    )
    .into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    Ok(response)
}

async fn delete(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<PasswordForm>) -> Result<Response, Error> {
    let u = me(&v)?;
    if !current_password_ok(&s, u.id, &f.current_password).await? {
        let mut errors = FieldErrors::new();
        errors.add("current_password", "That is not your current password.");
        let page = render(&s, &v, Notes { delete: errors, ..Default::default() }).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    users::erase(&txn, u.id, now).await?;
    audit::record(&txn, None, "user.delete", &format!("user #{}", u.id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    let gone = Visitor { user: None, session_hash: None, ..v.clone() };
    let page = pages::layout::notice(
        &gone,
        "Your account was deleted",
        html! { p { "Your name and address were erased. Thank you for organizing with us." } },
    );
    let mut response = page.into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    Ok(response)
}

/// Creates or rotates the person's private calendar address.
async fn new_calendar_address(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    let u = me(&v)?;
    let token = random_token();
    users::set_calendar_token_hash(&s.db, u.id, &sha256_hex(&token)).await?;
    let url = format!("{}/my/{token}.ics", s.base_url);
    Ok(render(&s, &v, Notes { calendar_url: Some(url), ..Default::default() }).await?.into_response())
}

/// The events someone RSVP'd to, as a feed at their unguessable address.
async fn personal_calendar(State(s): State<AppState>, Path(token): Path<String>) -> Result<Response, Error> {
    let token = token.strip_suffix(".ics").ok_or(Error::NotFound)?;
    let user = users::find_by_calendar_token(&s.db, &sha256_hex(token)).await?.ok_or(Error::NotFound)?;
    let now = Utc::now();
    let mut entries = Vec::new();
    for r in rsvps::for_person(&s.db, user.id, &user.email).await? {
        if r.status == turnout_domain::rsvp::RsvpStatus::Cancelled {
            continue;
        }
        if let Some(e) = turnout_persistence::events::details(&s.db, r.event_id).await? {
            let viewer = turnout_domain::event::Viewer { organizer: false, going: r.status == turnout_domain::rsvp::RsvpStatus::Going };
            entries.push(turnout_notifications::ics::event(&e, &s.base_url, e.address_visible(viewer, now)));
        }
    }
    let body = turnout_notifications::ics::calendar(&format!("{}: my events", user.name), entries, None);
    Ok(([(header::CONTENT_TYPE, "text/calendar; charset=utf-8"), (header::CACHE_CONTROL, "private, max-age=300")], body).into_response())
}
