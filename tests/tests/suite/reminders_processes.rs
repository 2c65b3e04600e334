//! The DST acceptance case with the real `turnout` binary: a guest RSVPs over
//! HTTP to a running `turnout serve`; the instance is then started again
//! with its mail worker's clock moved (a test hook) to just before and just
//! at each reminder's moment, and its own sweeps send them to the SMTP
//! server. An event at 19:00 New York time on Sunday 2027-11-07 (the clocks
//! go back that morning) gets its "1 day before" reminder at 19:00 EDT on
//! 2027-11-06 (23:00 UTC) and its "2 hours before" at 17:00 EST (22:00 UTC).
//! Both databases.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use reqwest::StatusCode;
use turnout_tests::app::csrf_of;
use turnout_tests::fixtures::{EventSpec, chapter, event_in};
use turnout_tests::process::Instance;
use turnout_tests::{SmtpServer, TestDb, on_both_backends};

on_both_backends!(the_real_binary_sends_reminders_at_local_time_across_the_clock_change);

/// `turnout serve` whose mail worker believes it is `at` (give or take the
/// two seconds added so that its first sweep is not before `at`).
async fn serve_at(db: &TestDb, smtp: &SmtpServer, at: DateTime<Utc>) -> Instance {
    let offset = ((at - Utc::now()).num_seconds() + 2).to_string();
    Instance::start(&db.url, smtp.port, &[("TURNOUT_TEST_CLOCK_OFFSET_SECONDS", offset.as_str())]).await
}

async fn the_real_binary_sends_reminders_at_local_time_across_the_clock_change(db: TestDb) {
    let smtp = SmtpServer::start().await;
    // The first start migrates the database; the event is put in as a fixture.
    let mut first = Instance::start(&db.url, smtp.port, &[]).await;
    let conn = db.connect().await;
    let queens = chapter(&conn, "queens", "Queens Branch", None).await;
    let start = Utc.with_ymd_and_hms(2027, 11, 8, 0, 0, 0).unwrap();
    let event = event_in(&conn, queens, None, EventSpec::public("Tenant Power Forum", start)).await;

    // A guest RSVPs over HTTP, as anyone would.
    let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let page = client.get(format!("{}/events/{event}", first.base)).send().await.unwrap().text().await.unwrap();
    let token = csrf_of(&page);
    let form = [("name", "Rosa Parks"), ("email", "rosa@example.org"), ("_csrf", token.as_str())];
    let res = client.post(format!("{}/events/{event}/rsvp", first.base)).form(&form).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let got = smtp.wait_for(1, Duration::from_secs(20)).await;
    assert!(got[0].subject.starts_with("You're going"), "the confirmation: {}", got[0].subject);
    first.terminate(Duration::from_secs(20)).await;

    // Each moment: an instance started a minute before sends nothing; one started at it sends the reminder.
    let moments = [
        (Utc.with_ymd_and_hms(2027, 11, 6, 23, 0, 0).unwrap(), "Reminder: Tenant Power Forum starts tomorrow at 7pm EST"),
        (Utc.with_ymd_and_hms(2027, 11, 7, 22, 0, 0).unwrap(), "Reminder: Tenant Power Forum starts today at 7pm EST"),
    ];
    for (n, (at, subject)) in moments.into_iter().enumerate() {
        let mut early = serve_at(&db, &smtp, at - chrono::Duration::seconds(90)).await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(smtp.count(), n + 1, "nothing before {at}: {}", early.log());
        early.terminate(Duration::from_secs(20)).await;

        let mut on_time = serve_at(&db, &smtp, at).await;
        let got = smtp.wait_for(n + 2, Duration::from_secs(20)).await;
        assert_eq!(got.len(), n + 2, "the reminder due at {at}: {}", on_time.log());
        assert_eq!(got[n + 1].subject, subject);
        assert_eq!(got[n + 1].rcpt_to, "rosa@example.org");
        on_time.terminate(Duration::from_secs(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.count(), 3, "one confirmation and two reminders, nothing twice");
}
