//! What visitors find: filters and pages on `/`, the JSON API, calendar feeds
//! read by an independent iCalendar parser, and the share metadata of an
//! event page. On SQLite and PostgreSQL.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::ical;
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    filters_find_events_and_refuse_bad_values,
    the_list_is_paginated,
    the_api_serves_public_data_only,
    calendars_parse_and_follow_changes,
    a_private_feed_lists_my_rsvps_until_rotated,
    chapters_show_past_events_and_can_be_embedded,
);

async fn scalar(db: &TestDb, sql: &str) -> i64 {
    let conn = db.connect().await;
    let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

const FORUM: &str = "Housing Is a Human Right";
const MEETING: &str = "Queens Branch Weekly Meeting";

async fn filters_find_events_and_refuse_bad_values(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let v = Visitor::new(&app);
    let shows = |page: &str| (page.contains(FORUM), page.contains(MEETING));
    assert_eq!(shows(&v.get("/?tag=housing").await.1), (true, false));
    assert_eq!(shows(&v.get("/?tag=%23Housing").await.1), (true, false), "#Housing is the same tag");
    assert_eq!(shows(&v.get("/?kind=branch_meeting").await.1), (false, true));
    assert_eq!(shows(&v.get("/?chapter=new-york").await.1), (true, true), "a district lists its branches' events");
    assert_eq!(shows(&v.get("/?chapter=hunter-college").await.1), (false, false), "members-only events are not listed");
    assert_eq!(shows(&v.get("/?q=EVICTIONS").await.1), (true, false), "words are found whatever their case");
    assert_eq!(shows(&v.get("/?q=dinner+interpretation").await.1), (true, false), "every word must appear, in any field");
    assert_eq!(shows(&v.get("/?q=%25").await.1), (false, false), "a % is a literal character, not a wildcard");
    let forum_day = scalar(&db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    let start: String = {
        let conn = db.connect().await;
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT starts_at FROM events WHERE id = {forum_day}"),
            ))
            .await
            .unwrap()
            .unwrap();
        let t: chrono::DateTime<chrono::Utc> = row.try_get("", "starts_at").unwrap();
        t.format("%Y-%m-%d").to_string()
    };
    let (status, day) = v.get(&format!("/?from={start}&to={start}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(day.contains(FORUM), "the forum's own day finds it");
    for bad in ["/?kind=rave", "/?from=tomorrow", "/?chapter=atlantis", "/?from=2026-12-10&to=2026-12-01"] {
        let (status, page) = v.get(bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(page.contains("<p>") && !page.contains("panicked"), "a clear message for {bad}");
    }
    app.stop().await;
}

async fn the_list_is_paginated(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    for i in 0..25 {
        let title: &'static str = Box::leak(format!("Canvass number {i:02}").into_boxed_str());
        chapter_with_event(&app.running.db, EventSpec::public(title, days_from_now(1) + chrono::Duration::hours(i))).await;
    }
    let v = Visitor::new(&app);
    let (_, first) = v.get("/").await;
    assert_eq!(first.matches(">Canvass number").count(), 20);
    assert!(first.contains("Canvass number 00") && !first.contains("Canvass number 20"), "soonest first");
    assert!(first.contains("rel=\"next\" href=\"/?page=2\""));
    let (_, second) = v.get("/?page=2").await;
    assert_eq!(second.matches(">Canvass number").count(), 5);
    assert!(second.contains("Canvass number 24") && second.contains("rel=\"prev\""));
    app.stop().await;
}

async fn the_api_serves_public_data_only(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let forum = scalar(&db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    let members_only = scalar(&db, "SELECT id FROM events WHERE visibility = 'members_only'").await;
    assert_eq!(app.rsvp(forum, "Secret Attendee", "secret.attendee@example.org").await.status(), StatusCode::OK);
    let v = Visitor::new(&app);

    let res = v.client.get(v.url("/api/v1/events?tag=housing")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let list: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    let events = list["events"].as_array().unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["id"], forum);
    assert_eq!(events[0]["chapter"]["slug"], "queens");

    let (status, body) = v.get(&format!("/api/v1/events/{forum}")).await;
    assert_eq!(status, StatusCode::OK);
    let one: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(one["speakers"].as_array().unwrap().len(), 3);
    assert_eq!(one["venue"]["suite"], "Suite 3B, 3rd floor");
    assert_eq!(one["seats_left"], 0, "the demo forum is full: the RSVP joined the waitlist");
    assert_eq!(one["going"], 40, "people going, parties counted in full");
    assert_eq!(one["waitlisted"], 5, "two parties of the demo (3 and 1) and the new RSVP");
    assert_eq!(one["maybe"], 2);
    assert!(!body.contains("Secret Attendee") && !body.contains("secret.attendee"), "no attendee is named");
    assert_eq!(v.get(&format!("/api/v1/events/{members_only}")).await.0, StatusCode::NOT_FOUND);
    let (status, err) = v.get("/api/v1/events?kind=rave").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(serde_json::from_str::<serde_json::Value>(&err).unwrap()["error"].as_str().unwrap().contains("rave"));

    let chapters: serde_json::Value = serde_json::from_str(&v.get("/api/v1/chapters").await.1).unwrap();
    let list = chapters["chapters"].as_array().unwrap();
    assert_eq!(list.len(), 5, "the demo's five chapters");
    let queens = list.iter().find(|c| c["slug"] == "queens").unwrap();
    assert_eq!(queens["parent"], "new-york");

    // The event page carries what a shared link and a search engine need.
    let (_, page) = v.get(&format!("/events/{forum}")).await;
    for expected in [
        "property=\"og:title\"",
        "name=\"twitter:card\"",
        "application/ld+json",
        "\"@type\":\"Event\"",
        "https://schema.org/EventScheduled",
        "calendar.google.com/calendar/render",
        "openstreetmap.org/search?query=37-06",
        "/calendar.ics\"",
    ] {
        assert!(page.contains(expected), "the event page has {expected}");
    }
    app.stop().await;
}

async fn calendars_parse_and_follow_changes(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let forum = scalar(&db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    let members_only = scalar(&db, "SELECT id FROM events WHERE visibility = 'members_only'").await;
    let v = Visitor::new(&app);
    let starts: chrono::DateTime<chrono::Utc> = {
        let conn = db.connect().await;
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(
                conn.get_database_backend(),
                format!("SELECT starts_at FROM events WHERE id = {forum}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "starts_at").unwrap()
    };

    // A title with the characters RFC 5545 escapes (and a quote), last
    // edited ten days ago.
    let title = "Rent, wages; and \"power\" \\ now";
    let edited = chrono::Utc::now() - chrono::Duration::days(10);
    {
        use sea_orm::sea_query::{Expr, ExprTrait, Query};
        let conn = db.connect().await;
        let update = Query::update()
            .table("events")
            .value("title", title)
            .value("updated_at", edited)
            .and_where(Expr::col("id").eq(forum))
            .to_owned();
        conn.execute(&update).await.unwrap();
    }

    let res = v.client.get(v.url(&format!("/events/{forum}/calendar.ics"))).send().await.unwrap();
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let (_, name, events) = ical::parse_named(&res.text().await.unwrap());
    assert_eq!(events.len(), 1);
    // The parser hands NAME (RFC 7986, a TEXT value) back as written: it is
    // escaped like every TEXT value (RFC 5545 3.3.11).
    assert_eq!(name, "Rent\\, wages\\; and \"power\" \\\\ now", "the calendar's NAME is escaped");
    assert_eq!(events[0].summary, title, "SUMMARY round-trips");
    // A download (METHOD:PUBLISH) is stamped when it was made; a feed
    // (no METHOD) with the event's last revision (RFC 5545 3.8.7.2).
    assert!((events[0].stamp - chrono::Utc::now().timestamp()).abs() < 300, "a download's DTSTAMP is now");
    let first = events[0].clone();
    assert_eq!(first.start, starts.timestamp(), "the parsed start is the event's start");
    assert_eq!(first.end - first.start, 2 * 3600);
    assert!(first.location.contains("37-06 82nd Street"));

    // The district's feed has its branches' public events; nobody's feed has the members-only one.
    let (_, district) = ical::parse(&v.get("/chapters/new-york/calendar.ics").await.1);
    let in_feed = district.iter().find(|e| e.uid == first.uid).expect("the district feed includes the branch's forum");
    assert!((in_feed.stamp - edited.timestamp()).abs() <= 1, "a feed's DTSTAMP is the last revision");
    assert_eq!(in_feed.summary, title);
    assert_eq!(district.len(), 9, "the forum, six weekly meetings, the day school and the Sunset Park assembly");
    let (_, all) = ical::parse(&v.get("/calendar.ics").await.1);
    assert_eq!(all.len(), 9);
    assert!(!all.iter().any(|e| e.uid.starts_with(&format!("event-{members_only}@"))));
    assert_eq!(v.get(&format!("/events/{members_only}/calendar.ics")).await.0, StatusCode::NOT_FOUND);

    // An RSVP's confirmation carries the event as an attachment the parser
    // reads (the demo forum is full: a place is made so Ann is going).
    let conn = db.connect().await;
    conn.execute_unprepared(&format!("UPDATE events SET capacity = 100 WHERE id = {forum}")).await.unwrap();
    assert_eq!(app.rsvp(forum, "Ann", "ann@example.org").await.status(), StatusCode::OK);
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    let raw = mail[0].raw.replace("\r\n", "\n");
    assert!(raw.contains("Content-Type: text/calendar; charset=utf-8; method=PUBLISH"), "an .ics part, METHOD in its type");
    let ics = turnout_tests::smtp::attached_calendar(&mail[0].raw).expect("an .ics part");
    let (method, attached) = ical::parse(&ics);
    assert_eq!(method, "PUBLISH");
    assert_eq!(attached[0].uid, first.uid, "the same UID as the feeds");
    assert_eq!(attached[0].summary, title);
    assert!((attached[0].stamp - chrono::Utc::now().timestamp()).abs() < 300, "a message's DTSTAMP is when it was made");

    // A street address shown only to people going: the feeds keep the venue's name.
    conn.execute_unprepared(&format!("UPDATE events SET address_protection = 'rsvps' WHERE id = {forum}")).await.unwrap();
    let (_, protected) = ical::parse(&v.get(&format!("/events/{forum}/calendar.ics")).await.1);
    assert!(protected[0].location.contains("Jackson Heights Community Center"), "{}", protected[0].location);
    assert!(!protected[0].location.contains("37-06"), "{}", protected[0].location);

    // Editing and cancelling raise SEQUENCE; cancelling sets STATUS:CANCELLED.
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let cancel = org.submit(&format!("/events/{forum}"), &format!("/events/{forum}/cancel"), &[("reason", "The hall flooded.")]).await;
    assert_eq!(cancel.status(), StatusCode::SEE_OTHER);
    let (_, after) = ical::parse(&v.get(&format!("/events/{forum}/calendar.ics")).await.1);
    assert_eq!(after[0].uid, first.uid, "the UID is stable");
    assert!(after[0].sequence > first.sequence, "SEQUENCE went up");
    assert_eq!(after[0].status, "CANCELLED");
    assert_eq!(after[0].summary, title);

    // Ann's cancellation notice carries a CANCEL with an ORGANIZER, which
    // mail programs require before they remove the event.
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(2, Duration::from_secs(10)).await;
    let notice = mail.iter().find(|m| m.subject.starts_with("Cancelled")).expect("a cancellation notice");
    let (method, cancelled) = ical::parse(&turnout_tests::smtp::attached_calendar(&notice.raw).expect("an .ics part"));
    assert_eq!(method, "CANCEL");
    assert_eq!(cancelled[0].uid, first.uid);
    assert_eq!(cancelled[0].summary, title);
    assert!(cancelled[0].organizer.starts_with("mailto:") && cancelled[0].organizer.contains('@'), "{}", cancelled[0].organizer);
    app.stop().await;
}

/// The .ics part of a raw message, decoded, with CRLF line ends.
async fn a_private_feed_lists_my_rsvps_until_rotated(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let forum = scalar(&db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    account(&app, "ann@example.org", "Ann", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let rsvp =
        ann.submit(&format!("/events/{forum}"), &format!("/events/{forum}/rsvp"), &[("name", "Ann"), ("email", "ann@example.org")]).await;
    assert_eq!(rsvp.status(), StatusCode::SEE_OTHER, "a member's click redirects back to the event");

    let made = ann.submit("/account", "/account/calendar", &[]).await;
    let (_, page) = ann.follow(made).await;
    assert!(!ann.get("/account").await.1.contains("/my/"), "the address is shown once");
    let at = page.find(&format!("{}/my/", app.base)).expect("the new address is shown");
    let url: String = page[at..].chars().take_while(|c| *c != '<').collect();
    let path = url.trim_start_matches(&app.base).to_owned();
    let stranger = Visitor::new(&app);
    let (status, feed) = stranger.get(&path).await;
    assert_eq!(status, StatusCode::OK, "the address works without logging in");
    let (_, events) = ical::parse(&feed);
    assert_eq!(events.len(), 1);
    assert!(events[0].uid.starts_with(&format!("event-{forum}@")));

    let rotated = ann.submit("/account", "/account/calendar", &[]).await;
    assert!(ann.follow(rotated).await.1.contains("/my/"));
    assert_eq!(stranger.get(&path).await.0, StatusCode::NOT_FOUND, "the old address stops working");
    assert_eq!(stranger.get("/my/not-a-real-token.ics").await.0, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn chapters_show_past_events_and_can_be_embedded(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    db.connect()
        .await
        .execute_unprepared(
            "UPDATE events SET starts_at = '2025-05-01T23:00:00+00:00', ends_at = '2025-05-02T01:00:00+00:00' WHERE kind = 'public_forum'",
        )
        .await
        .unwrap();
    let v = Visitor::new(&app);
    let (_, queens) = v.get("/chapters/queens").await;
    let past = queens.find("Past events").expect("a past events section");
    assert!(queens[past..].contains(FORUM), "last year's forum is under past events");
    assert!(queens[..past].contains(MEETING));
    let (_, district) = v.get("/chapters/new-york").await;
    assert!(district.contains(MEETING), "a district's page lists its branches' events");

    let res = v.client.get(v.url("/chapters/queens/embed")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("frame-ancestors *"), "the embed may be framed: {csp}");
    assert!(!res.headers().contains_key("x-frame-options"));
    assert!(!res.headers().contains_key("x-turnout-embeddable"), "the internal marker does not leak");
    let body = res.text().await.unwrap();
    assert!(body.contains(MEETING) && body.contains("target=\"_blank\""));
    let home = v.client.get(v.url("/")).send().await.unwrap();
    assert!(
        home.headers()["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"),
        "other pages may not be framed"
    );

    // The organizer's dashboard draws attendance.
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let (_, dashboard) = org.get("/chapters/queens/dashboard").await;
    assert!(dashboard.contains("<svg") && dashboard.contains("40 going of 40 places"), "an attendance chart per event");
    app.stop().await;
}
