//! Reminders organizers choose, across a change of the clocks, and what
//! happens when a published event moves: reminders re-planned for the new
//! time (none at the old one), and one change notice per person however many
//! saves the organizer makes within 10 minutes. Over real HTTP with a real
//! SMTP server and a driven clock for the worker, on SQLite and PostgreSQL.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use reqwest::StatusCode;
use turnout_domain::policy::Role;
use turnout_persistence::outbox;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::chapter;
use turnout_tests::ical;
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::smtp::{Received, attached_calendar};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(day_reminders_keep_the_local_time_when_the_clocks_go_back, a_moved_event_replans_reminders_and_tells_each_person_once);

const NY: chrono_tz::Tz = chrono_tz::America::New_York;

/// The organizer's event form: a forum on `day` from `from` to `to` (local
/// New York times), at `venue`, with extra fields (reminder boxes).
fn form(day: NaiveDate, from: &str, to: &str, venue: &str, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("kind", "public_forum".to_owned()),
        ("title", "Rent, wages; and \"power\"".to_owned()),
        ("summary", "A forum on the rent.".to_owned()),
        ("description", String::new()),
        ("starts_at", format!("{day}T{from}")),
        ("ends_at", format!("{day}T{to}")),
        ("time_zone", "America/New_York".to_owned()),
        ("venue_name", venue.to_owned()),
        ("venue_street_address", "12 Labor Way".to_owned()),
        ("venue_city", "Queens, NY".to_owned()),
        ("capacity", "2".to_owned()),
        ("guests_allowed", "0".to_owned()),
        ("visibility", "public".to_owned()),
        ("action", "publish".to_owned()),
    ];
    f.extend(extra.iter().map(|(k, v)| (*k, (*v).to_owned())));
    f
}

async fn organizer(app: &TestApp) -> Visitor {
    chapter(&app.running.db, "queens", "Queens Branch", None).await;
    account(app, "org@example.org", "Olga Organizer", false).await;
    grant(app, "org@example.org", "queens", Role::Organizer).await;
    logged_in(app, "org@example.org").await
}

