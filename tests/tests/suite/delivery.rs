//! Delivery through failures (issue 11, first part): a permanent refusal
//! (550) stops at once while the other messages go; a deferral (451) is
//! retried for days without being given up; every message has a stable
//! Message-ID and says it was sent automatically; a reminder is withdrawn
//! when its event is cancelled, and one that would arrive after the start
//! is never delivered. Real SMTP server on loopback, driven clock, SQLite
//! and PostgreSQL.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use turnout_domain::policy::Role;
use turnout_tests::app::Options;
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now, sql_i64, sql_text};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    refusals_stop_at_once_and_deferrals_keep_trying,
    withdrawn_and_late_reminders_are_never_delivered,
    a_reset_link_overtakes_a_wave_of_reminders,
    a_message_that_panics_does_not_stop_the_next,
    finished_messages_forget_people_after_thirty_days,
);

async fn status_of(app: &TestApp, to: &str) -> (String, i64) {
    let sql = format!("SELECT status FROM outbox WHERE to_address = '{to}'");
    let status = sql_text(&app.running.db, &sql).await;
    let attempts = sql_i64(&app.running.db, &format!("SELECT CAST(attempts AS BIGINT) FROM outbox WHERE to_address = '{to}'")).await;
    (status, attempts)
}

async fn refusals_stop_at_once_and_deferrals_keep_trying(db: TestDb) {
    let smtp = SmtpServer::start_with_rules().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Strike Meeting", days_from_now(5))).await;
    let addresses =
        [("Ok", "ok@example.org"), ("Refused", "refused@example.org"), ("Busy", "busy@example.org"), ("Closing", "closing@example.org")];
    for (name, email) in addresses {
        assert_eq!(app.rsvp(event, name, email).await.status(), StatusCode::OK);
    }
    let start = Utc::now();
    app.tick(start).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mail.len(), 1, "the good address is delivered");
    assert_eq!(mail[0].rcpt_to, "ok@example.org");
    let raw = mail[0].raw.replace("\r\n", "\n");
    assert!(raw.contains("Auto-Submitted: auto-generated"), "marked as sent automatically");
    assert!(raw.contains("\nDate: "));
    let from = raw.lines().find(|l| l.starts_with("From: ")).unwrap_or_default();
    assert!(from.contains("Test Branch via "), "the chapter's name in From: {from}");
    let id = sql_i64(&app.running.db, "SELECT id FROM outbox WHERE to_address = 'ok@example.org'").await;
    assert!(raw.contains(&format!("Message-ID: <turnout.{id}.")), "the Message-ID comes from the outbox row");
    assert_eq!(status_of(&app, "refused@example.org").await, ("failed".into(), 1), "a 550 is given up after one attempt");
    assert_eq!(status_of(&app, "busy@example.org").await, ("pending".into(), 1), "a 451 is retried");
    assert_eq!(status_of(&app, "closing@example.org").await, ("pending".into(), 1), "a 421 is retried");

    // Six hours of 451s and 421s, a sweep every half hour: never given up.
    let mut t = start;
    for _ in 0..12 {
        t += chrono::Duration::minutes(30);
        app.tick(t).await;
    }
    let (status, attempts) = status_of(&app, "busy@example.org").await;
    assert_eq!(status, "pending", "after six hours of deferrals, still trying");
    assert!(attempts >= 7, "retried along the way ({attempts} attempts)");
    let (status, attempts) = status_of(&app, "closing@example.org").await;
    assert_eq!(status, "pending", "after six hours of 421s, still trying");
    assert!(attempts >= 7, "retried along the way ({attempts} attempts)");
    assert_eq!(status_of(&app, "refused@example.org").await.1, 1, "the refused one was never tried again");
    // Two days on, with enough attempts, it is given up.
    for hours in [12, 24, 36, 48, 49, 50, 51] {
        app.tick(start + chrono::Duration::hours(hours)).await;
    }
    assert_eq!(status_of(&app, "busy@example.org").await.0, "failed", "given up after two days");
    assert_eq!(smtp.messages().len(), 1);

    // The operator sees both failures and puts the deferred one back in the queue.
    let failed = turnout_web::admin_cli::outbox_lines(&app.running.db, Some("failed"), None, 10).await.unwrap();
    assert_eq!(failed.len(), 3, "{failed:?}");
    assert!(failed.iter().any(|l| l.contains("refused@example.org") && l.contains("550")));
    assert!(turnout_web::admin_cli::outbox_lines(&app.running.db, Some("lost"), None, 10).await.is_err(), "an unknown status is refused");
    let busy = sql_i64(&app.running.db, "SELECT id FROM outbox WHERE to_address = 'busy@example.org'").await;
    assert_eq!(turnout_web::admin_cli::outbox_requeue(&app.running.db, &[busy]).await.unwrap(), 1);
    assert_eq!(status_of(&app, "busy@example.org").await, ("pending".into(), 0));
    assert_eq!(status_of(&app, "refused@example.org").await.0, "failed", "only the one named");
    app.stop().await;
}

