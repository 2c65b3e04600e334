//! Pages for accounts: register, log in, confirm an address, reset a password.

use maud::{Markup, html};
use turnout_domain::FieldErrors;

use crate::frame::forms::{Field, error_summary, field};
use crate::frame::layout::page;
use crate::http::visitor::Visitor;

/// A titled form with fields, the CSRF token and one button.
pub struct FormPage<'a> {
    pub title: &'a str,
    pub intro: Markup,
    pub action: &'a str,
    pub fields: &'a [Field<'a>],
    pub button: &'a str,
    pub after: Markup,
}

pub fn form_page(v: &Visitor, f: FormPage<'_>, errors: &FieldErrors) -> Markup {
    page(
        v,
        f.title,
        html! {},
        html! {
            h1 { (f.title) }
            (f.intro)
            form.stacked method="post" action=(f.action) novalidate {
                (v.csrf_field())
                (error_summary(v.tr, errors))
                @for field_def in f.fields { (field(field_def, errors)) }
                button type="submit" { (f.button) }
            }
            (f.after)
        },
    )
}

pub fn login(v: &Visitor, email: &str, next: &str, errors: &FieldErrors) -> Markup {
    let action = format!("/login?next={}", urlencode(next));
    form_page(
        v,
        FormPage {
            title: "Log in",
            intro: html! {},
            action: &action,
            fields: &[
                Field::new("email", "Email", "email", email, "username"),
                Field::new("password", "Password", "password", "", "current-password"),
            ],
            button: "Log in",
            after: html! { p { a href="/account/reset" { "Forgot your password?" } " · " a href="/register" { "Create an account" } } },
        },
        errors,
    )
}

pub fn register(v: &Visitor, name: &str, email: &str, errors: &FieldErrors) -> Markup {
    form_page(
        v,
        FormPage {
            title: "Create an account",
            intro: html! { p { "With an account you can join chapters, RSVP with one click and see members-only events." } },
            action: "/register",
            fields: &[
                Field::new("name", "Your name", "text", name, "name"),
                Field::new("email", "Email", "email", email, "email"),
                Field::new("password", "Password (at least 8 characters)", "password", "", "new-password"),
            ],
            button: "Create account",
            after: html! { p { "Already have one? " a href="/login" { "Log in" } } },
        },
        errors,
    )
}

/// A page with one button that POSTs a token: email links open this page,
/// and only a person's click changes anything (mail scanners open links too).
pub fn confirm_button(v: &Visitor, title: &str, text: &str, action: &str, token: &str, button: &str) -> Markup {
    page(
        v,
        title,
        html! {},
        html! {
            h1 { (title) }
            p { (text) }
            form.stacked method="post" action=(action) {
                (v.csrf_field())
                input type="hidden" name="token" value=(token);
                button type="submit" { (button) }
            }
        },
    )
}

/// The page an address-confirmation link opens: the password chosen at
/// registration proves that whoever confirms is whoever registered.
pub fn verify_form(v: &Visitor, token: &str, errors: &FieldErrors) -> Markup {
    page(
        v,
        "Confirm your address",
        html! {},
        html! {
            h1 { "Confirm your address" }
            p { "To finish creating your account, enter the password you chose when you registered." }
            form.stacked method="post" action="/account/verify" novalidate {
                (v.csrf_field())
                input type="hidden" name="token" value=(token);
                (error_summary(v.tr, errors))
                (field(&Field::new("password", "Your password", "password", "", "current-password"), errors))
                button type="submit" { "Confirm my address" }
            }
            p { "Did not create an account? Then someone else typed your address. Nothing happens unless you confirm; "
                "if you want an account with this address yourself, " a href="/account/reset" { "choose a password" } " instead." }
        },
    )
}

pub fn reset_request(v: &Visitor, email: &str, errors: &FieldErrors) -> Markup {
    form_page(
        v,
        FormPage {
            title: "Reset your password",
            intro: html! { p { "Enter your address and we will email you a link to choose a new password. The link works for one hour." } },
            action: "/account/reset",
            fields: &[Field::new("email", "Email", "email", email, "email")],
            button: "Email me a link",
            after: html! {},
        },
        errors,
    )
}

pub fn reset_form(v: &Visitor, token: &str, errors: &FieldErrors) -> Markup {
    page(
        v,
        "Choose a new password",
        html! {},
        html! {
            h1 { "Choose a new password" }
            form.stacked method="post" action="/account/reset/confirm" novalidate {
                (v.csrf_field())
                input type="hidden" name="token" value=(token);
                (error_summary(v.tr, errors))
                (field(&Field::new("password", "New password (at least 8 characters)", "password", "", "new-password"), errors))
                button type="submit" { "Save the new password" }
            }
        },
    )
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
