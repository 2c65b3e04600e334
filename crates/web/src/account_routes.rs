//! Registering, confirming an address, logging in and out, resetting a
//! password. Every answer is the same whether or not an address has an
//! account, and takes about as long.

use crate::routing::{Routes, get, post};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::{RegistrationInput, TokenPurpose, password_problem, safe_next};
use turnout_domain::email_address;
use turnout_notifications::compose::account_message;
use turnout_persistence::tokens::Binding;
use turnout_persistence::{audit, begin_write, outbox, sessions, tokens, users};

use crate::error::Error;
use crate::limits::Limited;
use crate::pages;
use crate::passwords::{self, Check};
use crate::secrets::{random_token, sha256_hex, sign, verify as verify_signature};
use crate::state::AppState;
use crate::visitor::{SESSION_COOKIE, Visitor, cookie};

pub fn routes() -> Routes {
    Routes::new()
        .route("/register", get(register_form).post(register))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/logout/everywhere", post(logout_everywhere))
        .route("/account/verify/{token}", get(verify_page))
        .route("/account/verify", post(verify))
        .route("/account/reset", get(reset_request_form).post(reset_request))
        .route("/account/reset/{token}", get(reset_page))
        .route("/account/reset/confirm", post(reset_confirm))
        .route("/account/unlock/{token}", get(unlock_page))
        .route("/account/unlock", post(unlock))
}

/// A browser the owner of an account unlocked from an emailed link: its
/// failed logins are counted apart from those of its network.
const DEVICE_COOKIE: &str = "turnout_device";

#[derive(Deserialize, Default)]
struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn register_form(Extension(v): Extension<Visitor>) -> Response {
    pages::account::register(&v, "", "", &FieldErrors::new()).into_response()
}

fn check_your_email(v: &Visitor, email: &str) -> Response {
    pages::layout::notice(
        v,
        "Check your email",
        html! {
            p { "We have sent a message to " strong { (email) } ". Open the link in it to confirm your address, then log in." }
            p { "Nothing there after a few minutes? Check your spam folder." }
        },
    )
    .into_response()
}

async fn register(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<RegisterForm>) -> Result<Response, Error> {
    let now = Utc::now();
    s.limit(Limited::Register { client: &v.address }, now).await?;
    let input = RegistrationInput { name: f.name.clone(), email: f.email.clone(), password: f.password };
    let reg = match input.validate() {
        Ok(r) => r,
        Err(errors) => {
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, pages::account::register(&v, &f.name, &f.email, &errors)).into_response());
        }
    };
    // Counted whether or not the address is taken, so the limit tells nothing.
    s.limit(Limited::MailTo { address: &reg.email }, now).await?;
    // Hash whether or not the address is taken, so both answers take as long.
    let hash = passwords::hash(reg.password.clone()).await;
    let txn = begin_write(&s.db).await?;
    match users::find_by_email(&txn, &reg.email).await? {
        // Not confirmed yet: whoever registers last chooses the password, and
        // only a person who also holds the link mailed to the address can
        // confirm with it. A stranger who registered first gains nothing.
        Some(pending) if !pending.verified => {
            users::set_password_hash(&txn, pending.id, &hash).await?;
            send_verification(&s, &txn, pending.id, &pending.name, &pending.email, now).await?;
        }
        Some(owner) => {
            let message = account_message(
                format!("address-taken:{}:{}", owner.id, now.format("%Y-%m-%dT%H")),
                &owner.name,
                &owner.email,
                "Someone tried to register with your address",
                &[
                    "Someone (maybe you) tried to create a Turnout account with this address, which already has one.",
                    "If it was you, log in instead, or reset your password if you have forgotten it. If it was not you, you can ignore this message.",
                ],
                Some(("Reset your password", &format!("{}/account/reset", s.base_url))),
            );
            outbox::enqueue(&txn, &message, now).await?;
        }
        None => {
            let new = users::NewUser { name: &reg.name, email: &reg.email, password_hash: &hash, verified: false, is_site_admin: false };
            let user_id = match users::create(&txn, new, now).await {
                Ok(id) => id,
                // Registered in a parallel request: same answer as a taken address.
                Err(turnout_persistence::Error::Duplicate) => return Ok(check_your_email(&v, &reg.email)),
                Err(e) => return Err(e.into()),
            };
            send_verification(&s, &txn, user_id, &reg.name, &reg.email, now).await?;
        }
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(check_your_email(&v, &reg.email))
}

