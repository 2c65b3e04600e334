//! Manage links and a waitlist that moves: every confirmation carries a link
//! to a page where the guest sees where they stand and can cancel; a
//! cancellation gives the seat to the first in line in the same transaction,
//! and that person gets exactly one "you're in". Over real HTTP with a real
//! SMTP server, on SQLite and PostgreSQL.

use std::collections::HashMap;
use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::people::{PASSWORD, account, logged_in};
use turnout_tests::smtp::Received;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    a_cancellation_promotes_the_next_in_line_once,
    two_hundred_at_once_then_ten_cancellations,
    deleting_an_account_gives_its_seat_to_the_next_in_line,
    the_attendee_csv_neutralizes_formulas,
    an_rsvp_racing_a_cancellation_is_refused,
);

async fn query_i64(db: &TestDb, sql: &str) -> Vec<i64> {
    let conn = db.connect().await;
    let rows = conn.query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap();
    rows.iter().map(|r| r.try_get_by_index::<i64>(0).unwrap()).collect()
}

/// The manage link in the newest message to `to`.
fn manage_link(mail: &[Received], base: &str, to: &str) -> String {
    let link = mail
        .iter()
        .rev()
        .filter(|m| m.rcpt_to == to)
        .find_map(|m| m.link(&format!("{base}/rsvps/manage/")))
        .unwrap_or_else(|| panic!("a manage link for {to}"));
    link.trim_start_matches(base).to_owned()
}

/// Presses "Cancel my RSVP" as the page at `path` offers it (or would have).
async fn press_cancel(v: &Visitor, path: &str) -> reqwest::Response {
    let (_, page) = v.get(path).await;
    let csrf = if page.contains("name=\"_csrf\"") { csrf_of(&page) } else { csrf_of(&v.get("/login").await.1) };
    let token = path.rsplit('/').next().unwrap();
    v.client.post(v.url("/rsvps/manage/cancel")).form(&[("token", token), ("_csrf", csrf.as_str())]).send().await.unwrap()
}

async fn a_cancellation_promotes_the_next_in_line_once(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(1), ..EventSpec::public("Reading Group", days_from_now(3)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    for (name, email) in [("Ann", "ann@example.org"), ("Ben", "ben@example.org"), ("Cleo", "cleo@example.org")] {
        assert_eq!(app.rsvp(event, name, email).await.status(), StatusCode::OK);
    }
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(3, Duration::from_secs(10)).await;
    let cleo_mail = mail.iter().find(|m| m.rcpt_to == "cleo@example.org").unwrap().decoded();
    assert!(cleo_mail.contains("number 2 in line"), "the waitlist email tells the place in line");
    let (ann, ben, cleo) = (
        manage_link(&mail, &app.base, "ann@example.org"),
        manage_link(&mail, &app.base, "ben@example.org"),
        manage_link(&mail, &app.base, "cleo@example.org"),
    );
    let v = Visitor::new(&app);
    let (status, page) = v.get(&ann).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("You're going, Ann."), "{page}");
    assert!(v.get(&ben).await.1.contains("number 1 in line"));

    // Opening the link changed nothing; the button cancels and hands the seat on.
    let res = press_cancel(&v, &ann).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "POST then redirect");
    assert!(v.get(&ann).await.1.contains("Your RSVP is cancelled."));
    assert!(v.get(&ben).await.1.contains("You're going, Ben."));
    assert!(v.get(&cleo).await.1.contains("number 1 in line"));
    assert_eq!(query_i64(&db, &format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await, [1]);

    // Pressing again, or a made-up link, changes nothing and says so.
    assert_eq!(press_cancel(&v, &ann).await.status(), StatusCode::CONFLICT);
    let made_up = format!("/rsvps/manage/{}", "A".repeat(43));
    assert_eq!(v.get(&made_up).await.0, StatusCode::NOT_FOUND);
    let token = csrf_of(&v.get(&ben).await.1);
    let forged =
        v.client.post(v.url("/rsvps/manage/cancel")).form(&[("token", "A".repeat(43).as_str()), ("_csrf", &token)]).send().await.unwrap();
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);
    assert!(v.get(&ben).await.1.contains("You're going, Ben."), "a wrong token touched nobody");

    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(4, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.tick(chrono::Utc::now()).await;
    let mail = if mail.len() > 4 { mail } else { smtp.messages() };
    let in_ = mail.iter().filter(|m| m.subject.starts_with("You're in")).collect::<Vec<_>>();
    assert_eq!(in_.len(), 1, "exactly one \"you're in\"");
    assert_eq!(in_[0].rcpt_to, "ben@example.org");
    assert!(in_[0].decoded().contains("1 Main St"), "with where to go");
    assert!(in_[0].raw.contains("BEGIN:VCALENDAR"), "and the calendar entry");
    app.stop().await;
}

