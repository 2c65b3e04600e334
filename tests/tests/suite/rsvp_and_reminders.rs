//! The vertical slice, end to end: an RSVP posted over HTTP becomes exactly
//! one confirmation at a real SMTP server; reminders go out exactly once at the
//! right time; invalid input writes and sends nothing. On SQLite and PostgreSQL.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use turnout_persistence::outbox;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    rsvp_sends_exactly_one_confirmation,
    reminders_go_out_once_two_hours_before,
    day_before_then_two_hours_before,
    invalid_rsvps_write_and_send_nothing,
    last_seats_are_never_oversold,
);

/// Makes sure nothing more arrives: waits, sweeps once more, and reads again.
async fn settle(app: &TestApp, smtp: &SmtpServer) -> Vec<turnout_tests::smtp::Received> {
    tokio::time::sleep(Duration::from_millis(800)).await;
    app.tick(Utc::now()).await;
    smtp.messages()
}

async fn rsvp_sends_exactly_one_confirmation(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    let event_id = chapter_with_event(&app.running.db, EventSpec::public("Tenant Power Forum", days_from_now(3))).await;

    let res = app.rsvp(event_id, "Rosa Parks", "rosa@example.org").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("Check your email"), "a guest's page says where the details went, not their status");

    // The running worker delivers it without anyone ticking by hand.
    let got = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(got.len(), 1, "one confirmation arrives");
    let got = settle(&app, &smtp).await;
    assert_eq!(got.len(), 1, "and only one: {:?}", got.iter().map(|m| &m.subject).collect::<Vec<_>>());
    assert_eq!(got[0].rcpt_to, "rosa@example.org");
    assert!(got[0].to.contains("rosa@example.org"));
    assert!(got[0].subject.contains("Tenant Power Forum"), "subject: {}", got[0].subject);
    assert!(got[0].raw.contains("Content-Type: text/html"), "has an HTML part");
    assert!(got[0].raw.contains("Content-Type: text/plain"), "has a text part");

    // RSVPing again with the same address makes no second RSVP and no second
    // confirmation: the owner is told that their RSVP stands (once the
    // confirmation is no longer minutes old: see the test of five at once).
    turnout_tests::fixtures::age_rsvps(&app.running.db, event_id).await;
    let again = app.rsvp(event_id, "Rosa Parks", "ROSA@example.org").await;
    assert_eq!(again.status(), StatusCode::OK);
    // The worker may hold it mid-delivery when a tick runs, so wait for it first.
    smtp.wait_for(2, Duration::from_secs(20)).await;
    let got = settle(&app, &smtp).await;
    assert_eq!(got.len(), 2);
    assert!(got[1].subject.contains("Your RSVP stands"), "{}", got[1].subject);
    assert_eq!(got.iter().filter(|m| m.subject.starts_with("You're going")).count(), 1);
    app.stop().await;
}

async fn rsvp(app: &TestApp, event_id: i64, name: &str, email: &str) {
    let res = app.rsvp(event_id, name, email).await;
    assert_eq!(res.status(), StatusCode::OK, "RSVP for {email}");
}

async fn reminders_go_out_once_two_hours_before(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let start = days_from_now(3);
    let event_id = chapter_with_event(&app.running.db, EventSpec { capacity: Some(2), ..EventSpec::public("Branch Meeting", start) }).await;
    rsvp(&app, event_id, "Ann", "ann@example.org").await;
    rsvp(&app, event_id, "Ben", "ben@example.org").await;
    rsvp(&app, event_id, "Cleo", "cleo@example.org").await; // third for two seats: waitlisted

    assert_eq!(app.tick(Utc::now()).await.delivered, 3, "three confirmations");
    let confirmations = smtp.wait_for(3, Duration::from_secs(10)).await;
    assert_eq!(confirmations.len(), 3);
    assert!(confirmations.iter().any(|m| m.rcpt_to == "cleo@example.org" && m.subject.contains("waitlist")));

    let two_hours_before = start - chrono::Duration::hours(2);
    let report = app.tick(two_hours_before).await;
    assert_eq!(report.reminders_queued, 2);
    let got = smtp.wait_for(5, Duration::from_secs(10)).await;
    let reminders: Vec<_> = got.iter().filter(|m| m.subject.starts_with("Reminder")).collect();
    assert_eq!(reminders.len(), 2, "one reminder per going RSVP");
    let mut to: Vec<&str> = reminders.iter().map(|m| m.rcpt_to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["ann@example.org", "ben@example.org"], "the waitlisted guest gets none");
    // Worded by the real lead time, in the event's zone: "starts today at 7pm EST".
    let when = turnout_domain::reminders::lead_phrase(start, chrono_tz::America::New_York, two_hours_before);
    assert!(reminders.iter().all(|m| m.subject == format!("Reminder: Branch Meeting starts {when}")), "{when}");
    assert!(
        reminders.iter().all(|m| m.decoded().contains("/rsvps/manage/") && turnout_tests::smtp::attached_calendar(&m.raw).is_some()),
        "manage link and calendar"
    );

    // Ticking again, and a minute later, sends nothing more.
    assert_eq!(app.tick(two_hours_before).await, Default::default());
    assert_eq!(app.tick(two_hours_before + chrono::Duration::minutes(1)).await, Default::default());
    // Nor once the event has started.
    assert_eq!(app.tick(start + chrono::Duration::minutes(1)).await, Default::default());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.messages().len(), 5);
    app.stop().await;
}

