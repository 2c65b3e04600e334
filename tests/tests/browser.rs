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
    let app = TestApp::start(&db, &smtp, Options { worker: true, demo: false }).await;
    let event_id = chapter_with_event(&app.running.db, EventSpec::public("Campus Teach-In", days_from_now(5))).await;
    let c = &browser.client;

    c.goto(&app.url(&format!("/events/{event_id}"))).await.unwrap();
    assert_eq!(c.find(Locator::Css("h1")).await.unwrap().text().await.unwrap(), "Campus Teach-In");
    c.find(Locator::Id("name")).await.unwrap().send_keys("Grace Lee Boggs").await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("grace@example.org").await.unwrap();
    c.find(Locator::Css("form.rsvp button[type=submit]")).await.unwrap().click().await.unwrap();

    let banner = c.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("[role=status] h1")).await.unwrap();
    assert_eq!(banner.text().await.unwrap(), "You're going!");
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
