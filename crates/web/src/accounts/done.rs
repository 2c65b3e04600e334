//! Where a form that worked leads (POST/redirect/GET): a page that says what
//! happened, so reloading it shows the outcome again instead of sending the
//! form again. Each outcome is a fixed text named in the address, so the
//! address carries nothing personal, and every visitor gets the same page
//! for it (whether or not an address has an account).

use axum::Extension;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use turnout_domain::catalogue::Tr;

use crate::frame::layout::notice;
use crate::http::error::Error;
use crate::http::visitor::Visitor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Done {
    Registered,
    ResetSent,
    PasswordReset,
    Verified,
    AddressRestored,
    Unlocked,
    AccountDeleted,
}

impl Done {
    const ALL: [Done; 7] = [
        Self::Registered,
        Self::ResetSent,
        Self::PasswordReset,
        Self::Verified,
        Self::AddressRestored,
        Self::Unlocked,
        Self::AccountDeleted,
    ];

    fn slug(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::ResetSent => "reset-sent",
            Self::PasswordReset => "password-reset",
            Self::Verified => "verified",
            Self::AddressRestored => "address-restored",
            Self::Unlocked => "unlocked",
            Self::AccountDeleted => "account-deleted",
        }
    }

    /// 303 to this outcome's page.
    pub(super) fn redirect(self) -> Response {
        Redirect::to(&format!("/account/done/{}", self.slug())).into_response()
    }

    fn page(self, t: Tr) -> (String, Markup) {
        let key = self.slug();
        let title = t.s(&format!("done-{key}-title"));
        let body = match self {
            Self::PasswordReset | Self::Verified | Self::Unlocked => html! {
                p { (t.s(&format!("done-{key}-text"))) " " a href="/login" { (t.s("nav-log-in")) } }
            },
            Self::AddressRestored => html! {
                p { (t.s("done-address-restored-text")) }
                p { (t.s("done-address-restored-reset")) " " a href="/account/reset" { (t.s("done-choose-new-password")) } }
            },
            Self::Registered => html! {
                p { (t.s("done-registered-text")) }
                p { (t.s("check-email-spam")) }
            },
            Self::ResetSent | Self::AccountDeleted => html! { p { (t.s(&format!("done-{key}-text"))) } },
        };
        (title, body)
    }
}

pub(super) async fn done_page(Extension(v): Extension<Visitor>, Path(what): Path<String>) -> Result<Response, Error> {
    let done = Done::ALL.into_iter().find(|d| d.slug() == what).ok_or(Error::NotFound)?;
    let (title, body) = done.page(v.tr);
    Ok(notice(&v, &title, body).into_response())
}
