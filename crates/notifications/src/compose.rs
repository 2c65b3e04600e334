//! Composing messages: plain text and HTML with the same content, written for
//! the person receiving them. Composition happens when a message is queued.

use maud::{DOCTYPE, Markup, html};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::{EventDetails, Viewer};
use turnout_domain::language::Language;
use turnout_domain::outbox::{MessageKind, NewMessage};
use turnout_domain::reminders::ReminderOffset;
use turnout_domain::rsvp::RsvpStatus;
use turnout_domain::time::{date_time_label_in, parse_zone, range_label_in};

/// The lines every message about an event repeats: when, where, the link.
struct EventFacts {
    when: String,
    where_: Option<String>,
    url: String,
    /// The online link, when the event has a place as well (else it is `where_`).
    online: Option<String>,
    /// The page where the recipient changes or cancels their RSVP.
    manage_url: Option<String>,
}

fn facts(t: Tr, event: &EventDetails, base_url: &str) -> EventFacts {
    let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
    let where_ = event.venue.as_ref().map(|v| v.one_line());
    EventFacts {
        when: range_label_in(t.language(), event.starts_at, event.ends_at, zone),
        online: where_.as_ref().and(event.online_url.clone()),
        where_: where_.or_else(|| event.online_url.clone()),
        url: format!("{}/events/{}", base_url.trim_end_matches('/'), event.id),
        manage_url: None,
    }
}

/// The event's calendar entry for someone going (METHOD:PUBLISH).
fn calendar_entry(t: Tr, event: &EventDetails, base_url: &str) -> String {
    crate::ics::calendar(&event.title, [crate::ics::event(t, event, base_url, true)], Some("PUBLISH"))
}

/// An update or a cancellation of the entry: with ORGANIZER, which mail
/// programs want before they apply it.
fn organizer_calendar(t: Tr, event: &EventDetails, base_url: &str, mail_from: &str, method: &str) -> String {
    let entry = crate::ics::with_organizer(crate::ics::event(t, event, base_url, true), &event.chapter_name, mail_from);
    crate::ics::calendar(&event.title, [entry], Some(method))
}

fn page(t: Tr, title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(t.language().tag()) {
            head { meta charset="utf-8"; title { (title) } }
            body style="font-family: sans-serif; line-height: 1.5; max-width: 36em;" { (body) }
        }
    }
    .into_string()
}

fn text_facts(t: Tr, f: &EventFacts) -> String {
    let mut s = format!("{} {}\n", t.s("mail-when"), f.when);
    if let Some(w) = &f.where_ {
        s.push_str(&format!("{} {w}\n", t.s("mail-where")));
    }
    if let Some(o) = &f.online {
        s.push_str(&format!("{} {o}\n", t.s("mail-online")));
    }
    s.push_str(&format!("{} {}\n", t.s("mail-details"), f.url));
    if let Some(m) = &f.manage_url {
        s.push_str(&format!("{} {m}\n", t.s("mail-manage-text")));
    }
    s
}

fn html_facts(t: Tr, f: &EventFacts) -> Markup {
    html! {
        p { strong { (t.s("mail-when")) " " } (f.when) }
        @if let Some(w) = &f.where_ { p { strong { (t.s("mail-where")) " " } (w) } }
        @if let Some(o) = &f.online { p { strong { (t.s("mail-online")) " " } a href=(o) { (o) } } }
        p { a href=(f.url) { (t.s("mail-see-event")) } }
        @if let Some(m) = &f.manage_url { p { a href=(m) { (t.s("mail-manage-link")) } (t.s("mail-manage-rest")) } }
    }
}

/// Who an RSVP message is for: their RSVP, its manage link, and their place
/// in line when waitlisted.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub rsvp_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub manage_url: &'a str,
    pub waitlist_position: Option<u64>,
    /// People coming with them.
    pub guests: i32,
    /// Set when their place is held until they confirm by email.
    pub hold_until: Option<chrono::DateTime<chrono::Utc>>,
    /// The language their messages are written in.
    pub language: Language,
}

