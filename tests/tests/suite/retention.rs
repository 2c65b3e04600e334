//! Retention: a chapter's organizers have the names and addresses of past
//! events' attendees erased N days after each event. The sweep keeps every
//! count and attendance figure, leaves the address in no table at all, writes
//! one audit line per event, and changes nothing when run again. On SQLite
//! and PostgreSQL, over real HTTP and SMTP.

use chrono::{Duration, Utc};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use turnout_domain::policy::Role;
use turnout_notifications::retention::sweep;
use turnout_persistence::entities::{event, rsvp};
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter, days_from_now, event_in, sql_i64};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::scan::find_everywhere;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(past_attendees_are_erased_after_the_chapters_retention_period);

/// People with names and addresses found nowhere else in the database.
const GUESTS: [(&str, &str); 3] = [
    ("Zephyrine Quillfeather", "zephyrine.quillfeather@example.net"),
    ("Bartholomew Oakenshade", "b.oakenshade@example.net"),
    ("Ottoline Marchbanks", "ottoline.marchbanks@example.net"),
];
const MEMBER: (&str, &str) = ("Member Thistlewood", "thistlewood@example.org");
const RECENT_GUEST: (&str, &str) = ("Recent Larkspur", "larkspur@example.net");
const OTHER_CHAPTER_GUEST: (&str, &str) = ("Keeping Brambleworth", "brambleworth@example.net");
const LATE_GUEST: (&str, &str) = ("Late Peppercorn", "peppercorn@example.net");

/// An RSVP answered with its page, or a redirect to it.
fn done(status: StatusCode) -> bool {
    status.is_success() || status.is_redirection()
}

/// Moves an event `days` into the past (the app refuses to create one there).
async fn move_to_past(db: &sea_orm::DatabaseConnection, id: i64, days: i64) {
    let starts = Utc::now() - Duration::days(days);
    event::Entity::update_many()
        .col_expr(event::Column::StartsAt, Expr::value(starts))
        .col_expr(event::Column::EndsAt, Expr::value(starts + Duration::hours(2)))
        .filter(event::Column::Id.eq(id))
        .exec(db)
        .await
        .expect("move the event");
}

/// The attendance figures of an event: (status, guests, checked in) per RSVP.
async fn figures(db: &sea_orm::DatabaseConnection, id: i64) -> Vec<(String, i32, bool)> {
    let mut rows: Vec<(String, i32, bool)> = rsvp::Entity::find()
        .filter(rsvp::Column::EventId.eq(id))
        .all(db)
        .await
        .expect("rsvps")
        .into_iter()
        .map(|r| (r.status, r.guests, r.checked_in_at.is_some()))
        .collect();
    rows.sort();
    rows
}

