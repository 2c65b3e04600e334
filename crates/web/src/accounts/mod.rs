//! Accounts: registering and confirming an address, logging in and out,
//! resetting a password, and a person's own account (address, password,
//! data, private calendar). Every answer to someone not logged in is the
//! same whether or not an address has an account, and takes about as long.

mod address;
mod calendar_feed;
mod done;
mod language;
mod login;
mod my_account;
pub mod passwords;
mod registration;
mod reset;
mod unsubscribe;
pub mod views;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use crate::http::routing::{Routes, get, post};
use crate::http::visitor::Visitor;

pub fn routes() -> Routes {
    Routes::new()
        .route("/register", get(registration::register_form).post(registration::register))
        .route("/login", get(login::login_form).post(login::login))
        .route("/unsubscribe/{token}", get(unsubscribe::page).post(unsubscribe::choose))
        .route("/logout", post(login::logout))
        .route("/logout/everywhere", post(login::logout_everywhere))
        .route("/account/verify/{token}", get(registration::verify_page))
        .route("/account/verify", post(registration::verify))
        .route("/account/reset", get(reset::reset_request_form).post(reset::reset_request))
        .route("/account/reset/{token}", get(reset::reset_page))
        .route("/account/reset/confirm", post(reset::reset_confirm))
        .route("/account/unlock/{token}", get(login::unlock_page))
        .route("/account/unlock", post(login::unlock))
        .route("/account", get(my_account::home))
        .route("/account/export.json", get(my_account::export))
        .route("/account/password", post(my_account::change_password))
        .route("/account/email", post(address::change_email))
        .route("/account/email/{token}", get(address::confirm_email_page))
        .route("/account/email/confirm", post(address::confirm_email))
        .route("/account/email/undo/{token}", get(address::undo_email_page))
        .route("/account/email/undo", post(address::undo_email))
        .route("/account/delete", post(my_account::delete))
        .route("/account/calendar", post(calendar_feed::new_calendar_address))
        .route("/account/done/{what}", get(done::done_page))
        .route("/my/{token}", get(calendar_feed::personal_calendar))
        .route("/language/{tag}", get(language::switch))
}

/// The page for an emailed link that is unknown, used or expired.
pub(super) fn link_expired(v: &Visitor) -> Response {
    let t = v.tr;
    let page = crate::frame::layout::notice(
        v,
        &t.s("acct-link-gone-title"),
        html! {
            p { (t.s("acct-link-expired-text")) }
            p { a href="/login" { (t.s("nav-log-in")) } " · " a href="/account/reset" { (t.s("reset-title")) } }
        },
    );
    (StatusCode::BAD_REQUEST, page).into_response()
}

#[derive(Deserialize)]
/// The form behind an emailed link's button: its token, and a password where one is asked for.
pub(super) struct TokenForm {
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub password: String,
}
