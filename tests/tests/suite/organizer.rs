//! The organizer's event workflow over HTTP: create with every field, keep
//! input on errors, draft preview, publish, edit, cancel (attendees are told),
//! duplicate, delete a draft. On SQLite and PostgreSQL.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    an_organizer_runs_an_event_from_draft_to_cancellation,
    bad_event_input_is_kept_and_explained,
    descriptions_cannot_carry_scripts,
    a_protected_address_reaches_only_those_allowed,
    a_weekly_series_keeps_its_local_time_across_dst,
    cohosting_chapters_list_and_see_the_event,
    cover_images_are_checked_by_their_bytes,
    a_saved_venue_fills_the_form,
    skipping_a_date_sees_an_rsvp_made_meanwhile,
);

fn day_after_tomorrow() -> String {
    (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%d").to_string()
}

fn form(day: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "public_forum".into()),
        ("title", "Teachers Strike Solidarity Forum".into()),
        ("summary", "Hear from striking teachers and plan support.".into()),
        ("description", "**Bring** a friend. [Strike fund](https://fund.example)".into()),
        ("starts_at", format!("{day}T19:00")),
        ("ends_at", format!("{day}T21:00")),
        ("doors_open_at", format!("{day}T18:30")),
        ("time_zone", "America/New_York".into()),
        ("venue_name", "Union Hall".into()),
        ("venue_street_address", "12 Labor Way".into()),
        ("venue_suite", "Floor 2".into()),
        ("venue_city", "Queens, NY".into()),
        ("venue_transit", "7 train to 61st St".into()),
        ("venue_accessibility", "Ramp at the side door".into()),
        ("online_url", "https://stream.example/forum".into()),
        ("capacity", "2".into()),
        ("overflow_note", "Overflow room downstairs with a screen.".into()),
        ("guests_allowed", "1".into()),
        ("visibility", "public".into()),
        ("tags", "education, strike".into()),
        ("agenda", "18:30 Doors and dinner\n19:00 Teachers speak\n20:00 Plan support".into()),
        ("speakers", "Maria Lopez | Chapter chair, UFT\nJames Park | Strike captain".into()),
        ("sponsors", "Parents for Schools | https://parents.example\nUnion Hall | | host".into()),
    ]
}

async fn submit(v: &Visitor, page: &str, action: &str, fields: &[(&'static str, String)], button: &str) -> reqwest::Response {
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, val)| (*k, val.as_str())).collect();
    all.push(("action", button));
    v.submit(page, action, &all).await
}

