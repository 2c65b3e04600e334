//! The languages pages and emails come in, and which one a reader gets: their
//! own choice (an account setting, or the language a guest RSVP'd in), else
//! the first language of the browser's `Accept-Language` that Turnout has,
//! else the chapter's default, else English. Nothing here fails: a header
//! that cannot be read counts as no header.

/// A language Turnout's pages and emails are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    #[default]
    English,
    Spanish,
}

impl Language {
    pub const ALL: [Self; 2] = [Self::English, Self::Spanish];

    /// The BCP 47 tag, as `<html lang>` and the catalogue use it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::English => "en",
            Self::Spanish => "es",
        }
    }

    /// Its own name, for the switch on every page.
    pub fn own_name(self) -> &'static str {
        match self {
            Self::English => "English",
            Self::Spanish => "Español",
        }
    }

    /// The language whose tag is exactly `tag` ("es", not "es-MX"): for
    /// form fields and links Turnout writes itself.
    pub fn exact(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.tag() == tag)
    }

    /// The language a tag names ("es", "es-MX", "EN-us"), if Turnout has it.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.tag() == primary)
    }
}

/// Written as its tag ("en", "es") in JSON.
impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.tag())
    }
}

/// The languages of an `Accept-Language` header that Turnout has, best
/// first (by q-value, then by order); entries with q=0 or that cannot be
/// read are left out.
pub fn accepted(header: &str) -> Vec<Language> {
    let mut ranked: Vec<(u16, usize, Language)> = Vec::new();
    // A header is short; a huge one is read only so far.
    for (i, entry) in header.split(',').take(32).enumerate() {
        let mut parts = entry.split(';');
        let Some(language) = parts.next().and_then(Language::from_tag) else { continue };
        let mut q = 1000;
        for p in parts {
            if let Some(value) = p.trim().strip_prefix("q=") {
                q = match value.trim().parse::<f32>() {
                    Ok(v) if (0.0..=1.0).contains(&v) => (v * 1000.0).round() as u16,
                    _ => 0,
                };
            }
        }
        if q > 0 && !ranked.iter().any(|(_, _, l)| *l == language) {
            ranked.push((q, i, language));
        }
    }
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, l)| l).collect()
}

/// The reader's language: their own choice, else the browser's, else the
/// chapter's default, else English.
pub fn choose(chosen: Option<Language>, accept_language: Option<&str>, chapter_default: Option<Language>) -> Language {
    chosen.or_else(|| accept_language.and_then(|h| accepted(h).into_iter().next())).or(chapter_default).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spanish_browser_gets_spanish() {
        assert_eq!(choose(None, Some("es-MX,es;q=0.9"), Some(Language::English)), Language::Spanish);
        assert_eq!(choose(None, Some("fr-CA,fr;q=0.9,es;q=0.5,en;q=0.4"), None), Language::Spanish, "the first one Turnout has");
        assert_eq!(choose(None, Some("en;q=0.4, es;q=0.8"), None), Language::Spanish, "by q-value, not order");
    }

    #[test]
    fn a_language_turnout_lacks_gives_the_chapter_default() {
        assert_eq!(choose(None, Some("fr"), Some(Language::Spanish)), Language::Spanish);
        assert_eq!(choose(None, Some("fr"), None), Language::English);
    }

    #[test]
    fn a_bad_header_gives_english_without_an_error() {
        for bad in ["", ",,,", "q=1", "es;q=abc", "es;q=0", "\u{0}\u{ff}", "es;q=7", &"x,".repeat(10_000)] {
            assert_eq!(choose(None, Some(bad), None), Language::English, "{bad:.40?}");
        }
    }

    #[test]
    fn a_persons_own_choice_comes_first() {
        assert_eq!(choose(Some(Language::English), Some("es"), Some(Language::Spanish)), Language::English);
        assert_eq!(Language::from_tag("ES_us"), Some(Language::Spanish));
        assert_eq!(Language::from_tag("de"), None);
    }
}
