//! What one chapter's organizers cannot do to another chapter, over HTTP, on
//! SQLite and PostgreSQL: co-hosting is an invitation the named chapter
//! answers; a series edit checks every date it changes; an event's venue edit
//! leaves other events alone; hidden events answer 404 on organizer routes.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::event::EventStatus;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter, days_from_now, event_in, sql_i64, sql_text};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    cohosting_is_an_invitation_the_named_chapter_answers,
    a_declined_invitation_stays_declined,
    a_series_edit_checks_every_date_it_changes,
    editing_one_events_venue_leaves_other_events_alone,
    a_saved_venue_is_changed_on_its_own_page_for_upcoming_events_only,
    hidden_events_answer_404_on_organizer_routes,
);

fn form(day: &str, title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "public_forum".into()),
        ("title", title.into()),
        ("summary", "A forum for tests.".into()),
        ("description", "Come along.".into()),
        ("starts_at", format!("{day}T19:00")),
        ("ends_at", format!("{day}T21:00")),
        ("time_zone", "America/New_York".into()),
        ("venue_name", "Union Hall".into()),
        ("venue_street_address", "12 Labor Way".into()),
        ("venue_suite", "Floor 2".into()),
        ("venue_city", "Queens, NY".into()),
        ("venue_transit", "7 train to 61st St".into()),
        ("visibility", "public".into()),
    ]
}