async fn save(org: &Visitor, page: &str, action: &str, fields: &[(&'static str, String)]) -> reqwest::Response {
    let all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    org.submit(page, action, &all).await
}

async fn guest(app: &TestApp, event: i64, name: &str, email: &str, from: &str) {
    let v = Visitor::from_address(app, from);
    let page = format!("/events/{event}");
    let res = v.submit(&page, &format!("{page}/rsvp"), &[("name", name), ("email", email)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{email} RSVPs");
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

/// Every message since `seen`, waiting until there are `n` in all.
async fn arrived(smtp: &SmtpServer, n: usize) -> Vec<Received> {
    let got = smtp.wait_for(n, Duration::from_secs(20)).await;
    assert_eq!(got.len(), n, "{:?}", got.iter().map(|m| (&m.rcpt_to, &m.subject)).collect::<Vec<_>>());
    got
}

async fn day_reminders_keep_the_local_time_when_the_clocks_go_back(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let org = organizer(&app).await;
    // Sunday 7 November 2027, 7pm: the clocks go back at 2am that morning.
    let day = NaiveDate::from_ymd_opt(2027, 11, 7).unwrap();
    let boxes = [
        ("reminders_listed", "1"),
        ("remind_day_before", "on"),
        ("remind_120m", "on"),
        ("remind_30m", "on"),
        ("online_url", "https://meet.example/rent-forum"),
    ];
    let created =
        save(&org, "/chapters/queens/events/new", "/chapters/queens/events", &form(day, "19:00", "21:00", "Union Hall", &boxes)).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let event: i64 = created.headers()["location"].to_str().unwrap().trim_start_matches("/events/").parse().unwrap();
    // The form shows what was chosen.
    let (_, edit) = org.get(&format!("/events/{event}/edit")).await;
    for (name, ticked) in [("remind_week_before", false), ("remind_day_before", true), ("remind_morning_of", false), ("remind_30m", true)] {
        let tag = edit.split(&format!("id=\"{name}\"")).nth(1).and_then(|rest| rest.split('>').next()).expect("the box");
        assert_eq!(tag.contains("checked"), ticked, "{name}");
    }

    // An edit from a form without the reminder boxes keeps the reminders chosen.
    let edit_page = format!("/events/{event}/edit");
    let same = form(day, "19:00", "21:00", "Union Hall", &[("online_url", "https://meet.example/rent-forum")]);
    assert_eq!(save(&org, &edit_page, &edit_page, &same).await.status(), StatusCode::SEE_OTHER);
    let kept = turnout_persistence::events::details(&app.running.db, event).await.unwrap().unwrap().rsvp_options.reminders;
    assert_eq!(kept.to_column(), "day-before,120m,30m", "not put back to the defaults");

    guest(&app, event, "Rosa Parks", "rosa@example.org", "127.0.0.2").await;
    app.tick(Utc::now()).await;
    arrived(&smtp, 1).await;

    // The day before at 7pm EDT (23:00 UTC), not 24 hours before (midnight UTC).
    assert_eq!(app.tick(at(2027, 11, 6, 22, 59)).await.reminders_queued, 0, "not before 7pm EDT the day before");
    assert_eq!(app.tick(at(2027, 11, 6, 23, 0)).await.reminders_queued, 1, "the day before at 7pm EDT");
    assert_eq!(app.tick(at(2027, 11, 7, 0, 0)).await.reminders_queued, 0, "and not again 24 hours before");
    // Two hours before: 5pm EST is 22:00 UTC.
    assert_eq!(app.tick(at(2027, 11, 7, 21, 59)).await.reminders_queued, 0);
    assert_eq!(app.tick(at(2027, 11, 7, 22, 0)).await.reminders_queued, 1, "2 hours before, 5pm EST");
    // Half an hour before: the third, 90 minutes after the second.
    assert_eq!(app.tick(at(2027, 11, 7, 23, 30)).await.reminders_queued, 1, "30 minutes before");
    assert_eq!(app.tick(at(2027, 11, 7, 23, 45)).await.reminders_queued, 0);
    assert_eq!(app.tick(at(2027, 11, 8, 0, 1)).await.reminders_queued, 0, "none after the start");

    let mail = arrived(&smtp, 4).await;
    let subjects: Vec<&str> = mail[1..].iter().map(|m| m.subject.as_str()).collect();
    let title = "Rent, wages; and \"power\"";
    assert_eq!(
        subjects,
        [
            format!("Reminder: {title} starts tomorrow at 7pm EST"),
            format!("Reminder: {title} starts today at 7pm EST"),
            format!("Reminder: {title} starts today at 7pm EST"),
        ]
    );
    for m in &mail[1..] {
        assert_eq!(m.rcpt_to, "rosa@example.org");
        assert!(m.header("Content-Type").starts_with("multipart/"), "text and HTML, with the calendar");
        let text = m.decoded();
        assert!(text.contains("Can't come any more?") && text.contains("/rsvps/manage/"), "the manage link");
        assert!(text.contains("Online: https://meet.example/rent-forum"), "the online link beside the place");
        assert!(m.header("List-Unsubscribe").contains("category=reminders"));
        let (method, events) = ical::parse(&attached_calendar(&m.raw).expect("the calendar entry"));
        assert_eq!(method, "PUBLISH");
        assert_eq!(events[0].start, at(2027, 11, 8, 0, 0).timestamp(), "7pm EST");
        assert_eq!(events[0].summary, title);
    }
    let sent: Vec<DateTime<Utc>> =
        outbox::all(&app.running.db).await.unwrap().iter().filter(|r| r.kind == "reminder").map(|r| r.created_at).collect();
    assert_eq!(sent, [at(2027, 11, 6, 23, 0), at(2027, 11, 7, 22, 0), at(2027, 11, 7, 23, 30)], "queued at their moments");
    app.stop().await;
}

async fn a_moved_event_replans_reminders_and_tells_each_person_once(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let org = organizer(&app).await;
    let day = (Utc::now() + chrono::Duration::days(6)).with_timezone(&NY).date_naive();
    let old_start = turnout_domain::time::local_to_utc(day.and_hms_opt(19, 0, 0).unwrap(), NY).unwrap();
    let new_start = old_start + chrono::Duration::hours(1);
    // Default reminders: a form without the reminder boxes keeps them.
    let created =
        save(&org, "/chapters/queens/events/new", "/chapters/queens/events", &form(day, "19:00", "21:00", "Union Hall", &[])).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let event: i64 = created.headers()["location"].to_str().unwrap().trim_start_matches("/events/").parse().unwrap();
    guest(&app, event, "Ann", "ann@example.org", "127.0.0.2").await;
    guest(&app, event, "Ben", "ben@example.org", "127.0.0.3").await;
    guest(&app, event, "Cleo", "cleo@example.org", "127.0.0.4").await;
    app.tick(Utc::now()).await;
    let confirmations = arrived(&smtp, 3).await;
    assert!(confirmations.iter().any(|m| m.rcpt_to == "cleo@example.org" && m.subject.contains("waitlist")));
    let confirmed_sequence =
        ical::parse(&attached_calendar(&confirmations.iter().find(|m| m.rcpt_to == "ann@example.org").unwrap().raw).unwrap()).1[0].sequence;

    // The day-before reminders are planned (queued, not yet sent) for the old time.
    let links = app.running.state.site_links();
    assert_eq!(turnout_notifications::plan_reminders(&app.running.db, old_start - chrono::Duration::hours(24), &links).await.unwrap(), 2);

    // Four saves within a few seconds: later, another hall, later still, then back to an hour later.
    let edit = format!("/events/{event}/edit");
    let saved_at = Utc::now();
    for (from, to, venue) in [
        ("20:00", "22:00", "Union Hall"),
        ("20:00", "22:00", "Union Hall Annex"),
        ("20:30", "22:30", "Union Hall Annex"),
        ("20:00", "22:00", "Union Hall Annex"),
    ] {
        assert_eq!(save(&org, &edit, &edit, &form(day, from, to, venue, &[])).await.status(), StatusCode::SEE_OTHER);
    }

    // The organizer's timeline shows the notice waiting and the reminders planned for the new time.
    let (status, timeline) = org.get(&format!("/events/{event}/timeline")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        timeline.contains("A notice saying what changed goes at") && timeline.contains("to 3 people going or on the waitlist"),
        "{timeline}"
    );
    let day_before_row = timeline.split("1 day before, at the same local time").nth(1).expect("the day-before row");
    assert!(day_before_row.starts_with("</td><td>2 people</td><td>Planned"), "{day_before_row}");
    assert!(timeline.contains(&turnout_domain::time::date_time_label(new_start - chrono::Duration::hours(2), NY)), "at the new time");

    // Nothing while the edits are gathered; one notice per person going or waitlisted after 10 minutes.
    assert_eq!(app.tick(saved_at + chrono::Duration::minutes(5)).await.notices_queued, 0, "gathering edits");
    let report = app.tick(saved_at + chrono::Duration::minutes(11)).await;
    assert_eq!(report.notices_queued, 3, "{report:?}");
    assert_eq!(app.tick(saved_at + chrono::Duration::minutes(12)).await.notices_queued, 0, "once");
    let mail = arrived(&smtp, 6).await;
    let notices: Vec<&Received> = mail.iter().filter(|m| m.subject.starts_with("Changed:")).collect();
    let mut to: Vec<&str> = notices.iter().map(|m| m.rcpt_to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["ann@example.org", "ben@example.org", "cleo@example.org"], "going and waitlisted, one each");
    for m in &notices {
        let text = m.decoded();
        assert!(text.contains("When: "), "{text}");
        assert!(text.contains("7pm to 9pm EST → ") && text.contains(", 8pm to 10pm EST"), "old → final time: {text}");
        assert!(text.contains("Where: Union Hall, 12 Labor Way, Queens, NY → Union Hall Annex, 12 Labor Way, Queens, NY"), "{text}");
        assert!(!text.contains("8:30pm"), "an intermediate save is not told: {text}");
        assert!(m.header("List-Unsubscribe").contains("category=changes"));
        let (method, events) = ical::parse(&attached_calendar(&m.raw).expect("the updated calendar entry"));
        assert_eq!(method, "PUBLISH");
        assert_eq!(events[0].start, new_start.timestamp());
        assert!(events[0].sequence > confirmed_sequence, "a higher SEQUENCE replaces the entry");
        assert!(events[0].organizer.starts_with("mailto:"), "ORGANIZER, so mail programs apply it");
        assert!(events[0].location.contains("Union Hall Annex"));
    }

    // The old day-before moment: the reminder planned for it is withdrawn, not sent.
    let old_day_before = app.tick(old_start - chrono::Duration::hours(24) + chrono::Duration::minutes(1)).await;
    assert_eq!((old_day_before.reminders_queued, old_day_before.delivered), (0, 0), "nothing at the old time");
    let withdrawn = outbox::all(&app.running.db).await.unwrap().into_iter().filter(|r| r.status == "withdrawn").count();
    assert_eq!(withdrawn, 2, "the reminders for the old time");
    let (_, timeline) = org.get(&format!("/events/{event}/timeline")).await;
    assert!(timeline.contains("Not sent: withdrawn: the event moved since the reminder was planned"), "{timeline}");
    assert!(timeline.contains("Change notices</td><td>3</td><td>Sent"), "{timeline}");
    // The new moments: one each.
    assert_eq!(app.tick(new_start - chrono::Duration::hours(24)).await.reminders_queued, 2);
    assert_eq!(app.tick(old_start - chrono::Duration::hours(2)).await.reminders_queued, 0, "not at the old time");
    assert_eq!(app.tick(new_start - chrono::Duration::hours(2)).await.reminders_queued, 2);
    let mail = arrived(&smtp, 10).await;
    let reminders: Vec<&Received> = mail.iter().filter(|m| m.subject.starts_with("Reminder:")).collect();
    assert_eq!(reminders.len(), 4);
    assert!(reminders.iter().all(|m| m.subject.ends_with("at 8pm EST") || m.subject.ends_with("at 8pm EDT")), "the new time");
    assert!(reminders.iter().all(|m| m.rcpt_to != "cleo@example.org"), "the waitlist gets no reminders");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.count(), 10, "nothing more");
    // Every message of the event, whatever its kind: text and HTML alternatives, the text readable alone.
    for m in &mail {
        assert!(m.raw.contains("Content-Type: multipart/alternative"), "{}: alternatives", m.subject);
        let text = m.decoded();
        assert!(text.contains("Content-Type: text/plain") && text.contains("Hello "), "{}: a text part that greets", m.subject);
        assert!(text.contains(&format!("/events/{event}")), "{}: the event's address in it", m.subject);
    }
    app.stop().await;
}
