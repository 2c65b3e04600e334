//! The event page: facts, programme, speakers, sponsors, the RSVP section,
//! share metadata and schema.org JSON-LD.

use maud::{Markup, PreEscaped, html};
use turnout_domain::FieldErrors;
use turnout_domain::event::{EventDetails, EventStatus, Visibility, join_names};
use turnout_domain::language::Language;
use turnout_domain::time::{range_label_in, short_date_label_in, short_time_label_in, time_label_in};

use turnout_persistence::rsvps::{Mine, People};

use crate::events::rsvp_section::{self, Typed, form};
use crate::frame::layout::page;
use crate::frame::markdown::to_safe_html;
use crate::frame::{kind_label, zone};
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

/// `written_in` is set when some of the organizer's text is shown in the
/// language they wrote it in, not the reader's: the page says so.
pub fn event(
    v: &Visitor,
    e: &EventDetails,
    written_in: Option<Language>,
    counts: &People,
    rsvp: RsvpSection<'_>,
    manage: bool,
    base_url: &str,
) -> Markup {
    let tz = zone(&e.time_zone);
    let t = v.tr;
    let lang = t.language();
    let co_sponsors: Vec<&str> = e.co_sponsors().map(|s| s.name.as_str()).collect();
    let hosts: Vec<&str> = e.hosts().map(|s| s.name.as_str()).collect();
    page(
        v,
        &e.title,
        html! {
            meta name="description" content=(e.summary);
            (share_meta(lang, e, base_url))
        },
        html! {
            @if manage { (toolbar(v, e)) }
            @if e.status == EventStatus::Draft {
                div.banner.draft role="status" { strong { (t.s("event-draft-banner")) } (t.s("event-draft-banner-text")) }
            }
            @if e.status == EventStatus::Cancelled {
                div.banner.cancelled role="alert" {
                    strong { (t.s("event-cancelled-banner")) }
                    @if let Some(reason) = &e.cancel_reason { " " (reason) }
                }
            }
            p.kind {
                @if e.visibility == Visibility::MembersOnly { span.badge.members-only { (t.s("visibility-members_only")) } " " }
                (kind_label(t, e.kind)) " · " a href={ "/chapters/" (e.chapter_slug) } { (e.chapter_name) }
                @for c in &e.cohosts { " · " a href={ "/chapters/" (c.slug) } { (c.name) } }
            }
            h1 { (e.title) }
            @if let Some(original) = written_in {
                p.language-note lang=(lang.tag()) { (t.s(&format!("event-only-in-{}", original.tag()))) }
            }
            @if let Some(cover) = &e.cover_image { img.cover src={ "/uploads/" (cover) } alt=""; }
            // The facts a visitor decides by, then the answer, then the rest:
            // on a phone the RSVP is on the first screen or close to it.
            dl.facts {
                dt { (t.s("event-when")) }
                dd.when { (range_label_in(lang, e.starts_at, e.ends_at, tz)) }
                @if let Some(doors) = e.doors_open_at {
                    dt { (t.s("event-doors-open")) }
                    dd { (time_label_in(lang, doors, tz)) }
                }
                @if let Some(v) = &e.venue {
                    dt { (t.s("event-where")) }
                    dd.venue {
                        strong { (v.name) } br;
                        @if v.street_address.is_empty() {
                            (v.city) br;
                            em { (t.s("event-address-hidden")) }
                        } @else {
                            (v.street_address) @if let Some(suite) = &v.suite { ", " (suite) } br;
                            (v.city)
                        }
                    }
                }
                @if let Some(left) = e.seats_left() {
                    dt { (t.s("event-places")) }
                    dd { @if left == 0 && e.rsvp_options.no_waitlist { (t.s("event-full-no-waitlist")) } @else if left == 0 { (t.s("event-full-waitlist")) } @else { (t.f("event-places-left", &[("left", left.into()), ("capacity", e.capacity.unwrap_or(0).into())])) } }
                }
                dt { (t.s("event-going")) }
                dd { (t.f("people-count", &[("count", counts.going.into())])) }
                @if e.rsvp_options.show_maybe_count && counts.maybe > 0 {
                    dt { (t.s("event-maybe")) }
                    dd { (t.f("people-count", &[("count", counts.maybe.into())])) }
                }
            }
            @match rsvp {
                RsvpSection::Open { typed, errors } => (form(v, e, typed, errors)),
                RsvpSection::Member { mine, open, errors } => (rsvp_section::member(v, e, mine, open, errors)),
                RsvpSection::Closed { why, mine } => (rsvp_section::closed(t, why, mine)),
            }
            p.summary { (e.summary) }
            @if !co_sponsors.is_empty() || !hosts.is_empty() {
                p.sponsors {
                    @if !co_sponsors.is_empty() { (t.f("event-sponsored-by", &[("names", join_names(co_sponsors.iter().copied()).as_str().into())])) " " }
                    @if !hosts.is_empty() { (t.f("event-hosted-by", &[("names", join_names(hosts.iter().copied()).as_str().into())])) }
                }
            }
            dl.facts {
                @if let Some(link) = &e.series {
                    dt { (t.s("event-repeats")) }
                    dd { (t.f("event-repeats-text", &[("rule", (&link.describe(t)).into())])) }
                }
                @if let Some(v) = &e.venue {
                    @if let Some(directions) = &v.transit_directions { dt { (t.s("event-getting-there")) } dd { (directions) } }
                    @if let Some(a) = &v.accessibility_notes { dt { (t.s("event-accessibility")) } dd { (a) } }
                }
                @if let Some(url) = &e.online_url {
                    dt { (t.s("event-online")) }
                    dd { a href=(url) rel="noopener noreferrer" { (url) } }
                }
            }
            p.add-to-calendar {
            (t.s("event-add-to-calendar")) " "
            a href={ "/events/" (e.id) "/calendar.ics?lang=" (lang.tag()) } { (t.s("event-calendar-ics")) } " · "
            a href=(google_calendar_link(e)) rel="noopener noreferrer" { (t.s("event-calendar-google")) }
            @if let Some(venue) = &e.venue {
                " · " a href=(map_link(venue)) rel="noopener noreferrer" { (t.s("event-map")) }
            }
        }
        @if !e.agenda.is_empty() {
                h2 { (t.s("event-agenda")) }
                ul.agenda { @for a in &e.agenda { li { strong { (short_time_label_in(lang, a.starts_at, tz)) } " " (a.title) } } }
            }
            @if !e.sessions.is_empty() {
            h2 { (t.s("event-programme")) }
            table.list.sessions {
                thead { tr { th { (t.s("event-when")) } th { (t.s("event-session")) } th { (t.s("event-room")) } th { (t.s("event-speakers")) } } }
                tbody {
                    @for item in &e.sessions {
                        tr {
                            td { (short_date_label_in(lang, item.starts_at, tz)) (short_time_label_in(lang, item.starts_at, tz)) "–" (short_time_label_in(lang, item.ends_at, tz)) }
                            td { (item.title) }
                            td { (item.room.clone().unwrap_or_default()) }
                            td { (item.speakers.join(", ")) }
                        }
                    }
                }
            }
        }
        @if !e.speakers.is_empty() {
                h2 { (t.s("event-speakers")) }
                ul.speakers { @for s in &e.speakers { li { strong { (s.name) } ", " (s.bio) } } }
            }
            @if !e.description.is_empty() {
                h2 { (t.s("event-about")) }
                div.description { (PreEscaped(to_safe_html(&e.description))) }
            }
            @if !e.tags.is_empty() {
                p.tags { @for t in &e.tags { span.tag { "#" (t) } } }
            }
        },
    )
}

