//! Event descriptions are Markdown written by organizers. They are rendered
//! with pulldown-cmark and then sanitized with ammonia, so scripts, styles,
//! frames, event-handler attributes and javascript: links never reach a page.

use pulldown_cmark::{Options, Parser, html};

pub fn to_safe_html(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES));
    ammonia::Builder::default().link_rel(Some("noopener noreferrer nofollow")).clean(&raw).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

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