async fn send_verification(
    s: &AppState,
    db: &impl turnout_persistence::ConnectionTrait,
    user_id: i64,
    name: &str,
    email: &str,
    now: chrono::DateTime<Utc>,
) -> Result<(), Error> {
    let token = random_token();
    let hash = sha256_hex(&token);
    tokens::issue(db, user_id, TokenPurpose::VerifyEmail, &hash, Binding::default(), now).await?;
    let link = format!("{}/account/verify/{token}", s.base_url);
    let message = account_message(
        format!("verify:{hash}"),
        name,
        email,
        "Confirm your email address",
        &[
            "Welcome to Turnout! Please confirm that this is your address. The link works for 24 hours; you will be asked for the password you chose.",
            "If you did not create an account, someone else typed your address: ignore this message and nothing happens.",
        ],
        Some(("Confirm my address", &link)),
    );
    outbox::enqueue(db, &message, now).await?;
    Ok(())
}

async fn verify_page(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(token): Path<String>) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::VerifyEmail, Utc::now()).await? {
        return Ok(link_expired(&v));
    }
    Ok(pages::account::verify_form(&v, &token, &FieldErrors::new()).into_response())
}

fn link_expired(v: &Visitor) -> Response {
    let page = pages::layout::notice(
        v,
        "This link no longer works",
        html! {
            p { "The link has expired or was already used. Links in our emails work once." }
            p { a href="/login" { "Log in" } " · " a href="/account/reset" { "Reset your password" } }
        },
    );
    (StatusCode::BAD_REQUEST, page).into_response()
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

/// Confirming takes the link (proof of the address) and the password chosen
/// at registration (proof of being whoever registered): someone who typed
/// another person's address cannot have the owner confirm an account whose
/// password the stranger knows.
async fn verify(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<TokenForm>) -> Result<Response, Error> {
    let now = Utc::now();
    let token_hash = sha256_hex(&f.token);
    let Some(user_id) = tokens::usable_owner(&s.db, &token_hash, TokenPurpose::VerifyEmail, now).await? else {
        return Ok(link_expired(&v));
    };
    let Some(user) = users::find(&s.db, user_id).await? else { return Ok(link_expired(&v)) };
    let failures = Limited::LoginFailures { account: &user.email, from: &v.address };
    s.check_blocked(failures.clone(), now).await?;
    if passwords::verify(f.password.clone(), user.password_hash.clone()).await == Check::Wrong {
        s.count(failures, now).await?;
        let mut errors = FieldErrors::new();
        errors.add("password", "That is not the password chosen for this account.");
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, pages::account::verify_form(&v, &f.token, &errors)).into_response());
    }
    let txn = begin_write(&s.db).await?;
    if tokens::consume(&txn, &token_hash, TokenPurpose::VerifyEmail, now).await?.is_none() {
        return Ok(link_expired(&v));
    }
    users::mark_verified(&txn, user_id, now).await?;
    audit::record(&txn, Some(user_id), "email.verify", &format!("user #{user_id}"), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(pages::layout::notice(&v, "Your address is confirmed", html! { p { "Thank you. You can now " a href="/login" { "log in" } "." } })
        .into_response())
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize, Default)]
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

