//! Every word Turnout shows or sends, in each of its languages: Project
//! Fluent catalogues (`locales/<tag>/<area>.ftl`), built into the binary and
//! parsed once. Plural forms and grammar live in the catalogue, not in code.
//!
//! A key the catalogue lacks is shown as `⟦key⟧`, never as an English
//! stand-in, so a test that reads a page or an email can tell at once.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::language::Language;

/// The catalogue files, by language: (file name, text). Each area of the
/// product has a file of its own, the same in every language.
pub const FILES: [(Language, &[(&str, &str)]); 2] = [
    (
        Language::English,
        &[
            ("common.ftl", include_str!("../locales/en/common.ftl")),
            ("dates.ftl", include_str!("../locales/en/dates.ftl")),
            ("events.ftl", include_str!("../locales/en/events.ftl")),
            ("rsvps.ftl", include_str!("../locales/en/rsvps.ftl")),
            ("email.ftl", include_str!("../locales/en/email.ftl")),
            ("accounts.ftl", include_str!("../locales/en/accounts.ftl")),
            ("validation.ftl", include_str!("../locales/en/validation.ftl")),
            ("organizing.ftl", include_str!("../locales/en/organizing.ftl")),
            ("attendance.ftl", include_str!("../locales/en/attendance.ftl")),
            ("mailing.ftl", include_str!("../locales/en/mailing.ftl")),
            ("chapters.ftl", include_str!("../locales/en/chapters.ftl")),
        ],
    ),
    (
        Language::Spanish,
        &[
            ("common.ftl", include_str!("../locales/es/common.ftl")),
            ("dates.ftl", include_str!("../locales/es/dates.ftl")),
            ("events.ftl", include_str!("../locales/es/events.ftl")),
            ("rsvps.ftl", include_str!("../locales/es/rsvps.ftl")),
            ("email.ftl", include_str!("../locales/es/email.ftl")),
            ("accounts.ftl", include_str!("../locales/es/accounts.ftl")),
            ("validation.ftl", include_str!("../locales/es/validation.ftl")),
            ("organizing.ftl", include_str!("../locales/es/organizing.ftl")),
            ("attendance.ftl", include_str!("../locales/es/attendance.ftl")),
            ("mailing.ftl", include_str!("../locales/es/mailing.ftl")),
            ("chapters.ftl", include_str!("../locales/es/chapters.ftl")),
        ],
    ),
];

struct Catalogue {
    bundles: Vec<(Language, FluentBundle<FluentResource>)>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    let bundles = FILES
        .iter()
        .map(|(language, files)| {
            let id = language.tag().parse().expect("a language tag Fluent reads");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Bidi isolation marks around every argument would end up in
            // email subjects and form values; both languages run left to right.
            bundle.set_use_isolating(false);
            for (name, text) in *files {
                // The files are part of the build and checked by the tests: a
                // broken one is a bug to find at once, not a page to limp on.
                let resource = FluentResource::try_new((*text).to_owned())
                    .unwrap_or_else(|(_, errors)| panic!("{}/{name} does not parse: {errors:?}", language.tag()));
                if let Err(errors) = bundle.add_resource(resource) {
                    panic!("{}/{name} repeats keys: {errors:?}", language.tag());
                }
            }
            (*language, bundle)
        })
        .collect();
    Catalogue { bundles }
});

/// A value for a placeholder: text or a number (numbers choose plural forms).
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Self::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Self::Text(s)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u32, u64, usize);

/// The text of `key` in `language`, with `args` in its placeholders.
pub fn text(language: Language, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let (id, attribute) = key.split_once('.').map_or((key, None), |(m, a)| (m, Some(a)));
    let Some((_, bundle)) = CATALOGUE.bundles.iter().find(|(l, _)| *l == language) else {
        return format!("⟦{key}⟧");
    };
    let Some(message) = bundle.get_message(id) else {
        return format!("⟦{key}⟧");
    };
    let pattern = match attribute {
        Some(a) => message.get_attribute(a).map(|a| a.value()),
        None => message.value(),
    };
    let Some(pattern) = pattern else {
        return format!("⟦{key}⟧");
    };
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(*s)),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, (!args.is_empty()).then_some(&fluent_args), &mut errors);
    out.into_owned()
}

