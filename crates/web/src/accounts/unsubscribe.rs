//! Email preferences from a link in the mail itself: no login and no CSRF
//! token (the signed link is the permission), for members and guests alike.
//! A mail program's one-click POST (RFC 8058: `List-Unsubscribe=One-Click`)
//! turns off the kind of mail the message was; opened in a browser, the same
//! link shows each kind with a button to turn it off or on again.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use chrono::Utc;
use maud::html;
use serde::Deserialize;
use turnout_domain::outbox::MailCategory;
use turnout_persistence::opt_outs;

use crate::frame::layout::notice;
use crate::http::error::Error;
use crate::http::secrets::unsubscribe_address;
use crate::http::visitor::Visitor;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub(super) struct Which {
    /// The kind of mail the message was (`MailCategory::as_str`).
    #[serde(default)]
    category: String,
    /// Set after a change made on the page.
    #[serde(default)]
    saved: String,
}

#[derive(Debug, Default, Deserialize)]
pub(super) struct Choice {
    /// Present, as "One-Click", when a mail program unsubscribes.
    #[serde(default, rename = "List-Unsubscribe")]
    one_click: String,
    #[serde(default)]
    category: String,
    /// "off" or "on", from the page's buttons.
    #[serde(default)]
    choice: String,
}

fn address(s: &AppState, token: &str) -> Result<String, Error> {
    unsubscribe_address(&s.manage_key, token)
        .ok_or(Error::BadRequest("This link is not complete or was changed. Please use the link from the email as it came.".to_owned()))
}

fn category(value: &str) -> Result<MailCategory, Error> {
    MailCategory::parse(value).ok_or_else(|| Error::BadRequest("That kind of email is not one you can turn off.".to_owned()))
}

pub(super) async fn page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
    Query(q): Query<Which>,
) -> Result<Response, Error> {
    let address = address(&s, &token)?;
    // The weekly digest is of a member's chapters: a guest has none.
    let member = turnout_persistence::users::find_by_email(&s.db, &address).await?.is_some();
    let mut rows = Vec::new();
    for c in MailCategory::ALL.into_iter().filter(|c| member || c.on_unless_turned_off()) {
        rows.push((c, opt_outs::is_out(&s.db, &address, c).await?));
    }
    Ok(notice(
        &v,
        "Email you get",
        html! {
            @if !q.saved.is_empty() { p role="status" { "Saved." } }
            p { "For " strong { (address) } ". Confirmations of your RSVPs, cancellations and account email always go." }
            @for (c, off) in rows {
                form method="post" action={ "/unsubscribe/" (token) } {
                    input type="hidden" name="category" value=(c.as_str());
                    p {
                        (c.label()) ": " strong { @if off { "off" } @else { "on" } } " "
                        @if off {
                            button type="submit" name="choice" value="on" { "Turn on again" }
                        } @else {
                            button type="submit" name="choice" value="off" { "Turn off" }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

pub(super) async fn choose(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
    Query(q): Query<Which>,
    Form(f): Form<Choice>,
) -> Result<Response, Error> {
    let address = address(&s, &token)?;
    let now = Utc::now();
    if f.one_click == "One-Click" {
        // The kind is in the link's query (the header's URL), the body is fixed.
        let c = category(&q.category)?;
        opt_outs::opt_out(&s.db, &address, c, now).await?;
        return Ok(notice(&v, "Unsubscribed", html! { p { (c.label()) ": off for " (address) "." } }).into_response());
    }
    let c = category(&f.category)?;
    match f.choice.as_str() {
        "off" => opt_outs::opt_out(&s.db, &address, c, now).await?,
        "on" => opt_outs::opt_in(&s.db, &address, c, now).await?,
        _ => return Err(Error::BadRequest("Choose to turn it off or on.".to_owned())),
    }
    Ok(Redirect::to(&format!("/unsubscribe/{token}?saved=1")).into_response())
}
