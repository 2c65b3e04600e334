use serde::{Deserialize, Serialize};

use crate::catalogue::Tr;
use crate::error::Error;

/// Where a chapter sits in the organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterKind {
    National,
    District,
    Branch,
    CampusBranch,
}

impl ChapterKind {
    pub const ALL: [ChapterKind; 4] = [Self::National, Self::District, Self::Branch, Self::CampusBranch];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::National => "national",
            Self::District => "district",
            Self::Branch => "branch",
            Self::CampusBranch => "campus_branch",
        }
    }

    /// The name shown to people, in the reader's language.
    pub fn label(self, t: Tr) -> String {
        t.s(match self {
            Self::National => "chapter-kind-national",
            Self::District => "chapter-kind-district",
            Self::Branch => "chapter-kind-branch",
            Self::CampusBranch => "chapter-kind-campus_branch",
        })
    }

    pub fn parse(value: &str) -> Result<Self, Error> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
            .ok_or_else(|| Error::UnknownName { what: "chapter kind", value: value.to_owned() })
    }
}

/// A chapter as the public pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chapter {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: ChapterKind,
    pub parent_id: Option<i64>,
    pub time_zone: String,
    pub description: String,
    pub contact_email: Option<String>,
    /// The language for readers whose browser names none Turnout has.
    pub default_language: crate::language::Language,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in ChapterKind::ALL {
            assert_eq!(ChapterKind::parse(kind.as_str()), Ok(kind));
        }
        assert!(ChapterKind::parse("galaxy").is_err());
    }
}

/// What a site admin typed to create or edit a chapter.
#[derive(Debug, Clone, Default)]
pub struct ChapterInput {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub parent_slug: String,
    pub time_zone: String,
    pub description: String,
    pub contact_email: String,
    pub join_needs_approval: bool,
}

/// A chapter input that passed validation (the parent is resolved by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidChapter {
    pub slug: String,
    pub name: String,
    pub kind: ChapterKind,
    pub parent_slug: Option<String>,
    pub time_zone: String,
    pub description: String,
    pub contact_email: Option<String>,
    pub join_needs_approval: bool,
}

impl ChapterInput {
    pub fn validate(&self, t: Tr) -> Result<ValidChapter, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::new();
        let slug = self.slug.trim().to_lowercase();
        if slug.len() < 2
            || slug.len() > 80
            || !slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            || slug.starts_with('-')
        {
            errors.add("slug", t.s("invalid-chapter-slug"));
        }
        let name = self.name.trim();
        if let Some(problem) = crate::text::one_line_problem(t, name) {
            errors.add("name", problem);
        } else if name.is_empty() || name.chars().count() > 200 {
            errors.add("name", t.s("invalid-chapter-name"));
        }
        let kind = ChapterKind::parse(self.kind.trim());
        if kind.is_err() {
            errors.add("kind", t.s("invalid-chapter-kind"));
        }
        if crate::time::parse_zone(self.time_zone.trim()).is_err() {
            errors.add("time_zone", t.s("invalid-time-zone"));
        }
        if self.description.chars().count() > 5000 {
            errors.add("description", t.s("invalid-chapter-description-long"));
        } else if let Some(problem) = crate::text::multi_line_problem(t, &self.description) {
            errors.add("description", problem);
        }
        let email = self.contact_email.trim();
        if !email.is_empty()
            && let Some(p) = crate::email_address::problem_in(t, email)
        {
            errors.add("contact_email", p);
        }
        match kind {
            Ok(kind) if errors.is_empty() => Ok(ValidChapter {
                slug,
                name: name.to_owned(),
                kind,
                parent_slug: Some(self.parent_slug.trim().to_owned()).filter(|p| !p.is_empty()),
                time_zone: self.time_zone.trim().to_owned(),
                description: self.description.trim().to_owned(),
                contact_email: Some(email.to_owned()).filter(|e| !e.is_empty()),
                join_needs_approval: self.join_needs_approval,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn a_chapter_needs_a_clean_slug_a_kind_and_a_real_zone() {
        let ok = ChapterInput {
            slug: "queens".into(),
            name: "Queens".into(),
            kind: "branch".into(),
            time_zone: "America/New_York".into(),
            ..Default::default()
        };
        assert!(ok.validate(Tr::default()).is_ok());
        let bad =
            ChapterInput { slug: "Queens Branch!".into(), kind: "planet".into(), time_zone: "Mars/Base".into(), ..Default::default() };
        let e = bad.validate(Tr::default()).unwrap_err();
        for f in ["slug", "name", "kind", "time_zone"] {
            assert!(e.get(f).is_some(), "{f}");
        }
        let controls = ChapterInput { name: "Queens\rBranch".into(), description: "Hi\u{0}".into(), ..ok };
        let e = controls.validate(Tr::default()).unwrap_err();
        assert!(e.get("name").is_some_and(|m| m.contains("one line")), "{e}");
        assert!(e.get("description").is_some_and(|m| m.contains("control character")), "{e}");
    }
}

/// A message a visitor writes to a chapter ("bring a speaker to our campus").
#[derive(Debug, Clone, Default)]
pub struct ContactInput {
    pub name: String,
    pub email: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactMessage {
    pub name: String,
    pub email: String,
    pub message: String,
}

pub const CONTACT_MESSAGE_MAX_CHARS: usize = 5000;

impl ContactInput {
    pub fn validate(&self, t: Tr) -> Result<ContactMessage, crate::FieldErrors> {
        let mut errors = crate::FieldErrors::new();
        let name = self.name.trim();
        if let Some(p) = crate::account::name_problem_in(t, name) {
            errors.add("name", p);
        }
        let email = self.email.trim();
        if let Some(p) = crate::email_address::problem_in(t, email) {
            errors.add("email", p);
        }
        let message = self.message.trim();
        if message.is_empty() {
            errors.add("message", t.s("invalid-contact-message-missing"));
        } else if message.chars().count() > CONTACT_MESSAGE_MAX_CHARS {
            errors.add("message", t.f("invalid-contact-message-long", &[("max", CONTACT_MESSAGE_MAX_CHARS.into())]));
        } else if let Some(problem) = crate::text::multi_line_problem(t, message) {
            errors.add("message", problem);
        }
        if errors.is_empty() {
            Ok(ContactMessage { name: name.to_owned(), email: email.to_owned(), message: message.to_owned() })
        } else {
            Err(errors)
        }
    }
}
