//! iCalendar (RFC 5545) for events: one stable UID per event, a SEQUENCE that
//! grows with every change, times in UTC, STATUS:CANCELLED when cancelled.
//! The icalendar crate folds lines at 75 octets and ends them with CRLF.

use icalendar::{Calendar, Component, EventLike, EventStatus as IcsStatus};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{EventDetails, EventStatus, Visibility};

/// The host part of UIDs: stable for the site, so calendars recognise updates.
fn uid_host(base_url: &str) -> &str {
    base_url.split("://").nth(1).unwrap_or(base_url).split('/').next().unwrap_or("turnout")
}

/// Where the event is, in one line; `None` when only the neighbourhood may be shown.
pub fn location(e: &EventDetails, show_address: bool) -> Option<String> {
    let v = e.venue.as_ref()?;
    if !show_address {
        // The venue's name stays: people plan around where, not only the city.
        return Some([v.name.as_str(), v.city.as_str()].into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", "));
    }
    let mut parts = vec![v.name.clone(), v.street_address.clone()];
    if let Some(suite) = &v.suite {
        parts.push(suite.clone());
    }
    parts.push(v.city.clone());
    Some(parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(", "))
}

/// A TEXT value as RFC 5545 allows it: the icalendar crate escapes LF as `\n`
/// but passes CR and other controls through, and a bare CR there ends the
/// content line early in some readers (so the rest would be read as a new
/// property). Line breaks become LF (escaped as `\n`); other controls except
/// tab are dropped. Input is checked too, but rows stored earlier may hold them.
fn ics_text(value: &str) -> String {
    value.replace("\r\n", "\n").replace('\r', "\n").chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect()
}

/// The calendar entry of an event; `t`: the language of the words the
/// entry adds to the organizer's text ("CANCELLED:", "Online:").
pub fn event(t: Tr, e: &EventDetails, base_url: &str, show_address: bool) -> icalendar::Event {
    let url = format!("{}/events/{}", base_url.trim_end_matches('/'), e.id);
    let mut description = e.summary.clone();
    if let Some(reason) = e.cancel_reason.as_deref().filter(|_| e.status == EventStatus::Cancelled) {
        description = format!("{}\n\n{description}", t.f("org-ics-cancelled", &[("reason", reason.into())]));
    }
    if let Some(online) = &e.online_url {
        description.push_str(&format!("\n\n{}", t.f("org-ics-online", &[("url", online.into())])));
    }
    description.push_str(&format!("\n\n{url}"));
    let mut ev = icalendar::Event::new();
    ev.uid(&format!("event-{}@{}", e.id, uid_host(base_url)))
        .summary(&ics_text(&e.title))
        .description(&ics_text(description.trim()))
        .starts(e.starts_at)
        .ends(e.ends_at)
        .url(&url)
        .sequence(u32::try_from(e.sequence).unwrap_or(0))
        .timestamp(e.updated_at)
        .last_modified(e.updated_at)
        .status(if e.status == EventStatus::Cancelled { IcsStatus::Cancelled } else { IcsStatus::Confirmed });
    if let Some(place) = location(e, show_address) {
        ev.location(&ics_text(&place));
    }
    ev.done()
}

/// An entry of a member's private feed: a members-only event says so in its
/// title, and CLASS:PRIVATE keeps it out of calendars shared with others.
/// In `t`, the member's language.
pub fn private_feed_event_in(t: Tr, e: &EventDetails, base_url: &str, show_address: bool) -> icalendar::Event {
    let mut ev = event(t, e, base_url, show_address);
    if e.visibility == Visibility::MembersOnly {
        ev.summary(&ics_text(&t.f("org-ics-members-only", &[("title", (&e.title).into())])));
        ev.class(icalendar::Class::Private);
    }
    ev
}

/// A calendar of events; `method` is REQUEST or CANCEL for email invitations,
/// or `None` for a subscribable feed.
/// In a message (`method` given), DTSTAMP is when the message was made
/// (RFC 5545 3.8.7.2), so a mail program applies the newest of two.
pub fn calendar(name: &str, events: impl IntoIterator<Item = icalendar::Event>, method: Option<&str>) -> String {
    let mut cal = Calendar::new();
    cal.name(&name_text(name));
    if let Some(m) = method {
        cal.append_property(("METHOD", m));
    }
    let made = chrono::Utc::now();
    for mut e in events {
        if method.is_some() {
            e.timestamp(made);
        }
        cal.push(e);
    }
    cal.done().to_string()
}

/// The crate writes NAME as given: it is escaped here as a TEXT value
/// (backslash, comma, semicolon; RFC 5545 3.3.11), on one line.
fn name_text(name: &str) -> String {
    let one_line: String = name.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line.replace('\\', "\\\\").replace(',', "\\,").replace(';', "\\;")
}

/// The one who sends invitations and cancellations (RFC 5546 requires an
/// ORGANIZER on a CANCEL and on an update, or mail programs ignore them).
pub fn with_organizer(mut ev: icalendar::Event, name: &str, address: &str) -> icalendar::Event {
    // The crate quotes a parameter holding , ; or : ; a quote cannot be in one.
    let cn: String = name.chars().filter(|c| !c.is_control() && *c != '"').collect();
    let mut organizer = icalendar::Property::new("ORGANIZER", format!("mailto:{address}"));
    organizer.add_parameter("CN", &cn);
    ev.append_property(organizer);
    ev
}

#[cfg(test)]
mod tests {
    use icalendar::Component;

    use super::ics_text;

    #[test]
    fn no_carriage_return_or_control_reaches_a_calendar_line() {
        assert_eq!(ics_text("Flooded.\rMETHOD:REQUEST"), "Flooded.\nMETHOD:REQUEST");
        assert_eq!(ics_text("a\r\nb\u{0}c\td"), "a\nbc\td");
        let cal = super::calendar("Feed\r", [icalendar::Event::new().summary(&ics_text("Meet\rX-EVIL:1")).done()], None);
        assert!(!cal.replace("\r\n", "").contains('\r'), "{cal:?}");
        assert!(!cal.contains("\r\nX-EVIL"), "{cal:?}");
        let named = super::calendar("Feed\nX-EVIL:1", [], None);
        assert!(!named.contains("\r\nX-EVIL") && !named.contains("\nX-EVIL"), "{named:?}");
    }

    #[test]
    fn a_calendar_name_is_escaped_as_text() {
        let cal = super::calendar("Rent, wages; and \"power\" \\ more", [], None);
        assert!(cal.contains("NAME:Rent\\, wages\\; and \"power\" \\\\ more\r\n"), "{cal}");
    }
}
