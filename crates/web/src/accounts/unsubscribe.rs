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
use turnout_domain::catalogue::Tr;
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

fn address(s: &AppState, t: Tr, token: &str) -> Result<String, Error> {
    unsubscribe_address(&s.manage_key, token).ok_or_else(|| Error::BadRequest(t.s("acct-prefs-bad-link")))
}

fn category(t: Tr, value: &str) -> Result<MailCategory, Error> {
    MailCategory::parse(value).ok_or_else(|| Error::BadRequest(t.s("acct-prefs-bad-category")))
}

pub(super) async fn page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
    Query(q): Query<Which>,
) -> Result<Response, Error> {
    let t = v.tr;
    let address = address(&s, t, &token)?;
    // The weekly digest is of a member's chapters: a guest has none.
    let member = turnout_persistence::users::find_by_email(&s.db, &address).await?.is_some();
    let mut rows = Vec::new();
    for c in MailCategory::ALL.into_iter().filter(|c| member || c.on_unless_turned_off()) {
        rows.push((c, opt_outs::is_out(&s.db, &address, c).await?));
    }
    // The address goes in bold where the sentence has it (a marker stands in for it).
    let for_address = t.f("acct-prefs-for", &[("address", "\u{1}".into())]);
    let (before, after) = for_address.split_once('\u{1}').unwrap_or((&for_address, ""));
    Ok(notice(
        &v,
        &t.s("acct-email-you-get"),
        html! {
            @if !q.saved.is_empty() { p role="status" { (t.s("acct-prefs-saved")) } }
            p { (before) strong { (address) } (after) }
            @for (c, off) in rows {
                form method="post" action={ "/unsubscribe/" (token) } {
                    input type="hidden" name="category" value=(c.as_str());
                    p {
                        (c.label(t)) ": " strong { @if off { (t.s("acct-prefs-off")) } @else { (t.s("acct-prefs-on")) } } " "
                        @if off {
                            button type="submit" name="choice" value="on" { (t.s("acct-prefs-turn-on")) }
                        } @else {
                            button type="submit" name="choice" value="off" { (t.s("acct-prefs-turn-off")) }
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
    let t = v.tr;
    let address = address(&s, t, &token)?;
    let now = Utc::now();
    if f.one_click == "One-Click" {
        // The kind is in the link's query (the header's URL), the body is fixed.
        let c = category(t, &q.category)?;
        opt_outs::opt_out(&s.db, &address, c, now).await?;
        let done = t.f("acct-prefs-unsubscribed-text", &[("kind", (&c.label(t)).into()), ("address", (&address).into())]);
        return Ok(notice(&v, &t.s("acct-prefs-unsubscribed"), html! { p { (done) } }).into_response());
    }
    let c = category(t, &f.category)?;
    match f.choice.as_str() {
        "off" => opt_outs::opt_out(&s.db, &address, c, now).await?,
        "on" => opt_outs::opt_in(&s.db, &address, c, now).await?,
        _ => return Err(Error::BadRequest(t.s("acct-prefs-bad-choice"))),
    }
    Ok(Redirect::to(&format!("/unsubscribe/{token}?saved=1")).into_response())
}