async fn two_hundred_at_once_then_ten_cancellations(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(50), ..EventSpec::public("National Conference", days_from_now(10)) };
    let event = chapter_with_event(&app.running.db, spec).await;

    let mut tasks = Vec::new();
    for i in 0..200 {
        // Four networks of fifty people each, as a conference's RSVPs come in.
        let v = Visitor::from_address(&app, &format!("127.0.0.{}", 1 + i % 4));
        tasks.push(tokio::spawn(async move {
            let page = format!("/events/{event}");
            let email = format!("person{i}@example.org");
            v.submit(&page, &format!("{page}/rsvp"), &[("name", &format!("Person {i}")), ("email", &email)]).await.status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::SEE_OTHER, "no 5xx, no refusal");
    }
    let going = query_i64(&db, &format!("SELECT id FROM rsvps WHERE event_id = {event} AND status = 'going' ORDER BY id")).await;
    let waiting = query_i64(&db, &format!("SELECT id FROM rsvps WHERE event_id = {event} AND status = 'waitlisted' ORDER BY id")).await;
    assert_eq!((going.len(), waiting.len()), (50, 150));
    assert!(going.iter().max() < waiting.iter().min(), "the first 50 to arrive have the seats");

    // Ten people going cancel through their links: the next ten in line move up, in order.
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(200, Duration::from_secs(60)).await;
    assert_eq!(mail.len(), 200);
    let conn = db.connect().await;
    let backend = conn.get_database_backend();
    let email_of: HashMap<i64, String> = conn
        .query_all_raw(sea_orm::Statement::from_string(backend, format!("SELECT id, email FROM rsvps WHERE event_id = {event}")))
        .await
        .unwrap()
        .iter()
        .map(|r| (r.try_get_by_index::<i64>(0).unwrap(), r.try_get_by_index::<String>(1).unwrap()))
        .collect();
    let v = Visitor::new(&app);
    for id in &going[..10] {
        let link = manage_link(&mail, &app.base, &email_of[id]);
        assert_eq!(press_cancel(&v, &link).await.status(), StatusCode::SEE_OTHER);
    }
    let now_going = query_i64(&db, &format!("SELECT id FROM rsvps WHERE event_id = {event} AND status = 'going' ORDER BY id")).await;
    assert_eq!(now_going.len(), 50);
    let promoted: Vec<i64> = now_going.iter().copied().filter(|id| waiting.contains(id)).collect();
    assert_eq!(promoted, waiting[..10].to_vec(), "the next ten in line, in order");
    assert_eq!(query_i64(&db, &format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await, [50]);

    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(210, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.tick(chrono::Utc::now()).await;
    let mail = if mail.len() > 210 { mail } else { smtp.messages() };
    let mut told: Vec<&str> = mail.iter().filter(|m| m.subject.starts_with("You're in")).map(|m| m.rcpt_to.as_str()).collect();
    told.sort();
    let mut expected: Vec<&str> = waiting[..10].iter().map(|id| email_of[id].as_str()).collect();
    expected.sort();
    assert_eq!(told, expected, "each promoted person gets exactly one \"you're in\", and nobody else does");
    app.stop().await;
}

async fn deleting_an_account_gives_its_seat_to_the_next_in_line(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(1), ..EventSpec::public("Study Circle", days_from_now(3)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let page = format!("/events/{event}");
    let res = ann.submit(&page, &format!("{page}/rsvp"), &[("name", "Ann"), ("email", "ann@example.org")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.rsvp(event, "Ben", "ben@example.org").await.status(), StatusCode::OK);
    let going = format!("SELECT COUNT(*) FROM rsvps WHERE event_id = {event} AND status = 'going' AND email = 'ben@example.org'");
    assert_eq!(query_i64(&db, &going).await, [0], "Ben waits while Ann has the seat");

    let res = ann.submit("/account", "/account/delete", &[("current_password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(query_i64(&db, &going).await, [1], "the seat of a deleted account goes to the next in line");
    assert_eq!(query_i64(&db, &format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await, [1]);
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(3, Duration::from_secs(10)).await;
    assert!(mail.iter().any(|m| m.rcpt_to == "ben@example.org" && m.subject.starts_with("You're in")), "Ben is told");
    app.stop().await;
}

async fn the_attendee_csv_neutralizes_formulas(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Forum", days_from_now(3))).await;
    for (name, email) in [("=HYPERLINK(\"http://x\")", "a@example.org"), ("+1 caller", "c@example.org")] {
        let res = app.rsvp(event, name, email).await;
        assert_eq!(res.status(), StatusCode::OK, "{name:?}");
    }
    account(&app, "admin@example.org", "Admin", true).await;
    let admin = logged_in(&app, "admin@example.org").await;
    let (status, csv) = admin.get(&format!("/events/{event}/attendees.csv")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    assert!(csv.contains("\"'+1 caller\""), "{csv}");
    app.stop().await;
}

/// The event is cancelled (by a transaction that has not committed yet) while
/// an RSVP is on its way: the RSVP waits for it and is then refused, instead of
/// being recorded for a cancelled event whose notice it would never get.
async fn an_rsvp_racing_a_cancellation_is_refused(db: TestDb) {
    use sea_orm::TransactionTrait;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Rally", days_from_now(2))).await;
    let v = Visitor::new(&app);
    let token = csrf_of(&v.get(&format!("/events/{event}")).await.1);

    let conn = db.connect().await;
    let cancelling = conn.begin().await.unwrap();
    cancelling.execute_unprepared(&format!("UPDATE events SET status = 'cancelled' WHERE id = {event}")).await.unwrap();
    let url = v.url(&format!("/events/{event}/rsvp"));
    let client = v.client.clone();
    let rsvp = tokio::spawn(async move {
        client.post(url).form(&[("name", "Late Larry"), ("email", "larry@example.org"), ("_csrf", token.as_str())]).send().await.unwrap()
    });
    tokio::time::sleep(Duration::from_millis(700)).await;
    cancelling.commit().await.unwrap();
    let res = rsvp.await.unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT, "the RSVP is refused once the cancellation is in");
    assert_eq!(query_i64(&db, &format!("SELECT COUNT(*) FROM rsvps WHERE event_id = {event}")).await, [0]);
    app.stop().await;
}
