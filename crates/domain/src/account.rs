//! Accounts: what a valid registration is, password rules, token lifetimes,
//! and where a `?next=` may send someone.

use crate::catalogue::Tr;
use chrono::Duration;

use crate::email_address;
use crate::error::FieldErrors;
use crate::rsvp::NAME_MAX_CHARS;

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords people pick first; refused whatever their length. Compared
/// case-insensitively.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password12",
    "password123",
    "password1234",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "12345678",
    "123456789",
    "1234567890",
    "12341234",
    "11111111",
    "00000000",
    "87654321",
    "123123123",
    "qwertyui",
    "qwertyuiop",
    "qwerty123",
    "qwerty12",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "q1w2e3r4",
    "zaq12wsx",
    "asdfghjk",
    "asdfasdf",
    "abcd1234",
    "abc12345",
    "abcdefgh",
    "iloveyou",
    "iloveyou1",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "basketball",
    "superman",
    "batman123",
    "starwars",
    "whatever",
    "trustno1",
    "letmein1",
    "letmein123",
    "welcome1",
    "welcome123",
    "admin123",
    "administrator",
    "changeme",
    "monkey123",
    "dragon123",
    "master123",
    "shadow123",
    "michael1",
    "jennifer",
    "computer",
    "internet",
    "solidarity",
    "solidarity1",
    "socialism",
    "turnout1",
    "turnout123",
    "organize",
    "organizer",
];

/// Why a password is refused, in words for the person choosing it.
pub fn password_problem(password: &str) -> Option<String> {
    password_problem_in(Tr::default(), password)
}

/// The same in the reader's language.
pub fn password_problem_in(t: Tr, password: &str) -> Option<String> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Some(t.f("password-error-short", &[("min", PASSWORD_MIN_CHARS.into())]));
    }
    if chars > PASSWORD_MAX_CHARS {
        return Some(t.f("password-error-long", &[("max", PASSWORD_MAX_CHARS.into())]));
    }
    let lower = password.to_lowercase();
    let first = lower.chars().next();
    if COMMON_PASSWORDS.contains(&lower.as_str()) || lower.chars().all(|c| Some(c) == first) {
        return Some(t.s("password-error-common"));
    }
    None
}

/// What someone typed to register.
#[derive(Debug, Clone, Default)]
pub struct RegistrationInput {
    pub name: String,
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
}

pub fn name_problem(name: &str) -> Option<String> {
    name_problem_in(Tr::default(), name)
}

/// The same in the reader's language.
pub fn name_problem_in(t: Tr, name: &str) -> Option<String> {
    if name.is_empty() {
        Some(t.s("rsvp-error-name-missing"))
    } else if name.chars().count() > NAME_MAX_CHARS {
        Some(t.f("rsvp-error-name-long", &[("max", NAME_MAX_CHARS.into())]))
    } else if name.chars().any(char::is_control) {
        Some(t.s("rsvp-error-name-control"))
    } else {
        None
    }
}

impl RegistrationInput {
    pub fn validate(&self, t: Tr) -> Result<Registration, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        let email = self.email.trim();
        if let Some(p) = name_problem_in(t, name) {
            errors.add("name", p);
        }
        if let Some(p) = email_address::problem_in(t, email) {
            errors.add("email", p);
        }
        if let Some(p) = password_problem_in(t, &self.password) {
            errors.add("password", p);
        }
        if errors.is_empty() {
            Ok(Registration { name: name.to_owned(), email: email.to_owned(), password: self.password.clone() })
        } else {
            Err(errors)
        }
    }
}

/// What a single-use token emailed to someone is for, and how long it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
    ChangeEmail,
    /// Sent to the old address after a change: puts it back.
    UndoEmailChange,
    /// Sent after repeated wrong passwords: lets the owner's browser log in
    /// past a lock that someone else's guesses caused.
    UnlockLogin,
}

impl TokenPurpose {
    /// Links that act on the account as it is: voided by any change of its
    /// address or password. (An undo link is not: it exists because of one.)
    pub const VOIDED_BY_CHANGES: [Self; 4] = [Self::VerifyEmail, Self::ResetPassword, Self::ChangeEmail, Self::UnlockLogin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::ResetPassword => "reset_password",
            Self::ChangeEmail => "change_email",
            Self::UndoEmailChange => "undo_email_change",
            Self::UnlockLogin => "unlock_login",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Self::VerifyEmail | Self::ChangeEmail => Duration::hours(24),
            Self::ResetPassword | Self::UnlockLogin => Duration::hours(1),
            Self::UndoEmailChange => Duration::days(7),
        }
    }
}

/// The path a `?next=` may send someone to after logging in: only a path on
/// this site. Anything else (another host, `//host`, a scheme, a backslash
/// trick, control characters) falls back to `/`.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.contains('\\')
                && !n.chars().any(char::is_control)
                && n.len() <= 2000 =>
        {
            n.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_length_and_not_to_be_common() {
        assert!(password_problem("short").unwrap().contains("at least 8"));
        assert!(password_problem(&"a".repeat(129)).unwrap().contains("at most 128"));
        assert!(password_problem("Password123").unwrap().contains("common"));
        assert!(password_problem("zzzzzzzzzz").unwrap().contains("common"));
        assert_eq!(password_problem("correct horse battery staple"), None);
        assert_eq!(password_problem(&"ab".repeat(64)), None);
    }

    #[test]
    fn next_only_goes_to_paths_on_this_site() {
        assert_eq!(safe_next(Some("/chapters/queens")), "/chapters/queens");
        assert_eq!(safe_next(Some("/events/1?x=2")), "/events/1?x=2");
        for evil in ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "evil", "/x\r\nSet-Cookie: a=b"] {
            assert_eq!(safe_next(Some(evil)), "/", "{evil:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn registration_reports_every_bad_field() {
        let e = RegistrationInput { name: String::new(), email: "x".into(), password: "123".into() }.validate(Tr::default()).unwrap_err();
        assert!(e.get("name").is_some() && e.get("email").is_some() && e.get("password").is_some());
    }
}
