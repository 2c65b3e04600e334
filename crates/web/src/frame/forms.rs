//! One way to draw a form field: label, input, and the message next to it.

use maud::{Markup, html};
use turnout_domain::FieldErrors;

pub struct Field<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub kind: &'static str,
    pub value: &'a str,
    pub autocomplete: &'static str,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, label: &'a str, kind: &'static str, value: &'a str, autocomplete: &'static str) -> Self {
        Self { name, label, kind, value, autocomplete }
    }
}

pub fn field(f: &Field<'_>, errors: &FieldErrors) -> Markup {
    let error = errors.get(f.name);
    let error_id = format!("{}-error", f.name);
    // Passwords are never sent back into the page.
    let value = if f.kind == "password" { "" } else { f.value };
    html! {
        label for=(f.name) { (f.label) }
        input id=(f.name) name=(f.name) type=(f.kind) value=(value) autocomplete=(f.autocomplete)
            aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
        @if let Some(message) = error { p.field-error id=(error_id) { (message) } }
    }
}

pub fn error_summary(errors: &FieldErrors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div.error-summary role="alert" { p { "Please check the form: " (errors.iter().count()) " field(s) need attention." } }
        }
    }
}