async fn an_organizer_runs_an_event_from_draft_to_cancellation(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let visitor = Visitor::new(&app);
    let day = day_after_tomorrow();

    let created = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &form(&day), "draft").await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let path = created.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = path.trim_start_matches("/events/").parse().unwrap();

    let (status, preview) = org.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(preview.contains("Draft: "), "the organizer previews the draft");
    for expected in [
        "Teachers Strike Solidarity Forum",
        "12 Labor Way, Floor 2",
        "7 train to 61st St",
        "Ramp at the side door",
        "Maria Lopez</strong>, Chapter chair, UFT",
        "Sponsored by Parents for Schools. Hosted by Union Hall.",
        "<strong>Bring</strong>",
        "#strike",
        "Doors and dinner",
    ] {
        assert!(preview.contains(expected), "the page shows {expected:?}");
    }
    assert!(["6:30pm EST", "6:30pm EDT"].iter().any(|t| preview.contains(t)), "doors-open time in the event's zone");
    assert_eq!(visitor.get(&path).await.0, StatusCode::NOT_FOUND, "a draft is not public");
    assert!(!visitor.get("/").await.1.contains("Teachers Strike"), "nor listed");

    let published = org.submit(&path, &format!("{path}/publish"), &[]).await;
    assert_eq!(published.status(), StatusCode::SEE_OTHER);
    assert!(visitor.get("/").await.1.contains("Teachers Strike Solidarity Forum"), "published events are listed");
    assert!(org.get("/admin/audit").await.0 == StatusCode::FORBIDDEN);

    // Edit: the title changes, the calendar sequence goes up.
    let mut edited = form(&day);
    edited[1].1 = "Teachers Strike Forum".into();
    let saved = submit(&org, &format!("{path}/edit"), &format!("{path}/edit"), &edited, "draft").await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert!(visitor.get(&path).await.1.contains("<h1>Teachers Strike Forum</h1>"));
    let conn = db.connect().await;
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            format!("SELECT sequence, status FROM events WHERE id = {id}"),
        ))
        .await
        .unwrap()
        .unwrap();
    assert!(row.try_get::<i32>("", "sequence").unwrap() >= 2, "publishing and editing bump the sequence");
    assert_eq!(row.try_get::<String>("", "status").unwrap(), "published", "saving keeps it published");

    // Two RSVPs, then a cancellation: both hear of it.
    for (name, email) in [("Ann", "ann@example.org"), ("Ben", "ben@example.org")] {
        assert_eq!(app.rsvp(id, name, email).await.status(), StatusCode::OK);
    }
    // Lowering the capacity is explained next to the field, with the number going now.
    let (_, edit_form) = org.get(&format!("{path}/edit")).await;
    assert!(edit_form.contains("Going now: 2 people"), "the edit form shows how many are going");
    assert!(edit_form.contains("removes nobody already going; nobody is promoted from the waitlist until seats free up"));
    // The event page links to a page that asks first and says who will be emailed.
    assert!(org.get(&path).await.1.contains(&format!("href=\"{path}/cancel\"")));
    let (status, confirm) = org.get(&format!("{path}/cancel")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("2 people will be emailed") && confirm.contains("(2 going)"), "{confirm}");
    assert!(visitor.get("/").await.1.contains("Teachers Strike Forum"), "opening the page cancels nothing");
    let cancel_page = format!("{path}/cancel");
    let no_reason = org.submit(&cancel_page, &cancel_page, &[("reason", " ")]).await;
    assert_eq!(no_reason.status(), StatusCode::BAD_REQUEST, "a cancellation needs a reason");
    let refused = no_reason.text().await.unwrap();
    assert!(refused.contains("2 people will be emailed"), "the page asks again, with the count");
    assert!(
        refused.contains("tabindex=\"-1\" autofocus") && refused.contains("href=\"#reason\""),
        "the error summary takes focus and links to the field"
    );
    let cancelled = org.submit(&cancel_page, &cancel_page, &[("reason", "The strike was settled: we won!")]).await;
    assert_eq!(cancelled.status(), StatusCode::SEE_OTHER);
    assert_eq!(org.get(&cancel_page).await.0, StatusCode::CONFLICT, "a cancelled event is not cancelled twice");
    let page = visitor.get(&path).await.1;
    assert!(page.contains("This event has been cancelled.") && page.contains("we won!"));
    assert!(page.contains("RSVPs are closed"));
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(4, Duration::from_secs(10)).await;
    let notices: Vec<_> = mail.iter().filter(|m| m.subject.starts_with("Cancelled:")).map(|m| m.rcpt_to.as_str()).collect();
    assert_eq!(notices.len(), 2, "{notices:?}");

    // Duplicate: a new draft with the same details, opened for editing.
    let dup = org.submit(&path, &format!("{path}/duplicate"), &[]).await;
    assert_eq!(dup.status(), StatusCode::SEE_OTHER);
    let edit_copy = dup.headers()["location"].to_str().unwrap().to_owned();
    let (status, copy_form) = org.get(&edit_copy).await;
    assert_eq!(status, StatusCode::OK);
    assert!(copy_form.contains("Teachers Strike Forum") && copy_form.contains("Maria Lopez | Chapter chair, UFT"));
    let copy_path = edit_copy.trim_end_matches("/edit").to_owned();
    assert_eq!(org.submit(&path, &format!("{path}/delete"), &[]).await.status(), StatusCode::CONFLICT, "a published event is not deleted");
    let (status, confirm) = org.get(&format!("{copy_path}/delete")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("Nobody will be emailed") && confirm.contains("cannot be undone"));
    assert_eq!(org.get(&format!("{path}/delete")).await.0, StatusCode::CONFLICT, "no page offers to delete a published event");
    let delete_page = format!("{copy_path}/delete");
    assert_eq!(org.submit(&delete_page, &delete_page, &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(org.get(&copy_path).await.0, StatusCode::NOT_FOUND, "the draft is gone");

    let (status, dashboard) = org.get("/chapters/queens/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert!(dashboard.contains("Teachers Strike Forum") && dashboard.contains("Cancelled"));
    assert_eq!(Visitor::new(&app).get("/chapters/queens/dashboard").await.0, StatusCode::SEE_OTHER);
    app.stop().await;
}

async fn bad_event_input_is_kept_and_explained(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let before = org.get("/").await.1.matches("/events/").count();
    let mut bad = form(&day_after_tomorrow());
    bad[5].1 = bad[4].1.replace("19:00", "18:00"); // ends before it starts
    bad[6].1 = bad[4].1.replace("19:00", "19:45"); // doors after the start
    bad[14].1 = "javascript:alert(1)".into();
    bad[15].1 = "-5".into();
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &bad, "publish").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = res.text().await.unwrap();
    for (field, words) in
        [("ends_at", "after the start"), ("doors_open_at", "before the start"), ("online_url", "http"), ("capacity", "0 or more")]
    {
        assert!(page.contains(&format!("id=\"{field}-error\"")), "a message next to {field}");
        assert!(page.contains(words), "{words}");
    }
    assert!(
        page.contains("Teachers Strike Solidarity Forum") && page.contains("Maria Lopez | Chapter chair, UFT"),
        "what was typed is kept"
    );

    let mut gap = form("2027-03-14");
    gap[4].1 = "2027-03-14T02:30".into();
    gap[5].1 = "2027-03-14T04:00".into();
    gap[6].1 = String::new();
    gap[20].1 = String::new();
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &gap, "publish").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("the clocks skip that hour"));
    assert_eq!(org.get("/").await.1.matches("/events/").count(), before, "nothing was written");
    app.stop().await;
}