async fn withdrawn_and_late_reminders_are_never_delivered(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let start = days_from_now(4);
    let cancelled = chapter_with_event(&app.running.db, EventSpec::public("To Be Cancelled", start)).await;
    let late = chapter_with_event(&app.running.db, EventSpec::public("Reminder Too Late", start)).await;
    assert_eq!(app.rsvp(cancelled, "Cora", "cora@example.org").await.status(), StatusCode::OK);
    assert_eq!(app.rsvp(late, "Lee", "lee@example.org").await.status(), StatusCode::OK);
    app.tick(Utc::now()).await;
    smtp.wait_for(2, Duration::from_secs(10)).await;

    // The day-before reminder is queued (not yet sent), then the event is cancelled.
    let day_before = start - chrono::Duration::hours(24);
    assert_eq!(turnout_notifications::plan_reminders(&app.running.db, day_before, &app.running.state.site_links()).await.unwrap(), 2);
    let slug =
        sql_text(&app.running.db, &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {cancelled}"))
            .await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", &slug, Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let page = format!("/events/{cancelled}/cancel");
    let res = org.submit(&page, &page, &[("reason", "The hall is closed.")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let withdrawn =
        sql_text(&app.running.db, "SELECT status FROM outbox WHERE kind = 'reminder' AND to_address = 'cora@example.org'").await;
    assert_eq!(withdrawn, "withdrawn");

    // The other reminder's delivery is held up until after the start: it is never sent.
    app.tick(start + chrono::Duration::minutes(1)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let subjects: Vec<(String, String)> = smtp.messages().into_iter().map(|m| (m.rcpt_to, m.subject)).collect();
    assert!(!subjects.iter().any(|(_, s)| s.starts_with("Reminder")), "no reminder was delivered: {subjects:?}");
    assert!(subjects.iter().any(|(to, s)| to == "cora@example.org" && s.contains("Cancelled")), "the cancellation was: {subjects:?}");
    let expired = sql_text(&app.running.db, "SELECT status FROM outbox WHERE kind = 'reminder' AND to_address = 'lee@example.org'").await;
    assert_eq!(expired, "expired");
    app.stop().await;
}

fn message(key: String, kind: turnout_domain::outbox::MessageKind) -> turnout_domain::outbox::NewMessage {
    turnout_domain::outbox::NewMessage {
        dedupe_key: key,
        kind,
        to_address: "someone@example.org".into(),
        to_name: "Someone".into(),
        subject: "Subject".into(),
        body_text: "Body".into(),
        body_html: "<p>Body</p>".into(),
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        not_after: None,
        sender_name: None,
        reply_to: None,
        rsvp_id: None,
    }
}

async fn a_reset_link_overtakes_a_wave_of_reminders(db: TestDb) {
    use turnout_domain::outbox::MessageKind;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let now = Utc::now();
    for i in 0..100 {
        turnout_persistence::outbox::enqueue(conn, &message(format!("wave:{i}"), MessageKind::Reminder), now).await.unwrap();
    }
    turnout_persistence::outbox::enqueue(conn, &message("reset:1".into(), MessageKind::Account), now).await.unwrap();
    let first = turnout_persistence::outbox::claim(conn, now, 32, chrono::Duration::minutes(5)).await.unwrap();
    assert_eq!(first.len(), 32);
    assert_eq!(first[0].message.dedupe_key, "reset:1", "the reset link goes in the first batch, first");
    assert!(first[1..].iter().all(|c| c.message.kind == MessageKind::Reminder));
    app.stop().await;
}

async fn a_message_that_panics_does_not_stop_the_next(db: TestDb) {
    use turnout_domain::outbox::MessageKind;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    let conn = &app.running.db;
    let now = Utc::now();
    // The test hook (feature "test-hooks") makes sending to this address panic.
    let mut bad = message("panics:1".into(), MessageKind::Account);
    bad.to_address = "panic@hook.invalid".into();
    turnout_persistence::outbox::enqueue(conn, &bad, now).await.unwrap();
    turnout_persistence::outbox::enqueue(conn, &message("fine:1".into(), MessageKind::Account), now).await.unwrap();
    app.tick(now).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mail.len(), 1, "the next message went out");
    // The batch's outcomes are recorded once its last message has its answer,
    // which may be a moment after the server has the message.
    let mut status = status_of(&app, "panic@hook.invalid").await;
    for _ in 0..50 {
        if status.1 > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        status = status_of(&app, "panic@hook.invalid").await;
    }
    assert_eq!(status, ("pending".into(), 1), "the panic counted as one failed attempt");
    // The running worker survives it too, and the instance stays ready.
    let again = message("fine:2".into(), MessageKind::Account);
    turnout_persistence::outbox::enqueue(conn, &again, Utc::now()).await.unwrap();
    app.running.state.notifier.wake();
    assert_eq!(smtp.wait_for(2, Duration::from_secs(20)).await.len(), 2, "the worker goes on");
    let ready = reqwest::get(app.url("/readyz")).await.unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    app.stop().await;
}

async fn finished_messages_forget_people_after_thirty_days(db: TestDb) {
    use turnout_domain::outbox::MessageKind;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let now = Utc::now();
    let mut m = message("confirmation:42".into(), MessageKind::RsvpConfirmation);
    m.to_address = "private.person@example.org".into();
    m.body_text = "Hello Private Person, see you at 99 Hidden Street".into();
    assert!(turnout_persistence::outbox::enqueue(conn, &m, now).await.unwrap());
    app.tick(now).await;
    assert_eq!(smtp.wait_for(1, Duration::from_secs(10)).await.len(), 1);
    app.tick(now + chrono::Duration::days(29)).await;
    assert_eq!(sql_text(conn, "SELECT to_address FROM outbox").await, "private.person@example.org", "kept for a while, for support");
    app.tick(now + chrono::Duration::days(31)).await;
    let kept =
        sql_text(conn, "SELECT to_address || '|' || subject || '|' || body_text || '|' || status || '|' || dedupe_key FROM outbox").await;
    assert_eq!(kept, "|||sent|confirmation:42", "only what de-duplication needs is left");
    assert!(!turnout_persistence::outbox::enqueue(conn, &m, now + chrono::Duration::days(31)).await.unwrap(), "and it still de-duplicates");
    app.stop().await;
}
