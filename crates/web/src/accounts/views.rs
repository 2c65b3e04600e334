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
    let t = v.tr;
    let action = format!("/login?next={}", urlencode(next));
    let (title, email_label, password_label) = (t.s("nav-log-in"), t.s("account-email"), t.s("account-password"));
    form_page(
        v,
        FormPage {
            title: &title,
            intro: html! {},
            action: &action,
            fields: &[
                Field::new("email", &email_label, "email", email, "username"),
                Field::new("password", &password_label, "password", "", "current-password"),
            ],
            button: &title,
            after: html! { p { a href="/account/reset" { (t.s("login-forgot")) } " · " a href="/register" { (t.s("login-create")) } } },
        },
        errors,
    )
}

pub fn register(v: &Visitor, name: &str, email: &str, errors: &FieldErrors) -> Markup {
    let t = v.tr;
    let (title, name_label, email_label, password_label) =
        (t.s("register-title"), t.s("rsvp-your-name"), t.s("account-email"), t.s("account-new-password"));
    let button = t.s("register-button");
    form_page(
        v,
        FormPage {
            title: &title,
            intro: html! { p { (t.s("register-intro")) } },
            action: "/register",
            fields: &[
                Field::new("name", &name_label, "text", name, "name"),
                Field::new("email", &email_label, "email", email, "email"),
                Field::new("password", &password_label, "password", "", "new-password"),
            ],
            button: &button,
            after: html! { p { (t.s("register-have-one")) " " a href="/login" { (t.s("nav-log-in")) } } },
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
    let t = v.tr;
    let title = t.s("acct-verify-title");
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            p { (t.s("acct-verify-intro")) }
            form.stacked method="post" action="/account/verify" novalidate {
                (v.csrf_field())
                input type="hidden" name="token" value=(token);
                (error_summary(t, errors))
                (field(&Field::new("password", &t.s("acct-verify-password"), "password", "", "current-password"), errors))
                button type="submit" { (t.s("acct-verify-button")) }
            }
            p { (t.s("acct-verify-not-you")) " " a href="/account/reset" { (t.s("acct-verify-choose-password")) } (t.s("acct-verify-not-you-after")) }
        },
    )
}

pub fn reset_request(v: &Visitor, email: &str, errors: &FieldErrors) -> Markup {
    let t = v.tr;
    let (title, email_label, button) = (t.s("reset-title"), t.s("account-email"), t.s("reset-button"));
    form_page(
        v,
        FormPage {
            title: &title,
            intro: html! { p { (t.s("reset-intro")) } },
            action: "/account/reset",
            fields: &[Field::new("email", &email_label, "email", email, "email")],
            button: &button,
            after: html! {},
        },
        errors,
    )
}

pub fn reset_form(v: &Visitor, token: &str, errors: &FieldErrors) -> Markup {
    let t = v.tr;
    let title = t.s("reset-choose-title");
    page(
        v,
        &title,
        html! {},
        html! {
            h1 { (title) }
            form.stacked method="post" action="/account/reset/confirm" novalidate {
                (v.csrf_field())
                input type="hidden" name="token" value=(token);
                (error_summary(v.tr, errors))
                (field(&Field::new("password", &t.s("account-new-password"), "password", "", "new-password"), errors))
                button type="submit" { (t.s("reset-save")) }
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