async fn descriptions_cannot_carry_scripts(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let payloads = [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<a href=\"jAvAsCrIpT:alert(1)\">x</a>",
        "<svg/onload=alert(1)>",
        "<style>body{display:none}</style>",
        "<div onmouseover=\"alert(1)\">hover</div>",
        "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    ];
    let mut f = form(&day_after_tomorrow());
    f[3].1 = payloads.join("\n\n");
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &f, "publish").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = res.headers()["location"].to_str().unwrap().to_owned();
    let page = Visitor::new(&app).get(&path).await.1.to_lowercase();
    let description = &page[page.find("class=\"description\"").expect("the description")..];
    let description = &description[..description.find("</div>").unwrap()];
    // Text that was escaped (shown, not run) is harmless: look only at markup.
    let mut markup = String::new();
    let mut rest = description;
    while let Some(at) = rest.find("&lt;") {
        markup.push_str(&rest[..at]);
        rest = rest[at..].find("&gt;").map(|end| &rest[at + end + 4..]).unwrap_or("");
    }
    markup.push_str(rest);
    let description = markup.as_str();
    for bad in ["<script", "onerror", "javascript:", "<iframe", "onload", "<style", "onmouseover", "<object"] {
        assert!(!description.contains(bad), "{bad} reached the page: {description}");
    }
    assert!(description.contains("hover"), "harmless text stays");
    app.stop().await;
}

