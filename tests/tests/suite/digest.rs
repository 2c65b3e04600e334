//! The weekly digest: a member turns it on from their account page; on
//! Monday from 9:00 in the chapter's time zone they get one email of their
//! chapters' upcoming events, once even when two instances sweep at the
//! same moment, and none the week after when nothing is new. A member who
//! did not ask gets none; the one-click unsubscribe turns it off again. Over
//! real HTTP with a real SMTP server and a driven clock, on SQLite and
//! PostgreSQL.

use std::time::Duration;

use chrono::{Datelike, NaiveTime, Utc, Weekday};
use reqwest::StatusCode;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter, event_in};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(members_who_ask_get_one_digest_a_week);

/// The link from the account page to the email choices.
async fn choices_link(v: &Visitor) -> String {
    let (_, page) = v.get("/account").await;
    let at = page.find("href=\"/unsubscribe/").expect("a link to the email choices") + 6;
    page[at..].split('"').next().unwrap().to_owned()
}

async fn members_who_ask_get_one_digest_a_week(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let other = TestApp::start(&db, &smtp, Options::default()).await;
    let queens = chapter(&app.running.db, "queens", "Queens Branch", None).await;
    for (email, name) in [("mia@example.org", "Mia"), ("ned@example.org", "Ned")] {
        account(&app, email, name, false).await;
        grant(&app, email, "queens", Role::Member).await;
    }
    // The next Monday, 9:00 in New York, and two events in the fortnight after it.
    let zone = chrono_tz::America::New_York;
    let mut day = Utc::now().with_timezone(&zone).date_naive() + chrono::Duration::days(1);
    while day.weekday() != Weekday::Mon {
        day = day.succ_opt().unwrap();
    }
    let nine = turnout_domain::time::local_to_utc(day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()), zone).unwrap();
    event_in(&app.running.db, queens, None, EventSpec::public("Tenant Power Forum", nine + chrono::Duration::days(2))).await;
    event_in(&app.running.db, queens, None, EventSpec::public("Bus Riders Meeting", nine + chrono::Duration::days(9))).await;

    // Mia turns the digest on from her account page; it is off until then.
    let mia = logged_in(&app, "mia@example.org").await;
    let link = choices_link(&mia).await;
    let (_, choices) = mia.get(&link).await;
    let row = choices.split("A weekly email of my chapters").nth(1).expect("the digest row");
    assert!(row.contains("<strong>off</strong>"), "off until asked for");
    let on = mia.client.post(mia.url(&link)).form(&[("category", "digest"), ("choice", "on")]).send().await.unwrap();
    assert_eq!(on.status(), StatusCode::SEE_OTHER);
    assert!(mia.get(&link).await.1.split("A weekly email of my chapters").nth(1).unwrap().contains("<strong>on</strong>"));

    assert_eq!(app.tick(nine - chrono::Duration::minutes(1)).await.digests_queued, 0, "not before 9:00");
    // Two instances sweep at the same moment: one digest.
    let (a, b) = tokio::join!(app.tick(nine), other.tick(nine));
    assert_eq!(a.digests_queued + b.digests_queued, 1, "{a:?} {b:?}");
    assert_eq!(app.tick(nine + chrono::Duration::hours(3)).await.digests_queued, 0, "once a week");
    let got = smtp.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.count(), 1, "Ned did not ask");
    let m = &got[0];
    assert_eq!(m.rcpt_to, "mia@example.org");
    assert_eq!(m.subject, "This week: 2 new events of your chapters");
    let text = m.decoded();
    assert!(text.contains("Tenant Power Forum") && text.contains("Bus Riders Meeting") && text.contains("/events/"), "{text}");
    assert!(m.header("List-Unsubscribe").contains("category=digest"));

    // A week later nothing is new: no digest.
    assert_eq!(app.tick(nine + chrono::Duration::days(7)).await.digests_queued, 0, "nothing new, nothing sent");

    // The one-click unsubscribe turns it off; a new event the week after goes to nobody.
    let url = m.header("List-Unsubscribe").trim_matches(|c| c == '<' || c == '>').to_owned();
    let anonymous = reqwest::Client::new();
    let res = anonymous.post(&url).form(&[("List-Unsubscribe", "One-Click")]).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let school = event_in(&app.running.db, queens, None, EventSpec::public("Day School", nine + chrono::Duration::days(16))).await;
    // Published during the second week (the driven clock's), so it is new in the third.
    turnout_persistence::events::set_status(
        &app.running.db,
        school,
        turnout_domain::event::EventStatus::Published,
        None,
        nine + chrono::Duration::days(10),
    )
    .await
    .unwrap();
    // Ned asks for it now, and reads Spanish: he gets the third week's, in
    // Spanish; Mia does not.
    let ned = logged_in(&app, "ned@example.org").await;
    ned.client.get(ned.url("/language/es?back=/")).send().await.unwrap();
    let link = choices_link(&ned).await;
    assert_eq!(
        ned.client.post(ned.url(&link)).form(&[("category", "digest"), ("choice", "on")]).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.tick(nine + chrono::Duration::days(14)).await.digests_queued, 1, "Ned's only");
    let got = smtp.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(got[1].rcpt_to, "ned@example.org", "Mia turned it off");
    assert_eq!(got[1].subject_text(), "Esta semana: 1 evento nuevo de sus secciones");
    assert!(got[1].decoded().contains("Nuevos o cambiados desde la semana pasada"), "{}", got[1].decoded());
    other.stop().await;
    app.stop().await;
}
