//! One way to draw a form field: label, input, and the message next to it.

use maud::{Markup, html};
use turnout_domain::FieldErrors;
use turnout_domain::catalogue::Tr;

pub struct Field<'a> {
    pub name: &'static str,
    pub label: &'a str,
    pub kind: &'static str,
    pub value: &'a str,
    pub autocomplete: &'static str,
    /// The element id, when one page has two forms with a field of this name.
    pub id: Option<&'static str>,
    /// A line under the label that explains the field (read out with it).
    pub hint: Option<&'a str>,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, label: &'a str, kind: &'static str, value: &'a str, autocomplete: &'static str) -> Self {
        Self { name, label, kind, value, autocomplete, id: None, hint: None }
    }

    pub fn with_id(self, id: &'static str) -> Self {
        Self { id: Some(id), ..self }
    }

    pub fn with_hint(self, hint: &'a str) -> Self {
        Self { hint: Some(hint), ..self }
    }
}

pub fn field(f: &Field<'_>, errors: &FieldErrors) -> Markup {
    let error = errors.get(f.name);
    let id = f.id.unwrap_or(f.name);
    let (error_id, hint_id) = (format!("{id}-error"), format!("{id}-hint"));
    let described: Vec<&str> = [f.hint.map(|_| hint_id.as_str()), error.map(|_| error_id.as_str())].into_iter().flatten().collect();
    // Passwords are never sent back into the page.
    let value = if f.kind == "password" { "" } else { f.value };
    html! {
        label for=(id) { (f.label) }
        @if let Some(hint) = f.hint { small.hint id=(hint_id) { (hint) } }
        input id=(id) name=(f.name) type=(f.kind) value=(value) autocomplete=(f.autocomplete)
            aria-invalid=[error.map(|_| "true")] aria-describedby=[(!described.is_empty()).then(|| described.join(" "))];
        @if let Some(message) = error { p.field-error id=(error_id) { (message) } }
    }
}

/// What is wrong with a refused form, above its fields, each message a link
/// to its field. It takes the focus when the page loads (`autofocus` on an
/// element made focusable by `tabindex="-1"`, no script needed), so a screen
/// reader reads it and a phone shows it, however far down the first wrong
/// field is. A page shows at most one (autofocus allows one per page).
pub fn error_summary(t: Tr, errors: &FieldErrors) -> Markup {
    error_summary_linking(t, errors, |name| name.to_owned())
}

/// The same for a form whose fields' element ids are not their names:
/// `id_of` gives the element id of a field name.
pub fn error_summary_linking(t: Tr, errors: &FieldErrors, id_of: impl Fn(&str) -> String) -> Markup {
    let count = errors.iter().count();
    html! {
        @if count > 0 {
            div.error-summary id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" {
                    (t.f("form-check-fields", &[("count", count.into())]))
                }
                ul {
                    @for (name, message) in errors.iter() {
                        li { a href={ "#" (id_of(name)) } { (message) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_takes_the_focus_and_links_to_each_field() {
        assert!(error_summary(Tr::default(), &FieldErrors::new()).into_string().is_empty(), "no summary without errors");
        let mut errors = FieldErrors::new();
        errors.add("title", "Please give a title.");
        errors.add("current_password", "That is not your current password.");
        let html = error_summary_linking(Tr::default(), &errors, |n| {
            if n == "current_password" { "delete-current-password".into() } else { n.into() }
        })
        .into_string();
        assert!(html.contains(r#"id="error-summary" role="alert" tabindex="-1" autofocus"#), "{html}");
        assert!(html.contains("2 fields need attention"));
        assert!(html.contains(r##"<a href="#title">Please give a title.</a>"##), "{html}");
        assert!(html.contains(r##"<a href="#delete-current-password">"##), "{html}");
    }
}