async fn login_form(Extension(v): Extension<Visitor>, Query(q): Query<NextQuery>) -> Response {
    pages::account::login(&v, "", &safe_next(q.next.as_deref()), &FieldErrors::new()).into_response()
}

/// The browser's unlock cookie, if it was issued for this account.
fn unlocked_device(s: &AppState, headers: &HeaderMap, user_id: i64) -> Option<String> {
    let value = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == DEVICE_COOKIE)
        .map(|(_, v)| v)?;
    let (nonce, signature) = value.split_once('.')?;
    verify_signature(&s.csrf_key, &format!("device:{user_id}:{nonce}"), signature).then(|| format!("device:{nonce}"))
}

async fn login(
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
        errors.add("password", "That email and password do not match an account.");
        (StatusCode::UNAUTHORIZED, pages::account::login(v, &f.email, &next, &errors)).into_response()
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
            send_unlock_link(&s, &user, now).await?;
        }
        return Ok(refused(&v));
    }
    if !user.verified {
        // A new link only so often: this answer could otherwise mail the address without end.
        s.limit(Limited::MailTo { address: &user.email }, now).await?;
        let txn = begin_write(&s.db).await?;
        send_verification(&s, &txn, user.id, &user.name, &user.email, now).await?;
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
        s.notifier.wake();
        let page = pages::layout::notice(
            &v,
            "Please confirm your address first",
            html! {
                p { "We have sent a new confirmation link to " strong { (user.email) } ". Open it, then log in." }
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
/// link that lets their own browser in again. At most one an hour.
async fn send_unlock_link(s: &AppState, user: &users::User, now: chrono::DateTime<Utc>) -> Result<(), Error> {
    if s.limit(Limited::MailTo { address: &user.email }, now).await.is_err() {
        return Ok(());
    }
    let token = random_token();
    let hash = sha256_hex(&token);
    let txn = begin_write(&s.db).await?;
    tokens::issue(&txn, user.id, TokenPurpose::UnlockLogin, &hash, Binding::default(), now).await?;
    let message = account_message(
        format!("unlock:{}:{}", user.id, now.format("%Y-%m-%dT%H")),
        &user.name,
        &user.email,
        "Logins to your account were paused",
        &[
            "Someone typed wrong passwords for your Turnout account many times, so logins from where they tried are paused for a while. Your password was not changed and nobody got in.",
            "If that was you, or you need to log in now from the same network, open the link (it works for one hour) on the device you want to use. If you think someone is guessing your password, choose a new one.",
        ],
        Some(("Let me log in", &format!("{}/account/unlock/{token}", s.base_url))),
    );
    outbox::enqueue(&txn, &message, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(())
}

async fn unlock_page(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(token): Path<String>) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::UnlockLogin, Utc::now()).await? {
        return Ok(link_expired(&v));
    }
    Ok(pages::account::confirm_button(
        &v,
        "Log in from this device",
        "Press the button on the device you want to log in from. Wrong passwords typed elsewhere will not lock it out.",
        "/account/unlock",
        &token,
        "Let this device log in",
    )
    .into_response())
}

async fn unlock(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<TokenForm>) -> Result<Response, Error> {
    let now = Utc::now();
    let Some(used) = tokens::consume(&s.db, &sha256_hex(&f.token), TokenPurpose::UnlockLogin, now).await? else {
        return Ok(link_expired(&v));
    };
    let nonce = random_token();
    let value = format!("{nonce}.{}", sign(&s.csrf_key, &format!("device:{}:{nonce}", used.user_id)));
    let mut response = pages::layout::notice(
        &v,
        "This device can log in",
        html! { p { "Wrong passwords typed elsewhere no longer stop this device. " a href="/login" { "Log in" } } },
    )
    .into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(DEVICE_COOKIE, &value, Some(30 * 24 * 3600), s.secure_cookies));
    Ok(response)
}

fn logged_out(s: &AppState) -> Response {
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    response
}

async fn logout(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    if let Some(hash) = &v.session_hash {
        sessions::delete(&s.db, hash).await?;
    }
    Ok(logged_out(&s))
}

async fn logout_everywhere(State(s): State<AppState>, Extension(v): Extension<Visitor>) -> Result<Response, Error> {
    let user = v.user.as_ref().ok_or_else(|| Error::LoginRequired("/account".into()))?;
    sessions::delete_all_for_user(&s.db, user.id).await?;
    Ok(logged_out(&s))
}

#[derive(Deserialize, Default)]
struct EmailForm {
    #[serde(default)]
    email: String,
}

async fn reset_request_form(Extension(v): Extension<Visitor>) -> Response {
    pages::account::reset_request(&v, "", &FieldErrors::new()).into_response()
}

async fn reset_request(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<EmailForm>) -> Result<Response, Error> {
    let now = Utc::now();
    s.limit(Limited::Reset { client: &v.address }, now).await?;
    let email = f.email.trim();
    if let Some(problem) = email_address::problem(email) {
        let mut errors = FieldErrors::new();
        errors.add("email", problem);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, pages::account::reset_request(&v, email, &errors)).into_response());
    }
    s.limit(Limited::ResetOfAccount { account: email }, now).await?;
    if let Some(user) = users::find_by_email(&s.db, email).await? {
        let token = random_token();
        let hash = sha256_hex(&token);
        let txn = begin_write(&s.db).await?;
        tokens::issue(&txn, user.id, TokenPurpose::ResetPassword, &hash, Binding::default(), now).await?;
        let message = account_message(
            format!("reset:{hash}"),
            &user.name,
            &user.email,
            "Reset your Turnout password",
            &[
                "Someone (we hope you) asked to reset the password of your account. The link works for one hour. If it was not you, ignore this message: your password stays as it is.",
            ],
            Some(("Choose a new password", &format!("{}/account/reset/{token}", s.base_url))),
        );
        outbox::enqueue(&txn, &message, now).await?;
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
        s.notifier.wake();
    }
    Ok(pages::layout::notice(
        &v,
        "Check your email",
        html! {
            p { "If an account uses " strong { (email) } ", we have sent it a link to choose a new password. The link works for one hour." }
        },
    )
    .into_response())
}

