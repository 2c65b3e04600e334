//! The language switch on every page: a plain link that remembers the choice
//! in a cookie (and in the account of someone logged in), then goes back to
//! the page it came from.

use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use turnout_domain::account::safe_next;
use turnout_domain::language::Language;
use turnout_persistence::users;

use crate::http::error::Error;
use crate::http::visitor::{LANGUAGE_COOKIE, Visitor, cookie};
use crate::state::AppState;

/// A year: a language is chosen once.
const REMEMBERED_FOR: i64 = 365 * 24 * 3600;

#[derive(Debug, Deserialize)]
pub(super) struct Back {
    back: Option<String>,
}

pub(super) async fn switch(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(tag): Path<String>,
    back: Result<Query<Back>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, Error> {
    let Some(language) = Language::exact(&tag) else {
        return Err(Error::NotFound);
    };
    if let Some(u) = &v.user {
        users::set_language(&s.db, u.id, language).await?;
    }
    // Only a path on this site: never a way to send someone elsewhere.
    let back = back.ok().and_then(|Query(b)| b.back);
    let to = safe_next(back.as_deref());
    let mut response = Redirect::to(&to).into_response();
    response.headers_mut().append(header::SET_COOKIE, cookie(LANGUAGE_COOKIE, language.tag(), Some(REMEMBERED_FOR), s.secure_cookies));
    Ok(response)
}
