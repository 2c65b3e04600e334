//! Logging in and out, and the emailed link that lets the owner's browser in
//! past a lock that someone else's wrong passwords caused.

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::{TokenPurpose, safe_next};
use turnout_domain::catalogue::Tr;
use turnout_notifications::compose::account_message_in;
use turnout_persistence::tokens::Binding;
use turnout_persistence::{audit, begin_write, outbox, sessions, tokens, users};

use super::done::Done;
use super::registration::send_verification;
use super::{TokenForm, link_expired};
use crate::accounts::passwords::{self, Check};
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::secrets::{random_token, sha256_hex, sign, verify as verify_signature};
use crate::http::visitor::{SESSION_COOKIE, Visitor, cookie, cookie_in};
use crate::state::AppState;

/// A browser the owner of an account unlocked from an emailed link: its
/// failed logins are counted apart from those of its network.
pub(super) const DEVICE_COOKIE: &str = "turnout_device";

#[derive(Deserialize, Default)]
pub(super) struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
pub(super) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub(super) async fn login_form(Extension(v): Extension<Visitor>, Query(q): Query<NextQuery>) -> Response {
    crate::accounts::views::login(&v, "", &safe_next(q.next.as_deref()), &FieldErrors::new()).into_response()
}

/// The browser's unlock cookie, if it was issued for this account.
pub(super) fn unlocked_device(s: &AppState, headers: &HeaderMap, user_id: i64) -> Option<String> {
    let value = cookie_in(headers, DEVICE_COOKIE)?;
    let (nonce, signature) = value.split_once('.')?;
    verify_signature(&s.csrf_key, &format!("device:{user_id}:{nonce}"), signature).then(|| format!("device:{nonce}"))
}

pub(super) async fn login(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Query(q): Query<NextQuery>,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let next = safe_next(q.next.as_deref());
    s.limit(Limited::Login { client: &v.address }, now).await?;
    let user = users::find_by_email(&s.db, &f.email).await?;
    // Wrong passwords count per account *and* client: guesses from one place
    // lock out that place only, never the owner logging in from elsewhere.
    let device = user.as_ref().and_then(|u| unlocked_device(&s, &headers, u.id));
    let from = device.as_deref().unwrap_or(&v.address);
    let failures = Limited::LoginFailures { account: &f.email, from };
    s.check_blocked(failures.clone(), now).await?;
    let refused = |v: &Visitor| {
        let mut errors = FieldErrors::new();
        errors.add("password", v.tr.s("login-error-no-match"));
        (StatusCode::UNAUTHORIZED, crate::accounts::views::login(v, &f.email, &next, &errors)).into_response()
    };
    let Some(user) = user else {
        passwords::verify_against_nothing(f.password.clone()).await;
        s.count(failures, now).await?;
        return Ok(refused(&v));
    };
    let check = passwords::verify(f.password.clone(), user.password_hash.clone()).await;
    if check == Check::Wrong {
        s.count(failures.clone(), now).await?;
        // This wrong password is the one that locks: tell the owner, once.
        let locked_now = s.check_blocked(failures, now).await.is_err();
        if locked_now && device.is_none() {
            send_unlock_link(&s, &user, v.tr, now).await?;
        }
        return Ok(refused(&v));
    }
    if !user.verified {
        // A new link only so often: this answer could otherwise mail the address without end.
        s.limit(Limited::MailTo { address: &user.email }, now).await?;
        let txn = begin_write(&s.db).await?;
        send_verification(&s, &txn, user.language.map_or(v.tr, Tr), (user.id, &user.name, &user.email), now).await?;
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
        s.notifier.wake();
        // The address goes in bold where the sentence has it (a marker stands in for it).
        let sent = v.tr.f("acct-confirm-first-text", &[("email", "\u{1}".into())]);
        let (before, after) = sent.split_once('\u{1}').unwrap_or((&sent, ""));
        let page = crate::frame::layout::notice(
            &v,
            &v.tr.s("acct-confirm-first-title"),
            html! {
                p { (before) strong { (user.email) } (after) }
            },
        );
        return Ok((StatusCode::FORBIDDEN, page).into_response());
    }
    if check == Check::RightButRehash {
        let fresh = passwords::hash(f.password.clone()).await;
        users::set_password_hash(&s.db, user.id, &fresh).await?;
    }
    s.forget(Limited::LoginFailures { account: &f.email, from }).await?;
    // A new session id on every login: a session id planted before cannot be
    // used after. The session and its audit line are written together.
    let token = random_token();
    let txn = begin_write(&s.db).await?;
    if let Some(old) = &v.session_hash {
        sessions::delete(&txn, old).await?;
    }
    sessions::create(&txn, &sha256_hex(&token), user.id, now, s.session_idle).await?;
    audit::record(&txn, Some(user.id), "login", &format!("user #{}", user.id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    let mut response = Redirect::to(&next).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, &token, Some(400 * 24 * 3600), s.secure_cookies));
    Ok(response)
}

