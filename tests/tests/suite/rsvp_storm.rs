//! A mixed storm on one event, as announcement day brings it: RSVPs of one to
//! three people at once from four networks, cancellations and party-size
//! changes through manage links, and the organizer lowering the capacity
//! from 50 to 40 and then raising it to 60 through the edit form. A watcher
//! reads the event in one statement every few milliseconds: the seat count
//! always equals the people going, and no seat is ever taken beyond the
//! capacity. At the end: promotions went in order, nobody was promoted twice,
//! and nobody got two "you're in". Over real HTTP with a real SMTP server, on
//! SQLite and PostgreSQL.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::chapter;
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(a_mixed_storm_never_oversells_and_promotes_in_order);

fn event_form(capacity: &str) -> Vec<(&'static str, String)> {
    let day = (chrono::Utc::now() + chrono::Duration::days(9)).format("%Y-%m-%d").to_string();
    vec![
        ("kind", "public_forum".into()),
        ("title", "Announcement Day Forum".into()),
        ("summary", "Everyone comes at once.".into()),
        ("description", String::new()),
        ("starts_at", format!("{day}T19:00")),
        ("ends_at", format!("{day}T21:00")),
        ("time_zone", "America/New_York".into()),
        ("venue_name", "Union Hall".into()),
        ("venue_street_address", "12 Labor Way".into()),
        ("venue_city", "Queens, NY".into()),
        ("capacity", capacity.into()),
        ("guests_allowed", "2".into()),
        ("visibility", "public".into()),
        ("action", "publish".into()),
    ]
}

/// One statement, so both numbers come from the same committed state.
async fn snapshot(conn: &sea_orm::DatabaseConnection, event: i64) -> (i64, i64, i64) {
    let sql = format!(
        "SELECT CAST(e.seats_taken AS BIGINT), CAST(COALESCE(e.capacity, 0) AS BIGINT), \
         CAST((SELECT COALESCE(SUM(1 + r.guests), 0) FROM rsvps r WHERE r.event_id = e.id AND r.status = 'going' AND r.takes_seat) AS BIGINT) \
         FROM events e WHERE e.id = {event}"
    );
    let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql)).await.unwrap().unwrap();
    (row.try_get_by_index(0).unwrap(), row.try_get_by_index(1).unwrap(), row.try_get_by_index(2).unwrap())
}

/// (id, status, people, place in line) of every RSVP.
async fn all_rsvps(conn: &sea_orm::DatabaseConnection, event: i64) -> Vec<(i64, String, i64, i64)> {
    let sql = format!(
        "SELECT id, status, CAST(1 + guests AS BIGINT), CAST(COALESCE(line, id) AS BIGINT) FROM rsvps WHERE event_id = {event} ORDER BY id"
    );
    let rows = conn.query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql)).await.unwrap();
    rows.iter()
        .map(|r| {
            (r.try_get_by_index(0).unwrap(), r.try_get_by_index(1).unwrap(), r.try_get_by_index(2).unwrap(), r.try_get_by_index(3).unwrap())
        })
        .collect()
}

async fn press(v: &Visitor, path: &str, action: &str, extra: &[(&str, &str)]) -> StatusCode {
    let (_, page) = v.get(path).await;
    let csrf = if page.contains("name=\"_csrf\"") { csrf_of(&page) } else { csrf_of(&v.get("/login").await.1) };
    let token = path.rsplit('/').next().unwrap();
    let mut form: Vec<(&str, &str)> = vec![("token", token), ("_csrf", csrf.as_str())];
    form.extend_from_slice(extra);
    v.client.post(v.url(action)).form(&form).send().await.unwrap().status()
}

async fn set_capacity(org: &Visitor, event: i64, capacity: &str) {
    let edit = format!("/events/{event}/edit");
    let fields = event_form(capacity);
    let all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = org.submit(&edit, &edit, &all).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the organizer saves capacity {capacity}");
}