async fn a_protected_address_reaches_only_those_allowed(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    account(&app, "going@example.org", "Going", false).await;
    account(&app, "curious@example.org", "Curious", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    grant(&app, "curious@example.org", "queens", Role::Member).await;
    let org = logged_in(&app, "org@example.org").await;
    let mut f = form(&day_after_tomorrow());
    f[9].1 = "99 Hidden Street".into(); // the street address
    f.push(("address_protection", "rsvps".into()));
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &f, "publish").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = res.headers()["location"].to_str().unwrap().to_owned();
    let id: i64 = path.trim_start_matches("/events/").parse().unwrap();

    let going = logged_in(&app, "going@example.org").await;
    let rsvp = going.submit(&path, &format!("{path}/rsvp"), &[("name", "Going"), ("email", "going@example.org")]).await;
    let (_, page) = going.follow(rsvp).await;
    assert!(page.contains("99 Hidden Street"), "the event page shows it to the person going");
    let anonymous = Visitor::new(&app);
    let curious = logged_in(&app, "curious@example.org").await;

    let secret = "Hidden Street";
    let sources = [
        path.clone(),
        format!("{path}/calendar.ics"),
        "/calendar.ics".to_owned(),
        "/chapters/queens/calendar.ics".to_owned(),
        format!("/api/v1/events/{id}"),
        "/api/v1/events".to_owned(),
        "/".to_owned(),
    ];
    for (who, v) in [("anonymous", &anonymous), ("a member not going", &curious)] {
        for source in &sources {
            let (status, body) = v.get(source).await;
            assert_eq!(status, StatusCode::OK, "{source} as {who}");
            assert!(!body.contains(secret), "{source} shows the protected address to {who}");
        }
        assert!(v.get(&path).await.1.contains("Queens, NY"), "the city is still shown to {who}");
    }
    for (who, v) in [("the person going", &going), ("the organizer", &org)] {
        assert!(v.get(&path).await.1.contains("99 Hidden Street"), "the page shows it to {who}");
        assert!(v.get(&format!("{path}/calendar.ics")).await.1.contains(secret), "the .ics has it for {who}");
    }
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert!(mail[0].decoded().contains("99 Hidden Street"), "the confirmation email carries it");

    // From N hours before the start, everyone may see it.
    db.connect()
        .await
        .execute_unprepared(&format!("UPDATE events SET address_protection = 'hours', address_reveal_hours = 1 WHERE id = {id}"))
        .await
        .unwrap();
    assert!(!anonymous.get(&path).await.1.contains(secret), "not yet, two days ahead");
    db.connect().await.execute_unprepared(&format!("UPDATE events SET address_reveal_hours = 100 WHERE id = {id}")).await.unwrap();
    assert!(anonymous.get(&path).await.1.contains("99 Hidden Street"), "within the window, everyone sees it");
    app.stop().await;
}

async fn occurrences(db: &TestDb) -> Vec<(i64, String, chrono::DateTime<chrono::Utc>, String, bool)> {
    let conn = db.connect().await;
    let rows = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT id, title, starts_at, status, detached FROM events WHERE series_id IS NOT NULL AND title <> 'Queens Branch Weekly Meeting' ORDER BY starts_at",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get("", "id").unwrap(),
                r.try_get("", "title").unwrap(),
                r.try_get("", "starts_at").unwrap(),
                r.try_get("", "status").unwrap(),
                r.try_get("", "detached").unwrap(),
            )
        })
        .collect()
}

fn local(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&chrono_tz::America::New_York).format("%Y-%m-%d %H:%M %Z").to_string()
}

