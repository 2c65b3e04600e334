//! One way to draw a form field: label, input, and the message next to it.

use maud::{Markup, html};
use turnout_domain::FieldErrors;

pub struct Field<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub kind: &'static str,
    pub value: &'a str,
    pub autocomplete: &'static str,
    /// The element id, when one page has two forms with a field of this name.
    pub id: Option<&'static str>,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, label: &'a str, kind: &'static str, value: &'a str, autocomplete: &'static str) -> Self {
        Self { name, label, kind, value, autocomplete, id: None }
    }

    pub fn with_id(self, id: &'static str) -> Self {
        Self { id: Some(id), ..self }
    }
}

pub fn field(f: &Field<'_>, errors: &FieldErrors) -> Markup {
    let error = errors.get(f.name);
    let id = f.id.unwrap_or(f.name);
    let error_id = format!("{id}-error");
    // Passwords are never sent back into the page.
    let value = if f.kind == "password" { "" } else { f.value };
    html! {
        label for=(id) { (f.label) }
        input id=(id) name=(f.name) type=(f.kind) value=(value) autocomplete=(f.autocomplete)
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