async fn a_mixed_storm_never_oversells_and_promotes_in_order(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    chapter(&app.running.db, "storm", "Storm Branch", None).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "storm", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let fields = event_form("50");
    let all: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let created = org.submit("/chapters/storm/events/new", "/chapters/storm/events", &all).await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let event: i64 = created.headers()["location"].to_str().unwrap().trim_start_matches("/events/").parse().unwrap();

    // The watcher: every few milliseconds, one consistent reading.
    let stop = Arc::new(AtomicBool::new(false));
    let ceiling = Arc::new(AtomicI64::new(50));
    let watcher = {
        let (stop, ceiling, conn) = (stop.clone(), ceiling.clone(), db.connect().await);
        tokio::spawn(async move {
            let mut readings = 0;
            while !stop.load(Ordering::SeqCst) {
                let (taken, _capacity, going) = snapshot(&conn, event).await;
                assert_eq!(taken, going, "the seat count is the people going, at every commit");
                assert!(going <= ceiling.load(Ordering::SeqCst), "{going} people going, over the ceiling");
                readings += 1;
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            readings
        })
    };

    // Step 1: 120 parties of one to three people at once.
    let mut tasks = Vec::new();
    for i in 0..120 {
        let v = Visitor::from_address(&app, &format!("127.0.0.{}", 1 + i % 4));
        tasks.push(tokio::spawn(async move {
            let page = format!("/events/{event}");
            let guests = (i % 3).to_string();
            let email = format!("p{i}@example.org");
            v.submit(&page, &format!("{page}/rsvp"), &[("name", &format!("Person {i}")), ("email", &email), ("guests", &guests)])
                .await
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), StatusCode::SEE_OTHER, "recorded (going or waitlisted), then redirected");
    }
    let conn = db.connect().await;
    let (taken, _, going) = snapshot(&conn, event).await;
    assert_eq!(taken, going);
    assert!((48..=50).contains(&going), "full but for a party too big for the last seats: {going}");
    let after_rsvps = all_rsvps(&conn, event).await;
    let was_waiting: Vec<i64> = after_rsvps.iter().filter(|r| r.1 == "waitlisted").map(|r| r.0).collect();

    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(120, Duration::from_secs(60)).await;
    let email_of: HashMap<i64, String> = {
        let sql = format!("SELECT id, email FROM rsvps WHERE event_id = {event}");
        let rows = conn.query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql)).await.unwrap();
        rows.iter().map(|r| (r.try_get_by_index::<i64>(0).unwrap(), r.try_get_by_index::<String>(1).unwrap())).collect()
    };
    let link_of = |id: i64| -> String {
        let to = &email_of[&id];
        let link = mail.iter().filter(|m| &m.rcpt_to == to).find_map(|m| m.link(&format!("{}/rsvps/manage/", app.base))).unwrap();
        link.trim_start_matches(&app.base).to_owned()
    };

    // Step 2, all at once: the capacity goes down to 40; ten going cancel; ten going change their party.
    let going_ids: Vec<i64> = after_rsvps.iter().filter(|r| r.1 == "going").map(|r| r.0).collect();
    let mut tasks = Vec::new();
    for (n, id) in going_ids.iter().take(20).enumerate() {
        let v = Visitor::from_address(&app, &format!("127.0.0.{}", 1 + n % 4));
        let path = link_of(*id);
        tasks.push(tokio::spawn(async move {
            if n % 2 == 0 {
                press(&v, &path, "/rsvps/manage/cancel", &[]).await
            } else {
                let guests = ((n / 2) % 3).to_string();
                press(&v, &path, "/rsvps/manage/change", &[("answer", "going"), ("guests", &guests)]).await
            }
        }));
    }
    set_capacity(&org, event, "40").await;
    for t in tasks {
        let status = t.await.unwrap();
        assert!(status == StatusCode::SEE_OTHER || status == StatusCode::CONFLICT, "a change is done or refused (no room): {status}");
    }
    let (taken, capacity, going) = snapshot(&conn, event).await;
    assert_eq!((taken, capacity), (going, 40));
    assert!(going <= 50, "lowering removes nobody, and nobody got in over the new capacity: {going}");

    // Step 3: the capacity goes up to 60: the line moves at once.
    ceiling.store(60, Ordering::SeqCst);
    set_capacity(&org, event, "60").await;
    stop.store(true, Ordering::SeqCst);
    assert!(watcher.await.unwrap() > 10, "the watcher read the event throughout");
    let (taken, _, going) = snapshot(&conn, event).await;
    assert_eq!(taken, going);
    assert!(going <= 60);

    // In order: nobody still waiting was ahead of someone promoted with a party no bigger than theirs.
    let now = all_rsvps(&conn, event).await;
    let promoted: Vec<&(i64, String, i64, i64)> = now.iter().filter(|r| r.1 == "going" && was_waiting.contains(&r.0)).collect();
    let waiting: Vec<&(i64, String, i64, i64)> = now.iter().filter(|r| r.1 == "waitlisted").collect();
    assert!(!promoted.is_empty(), "raising the capacity promoted people");
    for p in &promoted {
        for w in &waiting {
            assert!(!(w.3 < p.3 && w.2 <= p.2), "RSVP {} (party {}) still waits, ahead of {} (party {}) who got in", w.0, w.2, p.0, p.2);
        }
    }
    // And no seat is left while a party that fits waits.
    let free = 60 - going;
    assert!(waiting.iter().all(|w| w.2 > free), "{free} seats free while a party that fits waits");

    // One "you're in" per person promoted, never two.
    app.tick(chrono::Utc::now()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.tick(chrono::Utc::now()).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mut told: Vec<String> = smtp.messages().into_iter().filter(|m| m.subject.starts_with("You're in")).map(|m| m.rcpt_to).collect();
    told.sort();
    let mut expected: Vec<String> = promoted.iter().map(|p| email_of[&p.0].clone()).collect();
    expected.sort();
    assert_eq!(told, expected, "exactly one \"you're in\" per person promoted");
    app.stop().await;
}