/// Every key of a language's catalogue: messages, and `message.attribute`
/// for each attribute. For the test that the languages match.
pub fn keys(language: Language) -> Vec<String> {
    use fluent_syntax::ast::Entry;
    let mut keys = Vec::new();
    for (l, files) in &FILES {
        if *l != language {
            continue;
        }
        for (_, text) in *files {
            let Ok(resource) = fluent_syntax::parser::parse(*text) else { continue };
            for entry in resource.body {
                if let Entry::Message(m) = entry {
                    if m.value.is_some() {
                        keys.push(m.id.name.to_owned());
                    }
                    keys.extend(m.attributes.iter().map(|a| format!("{}.{}", m.id.name, a.id.name)));
                }
            }
        }
    }
    keys.sort();
    keys
}

/// The reader's language as a handle pages and emails write with:
/// `t.s("rsvp-heading")`, `t.f("people-going", &[("count", n.into())])`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr(pub Language);

impl Tr {
    /// A text without placeholders.
    pub fn s(self, key: &str) -> String {
        text(self.0, key, &[])
    }

    /// A text with placeholders.
    pub fn f(self, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        text(self.0, key, args)
    }

    pub fn language(self) -> Language {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_in_every_language() {
        let english = keys(Language::English);
        assert!(english.len() > 10, "the English catalogue is read");
        for language in Language::ALL {
            let other = keys(language);
            let missing: Vec<_> = english.iter().filter(|k| !other.contains(k)).collect();
            let extra: Vec<_> = other.iter().filter(|k| !english.contains(k)).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, not in English {extra:?}", language.tag());
        }
    }

    #[test]
    fn every_message_formats_in_every_language_without_errors() {
        // Placeholders given as text and numbers both: a message that uses
        // a variable the code never passes is found by the source scan test.
        for language in Language::ALL {
            for key in keys(language) {
                let out = text(language, &key, &[]);
                assert!(!out.starts_with('⟦'), "{}: {key}", language.tag());
            }
        }
    }

    /// Every key the code asks for by name (`t.s("…")`, `t.f("…", …)`,
    /// `tr.s(…)`, `Error::Forbidden("…")`) is in the catalogue: a typo would show `⟦key⟧` on a page.
    #[test]
    fn every_key_the_code_names_exists() {
        let english = keys(Language::English);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        let mut dirs = vec![root.join("domain/src"), root.join("notifications/src"), root.join("web/src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("read a source folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut named = 0;
        let mut missing = Vec::new();
        for file in &files {
            let source = std::fs::read_to_string(file).expect("read a source file");
            for pattern in [".s(\"", ".f(\"", "Forbidden(\""] {
                for (at, _) in source.match_indices(pattern) {
                    let key: String = source[at + pattern.len()..].chars().take_while(|c| *c != '"').collect();
                    if key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c)) {
                        continue;
                    }
                    named += 1;
                    if !english.contains(&key) && key != "no-such-key" && !key.ends_with(".no-such-attribute") {
                        missing.push(format!("{}: {key}", file.display()));
                    }
                }
            }
        }
        assert!(named > 100, "the scan finds the keys the code uses ({named})");
        assert!(missing.is_empty(), "keys the code names but the catalogue lacks: {missing:?}");
    }

    /// The keys the code builds from a name (`kind-{…}`, `chapter-kind-{…}`).
    #[test]
    fn every_kind_has_its_words() {
        for language in Language::ALL {
            for kind in crate::event::EventKind::ALL {
                assert!(!text(language, &format!("kind-{}", kind.as_str()), &[]).starts_with('⟦'), "{kind:?}");
            }
            for kind in crate::chapter::ChapterKind::ALL {
                assert!(!text(language, &format!("chapter-kind-{}", kind.as_str()), &[]).starts_with('⟦'), "{kind:?}");
            }
            for other in Language::ALL {
                assert!(!text(language, &format!("event-only-in-{}", other.tag()), &[]).starts_with('⟦'));
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let en = Tr(Language::English);
        let es = Tr(Language::Spanish);
        assert_eq!(en.f("people-going", &[("count", 1.into())]), "1 person going");
        assert_eq!(en.f("people-going", &[("count", 3.into())]), "3 people going");
        assert_eq!(es.f("people-going", &[("count", 1.into())]), "1 persona va");
        assert_eq!(es.f("people-going", &[("count", 3.into())]), "3 personas van");
    }

    #[test]
    fn a_missing_key_shows_as_a_key_not_as_english() {
        assert_eq!(Tr(Language::Spanish).s("no-such-key"), "⟦no-such-key⟧");
        assert_eq!(Tr(Language::English).s("site-name.no-such-attribute"), "⟦site-name.no-such-attribute⟧");
    }
}
