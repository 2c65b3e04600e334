use std::fmt;

/// Messages for the form fields that were wrong, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first message for a field, to show next to it.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.0.iter().map(|(f, m)| (*f, m.as_str()))
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, m)| format!("{k}: {m}")).collect();
        f.write_str(&parts.join("; "))
    }
}

/// The one error type of the domain crate.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("invalid input: {0}")]
    Invalid(FieldErrors),
    #[error("unknown time zone {0:?}")]
    UnknownTimeZone(String),
    #[error("{0} does not exist in time zone {1} (the clocks skip it)")]
    NonexistentLocalTime(String, String),
    #[error("unknown {what} {value:?}")]
    UnknownName { what: &'static str, value: String },
}
