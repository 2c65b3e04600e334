//! The event page: facts, programme, speakers, sponsors, the RSVP section,
//! share metadata and schema.org JSON-LD.

use maud::{Markup, PreEscaped, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::{EventDetails, EventStatus, Visibility, join_names};
use turnout_domain::time::{range_label, short_time_label, time_label};

use turnout_persistence::rsvps::{Mine, People};

use crate::events::rsvp_section::{self, Typed, form};
use crate::frame::layout::page;
use crate::frame::markdown::to_safe_html;
use crate::frame::zone;
use crate::http::visitor::Visitor;

/// What the RSVP part of the page shows.
pub enum RsvpSection<'a> {
    /// The guest form (nobody logged in).
    Open { typed: &'a Typed, errors: &'a FieldErrors },
    /// A logged-in member: one click, or their answer and "change".
    Member { mine: Option<&'a Mine>, open: bool, errors: &'a FieldErrors },
    /// RSVPs are closed, and why; the member's answer if they gave one.
    Closed { why: &'a str, mine: Option<&'a Mine> },
}

pub fn event(v: &Visitor, e: &EventDetails, counts: &People, rsvp: RsvpSection<'_>, manage: bool, base_url: &str) -> Markup {
    let tz = zone(&e.time_zone);
    let co_sponsors: Vec<&str> = e.co_sponsors().map(|s| s.name.as_str()).collect();
    let hosts: Vec<&str> = e.hosts().map(|s| s.name.as_str()).collect();
    page(
        v,
        &e.title,
        html! {
            meta name="description" content=(e.summary);
            (share_meta(e, base_url))
        },
        html! {
            @if manage { (toolbar(v, e)) }
            @if e.status == EventStatus::Draft {
                div.banner.draft role="status" { strong { "Draft: " } "only this chapter's organizers can see this page. Publish it when it is ready." }
            }
            @if e.status == EventStatus::Cancelled {
                div.banner.cancelled role="alert" {
                    strong { "This event has been cancelled." }
                    @if let Some(reason) = &e.cancel_reason { " " (reason) }
                }
            }
            p.kind {
                @if e.visibility == Visibility::MembersOnly { span.badge.members-only { "Members only" } " " }
                (e.kind.label()) " · " a href={ "/chapters/" (e.chapter_slug) } { (e.chapter_name) }
                @for c in &e.cohosts { " · " a href={ "/chapters/" (c.slug) } { (c.name) } }
            }
            h1 { (e.title) }
            @if let Some(cover) = &e.cover_image { img.cover src={ "/uploads/" (cover) } alt=""; }
            // The facts a visitor decides by, then the answer, then the rest:
            // on a phone the RSVP is on the first screen or close to it.
            dl.facts {
                dt { "When" }
                dd.when { (range_label(e.starts_at, e.ends_at, tz)) }
                @if let Some(doors) = e.doors_open_at {
                    dt { "Doors open" }
                    dd { (time_label(doors, tz)) }
                }
                @if let Some(v) = &e.venue {
                    dt { "Where" }
                    dd.venue {
                        strong { (v.name) } br;
                        @if v.street_address.is_empty() {
                            (v.city) br;
                            em { "The exact address is sent to people going." }
                        } @else {
                            (v.street_address) @if let Some(suite) = &v.suite { ", " (suite) } br;
                            (v.city)
                        }
                    }
                }
                @if let Some(left) = e.seats_left() {
                    dt { "Places" }
                    dd { @if left == 0 && e.rsvp_options.no_waitlist { "Full." } @else if left == 0 { "Full: new RSVPs join the waitlist." } @else { (left) " of " (e.capacity.unwrap_or(0)) " places left." } }
                }
                dt { "Going" }
                dd { (people(counts.going)) }
                @if e.rsvp_options.show_maybe_count && counts.maybe > 0 {
                    dt { "Maybe" }
                    dd { (people(counts.maybe)) }
                }
            }
            @match rsvp {
                RsvpSection::Open { typed, errors } => (form(v, e, typed, errors)),
                RsvpSection::Member { mine, open, errors } => (rsvp_section::member(v, e, mine, open, errors)),
                RsvpSection::Closed { why, mine } => (rsvp_section::closed(why, mine)),
            }
            p.summary { (e.summary) }
            @if !co_sponsors.is_empty() || !hosts.is_empty() {
                p.sponsors {
                    @if !co_sponsors.is_empty() { "Sponsored by " (join_names(co_sponsors.iter().copied())) ". " }
                    @if !hosts.is_empty() { "Hosted by " (join_names(hosts.iter().copied())) "." }
                }
            }
            dl.facts {
                @if let Some(link) = &e.series {
                    dt { "Repeats" }
                    dd { "This meeting happens " (link.description) "; each date has its own RSVPs." }
                }
                @if let Some(v) = &e.venue {
                    @if let Some(t) = &v.transit_directions { dt { "Getting there" } dd { (t) } }
                    @if let Some(a) = &v.accessibility_notes { dt { "Accessibility" } dd { (a) } }
                }
                @if let Some(url) = &e.online_url {
                    dt { "Online" }
                    dd { a href=(url) rel="noopener noreferrer" { (url) } }
                }
            }
            p.add-to-calendar {
            "Add to calendar: "
            a href={ "/events/" (e.id) "/calendar.ics" } { "Apple, Outlook (.ics)" } " · "
            a href=(google_calendar_link(e)) rel="noopener noreferrer" { "Google Calendar" }
            @if let Some(venue) = &e.venue {
                " · " a href=(map_link(venue)) rel="noopener noreferrer" { "Map (OpenStreetMap)" }
            }
        }
        @if !e.agenda.is_empty() {
                h2 { "Agenda" }
                ul.agenda { @for a in &e.agenda { li { strong { (short_time_label(a.starts_at, tz)) } " " (a.title) } } }
            }
            @if !e.sessions.is_empty() {
            h2 { "Programme" }
            table.list.sessions {
                thead { tr { th { "When" } th { "Session" } th { "Room" } th { "Speakers" } } }
                tbody {
                    @for item in &e.sessions {
                        tr {
                            td { (short_date(item.starts_at, tz)) (short_time_label(item.starts_at, tz)) "–" (short_time_label(item.ends_at, tz)) }
                            td { (item.title) }
                            td { (item.room.clone().unwrap_or_default()) }
                            td { (item.speakers.join(", ")) }
                        }
                    }
                }
            }
        }
        @if !e.speakers.is_empty() {
                h2 { "Speakers" }
                ul.speakers { @for s in &e.speakers { li { strong { (s.name) } ", " (s.bio) } } }
            }
            @if !e.description.is_empty() {
                h2 { "About" }
                div.description { (PreEscaped(to_safe_html(&e.description))) }
            }
            @if !e.tags.is_empty() {
                p.tags { @for t in &e.tags { span.tag { "#" (t) } } }
            }
        },
    )
}