impl Recipient<'_> {
    fn tr(&self) -> Tr {
        Tr(self.language)
    }

    /// " with 2 guests (3 people)", or nothing for someone coming alone.
    fn party(&self) -> String {
        self.tr().f("mail-party", &[("guests", self.guests.into()), ("people", (self.guests + 1).into())])
    }

    /// The paragraph asking a guest to confirm a held place, or nothing.
    fn hold_note(&self, event: &EventDetails) -> String {
        let Some(until) = self.hold_until else { return String::new() };
        let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
        let until = date_time_label_in(self.language, until, zone);
        self.tr().f("mail-hold-note", &[("until", until.as_str().into())])
    }
}

/// The confirmation a guest gets after RSVPing.
pub fn rsvp_confirmation(event: &EventDetails, status: RsvpStatus, to: Recipient<'_>, base_url: &str) -> NewMessage {
    rsvp_status_message(event, status, to, base_url, "")
}

/// "You're in": a seat opened up and the waitlisted person has it now. One
/// per RSVP ever, by its key.
pub fn promoted(event: &EventDetails, to: Recipient<'_>, base_url: &str) -> NewMessage {
    let (shown, _) = event.for_viewer(Viewer { organizer: false, going: true }, chrono::Utc::now()).in_language(to.language);
    let event = &shown;
    let t = to.tr();
    let mut f = facts(t, event, base_url);
    f.manage_url = Some(to.manage_url.to_owned());
    let title = event.title.as_str();
    let subject = t.f("mail-promoted-subject", &[("event", title.into())]);
    let party = to.party();
    let lead =
        format!("{}{}", t.f("mail-promoted-lead", &[("event", title.into()), ("party", party.as_str().into())]), to.hold_note(event));
    let (body_text, body_html) = bodies(t, event, &f, &subject, &lead, to.name);
    NewMessage {
        dedupe_key: format!("promoted:{}", to.rsvp_id),
        kind: MessageKind::RsvpConfirmation,
        to_address: to.email.to_owned(),
        to_name: to.name.to_owned(),
        subject,
        body_text,
        body_html,
        ics: Some(calendar_entry(t, event, base_url)),
        unsubscribe_url: None,
        event_id: Some(event.id),
        sender_name: Some(event.chapter_name.clone()),
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}

fn rsvp_status_message(event: &EventDetails, status: RsvpStatus, to: Recipient<'_>, base_url: &str, note: &str) -> NewMessage {
    let (rsvp_id, name, email) = (to.rsvp_id, to.name, to.email);
    // The waitlist is not confirmed yet: a protected address stays hidden from it.
    let viewer = Viewer { organizer: false, going: status == RsvpStatus::Going };
    let (shown, _) = event.for_viewer(viewer, chrono::Utc::now()).in_language(to.language);
    let event = &shown;
    let t = to.tr();
    let mut f = facts(t, event, base_url);
    f.manage_url = Some(to.manage_url.to_owned());
    let title = event.title.as_str();
    let (subject_key, lead_key) = match status {
        RsvpStatus::Waitlisted => ("mail-waitlist-subject", "mail-waitlist-lead"),
        RsvpStatus::Maybe => ("mail-maybe-subject", "mail-maybe-lead"),
        RsvpStatus::CantGo => ("mail-cant-go-subject", "mail-cant-go-lead"),
        _ => ("mail-going-subject", "mail-going-lead"),
    };
    let party = to.party();
    let position = to.waitlist_position.unwrap_or(1);
    let subject = t.f(subject_key, &[("event", title.into())]);
    let lead = t.f(lead_key, &[("event", title.into()), ("party", party.as_str().into()), ("position", position.into())]);
    let lead = format!("{note}{lead}{}", to.hold_note(event));
    let (body_text, body_html) = bodies(t, event, &f, &subject, &lead, name);
    NewMessage {
        dedupe_key: format!("rsvp-confirmation:{rsvp_id}"),
        kind: MessageKind::RsvpConfirmation,
        to_address: email.to_owned(),
        to_name: name.to_owned(),
        subject,
        body_text,
        body_html,
        ics: (status == RsvpStatus::Going).then(|| calendar_entry(t, event, base_url)),
        unsubscribe_url: None,
        event_id: Some(event.id),
        sender_name: Some(event.chapter_name.clone()),
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}

/// Answers an RSVP from an address that already has one for the event: the
/// page said only "check your email", so the owner of the address learns here
/// where they stand, and nobody else learns anything.
pub fn rsvp_reminder_of_existing(
    event: &EventDetails,
    status: RsvpStatus,
    to: Recipient<'_>,
    base_url: &str,
    asked_at: chrono::DateTime<chrono::Utc>,
) -> NewMessage {
    let (rsvp_id, t) = (to.rsvp_id, to.tr());
    let mut m = rsvp_status_message(event, status, to, base_url, &t.s("mail-repeat-note"));
    // One an hour at most, however often the form is sent.
    m.dedupe_key = format!("rsvp-repeat:{rsvp_id}:{}", asked_at.timestamp() / 3600);
    m.subject = t.f("mail-repeat-subject", &[("event", event.title.as_str().into())]);
    m
}

/// The text and HTML bodies of a message about an event: greeting, lead, facts, signature.
fn bodies(t: Tr, event: &EventDetails, f: &EventFacts, subject: &str, lead: &str, name: &str) -> (String, String) {
    let hello = t.f("mail-hello", &[("name", name.into())]);
    let agenda_text: String = agenda_lines(t, event).iter().map(|l| format!("  {l}\n")).collect();
    let agenda_text = if agenda_text.is_empty() { String::new() } else { format!("{}\n{agenda_text}\n", t.s("mail-agenda")) };
    let text = format!("{hello}\n\n{lead}\n\n{}\n{agenda_text}— {}\n", text_facts(t, f), event.chapter_name);
    let agenda = agenda_lines(t, event);
    let html = page(
        t,
        subject,
        html! {
            p { (hello) }
            p { (lead) }
            (html_facts(t, f))
            @if !agenda.is_empty() { p { strong { (t.s("mail-agenda")) } } ul { @for l in &agenda { li { (l) } } } }
            p { "— " (event.chapter_name) }
        },
    );
    (text, html)
}

/// The programme of the evening, one line per item: "19:15 Welcome".
fn agenda_lines(t: Tr, event: &EventDetails) -> Vec<String> {
    let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
    event
        .agenda
        .iter()
        .map(|a| format!("{} {}", turnout_domain::time::short_time_label_in(t.language(), a.starts_at, zone), a.title))
        .collect()
}

/// The de-duplication key of one reminder: per RSVP, moment and start (an
/// event that moves gets its reminders anew).
pub fn reminder_key(rsvp_id: i64, offset: ReminderOffset, starts_at: chrono::DateTime<chrono::Utc>) -> String {
    format!("reminder:{rsvp_id}:{}:{}", offset.key(), starts_at.timestamp())
}

/// Who a reminder or a change notice is for.
#[derive(Debug, Clone, Copy)]
pub struct Reminded<'a> {
    pub rsvp_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    /// The language their messages are written in.
    pub language: Language,
}

/// A reminder before the event, worded by the real lead time at `now` (when
/// it is queued): "starts today at 7pm EST". It carries the online link when
/// there is one, the calendar entry and the manage link.
pub fn reminder(
    event: &EventDetails,
    offset: ReminderOffset,
    to: Reminded<'_>,
    base_url: &str,
    manage_url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> NewMessage {
    // Only people going (or maybe) are reminded: they may see a protected address.
    let (shown, _) = event.for_viewer(Viewer { organizer: false, going: true }, now).in_language(to.language);
    let event = &shown;
    let zone = parse_zone(&event.time_zone).unwrap_or(chrono_tz::UTC);
    let t = Tr(to.language);
    let when = turnout_domain::reminders::lead_phrase_in(to.language, event.starts_at, zone, now);
    let mut f = facts(t, event, base_url);
    f.manage_url = Some(manage_url.to_owned());
    let args = [("event", event.title.as_str().into()), ("when", when.as_str().into())];
    let subject = t.f("mail-reminder-subject", &args);
    let lead = t.f("mail-reminder-lead", &args);
    let (body_text, body_html) = bodies(t, event, &f, &subject, &lead, to.name);
    NewMessage {
        dedupe_key: reminder_key(to.rsvp_id, offset, event.starts_at),
        kind: MessageKind::Reminder,
        to_address: to.email.to_owned(),
        to_name: to.name.to_owned(),
        subject,
        body_text,
        body_html,
        ics: Some(calendar_entry(t, event, base_url)),
        unsubscribe_url: None,
        event_id: Some(event.id),
        sender_name: Some(event.chapter_name.clone()),
        reply_to: None,
        rsvp_id: Some(to.rsvp_id),
        not_after: Some(event.starts_at),
    }
}

/// "Changed: …": what moved (old → new) for someone going or waitlisted,
/// with the updated calendar entry (same UID, higher SEQUENCE, ORGANIZER so
/// mail programs apply it). `key` names the notice, so a repeat sweep
/// queues it once.
#[allow(clippy::too_many_arguments)]
pub fn change_notice(
    event: &EventDetails,
    changes: &[turnout_domain::changes::Change],
    to: Reminded<'_>,
    status: RsvpStatus,
    base_url: &str,
    manage_url: &str,
    mail_from: &str,
    key: &str,
) -> NewMessage {
    let viewer = Viewer { organizer: false, going: status == RsvpStatus::Going };
    let t = Tr(to.language);
    let address_hidden = !event.address_visible(viewer, chrono::Utc::now());
    let (shown, _) = event.for_viewer(viewer, chrono::Utc::now()).in_language(to.language);
    let event = &shown;
    let lines: Vec<(String, String, String)> = changes
        .iter()
        .map(|c| {
            if c.what == "Where" && address_hidden {
                // The waitlist does not see a protected street address, old or new.
                let new = event
                    .venue
                    .as_ref()
                    .map(|v| t.f("change-address-hidden", &[("name", v.name.as_str().into()), ("city", v.city.as_str().into())]));
                (c.label.clone(), t.s("change-as-before"), new.unwrap_or_else(|| t.s("change-none")))
            } else {
                (c.label.clone(), c.old.clone(), c.new.clone())
            }
        })
        .collect();
    let mut f = facts(t, event, base_url);
    f.manage_url = Some(manage_url.to_owned());
    let title = event.title.as_str();
    let subject = t.f("mail-change-subject", &[("event", title.into())]);
    let lead = t.f("mail-change-lead", &[("event", title.into())]);
    let hello = t.f("mail-hello", &[("name", to.name.into())]);
    let replaces = t.s("mail-change-calendar");
    let list_text: String = lines.iter().map(|(w, o, n)| format!("{w}: {o} → {n}\n")).collect();
    let text = format!("{hello}\n\n{lead}\n\n{list_text}\n{replaces}\n\n{}\n— {}\n", text_facts(t, &f), event.chapter_name);
    let html = page(
        t,
        &subject,
        html! {
            p { (hello) }
            p { (lead) }
            ul { @for (w, o, n) in &lines { li { strong { (w) ": " } del { (o) } " → " ins { (n) } } } }
            p { (replaces) }
            (html_facts(t, &f))
            p { "— " (event.chapter_name) }
        },
    );
    NewMessage {
        dedupe_key: key.to_owned(),
        kind: MessageKind::ChangeNotice,
        to_address: to.email.to_owned(),
        to_name: to.name.to_owned(),
        subject,
        body_text: text,
        body_html: html,
        ics: Some(organizer_calendar(t, event, base_url, mail_from, "PUBLISH")),
        unsubscribe_url: None,
        event_id: Some(event.id),
        sender_name: Some(event.chapter_name.clone()),
        reply_to: None,
        rsvp_id: Some(to.rsvp_id),
        not_after: Some(event.starts_at),
    }
}

/// One recipient's copy of an announcement. The organizer's Markdown is the
/// text part as written (it reads well as it is) and, rendered and
/// sanitized by the caller (`safe_html`), the HTML part. `about` is the event
/// it is about, if any; `why` says why this person gets it.
pub struct Announcement<'a> {
    pub key: String,
    pub subject: &'a str,
    pub markdown: &'a str,
    pub safe_html: &'a str,
    pub sender: &'a str,
    pub about: Option<&'a EventDetails>,
    pub why: &'a str,
}

/// Written in `t`, the recipient's language: the greeting and the event's
/// facts; the organizer's subject and message stay as they wrote them.
pub fn announcement(t: Tr, a: &Announcement<'_>, name: &str, email: &str, base_url: &str) -> NewMessage {
    let f = a.about.map(|e| facts(t, e, base_url));
    let hello = t.f("mail-hello", &[("name", name.into())]);
    let text = format!(
        "{hello}\n\n{}\n\n{}— {}\n\n{}\n",
        a.markdown,
        f.as_ref().map(|f| text_facts(t, f)).map(|t| format!("{t}\n")).unwrap_or_default(),
        a.sender,
        a.why
    );
    let html = page(
        t,
        a.subject,
        html! {
            p { (hello) }
            (maud::PreEscaped(a.safe_html))
            @if let Some(f) = &f { (html_facts(t, f)) }
            p { "— " (a.sender) }
            p { small { (a.why) } }
        },
    );
    NewMessage {
        dedupe_key: a.key.clone(),
        kind: MessageKind::Announcement,
        to_address: email.to_owned(),
        to_name: name.to_owned(),
        subject: a.subject.to_owned(),
        body_text: text,
        body_html: html,
        ics: None,
        unsubscribe_url: None,
        event_id: a.about.map(|e| e.id),
        sender_name: Some(a.sender.to_owned()),
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}

/// The weekly digest: what is new or changed since last week among a
/// member's chapters' upcoming events, then the rest still coming up.
pub fn digest(
    t: Tr,
    key: &str,
    name: &str,
    email: &str,
    new: &[turnout_domain::event::EventSummary],
    rest: &[turnout_domain::event::EventSummary],
    base_url: &str,
) -> NewMessage {
    let base = base_url.trim_end_matches('/');
    let line = |e: &turnout_domain::event::EventSummary| {
        let zone = parse_zone(&e.time_zone).unwrap_or(chrono_tz::UTC);
        let cancelled = if e.status == turnout_domain::event::EventStatus::Cancelled { t.s("list-cancelled") } else { String::new() };
        (
            format!("{cancelled}{}", e.title),
            format!("{} · {}", date_time_label_in(t.language(), e.starts_at, zone), e.chapter_name),
            format!("{base}/events/{}", e.id),
        )
    };
    let (new, rest): (Vec<_>, Vec<_>) = (new.iter().map(line).collect(), rest.iter().map(line).collect());
    let subject = t.f("digest-subject", &[("count", new.len().into())]);
    let (hello, new_heading, also, why) =
        (t.f("mail-hello", &[("name", name.into())]), t.s("digest-new"), t.s("digest-also"), t.s("digest-why"));
    let mut text = format!("{hello}\n\n{new_heading}:\n\n");
    for (title, when, url) in &new {
        text.push_str(&format!("* {title}\n  {when}\n  {url}\n\n"));
    }
    if !rest.is_empty() {
        text.push_str(&format!("{also}:\n\n"));
        for (title, when, url) in &rest {
            text.push_str(&format!("* {title}\n  {when}\n  {url}\n\n"));
        }
    }
    text.push_str(&format!("{why}\n"));
    let html = page(
        t,
        &subject,
        html! {
            p { (hello) }
            h2 { (new_heading) }
            ul { @for (title, when, url) in &new { li { a href=(url) { (title) } br; (when) } } }
            @if !rest.is_empty() {
                h2 { (also) }
                ul { @for (title, when, url) in &rest { li { a href=(url) { (title) } br; (when) } } }
            }
            p { small { (why) } }
        },
    );
    NewMessage {
        dedupe_key: key.to_owned(),
        kind: MessageKind::Digest,
        to_address: email.to_owned(),
        to_name: name.to_owned(),
        subject,
        body_text: text,
        body_html: html,
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        sender_name: None,
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}

/// A message about someone's account: a link to confirm an address or reset
/// a password, or a note that someone tried to register with their address.
pub fn account_message(
    dedupe_key: String,
    name: &str,
    email: &str,
    subject: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
) -> NewMessage {
    account_message_in(Tr::default(), dedupe_key, name, email, subject, paragraphs, link)
}

/// The same in a language: the greeting and signature are `t`'s, the
/// subject, paragraphs and link label the caller's (in the same language).
pub fn account_message_in(
    t: Tr,
    dedupe_key: String,
    name: &str,
    email: &str,
    subject: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
) -> NewMessage {
    let hello = t.f("mail-hello", &[("name", name.into())]);
    let mut body_text = format!("{hello}\n\n");
    for p in paragraphs {
        body_text.push_str(p);
        body_text.push_str("\n\n");
    }
    if let Some((label, url)) = link {
        body_text.push_str(&format!("{label}: {url}\n\n"));
    }
    body_text.push_str(&format!("— {}\n", t.s("site-name")));
    let body_html = page(
        t,
        subject,
        html! {
            p { (hello) }
            @for p in paragraphs { p { (p) } }
            @if let Some((label, url)) = link { p { a href=(url) { (label) } } p { small { (url) } } }
            p { "— " (t.s("site-name")) }
        },
    );
    NewMessage {
        dedupe_key,
        kind: MessageKind::Account,
        to_address: email.to_owned(),
        to_name: name.to_owned(),
        subject: subject.to_owned(),
        body_text,
        body_html,
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        sender_name: None,
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}

/// A visitor's message to a chapter, delivered to its public contact address,
/// in `t`, the chapter's language. The visitor's address is in the text, for
/// the organizers to answer.
pub fn contact_message(
    t: Tr,
    chapter_name: &str,
    chapter_email: &str,
    from_name: &str,
    from_email: &str,
    message: &str,
    key: String,
) -> NewMessage {
    let subject = t.f("chap-mail-contact-subject", &[("chapter", chapter_name.into()), ("name", from_name.into())]);
    let from = format!("{from_name} <{from_email}>");
    let wrote = |from: &str| t.f("chap-mail-contact-wrote", &[("from", from.into()), ("chapter", chapter_name.into())]);
    let reply = t.f("chap-mail-contact-reply", &[("email", from_email.into())]);
    let body_text = format!("{}\n\n{message}\n\n{reply}\n", wrote(&from));
    // In HTML the visitor's address is a link: a marker stands in for the sender.
    let marked = wrote("\u{1}");
    let (before, after) = marked.split_once('\u{1}').unwrap_or((&marked, ""));
    let body_html = page(
        t,
        &subject,
        html! {
            p { (before) (from_name) " <" a href={ "mailto:" (from_email) } { (from_email) } ">" (after) }
            blockquote style="white-space: pre-wrap;" { (message) }
            p { (reply) }
        },
    );
    NewMessage {
        dedupe_key: key,
        kind: MessageKind::Account,
        to_address: chapter_email.to_owned(),
        to_name: chapter_name.to_owned(),
        subject,
        body_text,
        body_html,
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        sender_name: None,
        // "Reply" in the chapter's mail program answers the visitor.
        reply_to: Some(
            from_email
                .parse::<lettre::Address>()
                .map(|a| lettre::message::Mailbox::new(Some(from_name.to_owned()), a).to_string())
                .unwrap_or_else(|_| from_email.to_owned()),
        ),
        rsvp_id: None,
        not_after: None,
    }
}

/// Tells someone who RSVP'd that the event is cancelled, and why. Only
/// people who were going see a protected street address in it.
/// `mail_from` is the site's sending address: the calendar's ORGANIZER, so
/// mail programs apply the CANCEL.
pub fn cancellation(event: &EventDetails, to: Reminded<'_>, status: RsvpStatus, base_url: &str, mail_from: &str) -> NewMessage {
    let (rsvp_id, name, email, language) = (to.rsvp_id, to.name, to.email, to.language);
    let (shown, _) =
        event.for_viewer(Viewer { organizer: false, going: status == RsvpStatus::Going }, chrono::Utc::now()).in_language(to.language);
    let event = &shown;
    let t = Tr(language);
    let f = facts(t, event, base_url);
    let title = event.title.as_str();
    let subject = t.f("mail-cancelled-subject", &[("event", title.into())]);
    let reason = event.cancel_reason.clone().unwrap_or_default();
    let lead = format!("{} {reason}", t.f("mail-cancelled-lead", &[("event", title.into())]));
    let (body_text, body_html) = bodies(t, event, &f, &subject, lead.trim(), name);
    NewMessage {
        dedupe_key: format!("cancellation:{rsvp_id}:{}", event.sequence),
        kind: MessageKind::Cancellation,
        to_address: email.to_owned(),
        to_name: name.to_owned(),
        subject,
        body_text,
        body_html,
        ics: Some(organizer_calendar(t, event, base_url, mail_from, "CANCEL")),
        unsubscribe_url: None,
        event_id: Some(event.id),
        sender_name: Some(event.chapter_name.clone()),
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}

/// After someone changed their answer or their guests: where they stand now,
/// with the calendar entry when going. One per change.
pub fn rsvp_changed(
    event: &EventDetails,
    status: RsvpStatus,
    to: Recipient<'_>,
    base_url: &str,
    changed_at: chrono::DateTime<chrono::Utc>,
) -> NewMessage {
    let (rsvp_id, t) = (to.rsvp_id, to.tr());
    let mut m = rsvp_status_message(event, status, to, base_url, &t.s("mail-changed-note"));
    m.dedupe_key = format!("rsvp-change:{rsvp_id}:{}", changed_at.timestamp_micros());
    m.subject = t.f("mail-changed-subject", &[("subject", m.subject.as_str().into())]);
    m
}

/// A guest did not confirm their held place in time: it went to the next in line.
pub fn hold_released(event: &EventDetails, to: Recipient<'_>, base_url: &str) -> NewMessage {
    let t = to.tr();
    let (event, _) = event.in_language(to.language);
    let event = &event;
    let f = facts(t, &event.for_viewer(Viewer::default(), chrono::Utc::now()), base_url);
    let title = event.title.as_str();
    let subject = t.f("mail-released-subject", &[("event", title.into())]);
    let lead = t.f("mail-released-lead", &[("event", title.into())]);
    let (body_text, body_html) = bodies(t, event, &f, &subject, &lead, to.name);
    NewMessage {
        dedupe_key: format!("hold-released:{}", to.rsvp_id),
        kind: MessageKind::RsvpConfirmation,
        to_address: to.email.to_owned(),
        to_name: to.name.to_owned(),
        subject,
        body_text,
        body_html,
        ics: None,
        unsubscribe_url: None,
        event_id: Some(event.id),
        sender_name: Some(event.chapter_name.clone()),
        reply_to: None,
        rsvp_id: None,
        not_after: None,
    }
}
