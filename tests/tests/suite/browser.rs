//! A visitor opens an event page in a real browser, fills in the RSVP form,
//! submits it, and sees the confirmation; the message reaches the SMTP server.

use std::time::Duration;

use fantoccini::Locator;
use turnout_tests::app::Options;
use turnout_tests::browser::Browser;
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_rsvps_from_the_event_page() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    let event_id = chapter_with_event(&app.running.db, EventSpec::public("Campus Teach-In", days_from_now(5))).await;
    let c = &browser.client;

    c.goto(&app.url(&format!("/events/{event_id}"))).await.unwrap();
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Campus Teach-In");
    c.find(Locator::Id("name")).await.unwrap().send_keys("Grace Lee Boggs").await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("grace@example.org").await.unwrap();
    c.find(Locator::Css("form.rsvp button[type=submit]")).await.unwrap().click().await.unwrap();

    let banner = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[role=status] h1")).await.unwrap();
    // Whoever types an address learns nothing about its RSVPs: the inbox says where they stand.
    assert_eq!(banner.text().await.unwrap(), "Check your email");
    let page = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(page.contains("grace@example.org"), "the page names the address the confirmation goes to");

    let got = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].rcpt_to, "grace@example.org");

    // A mistake in the form is shown next to the field, and what was typed stays.
    c.goto(&app.url(&format!("/events/{event_id}"))).await.unwrap();
    c.find(Locator::Id("name")).await.unwrap().send_keys("Jimmy").await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("jimmy-at-example.org").await.unwrap();
    c.find(Locator::Css("form.rsvp button[type=submit]")).await.unwrap().click().await.unwrap();
    let error = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Id("email-error")).await.unwrap();
    assert!(error.text().await.unwrap().contains('@'));
    assert_eq!(c.find(Locator::Id("name")).await.unwrap().prop("value").await.unwrap().as_deref(), Some("Jimmy"));

    browser.close().await;
    app.stop().await;
}

/// A newcomer registers, confirms the address from the email that reached the
/// SMTP server, logs in and joins a chapter, all by clicking.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_registers_confirms_logs_in_and_joins_a_chapter() {
    let Some(browser) = Browser::start().await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, demo: true, ..Default::default() }).await;
    let c = &browser.client;
    let wait = Duration::from_secs(10);

    c.goto(&app.url("/")).await.unwrap();
    c.find(Locator::LinkText("Register")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Id("password")).await.unwrap();
    c.find(Locator::Id("name")).await.unwrap().send_keys("Ella Baker").await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("ella@example.org").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys("strong people need no leaders").await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    let h1 = c.wait().at_most(wait).for_element(Locator::XPath("//h1[text()='Check your email']")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Check your email");

    let mail = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].rcpt_to, "ella@example.org");
    let link = mail[0].link(&format!("{}/account/verify/", app.base)).expect("the message has the confirmation link");
    c.goto(&link).await.unwrap();
    // Confirming asks for the password chosen at registration.
    c.wait().at_most(wait).for_element(Locator::Id("password")).await.unwrap().send_keys("strong people need no leaders").await.unwrap();
    c.find(Locator::Css("form.stacked button")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::XPath("//h1[text()='Your address is confirmed']")).await.unwrap();

    c.find(Locator::Css("main a[href=\"/login\"]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Id("password")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("ella@example.org").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys("strong people need no leaders").await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    let me = c.wait().at_most(wait).for_element(Locator::LinkText("Ella Baker")).await.unwrap();
    assert_eq!(me.text().await.unwrap(), "Ella Baker", "the header shows who is logged in");

    c.goto(&app.url("/chapters/queens")).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::XPath("//button[text()='Join Queens Branch']")).await.unwrap().click().await.unwrap();
    let status = c.wait().at_most(wait).for_element(Locator::Css(".membership p")).await.unwrap();
    assert_eq!(status.text().await.unwrap(), "You are a member of this chapter.");
    c.goto(&app.url("/account")).await.unwrap();
    let account = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(account.contains("Queens Branch · member"), "{account}");

    browser.close().await;
    app.stop().await;
}

