//! What may be typed into text fields. A one-line field (a title, a name, a
//! venue line) holds no control character: a line break or a bare CR in one
//! would split an email header, a calendar line or a page's layout. A
//! multi-line field holds line breaks (LF or CRLF, as browsers send them) and
//! tabs, and nothing else below U+0020: a bare CR ends a line in some readers
//! and not in others.

use crate::catalogue::Tr;

/// Why a one-line value is refused, if it is, in the reader's language.
pub fn one_line_problem(t: Tr, value: &str) -> Option<String> {
    value.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}').then(|| t.s("invalid-one-line"))
}

/// Why a multi-line value is refused, if it is, in the reader's language.
pub fn multi_line_problem(t: Tr, value: &str) -> Option<String> {
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        let allowed = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        if !allowed {
            return Some(t.s("invalid-control-character"));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_fields_hold_no_control_characters() {
        assert_eq!(one_line_problem(Tr::default(), "Housing forum — «today»"), None);
        for bad in ["a\nb", "a\rb", "a\tb", "a\u{0}b", "a\u{1b}[31mb", "a\u{85}b", "a\u{2028}b"] {
            assert!(one_line_problem(Tr::default(), bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn multi_line_fields_hold_line_breaks_and_tabs_only() {
        assert_eq!(multi_line_problem(Tr::default(), "one\ntwo\r\nthree\tfour"), None);
        for bad in ["a\rb", "a\r", "a\u{0}", "a\u{7}b", "a\u{1b}b"] {
            assert!(multi_line_problem(Tr::default(), bad).is_some(), "{bad:?}");
        }
    }
}