async fn day_before_then_two_hours_before(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let start = days_from_now(4);
    let event_id = chapter_with_event(&app.running.db, EventSpec::public("Day School", start)).await;
    rsvp(&app, event_id, "Dee", "dee@example.org").await;
    app.tick(Utc::now()).await;

    let day_before = start - chrono::Duration::hours(24);
    assert_eq!(app.tick(day_before - chrono::Duration::minutes(1)).await.reminders_queued, 0, "not yet");
    assert_eq!(app.tick(day_before).await.reminders_queued, 1);
    assert_eq!(app.tick(day_before + chrono::Duration::hours(1)).await.reminders_queued, 0);
    assert_eq!(app.tick(start - chrono::Duration::hours(2)).await.reminders_queued, 1);
    let got = smtp.wait_for(3, Duration::from_secs(10)).await;
    let subjects: Vec<&str> = got.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(got.len(), 3, "{subjects:?}");
    let zone = chrono_tz::America::New_York;
    assert!(subjects.iter().any(|s| s.contains("starts tomorrow at")), "{subjects:?}");
    let two_hours = turnout_domain::reminders::lead_phrase(start, zone, start - chrono::Duration::hours(2));
    assert!(subjects.iter().any(|s| s.ends_with(&format!("starts {two_hours}"))), "{subjects:?}");
    app.stop().await;
}

async fn invalid_rsvps_write_and_send_nothing(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event_id = chapter_with_event(&app.running.db, EventSpec::public("Forum", days_from_now(2))).await;
    let long_name = "x".repeat(201);
    let cases: [(&str, &str, &str, &str); 5] = [
        ("", "a@example.org", "name", "Please enter your name."),
        ("Ann", "not-an-email", "email", "An email address needs an @"),
        ("Ann", "ann@example", "email", "does not look like a domain"),
        (&long_name, "a@example.org", "name", "under 200 characters"),
        ("Ann\r\nBcc: victim@example.org", "a@example.org", "name", "line breaks"),
    ];
    for (name, email, field, message) in cases {
        let res = app.rsvp(event_id, name, email).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}: {message}");
        let body = res.text().await.unwrap();
        assert!(body.contains(message), "the page says {message:?} for {name:?} / {email:?}");
        assert!(body.contains(&format!("id=\"{field}-error\"")), "the message sits next to the {field} field");
        if !name.contains('\n') && name.len() < 50 {
            assert!(body.contains(&format!("value=\"{name}\"")), "what was typed is kept");
        }
    }
    let looked = db.connect().await;
    assert_eq!(turnout_persistence::rsvps::count(&looked, event_id, turnout_domain::rsvp::RsvpStatus::Going).await.unwrap(), 0);
    assert_eq!(outbox::all(&looked).await.unwrap().len(), 0, "nothing queued");
    let seats = turnout_persistence::events::details(&looked, event_id).await.unwrap().unwrap().seats_taken;
    assert_eq!(seats, 0);
    assert_eq!(app.tick(Utc::now()).await, Default::default());
    assert_eq!(settle(&app, &smtp).await.len(), 0, "nothing sent");
    app.stop().await;
}

async fn last_seats_are_never_oversold(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event_id =
        chapter_with_event(&app.running.db, EventSpec { capacity: Some(10), ..EventSpec::public("Small Room", days_from_now(2)) }).await;
    let visitor = Visitor::new(&app);
    let token = csrf_of(&visitor.get(&format!("/events/{event_id}")).await.1);
    let posts = (0..40).map(|i| {
        let (client, url, token) = (visitor.client.clone(), visitor.url(&format!("/events/{event_id}/rsvp")), token.clone());
        tokio::spawn(async move {
            let form = [("name", format!("Guest {i}")), ("email", format!("guest{i}@example.org")), ("_csrf", token)];
            client.post(url).form(&form).send().await.unwrap().status()
        })
    });
    for p in posts.collect::<Vec<_>>() {
        assert_eq!(p.await.unwrap(), StatusCode::SEE_OTHER, "recorded, then to the \"check your email\" page");
    }
    let looked = db.connect().await;
    use turnout_domain::rsvp::RsvpStatus;
    assert_eq!(turnout_persistence::rsvps::count(&looked, event_id, RsvpStatus::Going).await.unwrap(), 10);
    assert_eq!(turnout_persistence::rsvps::count(&looked, event_id, RsvpStatus::Waitlisted).await.unwrap(), 30);
    assert_eq!(turnout_persistence::events::details(&looked, event_id).await.unwrap().unwrap().seats_taken, 10);
    app.stop().await;
}
