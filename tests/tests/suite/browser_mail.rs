//! An organizer in a real browser: adds a "30 minutes before" reminder to the
//! demo forum, finds it on the event's email timeline, writes an
//! announcement to the people going, checks the preview, sends it, and
//! watches the progress page count it out (the running mail worker sends it
//! to the test SMTP server meanwhile).

use std::time::Duration;

use fantoccini::Locator;
use turnout_domain::policy::Role;
use turnout_tests::app::Options;
use turnout_tests::browser::Browser;
use turnout_tests::fixtures::sql_i64;
use turnout_tests::people::{PASSWORD, account, grant};
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organizer_adds_a_reminder_and_watches_an_announcement_go_out() {
    let Some(browser) = Browser::start().await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, worker: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org Anizer", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let c = &browser.client;
    let wait = Duration::from_secs(15);

    c.goto(&app.url("/login")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("org@example.org").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("Org Anizer")).await.unwrap();
    // What the worker sent before (the demo's confirmations are not queued; account mail may be).
    tokio::time::sleep(Duration::from_millis(500)).await;
    let before = smtp.count();

    // The reminder: tick "30 minutes before" on the forum's form and save.
    let forum = sql_i64(&app.running.db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    c.goto(&app.url(&format!("/events/{forum}/edit"))).await.unwrap();
    let thirty = c.wait().at_most(wait).for_element(Locator::Id("remind_30m")).await.unwrap();
    assert!(!thirty.is_selected().await.unwrap(), "not chosen yet");
    thirty.click().await.unwrap();
    c.find(Locator::Css("button[value=publish]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("Email timeline")).await.unwrap().click().await.unwrap();

    // The timeline lists it, planned, with how many people it reaches.
    c.wait().at_most(wait).for_element(Locator::XPath("//h1[starts-with(text(), 'Email timeline')]")).await.unwrap();
    let rows = c.find(Locator::Css("main table.list")).await.unwrap().text().await.unwrap();
    let row = rows.lines().find(|l| l.contains("30 minutes before")).unwrap_or_else(|| panic!("the new reminder: {rows}"));
    assert!(row.contains("Planned") && row.contains("people"), "{row}");

    // An announcement to the people going.
    let going = sql_i64(
        &app.running.db,
        &format!("SELECT COUNT(*) FROM rsvps WHERE event_id = {forum} AND status = 'going' AND email IS NOT NULL"),
    )
    .await;
    c.goto(&app.url(&format!("/events/{forum}"))).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("Write to attendees")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Id("subject")).await.unwrap().send_keys("Doors open at 6:30").await.unwrap();
    c.find(Locator::Id("body")).await.unwrap().send_keys("**Come early**: the hall fills fast.").await.unwrap();
    c.find(Locator::Css("button[value=preview]")).await.unwrap().click().await.unwrap();
    let send = c.wait().at_most(wait).for_element(Locator::Css("button[value=send]")).await.unwrap();
    let preview = c.find(Locator::Css("main")).await.unwrap().text().await.unwrap();
    assert!(preview.contains(&format!("This goes to {going} people")), "{preview}");
    assert!(c.find(Locator::Css("div.preview strong")).await.unwrap().text().await.unwrap() == "Come early", "rendered Markdown");
    assert_eq!(send.text().await.unwrap(), format!("Send to {going} people"));
    send.click().await.unwrap();

    // The progress page counts it out by itself (its script asks every second).
    c.wait().at_most(wait).for_element(Locator::Id("progress")).await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let status = c.find(Locator::Id("progress-status")).await.unwrap().text().await.unwrap();
        let sent = c.find(Locator::Id("sent")).await.unwrap().text().await.unwrap();
        if status == "All done." && sent == going.to_string() {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the page shows it sent: {status}, {sent} of {going}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(c.find(Locator::Id("left")).await.unwrap().text().await.unwrap(), "0");
    let got = smtp.wait_for(before + going as usize, wait).await;
    assert_eq!(got.iter().filter(|m| m.subject == "Doors open at 6:30").count(), going as usize, "one each");
    browser.close().await;
    app.stop().await;
}