fn set(f: &mut Vec<(&'static str, String)>, key: &'static str, value: &str) {
    match f.iter_mut().find(|(k, _)| *k == key) {
        Some(field) => field.1 = value.into(),
        None => f.push((key, value.into())),
    }
}

fn soon() -> String {
    (chrono::Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%d").to_string()
}

async fn submit(v: &Visitor, page: &str, action: &str, fields: &[(&'static str, String)]) -> reqwest::Response {
    let all: Vec<(&str, &str)> = fields.iter().map(|(k, val)| (*k, val.as_str())).collect();
    v.submit(page, action, &all).await
}

/// Creates a published event as `v` in queens; returns its id.
async fn create(v: &Visitor, f: &[(&'static str, String)]) -> i64 {
    let mut f = f.to_vec();
    set(&mut f, "action", "publish");
    let res = submit(v, "/chapters/queens/events/new", "/chapters/queens/events", &f).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the event is created");
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    to.trim_start_matches("/events/").parse().unwrap()
}

/// Everywhere an event can be listed with a chapter: its page, its parent's
/// page, its embed, its feed, the list's and the API's chapter filter.
async fn listed_with(app: &TestApp, slug: &str, parent: &str, title: &str) -> Vec<(String, bool)> {
    let anyone = Visitor::new(app);
    let mut out = Vec::new();
    for path in [
        format!("/chapters/{slug}"),
        format!("/chapters/{parent}"),
        format!("/chapters/{slug}/embed"),
        format!("/chapters/{slug}/calendar.ics"),
        format!("/?chapter={slug}"),
        format!("/api/v1/events?chapter={slug}"),
    ] {
        let (status, body) = anyone.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        out.push((path, body.contains(title)));
    }
    out
}

async fn people(app: &TestApp) {
    chapter(&app.running.db, "mass", "Massachusetts", None).await;
    chapter(&app.running.db, "boston", "Boston", Some("mass")).await;
    for (email, slug, role) in [
        ("queens.org@example.org", "queens", Role::Organizer),
        ("boston.org@example.org", "boston", Role::Organizer),
        ("boston.member@example.org", "boston", Role::Member),
        ("hunter.org@example.org", "hunter-college", Role::Organizer),
        ("queens.member@example.org", "queens", Role::Member),
    ] {
        account(app, email, "Someone", false).await;
        grant(app, email, slug, role).await;
    }
}

async fn cohost_status(app: &TestApp, event: i64) -> String {
    sql_text(
        &app.running.db,
        &format!(
            "SELECT ec.status FROM event_cohosts ec JOIN chapters c ON c.id = ec.chapter_id WHERE ec.event_id = {event} AND c.slug = 'boston'"
        ),
    )
    .await
}

async fn cohosting_is_an_invitation_the_named_chapter_answers(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    people(&app).await;
    let queens = logged_in(&app, "queens.org@example.org").await;
    let mut f = form(&soon(), "Joint Rally for Public Transit");
    set(&mut f, "cohosts", "boston");
    let rally = create(&queens, &f).await;
    let mut f = form(&soon(), "Joint Members Night");
    set(&mut f, "cohosts", "boston");
    set(&mut f, "visibility", "members_only");
    let members_night = create(&queens, &f).await;
    assert_eq!(app.rsvp(rally, "Ann Attendee", "ann@example.org").await.status(), StatusCode::OK);

    // Pending: nowhere of Boston's, nothing for its people.
    let listed = listed_with(&app, "boston", "mass", "Joint Rally").await;
    assert!(listed.iter().all(|(_, shown)| !shown), "not listed with Boston before it accepts: {listed:?}");
    assert!(!Visitor::new(&app).get(&format!("/events/{rally}")).await.1.contains("/chapters/boston"), "the page does not name it");
    let boston = logged_in(&app, "boston.org@example.org").await;
    assert_eq!(boston.get(&format!("/events/{rally}/attendees")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(boston.get(&format!("/events/{rally}/attendees.csv")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(boston.get(&format!("/events/{rally}/edit")).await.0, StatusCode::FORBIDDEN);
    let member = logged_in(&app, "boston.member@example.org").await;
    assert_eq!(member.get(&format!("/events/{members_night}")).await.0, StatusCode::NOT_FOUND);

    // Someone else cannot answer for Boston.
    let hunter = logged_in(&app, "hunter.org@example.org").await;
    let res = hunter.submit("/account", &format!("/chapters/boston/cohosting/{rally}/accept"), &[]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(cohost_status(&app, rally).await, "pending");

    // Boston's dashboard lists the invitations; its organizer accepts both.
    let (_, dashboard) = boston.get("/chapters/boston/dashboard").await;
    assert!(dashboard.contains("Invitations to co-host") && dashboard.contains("Joint Rally for Public Transit"), "{dashboard}");
    for id in [rally, members_night] {
        let res = boston.submit("/chapters/boston/dashboard", &format!("/chapters/boston/cohosting/{id}/accept"), &[]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(cohost_status(&app, id).await, "accepted");
    }
    let listed = listed_with(&app, "boston", "mass", "Joint Rally").await;
    assert!(listed.iter().all(|(_, shown)| *shown), "listed with Boston once it accepts: {listed:?}");
    assert!(Visitor::new(&app).get(&format!("/events/{rally}")).await.1.contains("/chapters/boston"));

    // Accepted: Boston's organizers see the attendees, its members the
    // members-only event; only the host edits or cancels.
    let (status, attendees) = boston.get(&format!("/events/{rally}/attendees")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(attendees.contains("ann@example.org"));
    assert_eq!(member.get(&format!("/events/{members_night}")).await.0, StatusCode::OK);
    assert_eq!(member.get(&format!("/events/{rally}/attendees")).await.0, StatusCode::FORBIDDEN);
    assert_eq!(boston.get(&format!("/events/{rally}/edit")).await.0, StatusCode::FORBIDDEN);
    let res = boston.submit(&format!("/events/{rally}"), &format!("/events/{rally}/cancel"), &[("reason", "Rain")]).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(sql_text(&app.running.db, &format!("SELECT status FROM events WHERE id = {rally}")).await, "published");
    app.stop().await;
}

async fn a_declined_invitation_stays_declined(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    people(&app).await;
    let queens = logged_in(&app, "queens.org@example.org").await;
    let mut f = form(&soon(), "Rally Boston Declines");
    set(&mut f, "cohosts", "boston");
    let rally = create(&queens, &f).await;
    let boston = logged_in(&app, "boston.org@example.org").await;
    let res = boston.submit("/chapters/boston/dashboard", &format!("/chapters/boston/cohosting/{rally}/decline"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(cohost_status(&app, rally).await, "declined");
    assert!(!boston.get("/chapters/boston/dashboard").await.1.contains("Rally Boston Declines"), "no longer listed for an answer");

    // The host sees the answer on the form, saves the event naming Boston again: it is not asked again.
    let path = format!("/events/{rally}/edit");
    assert!(queens.get(&path).await.1.contains("Boston (boston): Declined"), "the host sees the answer");
    let mut again = f.clone();
    set(&mut again, "title", "Rally Boston Declines, again");
    assert_eq!(submit(&queens, &path, &path, &again).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(cohost_status(&app, rally).await, "declined");
    let listed = listed_with(&app, "boston", "mass", "Rally Boston Declines").await;
    assert!(listed.iter().all(|(_, shown)| !shown), "a declined invitation lists nothing: {listed:?}");
    let res = boston.submit("/chapters/boston/dashboard", &format!("/chapters/boston/cohosting/{rally}/accept"), &[]).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(cohost_status(&app, rally).await, "declined");
    app.stop().await;
}

async fn a_series_edit_checks_every_date_it_changes(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    people(&app).await;
    let queens = logged_in(&app, "queens.org@example.org").await;
    let mut f = form("2027-05-05", "Tenant Committee");
    set(&mut f, "repeat", "weekly");
    set(&mut f, "repeat_until", "2027-05-26");
    let first = create(&queens, &f).await;
    let conn = db.connect().await;
    let series = sql_i64(&conn, &format!("SELECT series_id FROM events WHERE id = {first}")).await;
    // The third date belongs to another chapter now (moved there by hand).
    let third = sql_i64(&conn, &format!("SELECT id FROM events WHERE series_id = {series} AND occurrence_date = '2027-05-19'")).await;
    let hunter = sql_i64(&conn, "SELECT id FROM chapters WHERE slug = 'hunter-college'").await;
    conn.execute_unprepared(&format!("UPDATE events SET chapter_id = {hunter} WHERE id = {third}")).await.unwrap();

    let mut all = f.clone();
    set(&mut all, "title", "Renamed by Queens");
    set(&mut all, "visibility", "members_only");
    set(&mut all, "apply", "following");
    let path = format!("/events/{first}/edit");
    let res = submit(&queens, &path, &path, &all).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "one date is not Queens's to change");
    let renamed = sql_i64(&conn, &format!("SELECT COUNT(*) FROM events WHERE series_id = {series} AND title <> 'Tenant Committee'")).await;
    assert_eq!(renamed, 0, "nothing was written, not even the dates Queens manages");

    // Given back, the same edit changes every date.
    let queens_id = sql_i64(&conn, "SELECT id FROM chapters WHERE slug = 'queens'").await;
    conn.execute_unprepared(&format!("UPDATE events SET chapter_id = {queens_id} WHERE id = {third}")).await.unwrap();
    assert_eq!(submit(&queens, &path, &path, &all).await.status(), StatusCode::SEE_OTHER);
    let renamed = sql_i64(&conn, &format!("SELECT COUNT(*) FROM events WHERE series_id = {series} AND title = 'Renamed by Queens'")).await;
    assert_eq!(renamed, 4);
    app.stop().await;
}

async fn editing_one_events_venue_leaves_other_events_alone(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    people(&app).await;
    let queens = logged_in(&app, "queens.org@example.org").await;
    let first = create(&queens, &form(&soon(), "First Forum")).await;
    let second = create(&queens, &form(&soon(), "Second Forum")).await;
    let conn = db.connect().await;
    let venue_of = |id: i64| format!("SELECT venue_id FROM events WHERE id = {id}");
    assert_eq!(sql_i64(&conn, &venue_of(first)).await, sql_i64(&conn, &venue_of(second)).await, "the same place is one saved venue");

    let mut moved = form(&soon(), "First Forum");
    set(&mut moved, "venue_suite", "Basement");
    set(&mut moved, "venue_transit", "Q train to 72nd St");
    let path = format!("/events/{first}/edit");
    assert_eq!(submit(&queens, &path, &path, &moved).await.status(), StatusCode::SEE_OTHER);
    let (_, page) = Visitor::new(&app).get(&format!("/events/{first}")).await;
    assert!(page.contains("Basement") && page.contains("Q train"), "the edited event has the new details");
    let (_, page) = Visitor::new(&app).get(&format!("/events/{second}")).await;
    assert!(page.contains("Floor 2") && page.contains("7 train to 61st St"), "the other event keeps its own");
    assert!(!page.contains("Basement") && !page.contains("Q train"));
    app.stop().await;
}

async fn hidden_events_answer_404_on_organizer_routes(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    people(&app).await;
    let queens = logged_in(&app, "queens.org@example.org").await;
    let mut f = form(&soon(), "Secret Draft");
    set(&mut f, "action", "draft");
    let res = submit(&queens, "/chapters/queens/events/new", "/chapters/queens/events", &f).await;
    let draft: i64 = res.headers()["location"].to_str().unwrap().trim_start_matches("/events/").parse().unwrap();
    let members_only = sql_i64(&app.running.db, "SELECT id FROM events WHERE visibility = 'members_only'").await;

    let hunter = logged_in(&app, "hunter.org@example.org").await;
    let member = logged_in(&app, "queens.member@example.org").await;
    let anyone = Visitor::new(&app);
    for v in [&hunter, &member, &anyone] {
        assert_eq!(v.get(&format!("/events/{draft}/edit")).await.0, StatusCode::NOT_FOUND, "a draft is hidden from non-organizers");
        assert_eq!(v.get(&format!("/events/{draft}/attendees")).await.0, StatusCode::NOT_FOUND);
    }
    let token = turnout_tests::app::csrf_of(&hunter.get("/account").await.1);
    for action in ["publish", "delete", "duplicate", "cancel", "skip", "cover/remove"] {
        let res = hunter.client.post(hunter.url(&format!("/events/{draft}/{action}"))).form(&[("_csrf", &token)]).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "POST {action} on a hidden draft");
    }
    assert_eq!(sql_text(&app.running.db, &format!("SELECT status FROM events WHERE id = {draft}")).await, "draft");
    // The members-only meeting of Hunter College: hidden from Queens's people,
    // visible to Hunter's organizer (who manages it).
    assert_eq!(queens.get(&format!("/events/{members_only}/edit")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(member.get(&format!("/events/{members_only}/edit")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(hunter.get(&format!("/events/{members_only}/edit")).await.0, StatusCode::OK);
    // Visible without the right: still 403; anonymous on a visible event: log in.
    let public = sql_i64(&app.running.db, "SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await;
    assert_eq!(hunter.get(&format!("/events/{public}/edit")).await.0, StatusCode::FORBIDDEN);
    let res = anyone.client.get(anyone.url(&format!("/events/{public}/edit"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login"));
    app.stop().await;
}

async fn a_saved_venue_is_changed_on_its_own_page_for_upcoming_events_only(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    people(&app).await;
    let queens = logged_in(&app, "queens.org@example.org").await;
    let upcoming = create(&queens, &form(&soon(), "Upcoming Forum")).await;
    let conn = db.connect().await;
    let venue = sql_i64(&conn, &format!("SELECT venue_id FROM events WHERE id = {upcoming}")).await;
    let queens_id = sql_i64(&conn, "SELECT id FROM chapters WHERE slug = 'queens'").await;
    let spec = EventSpec { status: EventStatus::Published, ..EventSpec::public("Last Month's Forum", days_from_now(-30)) };
    let past = event_in(&conn, queens_id, Some(venue), spec).await;

    let (status, page) = queens.get("/chapters/queens/venues").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("1 upcoming event is held here"), "{page}");
    let hunter = logged_in(&app, "hunter.org@example.org").await;
    assert_eq!(hunter.get("/chapters/queens/venues").await.0, StatusCode::FORBIDDEN, "another chapter's organizer may not");

    let action = format!("/chapters/queens/venues/{venue}");
    let bad = queens.submit("/chapters/queens/venues", &action, &[("venue_name", "Union Hall"), ("venue_city", "")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("Please give the city"));
    let fields = [
        ("venue_name", "Union Hall"),
        ("venue_street_address", "12 Labor Way"),
        ("venue_suite", "Basement, door on the left"),
        ("venue_city", "Queens, NY"),
    ];
    assert_eq!(queens.submit("/chapters/queens/venues", &action, &fields).await.status(), StatusCode::SEE_OTHER);
    let (_, page) = Visitor::new(&app).get(&format!("/events/{upcoming}")).await;
    assert!(page.contains("Basement, door on the left"), "the upcoming event is held at the changed venue");
    let (_, page) = Visitor::new(&app).get(&format!("/events/{past}")).await;
    assert!(page.contains("Floor 2") && !page.contains("Basement"), "an event that is over keeps what it had");
    app.stop().await;
}
