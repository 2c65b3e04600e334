//! Changing the address of an account: confirmed by a link that works only
//! in the session that asked, told to the old address with a week to undo.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::TokenPurpose;
use turnout_domain::catalogue::Tr;
use turnout_domain::email_address;
use turnout_notifications::compose::account_message_in;
use turnout_persistence::tokens::Binding;
use turnout_persistence::{audit, begin_write, outbox, sessions, tokens, users};

use super::done::Done;
use super::my_account::{Notes, PasswordForm, current_password_ok, me, render};
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::secrets::{random_token, sha256_hex};
use crate::http::visitor::{SESSION_COOKIE, Visitor, cookie};
use crate::state::AppState;

pub(super) async fn change_email(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, Error> {
    let u = me(&v)?;
    let mut errors = FieldErrors::new();
    let email = f.email.trim();
    if let Some(p) = email_address::problem_in(v.tr, email) {
        errors.add("email", p);
    }
    if !current_password_ok(&s, u.id, &f.current_password).await? {
        errors.add("current_password", v.tr.s("acct-error-wrong-password"));
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
    // In the account's language if its owner chose one, else the page's.
    let t = u.language.map_or(v.tr, Tr);
    let message = account_message_in(
        t,
        format!("change-email:{hash}"),
        &u.name,
        email,
        &t.s("acct-mail-confirm-subject"),
        &[&t.s("acct-mail-confirm-1"), &t.s("acct-mail-confirm-2")],
        Some((&t.s("acct-confirm-new-address-button"), &format!("{}/account/email/{token}", s.base_url))),
    );
    outbox::enqueue(&txn, &message, now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to("/account?done=email-sent").into_response())
}

pub(super) async fn confirm_email_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::ChangeEmail, Utc::now()).await? {
        return Ok(link_gone(&v));
    }
    let t = v.tr;
    Ok(crate::accounts::views::confirm_button(
        &v,
        &t.s("acct-confirm-new-address-title"),
        &t.s("acct-confirm-new-address-text"),
        "/account/email/confirm",
        &token,
        &t.s("acct-confirm-new-address-button"),
    )
    .into_response())
}

#[derive(Deserialize, Default)]
pub(super) struct TokenForm {
    #[serde(default)]
    token: String,
}

pub(super) fn link_gone(v: &Visitor) -> Response {
    let t = v.tr;
    (StatusCode::BAD_REQUEST, crate::frame::layout::notice(v, &t.s("acct-link-gone-title"), html! { p { (t.s("acct-link-gone-text")) } }))
        .into_response()
}

/// The new address is confirmed only by the session that asked for it: the
/// owner of an address pressing a button in an email cannot hand it to
/// someone else's account.
pub(super) async fn confirm_email(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<TokenForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let token_hash = sha256_hex(&f.token);
    let Some(bound_to) = tokens::usable_binding(&s.db, &token_hash, TokenPurpose::ChangeEmail, now).await? else {
        return Ok(link_gone(&v));
    };
    if bound_to.is_none() || bound_to != v.session_hash {
        let t = v.tr;
        let page = crate::frame::layout::notice(
            &v,
            &t.s("acct-wrong-browser-title"),
            html! {
                p { (t.s("acct-wrong-browser-1")) }
                p { (t.s("acct-wrong-browser-2")) }
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
        // Proved theirs in this session: RSVPs made with it as a guest join the account.
        Ok(()) => {
            turnout_persistence::rsvps::adopt(&txn, user_id, &new_email).await?;
        }
        Err(turnout_persistence::Error::Duplicate) => {
            return Ok((
                StatusCode::CONFLICT,
                crate::frame::layout::notice(&v, &v.tr.s("acct-address-taken-title"), html! { p { (v.tr.s("acct-address-taken-text")) } }),
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
    // In the account's language if its owner chose one, else the page's.
    let t = before.language.map_or(v.tr, Tr);
    let told = account_message_in(
        t,
        format!("email-changed:{undo_hash}"),
        &before.name,
        &before.email,
        &t.s("acct-mail-changed-subject"),
        &[&t.f("acct-mail-changed-1", &[("email", (&new_email).into())]), &t.s("acct-mail-changed-2")],
        Some((&t.s("acct-mail-changed-link"), &format!("{}/account/email/undo/{undo}", s.base_url))),
    );
    outbox::enqueue(&txn, &told, now).await?;
    audit::record(&txn, Some(user_id), "email.change", &format!("user #{user_id}"), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Redirect::to("/account?done=email-changed").into_response())
}

pub(super) async fn undo_email_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::UndoEmailChange, Utc::now()).await? {
        return Ok(link_gone(&v));
    }
    let t = v.tr;
    Ok(crate::accounts::views::confirm_button(
        &v,
        &t.s("acct-undo-title"),
        &t.s("acct-undo-text"),
        "/account/email/undo",
        &token,
        &t.s("acct-undo-button"),
    )
    .into_response())
}

/// Undoing a change of address: the old address comes back, every session
/// ends and every other link stops working, so whoever changed it is out.
pub(super) async fn undo_email(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<TokenForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let txn = begin_write(&s.db).await?;
    let used = tokens::consume(&txn, &sha256_hex(&f.token), TokenPurpose::UndoEmailChange, now).await?;
    let Some((user_id, Some(old_email))) = used.map(|u| (u.user_id, u.new_email)) else {
        return Ok(link_gone(&v));
    };
    match users::set_email(&txn, user_id, &old_email, now).await {
        Ok(()) => {}
        Err(turnout_persistence::Error::Duplicate) => {
            let page =
                crate::frame::layout::notice(&v, &v.tr.s("acct-address-taken-title"), html! { p { (v.tr.s("acct-undo-taken-text")) } });
            return Ok((StatusCode::CONFLICT, page).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    tokens::void(&txn, user_id, &TokenPurpose::VOIDED_BY_CHANGES, now).await?;
    sessions::delete_all_for_user(&txn, user_id).await?;
    audit::record(&txn, Some(user_id), "email.change.undo", &format!("user #{user_id}"), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    let mut response = Done::AddressRestored.redirect();
    response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    Ok(response)
}
