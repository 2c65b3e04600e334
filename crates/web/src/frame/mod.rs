//! The page frame every page shares, form components, the error page, and
//! small helpers for showing things. None of it touches the database or
//! knows about a particular area.

pub mod document;
pub mod error_page;
pub mod event_list;
pub mod forms;
pub mod layout;
pub mod markdown;

use chrono_tz::Tz;
use turnout_domain::catalogue::Tr;
use turnout_domain::chapter::ChapterKind;
use turnout_domain::event::EventKind;
use turnout_domain::time::parse_zone;

/// The zone stored with an event; UTC if the stored name is unknown (it is
/// validated on the way in, so this only guards against hand-edited data).
pub fn zone(name: &str) -> Tz {
    parse_zone(name).unwrap_or(chrono_tz::UTC)
}

/// An event's kind in the reader's language.
pub fn kind_label(t: Tr, kind: EventKind) -> String {
    t.s(&format!("kind-{}", kind.as_str()))
}

/// A chapter's kind in the reader's language.
pub fn chapter_kind_label(t: Tr, kind: ChapterKind) -> String {
    t.s(&format!("chapter-kind-{}", kind.as_str()))
}
