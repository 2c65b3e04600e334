//! Where a form that worked leads (POST/redirect/GET): a page that says what
//! happened, so reloading it shows the outcome again instead of sending the
//! form again. Each outcome is a fixed text named in the address, so the
//! address carries nothing personal, and every visitor gets the same page
//! for it (whether or not an address has an account).

use axum::Extension;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};

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

    fn page(self) -> (&'static str, Markup) {
        match self {
            Self::Registered => (
                "Check your email",
                html! {
                    p { "We have sent a message to the address you gave. Open the link in it to confirm your address, then log in." }
                    p { "Nothing there after a few minutes? Check your spam folder." }
                },
            ),
            Self::ResetSent => (
                "Check your email",
                html! { p { "If an account uses the address you gave, we have sent it a link to choose a new password. The link works for one hour." } },
            ),
            Self::PasswordReset => {
                ("Your password was changed", html! { p { "You can now " a href="/login" { "log in" } " with the new password." } })
            }
            Self::Verified => ("Your address is confirmed", html! { p { "Thank you. You can now " a href="/login" { "log in" } "." } }),
            Self::AddressRestored => (
                "Your old address is back",
                html! {
                    p { "We write to your old address again, and everyone was logged out of the account." }
                    p { "If someone else knew your password, " a href="/account/reset" { "choose a new one" } " now." }
                },
            ),
            Self::Unlocked => (
                "This device can log in",
                html! { p { "Wrong passwords typed elsewhere no longer stop this device. " a href="/login" { "Log in" } } },
            ),
            Self::AccountDeleted => {
                ("Your account was deleted", html! { p { "Your name and address were erased. Thank you for organizing with us." } })
            }
        }
    }
}

pub(super) async fn done_page(Extension(v): Extension<Visitor>, Path(what): Path<String>) -> Result<Response, Error> {
    let done = Done::ALL.into_iter().find(|d| d.slug() == what).ok_or(Error::NotFound)?;
    let (title, body) = done.page();
    Ok(notice(&v, title, body).into_response())
}