/// What an organizer can do from the event's own page.
fn toolbar(v: &Visitor, e: &EventDetails) -> Markup {
    let action = |what: &str| format!("/events/{}/{what}", e.id);
    let t = v.tr;
    html! {
        div.toolbar {
            a href=(action("edit")) { (t.s("tool-edit")) }
            a href=(action("attendees")) { (t.s("tool-attendees")) }
            a href=(action("timeline")) { (t.s("tool-timeline")) }
            @if e.status == EventStatus::Published { a href=(action("announce")) { (t.s("tool-announce")) } }
            @if e.status == EventStatus::Published { a href=(action("checkin")) { (t.s("tool-checkin")) } }
            @if e.status == EventStatus::Draft {
                form method="post" action=(action("publish")) { (v.csrf_field()) button type="submit" { (t.s("tool-publish")) } }
                a href=(action("delete")) { (t.s("tool-delete-draft")) }
            }
            form method="post" action=(action("duplicate")) { (v.csrf_field()) button type="submit" { (t.s("tool-duplicate")) } }
            form method="post" enctype="multipart/form-data" action={ "/events/" (e.id) "/cover?_csrf=" (v.csrf_token) } {
                label for="image" { (t.s("tool-cover")) } " "
                input id="image" name="image" type="file" accept="image/png,image/jpeg,image/gif,image/webp";
                " " button type="submit" { (t.s("tool-upload")) }
            }
            @if e.cover_image.is_some() {
                form method="post" action=(action("cover/remove")) { (v.csrf_field()) button type="submit" { (t.s("tool-remove-cover")) } }
            }
            @if e.series.is_some() {
                a href=(action("skip")) { (t.s("tool-skip")) }
            }
            @if e.status == EventStatus::Published {
                a href=(action("cancel")) { (t.s("tool-cancel")) }
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
fn share_meta(lang: turnout_domain::language::Language, e: &EventDetails, base_url: &str) -> Markup {
    let url = format!("{base_url}/events/{}", e.id);
    let tz = zone(&e.time_zone);
    let when = range_label_in(lang, e.starts_at, e.ends_at, tz);
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