async fn reset_page(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(token): Path<String>) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::ResetPassword, Utc::now()).await? {
        return Ok(link_expired(&v));
    }
    Ok(pages::account::reset_form(&v, &token, &FieldErrors::new()).into_response())
}

async fn reset_confirm(State(s): State<AppState>, Extension(v): Extension<Visitor>, Form(f): Form<TokenForm>) -> Result<Response, Error> {
    let now = Utc::now();
    // A refused password does not use up the link.
    if let Some(problem) = password_problem(&f.password) {
        let mut errors = FieldErrors::new();
        errors.add("password", problem);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, pages::account::reset_form(&v, &f.token, &errors)).into_response());
    }
    let hash = passwords::hash(f.password.clone()).await;
    let txn = begin_write(&s.db).await?;
    let Some(used) = tokens::consume(&txn, &sha256_hex(&f.token), TokenPurpose::ResetPassword, now).await? else {
        return Ok(link_expired(&v));
    };
    users::set_password_hash(&txn, used.user_id, &hash).await?;
    // Opening the link proves the address, every old session ends, and no
    // other link mailed before (verify, reset, change of address) works now.
    users::mark_verified(&txn, used.user_id, now).await?;
    tokens::void(&txn, used.user_id, &TokenPurpose::VOIDED_BY_CHANGES, now).await?;
    sessions::delete_all_for_user(&txn, used.user_id).await?;
    audit::record(&txn, Some(used.user_id), "password.reset", &format!("user #{}", used.user_id), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(pages::layout::notice(
        &v,
        "Your password was changed",
        html! { p { "You can now " a href="/login" { "log in" } " with the new password." } },
    )
    .into_response())
}