/// An organizer publishes a forum with an agenda and two speakers from the
/// form; a visitor finds it on the home page by its tag.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_publishes_and_a_visitor_finds_it_by_tag() {
    let Some(browser) = Browser::start().await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    turnout_tests::people::account(&app, "org@example.org", "Org Anizer", false).await;
    turnout_tests::people::grant(&app, "org@example.org", "queens", turnout_domain::policy::Role::Organizer).await;
    let c = &browser.client;
    let wait = Duration::from_secs(10);

    c.goto(&app.url("/login")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("org@example.org").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(turnout_tests::people::PASSWORD).await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("Org Anizer")).await.unwrap();

    c.goto(&app.url("/chapters/queens")).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("New event")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Id("title")).await.unwrap();
    let day = (chrono::Utc::now() + chrono::Duration::days(10)).format("%Y-%m-%d").to_string();
    let type_in =
        |id: &'static str, text: &'static str| async move { c.find(Locator::Id(id)).await.unwrap().send_keys(text).await.unwrap() };
    c.find(Locator::Css("#kind option[value=public_forum]")).await.unwrap().click().await.unwrap();
    type_in("title", "Bus Riders Union Forum").await;
    type_in("summary", "Fare-free buses: how we win them.").await;
    // Date-time inputs are typed differently in every locale: set their values directly.
    for (id, value) in [("starts_at", format!("{day}T18:00")), ("ends_at", format!("{day}T20:00"))] {
        c.execute(&format!("document.getElementById('{id}').value = arguments[0];"), vec![serde_json::json!(value)]).await.unwrap();
    }
    type_in("venue_name", "Flushing Library").await;
    type_in("venue_street_address", "41-17 Main Street").await;
    type_in("venue_city", "Flushing, NY").await;
    type_in("agenda", "18:00 Welcome\n18:15 Riders speak\n19:15 Plan the campaign").await;
    type_in("speakers", "Ana Ruiz | Bus rider and organizer\nKwame Mensah | Transit researcher").await;
    type_in("tags", "transit, buses").await;
    c.find(Locator::Css("button[value=publish]")).await.unwrap().click().await.unwrap();
    let h1 = c.wait().at_most(wait).for_element(Locator::XPath("//h1[text()='Bus Riders Union Forum']")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Bus Riders Union Forum");
    let page = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(page.contains("Ana Ruiz") && page.contains("Kwame Mensah") && page.contains("Riders speak"), "{page}");

    // A visitor (a fresh browser session) filters by the tag.
    c.delete_all_cookies().await.unwrap();
    c.goto(&app.url("/")).await.unwrap();
    c.find(Locator::Id("tag")).await.unwrap().send_keys("transit").await.unwrap();
    c.find(Locator::Css("form.filters button[type=submit]")).await.unwrap().click().await.unwrap();
    // Wait for the filtered page itself, not the list that was already there.
    let deadline = std::time::Instant::now() + wait;
    while !c.current_url().await.unwrap().as_str().contains("tag=transit") {
        assert!(std::time::Instant::now() < deadline, "the filter did not submit");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let found = c.wait().at_most(wait).for_element(Locator::LinkText("Bus Riders Union Forum")).await.unwrap();
    let listed = c.find(Locator::Css("ul.event-list")).await.unwrap().text().await.unwrap();
    assert!(!listed.contains("Housing Is a Human Right"), "the filter leaves other events out: {listed}");
    found.click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("form.rsvp")).await.unwrap();
    browser.close().await;
    app.stop().await;
}

/// Whether the page is no wider than the window (no sideways scrolling).
async fn fits(c: &fantoccini::Client) -> bool {
    let fits = c.execute("return document.documentElement.scrollWidth <= window.innerWidth;", vec![]).await.unwrap();
    fits.as_bool() == Some(true)
}

