//! Resetting a forgotten password by an emailed link. The answer is the same
//! whether or not the address has an account.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::{TokenPurpose, password_problem};
use turnout_domain::catalogue::Tr;
use turnout_domain::email_address;
use turnout_notifications::compose::account_message_in;
use turnout_persistence::tokens::Binding;
use turnout_persistence::{audit, begin_write, outbox, sessions, tokens, users};

use super::done::Done;
use super::{TokenForm, link_expired};
use crate::accounts::passwords::{self};
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::secrets::{random_token, sha256_hex};
use crate::http::visitor::Visitor;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub(super) struct EmailForm {
    #[serde(default)]
    email: String,
}

pub(super) async fn reset_request_form(Extension(v): Extension<Visitor>) -> Response {
    crate::accounts::views::reset_request(&v, "", &FieldErrors::new()).into_response()
}

pub(super) async fn reset_request(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<EmailForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    s.limit(Limited::Reset { client: &v.address }, now).await?;
    let email = f.email.trim();
    if let Some(problem) = email_address::problem_in(v.tr, email) {
        let mut errors = FieldErrors::new();
        errors.add("email", problem);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, crate::accounts::views::reset_request(&v, email, &errors)).into_response());
    }
    s.limit(Limited::ResetOfAccount { account: email }, now).await?;
    if let Some(user) = users::find_by_email(&s.db, email).await? {
        let token = random_token();
        let hash = sha256_hex(&token);
        let txn = begin_write(&s.db).await?;
        tokens::issue(&txn, user.id, TokenPurpose::ResetPassword, &hash, Binding::default(), now).await?;
        // In the account's language if its owner chose one, else the page's.
        let t = user.language.map_or(v.tr, Tr);
        let message = account_message_in(
            t,
            format!("reset:{hash}"),
            &user.name,
            &user.email,
            &t.s("mail-reset-subject"),
            &[&t.s("mail-reset-1")],
            Some((&t.s("reset-choose-title"), &format!("{}/account/reset/{token}", s.base_url))),
        );
        outbox::enqueue(&txn, &message, now).await?;
        txn.commit().await.map_err(turnout_persistence::Error::from)?;
        s.notifier.wake();
    }
    Ok(Done::ResetSent.redirect())
}

pub(super) async fn reset_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::ResetPassword, Utc::now()).await? {
        return Ok(link_expired(&v));
    }
    Ok(crate::accounts::views::reset_form(&v, &token, &FieldErrors::new()).into_response())
}

pub(super) async fn reset_confirm(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<TokenForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    // A refused password does not use up the link.
    if let Some(problem) = password_problem(&f.password) {
        let mut errors = FieldErrors::new();
        errors.add("password", problem);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, crate::accounts::views::reset_form(&v, &f.token, &errors)).into_response());
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
    Ok(Done::PasswordReset.redirect())
}