async fn audit_lines(db: &sea_orm::DatabaseConnection) -> i64 {
    sql_i64(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'retention.erase'").await
}

async fn past_attendees_are_erased_after_the_chapters_retention_period(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = app.running.db.clone();
    let branch = chapter(&conn, "keep-short", "Short Memory Branch", None).await;
    let other = chapter(&conn, "keep-all", "Long Memory Branch", None).await;
    let old = event_in(&conn, branch, None, EventSpec::public("Old forum", days_from_now(3))).await;
    let recent = event_in(&conn, branch, None, EventSpec::public("Recent forum", days_from_now(3))).await;
    let elsewhere = event_in(&conn, other, None, EventSpec::public("Other forum", days_from_now(3))).await;

    // RSVPs as people make them: guests through the form, a member logged in.
    for (name, email) in GUESTS {
        assert!(done(app.rsvp(old, name, email).await.status()), "{name} RSVPs");
    }
    account(&app, MEMBER.1, MEMBER.0, false).await;
    let member = logged_in(&app, MEMBER.1).await;
    let page = format!("/events/{old}");
    let res = member.submit(&page, &format!("{page}/rsvp"), &[("name", MEMBER.0), ("email", MEMBER.1)]).await;
    assert!(done(res.status()), "the member RSVPs: {}", res.status());
    assert!(done(app.rsvp(recent, RECENT_GUEST.0, RECENT_GUEST.1).await.status()));
    assert!(done(app.rsvp(elsewhere, OTHER_CHAPTER_GUEST.0, OTHER_CHAPTER_GUEST.1).await.status()));
    // The confirmations go out, so the outbox holds sent messages to them.
    app.tick(Utc::now()).await;
    assert!(smtp.wait_for(6, std::time::Duration::from_secs(20)).await.len() >= 6, "the confirmations arrived");

    // A party of three and a check-in at the door.
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Guests, Expr::value(2))
        .filter(rsvp::Column::EmailNormalized.eq(GUESTS[0].1))
        .exec(&conn)
        .await
        .expect("a bigger party");
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::CheckedInAt, Expr::value(Some(Utc::now())))
        .filter(rsvp::Column::EmailNormalized.is_in([GUESTS[1].1, MEMBER.1]))
        .exec(&conn)
        .await
        .expect("check-ins");
    move_to_past(&conn, old, 40).await;
    move_to_past(&conn, recent, 10).await;
    move_to_past(&conn, elsewhere, 40).await;

    // Off by default: nothing is erased.
    assert_eq!(sweep(&conn, Utc::now()).await.expect("sweep").events, 0, "retention is off by default");

    // The chapter's organizer sets 30 days on the chapter's settings page.
    account(&app, "organizer@example.org", "Short Organizer", false).await;
    grant(&app, "organizer@example.org", "keep-short", Role::Organizer).await;
    let organizer = logged_in(&app, "organizer@example.org").await;
    for bad in ["0", "3651", "thirty", "-1"] {
        let res = organizer.submit("/chapters/keep-short/settings", "/chapters/keep-short/settings", &[("retention_days", bad)]).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad:?} is refused");
        assert!(res.text().await.expect("page").contains("from 1 to 3650"), "the page says what is allowed");
    }
    let res = organizer.submit("/chapters/keep-short/settings", "/chapters/keep-short/settings", &[("retention_days", "30")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, settings) = organizer.get("/chapters/keep-short/settings").await;
    assert!(settings.contains("value=\"30\""), "the setting is shown");
    // A member of the chapter may not change it.
    grant(&app, MEMBER.1, "keep-short", Role::Member).await;
    let res = member.submit("/chapters/keep-short", "/chapters/keep-short/settings", &[("retention_days", "1")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "members do not set retention");

    let before = figures(&conn, old).await;
    let recent_before = rsvp::Entity::find().filter(rsvp::Column::EventId.eq(recent)).all(&conn).await.expect("rsvps");
    let (_, dashboard_before) = organizer.get("/chapters/keep-short/dashboard").await;
    let anonymous = Visitor::new(&app);
    let (_, event_before) = anonymous.get(&format!("/events/{old}")).await;

    let report = sweep(&conn, Utc::now()).await.expect("sweep");
    assert_eq!((report.events, report.rsvps), (1, 4), "one event, its four RSVPs");

    // Not a trace of the guests' names or addresses, in any table.
    for (name, email) in GUESTS {
        for needle in [name, email] {
            let found = find_everywhere(&conn, needle).await;
            assert!(found.is_empty(), "{needle:?} is still in {found:?}");
        }
    }
    // The member's account stays; their RSVP no longer names them.
    let found = find_everywhere(&conn, MEMBER.1).await;
    assert!(found.iter().all(|(table, _)| table == "users" || table == "user_addresses"), "{found:?}");
    let rows = rsvp::Entity::find().filter(rsvp::Column::EventId.eq(old)).all(&conn).await.expect("rsvps");
    assert!(rows.iter().all(|r| r.name.is_none() && r.email.is_none() && r.email_normalized.is_none() && r.user_id.is_none()));
    // Counts and attendance figures are what they were.
    assert_eq!(figures(&conn, old).await, before, "status, party size and check-ins stay");
    let (_, dashboard_after) = organizer.get("/chapters/keep-short/dashboard").await;
    assert_eq!(dashboard_after, dashboard_before, "the dashboard shows the same figures");
    let (_, event_after) = anonymous.get(&format!("/events/{old}")).await;
    assert_eq!(event_after, event_before, "the event page shows the same counts");
    // An event not yet 30 days past, and a chapter that keeps everything: untouched.
    let recent_after = rsvp::Entity::find().filter(rsvp::Column::EventId.eq(recent)).all(&conn).await.expect("rsvps");
    assert_eq!(recent_after, recent_before, "an event 10 days past keeps its attendees");
    for needle in [RECENT_GUEST.1, OTHER_CHAPTER_GUEST.1] {
        assert!(find_everywhere(&conn, needle).await.iter().any(|(t, _)| t == "rsvps"), "{needle} is kept");
    }

    // One audit line, naming the event and the count, never a person.
    assert_eq!(audit_lines(&conn).await, 1);
    let detail = turnout_tests::fixtures::sql_text(&conn, "SELECT detail FROM audit_log WHERE action = 'retention.erase'").await;
    assert!(detail.contains("keep-short") && detail.contains('4'), "{detail}");

    // Again: nothing changes, no second audit line.
    let rows_before = rsvp::Entity::find().all(&conn).await.expect("rsvps");
    let again = sweep(&conn, Utc::now()).await.expect("sweep");
    assert_eq!((again.events, again.rsvps), (0, 0), "a second sweep finds nothing to do");
    assert_eq!(rsvp::Entity::find().all(&conn).await.expect("rsvps"), rows_before);
    assert_eq!(audit_lines(&conn).await, 1, "no second audit line");

    // Later, the recent event's turn comes.
    let later = sweep(&conn, Utc::now() + Duration::days(21)).await.expect("sweep");
    assert_eq!((later.events, later.rsvps), (1, 1));
    assert!(find_everywhere(&conn, RECENT_GUEST.1).await.is_empty());
    assert!(!find_everywhere(&conn, OTHER_CHAPTER_GUEST.1).await.is_empty(), "the other chapter keeps its data");

    // The running app sweeps by itself: its worker does at start, then hourly.
    let last = event_in(&conn, branch, None, EventSpec::public("Last forum", days_from_now(3))).await;
    assert!(done(app.rsvp(last, LATE_GUEST.0, LATE_GUEST.1).await.status()));
    move_to_past(&conn, last, 31).await;
    app.stop().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while audit_lines(&app.running.db).await < 3 {
        assert!(std::time::Instant::now() < deadline, "the worker ran the retention sweep at start");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(find_everywhere(&app.running.db, LATE_GUEST.1).await.is_empty());
    app.stop().await;
}