/// Tells the owner that logins were refused after wrong passwords, with a
/// link that lets their own browser in again. At most one an hour. In the
/// account's language if its owner chose one, else `fallback`'s.
pub(super) async fn send_unlock_link(s: &AppState, user: &users::User, fallback: Tr, now: chrono::DateTime<Utc>) -> Result<(), Error> {
    if s.limit(Limited::MailTo { address: &user.email }, now).await.is_err() {
        return Ok(());
    }
    let token = random_token();
    let hash = sha256_hex(&token);
    let txn = begin_write(&s.db).await?;
    tokens::issue(&txn, user.id, TokenPurpose::UnlockLogin, &hash, Binding::default(), now).await?;
    let t = user.language.map_or(fallback, Tr);
    let message = account_message_in(
        t,
        format!("unlock:{}:{}", user.id, now.format("%Y-%m-%dT%H")),
        &user.name,
        &user.email,
        &t.s("acct-mail-unlock-subject"),
        &[&t.s("acct-mail-unlock-1"), &t.s("acct-mail-unlock-2")],
        Some((&t.s("acct-mail-unlock-link"), &format!("{}/account/unlock/{token}", s.base_url))),
    );
    outbox::enqueue(&txn, &message, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(())
}

pub(super) async fn unlock_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::UnlockLogin, Utc::now()).await? {
        return Ok(link_expired(&v));
    }
    let t = v.tr;
    Ok(crate::accounts::views::confirm_button(
        &v,
        &t.s("acct-unlock-title"),
        &t.s("acct-unlock-text"),
        "/account/unlock",
        &token,
        &t.s("acct-unlock-button"),
    )
    .into_response())
}

pub(super) async fn unlock(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<TokenForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let Some(used) = tokens::consume(&s.db, &sha256_hex(&f.token), TokenPurpose::UnlockLogin, now).await? else {
        return Ok(link_expired(&v));
    };
    let nonce = random_token();
    let value = format!("{nonce}.{}", sign(&s.csrf_key, &format!("device:{}:{nonce}", used.user_id)));
    let mut response = Done::Unlocked.redirect();
    response.headers_mut().append(header::SET_COOKIE, cookie(DEVICE_COOKIE, &value, Some(30 * 24 * 3600), s.secure_cookies));
    Ok(response)
}

pub(super) fn logged_out(s: &AppState) -> Response {
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    response
}

pub(super) async fn logout(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    if let Some(hash) = &v.session_hash {
        sessions::delete(&s.db, hash).await?;
    }
    Ok(logged_out(&s))
}

pub(super) async fn logout_everywhere(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    let user = v.user.as_ref().ok_or_else(|| Error::LoginRequired("/account".into()))?;
    sessions::delete_all_for_user(&s.db, user.id).await?;
    Ok(logged_out(&s))
}
