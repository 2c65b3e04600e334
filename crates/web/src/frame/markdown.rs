//! Event descriptions are Markdown written by organizers. They are rendered
//! with pulldown-cmark and then sanitized with ammonia, so scripts, styles,
//! frames, event-handler attributes and javascript: links never reach a page.

//!
//! Rendering and sanitizing is the costliest part of an event page, so each
//! text is rendered once and kept (by its content, so an edit is simply a
//! new text; least recently used go first, so memory is bounded).

use std::hash::BuildHasher;
use std::num::NonZeroUsize;
use std::sync::{LazyLock, Mutex};

use lru::LruCache;
use pulldown_cmark::{Options, Parser, html};

/// Texts kept: each at most a description (80 KB of UTF-8) and its HTML.
const KEPT: usize = 512;

struct Rendered {
    hasher: std::collections::hash_map::RandomState,
    /// By the text's hash: (the text, its safe HTML); the text is compared
    /// on a hit, so two texts with one hash never swap pages.
    texts: Mutex<LruCache<u64, (String, String)>>,
}

static RENDERED: LazyLock<Rendered> = LazyLock::new(|| Rendered {
    hasher: std::collections::hash_map::RandomState::new(),
    texts: Mutex::new(LruCache::new(NonZeroUsize::new(KEPT).expect("above zero"))),
});

/// The safe HTML of an organizer's Markdown.
pub fn to_safe_html(markdown: &str) -> String {
    let key = RENDERED.hasher.hash_one(markdown);
    if let Some((text, html)) = RENDERED.texts.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
        && text == markdown
    {
        return html.clone();
    }
    let html = render(markdown);
    RENDERED.texts.lock().unwrap_or_else(|e| e.into_inner()).put(key, (markdown.to_owned(), html.clone()));
    html
}

fn render(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES));
    ammonia::Builder::default().link_rel(Some("noopener noreferrer nofollow")).clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_kept_once_rendered_and_an_edit_is_rendered_anew() {
        let text = "Doors at *six*, in the kept-text test";
        let first = to_safe_html(text);
        let key = RENDERED.hasher.hash_one(text);
        assert!(RENDERED.texts.lock().unwrap().peek(&key).is_some_and(|(t, h)| t == text && *h == first), "kept");
        assert_eq!(to_safe_html(text), first);
        assert!(to_safe_html("Doors at *seven*, in the kept-text test").contains("<em>seven</em>"));
    }

    #[test]
    fn formatting_survives() {
        let out = to_safe_html("**Bring** a [friend](https://example.org)");
        assert!(out.contains("<strong>Bring</strong>"));
        assert!(out.contains("href=\"https://example.org\""));
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
        ] {
            let out = to_safe_html(payload).to_lowercase();
            for bad in ["<script", "onerror", "javascript:", "<iframe", "<style", "onload"] {
                assert!(!out.contains(bad), "{payload:?} rendered as {out:?}");
            }
        }
    }
}