fn people(n: u64) -> String {
    if n == 1 { "1 person".to_owned() } else { format!("{n} people") }
}

/// What an organizer can do from the event's own page.
fn toolbar(v: &Visitor, e: &EventDetails) -> Markup {
    let action = |what: &str| format!("/events/{}/{what}", e.id);
    html! {
        div.toolbar {
            a href=(action("edit")) { "Edit" }
            a href=(action("attendees")) { "Attendees" }
            a href=(action("timeline")) { "Email timeline" }
            @if e.status == EventStatus::Published { a href=(action("announce")) { "Write to attendees" } }
            @if e.status == EventStatus::Published { a href=(action("checkin")) { "Check-in" } }
            @if e.status == EventStatus::Draft {
                form method="post" action=(action("publish")) { (v.csrf_field()) button type="submit" { "Publish" } }
                a href=(action("delete")) { "Delete draft…" }
            }
            form method="post" action=(action("duplicate")) { (v.csrf_field()) button type="submit" { "Duplicate" } }
            form method="post" enctype="multipart/form-data" action={ "/events/" (e.id) "/cover?_csrf=" (v.csrf_token) } {
                label for="image" { "Cover image (PNG, JPEG, GIF or WebP, up to 5 MB)" } " "
                input id="image" name="image" type="file" accept="image/png,image/jpeg,image/gif,image/webp";
                " " button type="submit" { "Upload" }
            }
            @if e.cover_image.is_some() {
                form method="post" action=(action("cover/remove")) { (v.csrf_field()) button type="submit" { "Remove cover image" } }
            }
            @if e.series.is_some() {
                a href=(action("skip")) { "Skip this date…" }
            }
            @if e.status == EventStatus::Published {
                a href=(action("cancel")) { "Cancel event…" }
            }
        }
    }
}

fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn one_line_address(v: &turnout_domain::event::Venue) -> String {
    [v.street_address.as_str(), v.city.as_str()].iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

/// A link to the address on OpenStreetMap (a link people follow, not a map this page loads).
fn map_link(v: &turnout_domain::event::Venue) -> String {
    format!("https://www.openstreetmap.org/search?query={}", query_escape(&one_line_address(v)))
}

fn google_calendar_link(e: &EventDetails) -> String {
    let t = |d: chrono::DateTime<chrono::Utc>| d.format("%Y%m%dT%H%M%SZ").to_string();
    let place = e.venue.as_ref().map(|v| format!("{}, {}", v.name, one_line_address(v))).unwrap_or_default();
    format!(
        "https://calendar.google.com/calendar/render?action=TEMPLATE&text={}&dates={}/{}&details={}&location={}",
        query_escape(&e.title),
        t(e.starts_at),
        t(e.ends_at),
        query_escape(&e.summary),
        query_escape(&place)
    )
}

/// OpenGraph and Twitter cards, so a shared link shows the event, and
/// schema.org Event data for search engines. JSON-LD is data, not script:
/// the content security policy does not run it.
fn share_meta(e: &EventDetails, base_url: &str) -> Markup {
    let url = format!("{base_url}/events/{}", e.id);
    let tz = zone(&e.time_zone);
    let when = range_label(e.starts_at, e.ends_at, tz);
    let description = if e.summary.is_empty() { when.clone() } else { format!("{when}. {}", e.summary) };
    let status = if e.status == EventStatus::Cancelled { "https://schema.org/EventCancelled" } else { "https://schema.org/EventScheduled" };
    let mode = match (&e.venue, &e.online_url) {
        (Some(_), Some(_)) => "https://schema.org/MixedEventAttendanceMode",
        (None, Some(_)) => "https://schema.org/OnlineEventAttendanceMode",
        _ => "https://schema.org/OfflineEventAttendanceMode",
    };
    let mut locations = Vec::new();
    if let Some(v) = &e.venue {
        locations.push(serde_json::json!({
            "@type": "Place",
            "name": v.name,
            "address": { "@type": "PostalAddress", "streetAddress": v.street_address, "addressLocality": v.city },
        }));
    }
    if let Some(online) = &e.online_url {
        locations.push(serde_json::json!({ "@type": "VirtualLocation", "url": online }));
    }
    let ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": e.title,
        "description": e.summary,
        "url": url,
        "startDate": e.starts_at.with_timezone(&tz).to_rfc3339(),
        "endDate": e.ends_at.with_timezone(&tz).to_rfc3339(),
        "eventStatus": status,
        "eventAttendanceMode": mode,
        "location": locations,
        "organizer": { "@type": "Organization", "name": e.chapter_name, "url": format!("{base_url}/chapters/{}", e.chapter_slug) },
        "performer": e.speakers.iter().map(|s| serde_json::json!({ "@type": "Person", "name": s.name })).collect::<Vec<_>>(),
    });
    let ld = json_in_script(&ld);
    html! {
        meta property="og:type" content="website";
        meta property="og:title" content=(e.title);
        meta property="og:description" content=(description);
        meta property="og:url" content=(url);
        @if let Some(cover) = &e.cover_image { meta property="og:image" content={ (base_url) "/uploads/" (cover) }; }
        meta name="twitter:card" content="summary";
        meta name="twitter:title" content=(e.title);
        meta name="twitter:description" content=(description);
        link rel="alternate" type="text/calendar" href={ "/events/" (e.id) "/calendar.ics" };
        script type="application/ld+json" { (PreEscaped(ld)) }
    }
}

/// JSON for a `<script>` element. Inside one, `</script` ends the element and
/// `<!--` starts an escaped state in which the real end tag is missed (the rest
/// of the page disappears into the script), so `<`, `>` and `&` are written as
/// JSON escapes: they only occur inside strings, which mean the same.
fn json_in_script(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// "Sat 2 May, " for sessions on another day than the event's first.
fn short_date(t: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> String {
    t.with_timezone(&tz).format("%a %-d %b, ").to_string()
}

#[cfg(test)]
mod tests {
    use super::json_in_script;

    #[test]
    fn json_in_a_script_cannot_end_or_hide_the_element() {
        let value = serde_json::json!({ "name": "<!--<script> & </script><b>" });
        let text = json_in_script(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value, "still the same JSON");
    }
}
