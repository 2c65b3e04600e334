//! An organizer on a phone (390 × 844 CSS pixels) in a real browser: the
//! dashboard, the event form, the attendee list and a day school's page fit
//! the screen (nothing scrolls sideways), the dashboard starts with the
//! soonest events, and after a refused submit the error summary has the focus.

use std::time::Duration;

use fantoccini::{Client, Locator};
use turnout_domain::policy::Role;
use turnout_tests::app::Options;
use turnout_tests::browser::Browser;
use turnout_tests::fixtures::sql_i64;
use turnout_tests::people::{PASSWORD, account, grant};
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb};

const WIDTH: u32 = 390;

/// `(scrollWidth, screen width)` of the page now shown. (A phone widens its
/// layout viewport to what overflows, so `innerWidth` would follow the page.)
async fn widths(c: &Client) -> (u64, u64) {
    let got = c.execute("return [document.documentElement.scrollWidth, screen.width];", vec![]).await.unwrap();
    (got[0].as_u64().unwrap(), got[1].as_u64().unwrap())
}

async fn fits(c: &Client, url: &str, ready: Locator<'_>) {
    c.goto(url).await.unwrap();
    c.wait().at_most(Duration::from_secs(10)).for_element(ready).await.unwrap();
    let (scroll, screen) = widths(c).await;
    assert_eq!(screen, u64::from(WIDTH), "the browser has a phone's screen");
    assert!(scroll <= u64::from(WIDTH), "{url} is {scroll} px wide on a {WIDTH} px screen");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizer_pages_fit_a_phone_and_errors_take_the_focus() {
    let Some(browser) = Browser::start_phone(WIDTH, 844).await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org Anizer", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let c = &browser.client;
    let wait = Duration::from_secs(10);

    c.goto(&app.url("/login")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys("org@example.org").await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::LinkText("Org Anizer")).await.unwrap();

    let forum = sql_i64(&app.running.db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    let day_school = sql_i64(&app.running.db, "SELECT id FROM events WHERE kind = 'day_school'").await;
    fits(c, &app.url("/chapters/queens/dashboard"), Locator::Css("table.list.dashboard")).await;
    // Upcoming events come first, soonest first.
    let mut ids = Vec::new();
    for link in c.find_all(Locator::Css("table.list.dashboard tbody tr td:nth-child(2) a")).await.unwrap().into_iter().take(2) {
        ids.push(link.attr("href").await.unwrap().unwrap().trim_start_matches("/events/").parse::<i64>().unwrap());
    }
    let in_order = sql_i64(
        &app.running.db,
        &format!("SELECT COUNT(*) FROM events a, events b WHERE a.id = {} AND b.id = {} AND a.starts_at <= b.starts_at", ids[0], ids[1]),
    )
    .await;
    assert_eq!(in_order, 1, "the dashboard starts with the soonest event");
    fits(c, &app.url("/chapters/queens/events/new"), Locator::Id("title")).await;
    fits(c, &app.url(&format!("/events/{forum}/attendees")), Locator::Css("h1")).await;
    fits(c, &app.url(&format!("/events/{day_school}")), Locator::Css("table.sessions")).await;

    // A refused event form: the summary at the top has the focus, however far down the wrong field is.
    c.goto(&app.url("/chapters/queens/events/new")).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("button[value=draft]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Id("error-summary")).await.unwrap();
    let focused = c.execute("return document.activeElement.id;", vec![]).await.unwrap();
    assert_eq!(focused, "error-summary", "the error summary has the focus");
    let top = c.execute("return document.getElementById('error-summary').getBoundingClientRect().top;", vec![]).await.unwrap();
    assert!(top.as_f64().unwrap() < 844.0, "and is on the screen");
    // Its first link leads to the field.
    c.find(Locator::Css("#error-summary a")).await.unwrap().click().await.unwrap();
    let target = c.execute("return location.hash;", vec![]).await.unwrap();
    let hash = target.as_str().unwrap().trim_start_matches('#').to_owned();
    assert!(c.find(Locator::Id(&hash)).await.is_ok(), "the link points at a field on the page: #{hash}");
    let (scroll, _) = widths(c).await;
    assert!(scroll <= u64::from(WIDTH), "the refused form fits too ({scroll} px)");

    // The forum's RSVP is right under the when and where, not screens below (issue 10).
    // Seen by a visitor (no organizer toolbar).
    c.delete_all_cookies().await.unwrap();
    c.goto(&app.url(&format!("/events/{forum}"))).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Id("rsvp")).await.unwrap();
    let rsvp_top = c.execute("return document.getElementById('rsvp').getBoundingClientRect().top + window.scrollY;", vec![]).await.unwrap();
    assert!(rsvp_top.as_f64().unwrap() < 844.0, "the RSVP starts {rsvp_top} px down the forum page");
    let (scroll, _) = widths(c).await;
    assert!(scroll <= u64::from(WIDTH), "the forum page fits ({scroll} px)");

    browser.close().await;
    app.stop().await;
}