async fn a_weekly_series_keeps_its_local_time_across_dst(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    // New York moves its clocks forward on 14 March 2027.
    let mut f = form("2027-03-03");
    f[1].1 = "Tenant Committee".into();
    f[6].1 = String::new();
    f[20].1 = "19:30 Reports".into();
    f.push(("repeat", "weekly".into()));
    f.push(("repeat_until", "2027-03-24".into()));
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &f, "publish").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let got = occurrences(&db).await;
    let times: Vec<String> = got.iter().map(|o| local(o.2)).collect();
    assert_eq!(times, ["2027-03-03 19:00 EST", "2027-03-10 19:00 EST", "2027-03-17 19:00 EDT", "2027-03-24 19:00 EDT"]);
    assert_eq!(got[2].2 - got[1].2, chrono::Duration::hours(24 * 7 - 1), "the UTC gap shrinks by the hour the clocks skip");
    let (_, page) = Visitor::new(&app).get(&format!("/events/{}", got[2].0)).await;
    assert!(page.contains("every week") && page.contains("7pm to 9pm EDT"), "each date says it repeats, in its own local time");

    // Each date has its own RSVPs.
    let (first, second, third, fourth) = (got[0].0, got[1].0, got[2].0, got[3].0);
    assert_eq!(app.rsvp(fourth, "Dee", "dee@example.org").await.status(), StatusCode::OK);
    assert!(Visitor::new(&app).get(&format!("/events/{fourth}")).await.1.contains("1 person"));
    assert!(Visitor::new(&app).get(&format!("/events/{third}")).await.1.contains("0 people"));

    // Change one date only.
    let mut one = form("2027-03-10");
    one[1].1 = "Tenant Committee: special session".into();
    one[6].1 = String::new();
    one[20].1 = "19:30 Reports".into();
    one.push(("apply", "one".into()));
    let path = format!("/events/{second}/edit");
    assert_eq!(submit(&org, &path, &path, &one, "draft").await.status(), StatusCode::SEE_OTHER);

    // Change this and later dates: from the first date on, start at 18:30.
    let mut all = form("2027-03-03");
    all[1].1 = "Tenant Committee".into();
    all[4].1 = "2027-03-03T18:30".into();
    all[6].1 = String::new();
    all[20].1 = "19:30 Reports".into();
    all.push(("apply", "following".into()));
    // And the reminders of the series: the morning of only.
    all.push(("reminders_listed", "1".into()));
    all.push(("remind_morning_of", "on".into()));
    let path = format!("/events/{first}/edit");
    assert_eq!(submit(&org, &path, &path, &all, "draft").await.status(), StatusCode::SEE_OTHER);
    let got = occurrences(&db).await;
    let summary: Vec<(String, String, bool)> = got.iter().map(|o| (o.1.clone(), local(o.2), o.4)).collect();
    assert_eq!(
        summary,
        [
            ("Tenant Committee".to_owned(), "2027-03-03 18:30 EST".to_owned(), false),
            ("Tenant Committee: special session".to_owned(), "2027-03-10 19:00 EST".to_owned(), true),
            ("Tenant Committee".to_owned(), "2027-03-17 18:30 EDT".to_owned(), false),
            ("Tenant Committee".to_owned(), "2027-03-24 18:30 EDT".to_owned(), false),
        ],
        "the changed date keeps its own details; later dates move to 18:30 local"
    );
    let mut reminders = Vec::new();
    for id in [first, second, third, fourth] {
        reminders
            .push(turnout_persistence::events::details(&app.running.db, id).await.unwrap().unwrap().rsvp_options.reminders.to_column());
    }
    assert_eq!(
        reminders,
        ["morning-of", "day-before,120m", "morning-of", "morning-of"],
        "the series' reminders, but for the date changed alone"
    );

    // Skip a date nobody RSVP'd to: it goes. Skip one with an RSVP: it is cancelled and they are told.
    // The page before each says which it will be, and who will be emailed.
    let (_, ask) = org.get(&format!("/events/{third}/skip")).await;
    assert!(ask.contains("the date is removed") && ask.contains("Nobody will be emailed"), "{ask}");
    let (_, ask) = org.get(&format!("/events/{fourth}/skip")).await;
    assert!(ask.contains("marked cancelled") && ask.contains("1 person will be emailed"), "{ask}");
    assert_eq!(org.submit(&format!("/events/{third}"), &format!("/events/{third}/skip"), &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(org.get(&format!("/events/{third}")).await.0, StatusCode::NOT_FOUND);
    assert_eq!(org.submit(&format!("/events/{fourth}"), &format!("/events/{fourth}/skip"), &[]).await.status(), StatusCode::SEE_OTHER);
    let got = occurrences(&db).await;
    assert_eq!(got.len(), 3);
    assert_eq!(got[2].3, "cancelled");
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(2, Duration::from_secs(10)).await;
    assert!(mail.iter().any(|m| m.rcpt_to == "dee@example.org" && m.subject.starts_with("Cancelled:")), "Dee hears the date is skipped");
    app.stop().await;
}

async fn cohosting_chapters_list_and_see_the_event(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    for (email, chapter) in
        [("queens.org@example.org", "queens"), ("hunter.org@example.org", "hunter-college"), ("national.member@example.org", "national")]
    {
        account(&app, email, "Someone", false).await;
        let role = if chapter == "national" { Role::Member } else { Role::Organizer };
        grant(&app, email, chapter, role).await;
    }
    let queens = logged_in(&app, "queens.org@example.org").await;
    let mut f = form(&day_after_tomorrow());
    f[1].1 = "Joint Rally for Public Transit".into();
    f.push(("cohosts", "hunter-college, atlantis".into()));
    let bad = submit(&queens, "/chapters/queens/events/new", "/chapters/queens/events", &f, "publish").await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let text = bad.text().await.unwrap();
    assert!(text.contains("There is no chapter called") && text.contains("atlantis"), "{text}");
    f.last_mut().unwrap().1 = "hunter-college".into();
    let made = submit(&queens, "/chapters/queens/events/new", "/chapters/queens/events", &f, "publish").await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    let path = made.headers()["location"].to_str().unwrap().to_owned();

    let visitor = Visitor::new(&app);
    assert!(!visitor.get("/chapters/hunter-college").await.1.contains("Joint Rally for Public Transit"), "not before it accepts");
    let hunter = logged_in(&app, "hunter.org@example.org").await;
    let id = path.trim_start_matches("/events/");
    let res = hunter.submit("/chapters/hunter-college/dashboard", &format!("/chapters/hunter-college/cohosting/{id}/accept"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "the co-host accepts");
    assert!(visitor.get("/chapters/hunter-college").await.1.contains("Joint Rally for Public Transit"), "listed on the co-host's page");
    assert!(visitor.get("/chapters/hunter-college/calendar.ics").await.1.contains("Joint Rally for Public Transit"), "and in its feed");
    assert!(visitor.get("/?chapter=hunter-college").await.1.contains("Joint Rally for Public Transit"), "and under its filter");
    assert!(visitor.get(&path).await.1.contains("/chapters/hunter-college"), "the page names the co-host");

    assert_eq!(hunter.get(&format!("{path}/attendees")).await.0, StatusCode::OK, "the co-host's organizers see the attendees");
    assert_eq!(hunter.get(&format!("{path}/edit")).await.0, StatusCode::FORBIDDEN, "but only the host edits the event");
    let member = logged_in(&app, "national.member@example.org").await;
    assert_eq!(member.get(&format!("{path}/edit")).await.0, StatusCode::FORBIDDEN, "a member of another chapter does not");
    app.stop().await;
}

async fn cover_images_are_checked_by_their_bytes(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let forum: i64 = {
        let conn = db.connect().await;
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(
                conn.get_database_backend(),
                "SELECT id FROM events WHERE kind = 'public_forum'",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "id").unwrap()
    };
    let page = format!("/events/{forum}");
    let token = turnout_tests::app::csrf_of(&org.get(&page).await.1);
    let upload = |bytes: Vec<u8>, name: &'static str, token: String| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name).mime_str("image/png").unwrap();
        let form = reqwest::multipart::Form::new().part("image", part);
        org.client.post(org.url(&format!("/events/{forum}/cover?_csrf={token}"))).multipart(form).send()
    };
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0u8; 64]);

    let disguised = upload(b"<html><script>alert(1)</script></html>".to_vec(), "cat.png", token.clone()).await.unwrap();
    assert_eq!(disguised.status(), StatusCode::UNPROCESSABLE_ENTITY, "a page named .png is not an image");
    let huge = upload([png.clone(), vec![0u8; 5 * 1024 * 1024]].concat(), "big.png", token.clone()).await.unwrap();
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let forged = upload(png.clone(), "cover.png", "forged".into()).await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN, "an upload needs the form's token");
    assert!(!Visitor::new(&app).get(&page).await.1.contains("/uploads/"), "nothing was stored");

    let ok = upload(png.clone(), "cover.png", token.clone()).await.unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let public = Visitor::new(&app).get(&page).await.1;
    let at = public.find("src=\"/uploads/").expect("the page shows the cover") + 5;
    let src: String = public[at..].chars().take_while(|c| *c != '"').collect();
    assert!(public.contains("og:image"));
    let image = Visitor::new(&app).client.get(app.url(&src)).send().await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.headers()["x-content-type-options"], "nosniff");
    assert_eq!(image.bytes().await.unwrap().to_vec(), png);
    assert_eq!(Visitor::new(&app).get("/uploads/..%2F..%2Fetc%2Fpasswd").await.0, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn a_saved_venue_fills_the_form(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let (_, page) = org.get("/chapters/queens/events/new").await;
    assert!(page.contains("Jackson Heights Community Center, 37-06 82nd Street"), "the chapter's venues are offered");
    let mut f = form(&day_after_tomorrow());
    for field in f.iter_mut().filter(|(k, _)| k.starts_with("venue_")) {
        field.1 = String::new(); // no venue typed
    }
    f.push(("saved_venue", "0".into()));
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &f, "publish").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let path = res.headers()["location"].to_str().unwrap().to_owned();
    let page = Visitor::new(&app).get(&path).await.1;
    assert!(page.contains("37-06 82nd Street, Suite 3B, 3rd floor") && page.contains("E/F/R/M"), "the saved venue's details are used");
    let venues: i64 = {
        let conn = db.connect().await;
        let row = conn
            .query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), "SELECT COUNT(*) FROM venues"))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index(0).unwrap()
    };
    assert_eq!(venues, 4, "the demo's four venues: the chosen one is reused, not copied");
    app.stop().await;
}