/// At the door, on a 390×844 phone: an organizer finds an attendee by typing
/// part of the name, checks them in, undoes it, and adds a walk-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_checks_people_in_at_the_door_on_a_phone() {
    let Some(browser) = Browser::start().await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(20), ..EventSpec::public("Branch Meeting", days_from_now(1)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    for (name, email) in [("Ann Bishop", "ann@example.org"), ("Ben Okri", "ben@example.org"), ("Rosa Parks", "rosa@example.org")] {
        assert_eq!(app.rsvp(event, name, email).await.status(), reqwest::StatusCode::OK);
    }
    // Enough names that the walk-in form is below the first screen.
    for i in 0..12 {
        assert_eq!(app.rsvp(event, &format!("Member {i}"), &format!("m{i}@example.org")).await.status(), reqwest::StatusCode::OK);
    }
    let conn = db.connect().await;
    let slug = turnout_tests::fixtures::sql_text(
        &conn,
        &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {event}"),
    )
    .await;
    let ann = turnout_tests::fixtures::sql_i64(&conn, "SELECT id FROM rsvps WHERE email = 'ann@example.org'").await;
    let ben = turnout_tests::fixtures::sql_i64(&conn, "SELECT id FROM rsvps WHERE email = 'ben@example.org'").await;
    turnout_tests::people::account(&app, "org@example.org", "Org Anizer", false).await;
    turnout_tests::people::grant(&app, "org@example.org", &slug, turnout_domain::policy::Role::Organizer).await;
    let c = &browser.client;
    let wait = Duration::from_secs(10);
    c.set_window_size(390, 844).await.unwrap();

    c.goto(&app.url("/login")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("org@example.org").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(turnout_tests::people::PASSWORD).await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("Org Anizer")).await.unwrap();

    c.goto(&app.url(&format!("/events/{event}/checkin"))).await.unwrap();
    let width = c.execute("return window.innerWidth;", vec![]).await.unwrap();
    assert!(width.as_u64().is_some_and(|w| w <= 400), "a phone-sized window: {width}");
    assert!(fits(c).await, "no sideways scrolling");

    // Typing part of the name filters the list at once, without a round trip.
    c.find(Locator::Id("q")).await.unwrap().send_keys("bish").await.unwrap();
    let ben_line = c.find(Locator::Id(&format!("rsvp-{ben}"))).await.unwrap();
    let deadline = std::time::Instant::now() + wait;
    while ben_line.is_displayed().await.unwrap() {
        assert!(std::time::Instant::now() < deadline, "the list did not filter as the name was typed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(c.find(Locator::Id(&format!("rsvp-{ann}"))).await.unwrap().is_displayed().await.unwrap());

    // One tap checks Ann in and comes back to the same search; another undoes it.
    c.find(Locator::Css(&format!("#rsvp-{ann} button"))).await.unwrap().click().await.unwrap();
    let undo = c.wait().at_most(wait).for_element(Locator::Css(&format!("#rsvp-{ann}.in button"))).await.unwrap();
    assert_eq!(undo.text().await.unwrap(), "Undo");
    assert!(c.current_url().await.unwrap().as_str().contains("q=bish"), "back to the same search");
    assert!(!c.find(Locator::Id(&format!("rsvp-{ben}"))).await.unwrap().is_displayed().await.unwrap());
    assert!(fits(c).await);
    undo.click().await.unwrap();
    let again = c.wait().at_most(wait).for_element(Locator::Css(&format!("#rsvp-{ann}:not(.in) button"))).await.unwrap();
    assert_eq!(again.text().await.unwrap(), "Check in");

    // A walk-in without a name is explained where the eye is, below the whole list.
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    let summary = c.wait().at_most(wait).for_element(Locator::Css(".error-summary")).await.unwrap();
    assert!(summary.text().await.unwrap().contains("Please enter their name."));
    let in_view = c
        .execute(
            "const r = document.querySelector('.error-summary').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(in_view.as_bool(), Some(true), "the message is on the screen");

    // A walk-in with a friend, not counted against the capacity.
    c.find(Locator::Id("walk_in_name")).await.unwrap().send_keys("Grace Lee").await.unwrap();
    let party = c.find(Locator::Id("party_size")).await.unwrap();
    party.clear().await.unwrap();
    party.send_keys("2").await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    let banner = c.wait().at_most(wait).for_element(Locator::Css("p.banner.ok")).await.unwrap();
    assert_eq!(banner.text().await.unwrap(), "Grace Lee is added and checked in.");
    let count = c.find(Locator::Css("p.count")).await.unwrap().text().await.unwrap();
    assert!(count.starts_with("2 checked in · 17 going"), "{count}");
    assert!(fits(c).await, "no sideways scrolling after adding");
    // The attendee list and the sign-in sheet fit the phone too.
    for page in ["attendees", "sign-in-sheet"] {
        c.goto(&app.url(&format!("/events/{event}/{page}"))).await.unwrap();
        c.wait().at_most(wait).for_element(Locator::Css("h1")).await.unwrap();
        assert!(fits(c).await, "no sideways scrolling on the {page} page");
    }
    browser.close().await;
    app.stop().await;
}

/// Waits until the page's status line says `text`. A click that submits a
/// form returns before the next page loads, so an element found right after
/// it may belong to the page being left (and go stale under our hands).
async fn status_saying(c: &fantoccini::Client, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        if let Ok(status) = c.find(Locator::Css("[role=status]")).await
            && let Ok(said) = status.text().await
        {
            if said.contains(text) {
                return;
            }
            last = said;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the status line never said {text:?}; last it said {last:?}");
}

/// On a 390×844 phone: a guest opens the manage link from the confirmation
/// that reached the SMTP server, adds a guest, then cancels.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_adds_a_friend_then_cancels_from_the_emailed_link_on_a_phone() {
    let Some(browser) = Browser::start().await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    let spec = EventSpec { capacity: Some(10), guests_allowed: 2, ..EventSpec::public("Neighbourhood Assembly", days_from_now(3)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    assert_eq!(app.rsvp(event, "Lena Horne", "lena@example.org").await.status(), reqwest::StatusCode::OK);
    let mail = smtp.wait_for(1, Duration::from_secs(20)).await;
    let link = mail[0].link(&format!("{}/rsvps/manage/", app.base)).expect("the confirmation carries the manage link");
    let c = &browser.client;
    c.set_window_size(390, 844).await.unwrap();

    c.goto(&link).await.unwrap();
    status_saying(c, "You're going, Lena Horne.").await;
    assert!(fits(c).await, "no sideways scrolling");
    // Bring one guest: choose it and press Going.
    c.find(Locator::Css("#guests option[value='1']")).await.unwrap().click().await.unwrap();
    c.find(Locator::Css("#answer button[value=going]")).await.unwrap().click().await.unwrap();
    status_saying(c, "2 people in all").await;
    let conn = db.connect().await;
    let seats =
        turnout_tests::fixtures::sql_i64(&conn, &format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await;
    assert_eq!(seats, 2, "the guest takes a seat");

    // Then cancel: the page says so and the seats are free again.
    c.find(Locator::XPath("//button[normalize-space()='Cancel my RSVP']")).await.unwrap().click().await.unwrap();
    status_saying(c, "Your RSVP is cancelled.").await;
    assert!(fits(c).await);
    let seats =
        turnout_tests::fixtures::sql_i64(&conn, &format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await;
    assert_eq!(seats, 0);
    browser.close().await;
    app.stop().await;
}
