//! Announcements: a district's organizer writes to the members of the
//! district and its branches (500 people, some in two chapters), previews it
//! with the count, sends it, and follows the progress; an event's organizer
//! writes to the people going. Each person gets one copy; people who turned
//! announcements off and addresses that refuse mail get none; hostile input
//! is refused and writes nothing. Over real HTTP with a real SMTP server, on
//! SQLite and PostgreSQL.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use turnout_domain::outbox::MailCategory;
use turnout_domain::policy::Role;
use turnout_persistence::users::{self, NewUser};
use turnout_persistence::{begin_write, memberships, opt_outs, suppression};
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter, chapter_with_event, days_from_now};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(a_district_announcement_reaches_each_member_once, an_event_announcement_goes_to_the_people_going);

const MEMBERS: usize = 500;

async fn count(app: &TestApp, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let db = &app.running.db;
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql.to_owned())).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// The three numbers of the progress page: (sent, not sent, left).
fn progress(page: &str) -> (u64, u64, u64) {
    let read = |id: &str| -> u64 {
        let after = page.split(&format!("<output id=\"{id}\">")).nth(1).expect("the count");
        after.split('<').next().unwrap().trim().parse().unwrap()
    };
    (read("sent"), read("not_sent"), read("left"))
}

async fn a_district_announcement_reaches_each_member_once(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let nyc = chapter(&app.running.db, "nyc", "New York City", None).await;
    let queens = chapter(&app.running.db, "queens", "Queens Branch", Some("nyc")).await;
    let brooklyn = chapter(&app.running.db, "brooklyn", "Brooklyn Branch", Some("nyc")).await;
    // 500 members spread over the district and its branches; every tenth is in Queens as well.
    let now = Utc::now();
    let txn = begin_write(&app.running.db).await.unwrap();
    for i in 0..=MEMBERS {
        let email = format!("member{i}@example.org");
        let new = NewUser { name: &format!("Member {i}"), email: &email, password_hash: "x", verified: true, is_site_admin: false };
        let id = users::create(&txn, new, now).await.unwrap();
        if i == MEMBERS {
            // A request not yet approved: not a member, gets nothing.
            memberships::join(&txn, id, nyc, true, now).await.unwrap();
            continue;
        }
        memberships::join(&txn, id, [nyc, queens, brooklyn][i % 3], false, now).await.unwrap();
        if i % 10 == 0 && i % 3 != 1 {
            memberships::join(&txn, id, queens, false, now).await.unwrap();
        }
    }
    txn.commit().await.unwrap();
    suppression::suppress(&app.running.db, "member7@example.org", "550 no such user", now).await.unwrap();
    opt_outs::opt_out(&app.running.db, "member8@example.org", MailCategory::Announcements, now).await.unwrap();
    account(&app, "org@example.org", "Olga Organizer", false).await;
    grant(&app, "org@example.org", "nyc", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;

    // The form says how many each choice reaches: the organizer counts as a member too.
    let (status, form) = org.get("/chapters/nyc/announce").await;
    assert_eq!(status, StatusCode::OK);
    assert!(form.contains("Members of New York City (168 people)"), "167 district members and the organizer");
    assert!(form.contains("Members of New York City and of its branches (501 people)"), "each once");

    // Hostile input: a header injection in the subject is refused, and nothing is written.
    let hostile = org
        .submit(
            "/chapters/nyc/announce",
            "/chapters/nyc/announce",
            &[("subject", "Hi\r\nBcc: everyone@evil.example"), ("body", "x"), ("include_sub_chapters", "on"), ("step", "send")],
        )
        .await;
    assert_eq!(hostile.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(hostile.text().await.unwrap().contains("one line"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM announcements").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox").await, 0);

    // Preview: the message as it will read, and how many get it.
    let body = "**Strike vote** on Saturday.\n\n- Bring your card\n- Bring a friend\n\n<script>alert(1)</script>";
    let fields = [("subject", "Strike vote this Saturday"), ("body", body), ("include_sub_chapters", "on")];
    let preview = org.submit("/chapters/nyc/announce", "/chapters/nyc/announce", &[&fields[..], &[("step", "preview")]].concat()).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let preview = preview.text().await.unwrap();
    assert!(preview.contains("This goes to <strong>501 people</strong>"), "{preview}");
    assert!(preview.contains("<strong>Strike vote</strong>") && !preview.contains("<script>alert"), "rendered and sanitized");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox").await, 0, "a preview sends nothing");

    // Send: one row per person, then the progress page.
    let sent = org.submit("/chapters/nyc/announce", "/chapters/nyc/announce", &[&fields[..], &[("step", "send")]].concat()).await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let progress_url = sent.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'announcement'").await, 501);
    let (_, before) = org.get(&progress_url).await;
    assert_eq!(progress(&before), (0, 0, 501), "nothing sent yet");
    assert!(before.contains("Sending…"));

    // The worker sends; the counts move.
    app.tick(Utc::now()).await;
    let (_, after) = org.get(&progress_url).await;
    assert_eq!(progress(&after), (499, 2, 0), "sent to all but the refusing and the unsubscribed address");
    assert!(after.contains("All done."));
    let json = org.client.get(org.url(&format!("{progress_url}/progress"))).send().await.unwrap().text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json, serde_json::json!({ "sent": 499, "left": 0, "not_sent": 2 }));

    let got = smtp.wait_for(499, Duration::from_secs(30)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(smtp.count(), 499, "one each, no more");
    let to: BTreeSet<&str> = got.iter().map(|m| m.rcpt_to.as_str()).collect();
    assert_eq!(to.len(), 499, "nobody twice, though some are in two chapters");
    assert!(!to.contains("member7@example.org"), "a suppressed address gets no announcement");
    assert!(!to.contains("member8@example.org"), "nor one that turned announcements off");
    assert!(!to.contains("member500@example.org"), "nor a request not approved");
    let m = got.iter().find(|m| m.rcpt_to == "member1@example.org").unwrap();
    assert_eq!(m.subject, "Strike vote this Saturday");
    assert!(m.header("From").contains("New York City via"));
    assert!(m.header("List-Unsubscribe").contains("category=announcements"));
    assert!(m.header("Content-Type").starts_with("multipart/alternative"));
    let text = m.decoded();
    assert!(text.contains("**Strike vote** on Saturday.") && text.contains("- Bring a friend"), "the text part reads as written");
    assert!(text.contains("<strong>Strike vote</strong>"), "the HTML part, rendered");
    assert_eq!(text.matches("<script>").count(), 1, "the script stays as text in the text part and is gone from the HTML");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'announcement.send'").await, 1);

    // Another district's organizer cannot follow it.
    chapter(&app.running.db, "boston", "Boston", None).await;
    account(&app, "bos@example.org", "Bo", false).await;
    grant(&app, "bos@example.org", "boston", Role::Organizer).await;
    let other = logged_in(&app, "bos@example.org").await;
    assert_eq!(other.get(&progress_url).await.0, StatusCode::FORBIDDEN);
    assert_eq!(other.get("/chapters/nyc/announce").await.0, StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn an_event_announcement_goes_to_the_people_going(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event =
        chapter_with_event(&app.running.db, EventSpec { capacity: Some(2), ..EventSpec::public("Tenant Power Forum", days_from_now(3)) })
            .await;
    for (name, email, ip) in
        [("Ann", "ann@example.org", "127.0.0.2"), ("Ben", "ben@example.org", "127.0.0.3"), ("Cleo", "cleo@example.org", "127.0.0.4")]
    {
        let v = Visitor::from_address(&app, ip);
        let page = format!("/events/{event}");
        assert_eq!(v.submit(&page, &format!("{page}/rsvp"), &[("name", name), ("email", email)]).await.status(), StatusCode::SEE_OTHER);
    }
    app.tick(Utc::now()).await;
    smtp.wait_for(3, Duration::from_secs(10)).await;
    let slug = {
        use sea_orm::ConnectionTrait;
        let db = &app.running.db;
        let sql = format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {event}");
        let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
        row.try_get_by_index::<String>(0).unwrap()
    };
    account(&app, "org@example.org", "Olga", false).await;
    grant(&app, "org@example.org", &slug, Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let page = format!("/events/{event}/announce");
    let (_, form) = org.get(&page).await;
    assert!(form.contains("People going (2 people)") && form.contains("People on the waitlist (1 person)"), "{form}");
    // No audience a form could not offer.
    let odd = org.submit(&page, &page, &[("audience", "everyone_ever"), ("subject", "Hi"), ("body", "x"), ("step", "send")]).await;
    assert_eq!(odd.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let sent = org
        .submit(
            &page,
            &page,
            &[("audience", "going"), ("subject", "Doors open at 6:30"), ("body", "Come early for a seat."), ("step", "send")],
        )
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    app.tick(Utc::now()).await;
    let got = smtp.wait_for(5, Duration::from_secs(10)).await;
    let news: Vec<_> = got.iter().filter(|m| m.subject == "Doors open at 6:30").collect();
    let mut to: Vec<&str> = news.iter().map(|m| m.rcpt_to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["ann@example.org", "ben@example.org"], "the people going, not the waitlist");
    assert!(news[0].decoded().contains("Come early for a seat.") && news[0].decoded().contains("/events/"), "with the event's facts");
    // The event's timeline counts them.
    let (_, timeline) = org.get(&format!("/events/{event}/timeline")).await;
    assert!(timeline.contains("Announcements</td><td>2</td><td>Sent"), "{timeline}");
    app.stop().await;
}