/// "Skip this date" decides inside the transaction that does it, holding the
/// date's row: an RSVP whose transaction (holding that row, as one taking a
/// seat does) commits while the skip waits is seen, and the date is cancelled
/// with a notice to that person instead of deleted from under them.
async fn skipping_a_date_sees_an_rsvp_made_meanwhile(db: TestDb) {
    use sea_orm::TransactionTrait;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let date = turnout_tests::fixtures::sql_i64(
        &app.running.db,
        "SELECT MAX(e.id) FROM events e WHERE e.series_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rsvps r WHERE r.event_id = e.id)",
    )
    .await;
    let page = format!("/events/{date}/skip");
    let (status, confirm) = org.get(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(confirm.contains("Nobody will be emailed"), "nobody has RSVP'd yet");
    let token = turnout_tests::app::csrf_of(&confirm);

    let conn = db.connect().await;
    let rsvping = conn.begin().await.unwrap();
    rsvping.execute_unprepared(&format!("UPDATE events SET seats_taken = seats_taken + 1 WHERE id = {date}")).await.unwrap();
    rsvping
        .execute_unprepared(&format!(
            "INSERT INTO rsvps (event_id, name, email, email_normalized, status, guests, created_at, updated_at) \
             VALUES ({date}, 'Late Lou', 'lou@example.org', 'lou@example.org', 'going', 0, '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')"
        ))
        .await
        .unwrap();
    let (client, url) = (org.client.clone(), org.url(&page));
    let skip = tokio::spawn(async move { client.post(url).form(&[("_csrf", token.as_str())]).send().await.unwrap() });
    tokio::time::sleep(Duration::from_millis(700)).await;
    rsvping.commit().await.unwrap();
    let res = skip.await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"].to_str().unwrap(), format!("/events/{date}"), "the date stays");
    let status = turnout_tests::fixtures::sql_text(&app.running.db, &format!("SELECT status FROM events WHERE id = {date}")).await;
    assert_eq!(status, "cancelled", "cancelled, not deleted, once someone had RSVP'd");
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert!(mail.iter().any(|m| m.rcpt_to == "lou@example.org" && m.subject.starts_with("Cancelled:")), "Lou is told");
    app.stop().await;
}
