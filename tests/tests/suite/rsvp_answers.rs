//! Answers people can change: going, maybe and can't go; guests counted as
//! people against the capacity; a member's one click and "change"; a guest's
//! manage link to change the answer or the number of guests; a party too big
//! for the seats left keeping its place; a seat held for a guest who must
//! confirm by email, released to the next in line when they do not. Over
//! real HTTP with a real SMTP server, on SQLite and PostgreSQL.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::event::RsvpOptions;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::people::{account, logged_in};
use turnout_tests::smtp::Received;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    a_member_answers_with_one_click_and_changes_it,
    guests_count_as_people_and_a_big_party_keeps_its_place,
    a_held_seat_goes_to_the_next_in_line_unless_confirmed,
    bad_changes_are_refused_and_change_nothing,
    five_identical_rsvps_at_once_give_one_rsvp_and_one_email,
    guest_rsvps_join_an_account_once_its_address_is_confirmed,
    reminders_go_to_confirmed_places_and_maybe_only_the_day_before,
    a_full_event_without_a_waitlist_turns_rsvps_away,
    organizers_remove_and_promote_by_hand,
);

async fn rows(db: &TestDb, sql: &str) -> Vec<(String, i64)> {
    let conn = db.connect().await;
    let found = conn.query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap();
    found.iter().map(|r| (r.try_get_by_index::<String>(0).unwrap(), r.try_get_by_index::<i64>(1).unwrap())).collect()
}

/// (email, status, guests) of every RSVP of the event, by email.
async fn answers(db: &TestDb, event: i64) -> Vec<(String, String, i64)> {
    let conn = db.connect().await;
    let sql = format!("SELECT email, status, CAST(guests AS BIGINT) FROM rsvps WHERE event_id = {event} ORDER BY email");
    let found = conn.query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql)).await.unwrap();
    found
        .iter()
        .map(|r| {
            (r.try_get_by_index::<String>(0).unwrap(), r.try_get_by_index::<String>(1).unwrap(), r.try_get_by_index::<i64>(2).unwrap())
        })
        .collect()
}

async fn seats_taken(db: &TestDb, event: i64) -> i64 {
    rows(db, &format!("SELECT 'x', CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await[0].1
}

/// A guest's RSVP with a number of guests and an answer.
async fn guest(app: &TestApp, event: i64, name: &str, email: &str, guests: &str) -> reqwest::Response {
    let page = format!("/events/{event}");
    let v = Visitor::new(app);
    let res = v.submit(&page, &format!("{page}/rsvp"), &[("name", name), ("email", email), ("guests", guests), ("answer", "going")]).await;
    v.landing(res).await
}

fn manage_path(mail: &[Received], base: &str, to: &str) -> String {
    let link = mail
        .iter()
        .rev()
        .filter(|m| m.rcpt_to == to)
        .find_map(|m| m.link(&format!("{base}/rsvps/manage/")))
        .unwrap_or_else(|| panic!("a manage link for {to}"));
    link.trim_start_matches(base).to_owned()
}

/// Presses a button of the manage page at `path`, with the page's own token and CSRF field.
async fn press(v: &Visitor, path: &str, action: &str, extra: &[(&str, &str)]) -> reqwest::Response {
    let (_, page) = v.get(path).await;
    // A cancelled RSVP's page has no form left: the token comes from any page.
    let csrf = if page.contains("name=\"_csrf\"") { csrf_of(&page) } else { csrf_of(&v.get("/login").await.1) };
    let token = path.rsplit('/').next().unwrap();
    let mut form: Vec<(&str, &str)> = vec![("token", token), ("_csrf", csrf.as_str())];
    form.extend_from_slice(extra);
    v.client.post(v.url(action)).form(&form).send().await.unwrap()
}

async fn delivered(app: &TestApp, smtp: &SmtpServer, n: usize) -> Vec<Received> {
    app.tick(chrono::Utc::now()).await;
    smtp.wait_for(n, Duration::from_secs(20)).await
}

async fn a_member_answers_with_one_click_and_changes_it(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(10), guests_allowed: 2, ..EventSpec::public("Branch Social", days_from_now(4)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    account(&app, "ann@example.org", "Ann Member", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let page = format!("/events/{event}");

    let (_, before) = ann.get(&page).await;
    assert!(before.contains("one click"), "a member is offered one click");
    assert!(!before.contains("name=\"email\""), "and no address to type");
    // One click, bringing one guest; posting someone else's address changes nothing about whose RSVP it is.
    let clicked =
        ann.submit(&page, &format!("{page}/rsvp"), &[("answer", "going"), ("guests", "1"), ("email", "victim@example.org")]).await;
    assert_eq!(clicked.status(), StatusCode::SEE_OTHER, "POST, then back to the event");
    let (_, after) = ann.get(&page).await;
    assert!(after.contains("You're going (2 people)"), "the page says where they stand");
    assert!(after.contains("change"));
    assert!(after.contains("2 people"), "the public count is in people");
    assert_eq!(answers(&db, event).await, [("ann@example.org".into(), "going".into(), 1)]);
    assert_eq!(seats_taken(&db, event).await, 2);

    // Change: maybe gives the seats back; going again takes them.
    let changed = ann.submit(&format!("{page}?change=1"), &format!("{page}/rsvp"), &[("answer", "maybe"), ("guests", "0")]).await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    assert!(ann.get(&page).await.1.contains("You said maybe"));
    assert_eq!(seats_taken(&db, event).await, 0, "maybe takes no seat");
    ann.submit(&page, &format!("{page}/rsvp"), &[("answer", "going"), ("guests", "2")]).await;
    assert!(ann.get(&page).await.1.contains("You're going (3 people)"));
    assert_eq!(seats_taken(&db, event).await, 3);
    assert_eq!(answers(&db, event).await.len(), 1, "never a second RSVP");

    let mail = delivered(&app, &smtp, 3).await;
    assert!(mail.iter().all(|m| m.rcpt_to == "ann@example.org"), "nobody else is written to: {mail:?}");
    assert!(mail.iter().any(|m| m.subject.starts_with("RSVP changed")));
    let (_, account_page) = ann.get("/account").await;
    assert!(account_page.contains("Branch Social"), "my account lists it");
    app.stop().await;
}

async fn guests_count_as_people_and_a_big_party_keeps_its_place(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(5), guests_allowed: 3, ..EventSpec::public("Day School", days_from_now(6)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    // Ann brings 3 (4 people): going. Ben brings 2 (3): too many, waitlisted first.
    // Cleo alone: the last seat. Dan alone: waitlisted second.
    for (name, email, guests) in [
        ("Ann", "ann@example.org", "3"),
        ("Ben", "ben@example.org", "2"),
        ("Cleo", "cleo@example.org", "0"),
        ("Dan", "dan@example.org", "0"),
    ] {
        assert_eq!(guest(&app, event, name, email, guests).await.status(), StatusCode::OK);
    }
    let statuses: Vec<String> = answers(&db, event).await.into_iter().map(|(_, s, _)| s).collect();
    assert_eq!(statuses, ["going", "waitlisted", "going", "waitlisted"]);
    assert_eq!(seats_taken(&db, event).await, 5);
    let mail = delivered(&app, &smtp, 4).await;
    assert!(mail.iter().any(|m| m.rcpt_to == "ann@example.org" && m.decoded().contains("with 3 guests (4 people)")));
    assert!(mail.iter().any(|m| m.rcpt_to == "dan@example.org" && m.decoded().contains("number 2 in line")));

    // Ann now brings one guest: two seats free. Ben's party of 3 does not fit
    // and keeps its place; Dan, behind him, fits and is in.
    let v = Visitor::new(&app);
    let ann_link = manage_path(&mail, &app.base, "ann@example.org");
    assert_eq!(press(&v, &ann_link, "/rsvps/manage/change", &[("answer", "going"), ("guests", "1")]).await.status(), StatusCode::SEE_OTHER);
    let now: Vec<(String, String)> = answers(&db, event).await.into_iter().map(|(e, s, _)| (e, s)).collect();
    assert!(now.contains(&("dan@example.org".into(), "going".into())));
    assert!(now.contains(&("ben@example.org".into(), "waitlisted".into())));
    assert_eq!(seats_taken(&db, event).await, 4);
    let ben_link = manage_path(&mail, &app.base, "ben@example.org");
    assert!(v.get(&ben_link).await.1.contains("number 1 in line"), "Ben keeps the head of the line");

    // Ann can't go after all: four seats free, Ben's party of 3 is in.
    assert_eq!(press(&v, &ann_link, "/rsvps/manage/change", &[("answer", "cant_go")]).await.status(), StatusCode::SEE_OTHER);
    assert!(answers(&db, event).await.contains(&("ben@example.org".into(), "going".into(), 2)));
    assert_eq!(seats_taken(&db, event).await, 5, "Ben's 3, Cleo and Dan");
    let (_, event_page) = v.get(&format!("/events/{event}")).await;
    assert!(event_page.contains("5 people"), "the event page counts people");

    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(7, Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mail = if mail.len() > 7 { mail } else { smtp.messages() };
    let mut told: Vec<&str> = mail.iter().filter(|m| m.subject.starts_with("You're in")).map(|m| m.rcpt_to.as_str()).collect();
    told.sort();
    assert_eq!(told, ["ben@example.org", "dan@example.org"], "one \"you're in\" each, in the order seats fitted");
    app.stop().await;
}

async fn a_held_seat_goes_to_the_next_in_line_unless_confirmed(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let options = RsvpOptions { guests_confirm_by_email: true, ..Default::default() };
    let spec = EventSpec { capacity: Some(1), rsvp_options: options, ..EventSpec::public("Book Launch", days_from_now(5)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    guest(&app, event, "Gus", "gus@example.org", "").await;
    guest(&app, event, "Hana", "hana@example.org", "").await;
    let mail = delivered(&app, &smtp, 2).await;
    let gus = mail.iter().find(|m| m.rcpt_to == "gus@example.org").unwrap();
    assert!(gus.decoded().contains("Confirm my place"), "the guest is asked to confirm");

    // A day later nobody confirmed: Gus's seat goes to Hana, and both are told.
    let later = chrono::Utc::now() + chrono::Duration::hours(25);
    let released = turnout_web::rsvps::holds::release_expired(&app.running.state, later).await;
    assert_eq!(released.unwrap(), 1);
    let now: Vec<(String, String)> = answers(&db, event).await.into_iter().map(|(e, s, _)| (e, s)).collect();
    assert_eq!(now, [("gus@example.org".into(), "cancelled".into()), ("hana@example.org".into(), "going".into())]);
    app.tick(later).await;
    let mail = smtp.wait_for(4, Duration::from_secs(20)).await;
    assert!(mail.iter().any(|m| m.rcpt_to == "gus@example.org" && m.subject.starts_with("Your place was released")));
    assert!(mail.iter().any(|m| m.rcpt_to == "hana@example.org" && m.subject.starts_with("You're in")));

    // Hana, a guest too, got a fresh hold with her seat: she confirms, and a later sweep keeps her.
    let v = Visitor::new(&app);
    let hana = manage_path(&mail, &app.base, "hana@example.org");
    assert_eq!(press(&v, &hana, "/rsvps/manage/confirm", &[]).await.status(), StatusCode::SEE_OTHER);
    let again = turnout_web::rsvps::holds::release_expired(&app.running.state, chrono::Utc::now() + chrono::Duration::days(3)).await;
    assert_eq!(again.unwrap(), 0, "a confirmed place is never released");
    assert_eq!(press(&v, &hana, "/rsvps/manage/confirm", &[]).await.status(), StatusCode::CONFLICT, "confirming twice is refused");

    // Gus's link outlived his hold: confirming now is refused and gives him no seat back.
    let gus = manage_path(&mail, &app.base, "gus@example.org");
    let expired = press(&v, &gus, "/rsvps/manage/confirm", &[]).await;
    assert_eq!(expired.status(), StatusCode::CONFLICT, "an expired hold cannot be confirmed");
    assert!(expired.text().await.unwrap().contains("it was released"));
    let now: Vec<(String, String)> = answers(&db, event).await.into_iter().map(|(e, s, _)| (e, s)).collect();
    assert_eq!(now, [("gus@example.org".into(), "cancelled".into()), ("hana@example.org".into(), "going".into())]);
    app.stop().await;
}

async fn bad_changes_are_refused_and_change_nothing(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(2), guests_allowed: 1, ..EventSpec::public("Film Night", days_from_now(2)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    assert_eq!(guest(&app, event, "Ida", "ida@example.org", "5").await.status(), StatusCode::UNPROCESSABLE_ENTITY, "too many guests");
    assert!(answers(&db, event).await.is_empty());
    assert_eq!(guest(&app, event, "Ida", "ida@example.org", "0").await.status(), StatusCode::OK);
    assert_eq!(guest(&app, event, "Jo", "jo@example.org", "0").await.status(), StatusCode::OK);
    let mail = delivered(&app, &smtp, 2).await;
    let v = Visitor::new(&app);
    let ida = manage_path(&mail, &app.base, "ida@example.org");

    // A guest more when the event is full: 409, nothing changes.
    let full = press(&v, &ida, "/rsvps/manage/change", &[("answer", "going"), ("guests", "1")]).await;
    assert_eq!(full.status(), StatusCode::CONFLICT);
    assert!(full.text().await.unwrap().contains("Your RSVP is as it was"));
    assert_eq!(seats_taken(&db, event).await, 2);
    // Over the event's limit, and a wrong token.
    assert_eq!(
        press(&v, &ida, "/rsvps/manage/change", &[("answer", "going"), ("guests", "9")]).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let wrong = format!("/rsvps/manage/{}", "A".repeat(43));
    assert_eq!(v.get(&wrong).await.0, StatusCode::NOT_FOUND);
    // Another RSVP's token acts on that RSVP only: Jo's link never reaches Ida's.
    let jo = manage_path(&mail, &app.base, "jo@example.org");
    assert!(v.get(&jo).await.1.contains("Jo"));
    assert!(!v.get(&jo).await.1.contains("ida@example.org"), "one RSVP's page shows nothing of another");
    // Cancelled, the link still shows the page, but cancelling again is refused.
    assert_eq!(press(&v, &ida, "/rsvps/manage/cancel", &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(press(&v, &ida, "/rsvps/manage/cancel", &[]).await.status(), StatusCode::CONFLICT);

    // After RSVPs close, answers cannot change.
    let conn = db.connect().await;
    let past = (chrono::Utc::now() - chrono::Duration::minutes(1)).to_rfc3339();
    let sql = match conn.get_database_backend() {
        sea_orm::DbBackend::Postgres => format!("UPDATE events SET rsvp_closes_at = '{past}'::timestamptz WHERE id = {event}"),
        _ => format!("UPDATE events SET rsvp_closes_at = '{}' WHERE id = {event}", past.replace('T', " ")),
    };
    conn.execute_unprepared(&sql).await.unwrap();
    let late = press(&v, &jo, "/rsvps/manage/change", &[("answer", "maybe")]).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert!(answers(&db, event).await.contains(&("jo@example.org".into(), "going".into(), 0)), "nothing changed");
    app.stop().await;
}

async fn five_identical_rsvps_at_once_give_one_rsvp_and_one_email(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec { capacity: Some(20), ..EventSpec::public("Rally", days_from_now(3)) }).await;
    let mut clicks = Vec::new();
    for _ in 0..5 {
        let v = Visitor::new(&app);
        clicks.push(tokio::spawn(async move {
            let page = format!("/events/{event}");
            v.submit(&page, &format!("{page}/rsvp"), &[("name", "Eve"), ("email", "eve@example.org")]).await.status()
        }));
    }
    for c in clicks {
        assert_eq!(c.await.unwrap(), StatusCode::SEE_OTHER);
    }
    assert_eq!(answers(&db, event).await, [("eve@example.org".into(), "going".into(), 0)], "one RSVP");
    assert_eq!(seats_taken(&db, event).await, 1);
    delivered(&app, &smtp, 1).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.tick(chrono::Utc::now()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.messages().len(), 1, "one email: {:?}", smtp.messages().iter().map(|m| &m.subject).collect::<Vec<_>>());
    app.stop().await;
}

async fn guest_rsvps_join_an_account_once_its_address_is_confirmed(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Picket Training", days_from_now(3))).await;
    assert_eq!(guest(&app, event, "Grace", "grace@example.org", "").await.status(), StatusCode::OK);
    let owner = "SELECT email, CAST(COALESCE(user_id, 0) AS BIGINT) FROM rsvps";
    assert_eq!(rows(&db, owner).await, [("grace@example.org".into(), 0)]);

    // Registering with the address is not proof: the RSVP stays a guest's until the link is used.
    let v = Visitor::new(&app);
    let res = v
        .submit(
            "/register",
            "/register",
            &[("name", "Grace Lee"), ("email", "grace@example.org"), ("password", turnout_tests::people::PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(rows(&db, owner).await, [("grace@example.org".into(), 0)], "typing an address joins nothing");
    let mail = delivered(&app, &smtp, 2).await;
    let link = mail.iter().find_map(|m| m.link(&format!("{}/account/verify/", app.base))).expect("a verification link");
    let path = link.trim_start_matches(&app.base).to_owned();
    let (_, page) = v.get(&path).await;
    let token = path.rsplit('/').next().unwrap();
    let confirm = v
        .client
        .post(v.url("/account/verify"))
        .form(&[("token", token), ("password", turnout_tests::people::PASSWORD), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), StatusCode::SEE_OTHER);
    let user = rows(&db, "SELECT email, CAST(id AS BIGINT) FROM users").await;
    assert_eq!(rows(&db, owner).await, [("grace@example.org".into(), user[0].1)], "confirmed: the RSVP is the account's");
    let grace = logged_in(&app, "grace@example.org").await;
    assert!(grace.get(&format!("/events/{event}")).await.1.contains("You're going"), "and the event page knows it");
    app.stop().await;
}

async fn answer_as_guest(app: &TestApp, event: i64, email: &str, answer: &str) -> StatusCode {
    let page = format!("/events/{event}");
    let v = Visitor::new(app);
    v.submit(&page, &format!("{page}/rsvp"), &[("name", "Someone"), ("email", email), ("answer", answer)]).await.status()
}

async fn reminders_go_to_confirmed_places_and_maybe_only_the_day_before(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let start = days_from_now(4);
    let options = RsvpOptions { maybe_reminder: true, guests_confirm_by_email: true, ..Default::default() };
    let asks = chapter_with_event(&app.running.db, EventSpec { rsvp_options: options, ..EventSpec::public("Asks Maybes", start) }).await;
    let plain = chapter_with_event(&app.running.db, EventSpec::public("Plain Event", start)).await;
    for (event, email, answer) in [
        (asks, "held@example.org", "going"),
        (asks, "sure@example.org", "going"),
        (asks, "maybe@example.org", "maybe"),
        (asks, "cant@example.org", "cant_go"),
        (plain, "maybe.plain@example.org", "maybe"),
    ] {
        assert_eq!(answer_as_guest(&app, event, email, answer).await, StatusCode::SEE_OTHER);
    }
    let mail = delivered(&app, &smtp, 5).await;
    assert!(mail.iter().any(|m| m.rcpt_to == "maybe@example.org" && m.subject.starts_with("You said maybe")));
    assert!(mail.iter().any(|m| m.rcpt_to == "cant@example.org" && m.subject.starts_with("You can't go")));
    // Sure confirms the held place; Held never does.
    let v = Visitor::new(&app);
    assert_eq!(
        press(&v, &manage_path(&mail, &app.base, "sure@example.org"), "/rsvps/manage/confirm", &[]).await.status(),
        StatusCode::SEE_OTHER
    );

    let day_before = start - chrono::Duration::hours(24);
    assert_eq!(app.tick(day_before).await.reminders_queued, 2, "the confirmed place and, as asked, the maybe");
    assert_eq!(app.tick(start - chrono::Duration::hours(2)).await.reminders_queued, 1, "two hours before: the confirmed place only");
    let reminded: Vec<String> = smtp
        .wait_for(8, Duration::from_secs(20))
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder"))
        .map(|m| m.rcpt_to)
        .collect();
    assert_eq!(reminded.iter().filter(|to| *to == "sure@example.org").count(), 2);
    assert_eq!(reminded.iter().filter(|to| *to == "maybe@example.org").count(), 1);
    assert!(!reminded.iter().any(|to| to == "held@example.org" || to == "cant@example.org" || to == "maybe.plain@example.org"));
    app.stop().await;
}

async fn a_full_event_without_a_waitlist_turns_rsvps_away(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let options = RsvpOptions { no_waitlist: true, ..Default::default() };
    let spec = EventSpec { capacity: Some(1), rsvp_options: options, ..EventSpec::public("Small Room Talk", days_from_now(3)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    assert_eq!(answer_as_guest(&app, event, "first@example.org", "going").await, StatusCode::SEE_OTHER);
    let (_, page) = Visitor::new(&app).get(&format!("/events/{event}")).await;
    assert!(page.contains("keeps no waitlist") && !page.contains("Join the waitlist"), "the page says full means full");

    let page_url = format!("/events/{event}");
    let v = Visitor::new(&app);
    let refused =
        v.submit(&page_url, &format!("{page_url}/rsvp"), &[("name", "Late"), ("email", "late@example.org"), ("answer", "going")]).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert!(refused.text().await.unwrap().contains("keeps no waitlist; nothing was recorded"));
    assert_eq!(answers(&db, event).await.len(), 1, "nothing written");
    // A maybe is still welcome, and cannot turn into a place that is not there.
    assert_eq!(answer_as_guest(&app, event, "late@example.org", "maybe").await, StatusCode::SEE_OTHER);
    let mail = delivered(&app, &smtp, 2).await;
    let late = manage_path(&mail, &app.base, "late@example.org");
    assert_eq!(press(&v, &late, "/rsvps/manage/change", &[("answer", "going")]).await.status(), StatusCode::CONFLICT);
    assert!(answers(&db, event).await.contains(&("late@example.org".into(), "maybe".into(), 0)));
    // A member's one click is refused the same way.
    account(&app, "member@example.org", "Member", false).await;
    let member = logged_in(&app, "member@example.org").await;
    let click = member.submit(&page_url, &format!("{page_url}/rsvp"), &[("answer", "going")]).await;
    assert_eq!(click.status(), StatusCode::CONFLICT);
    assert_eq!(answers(&db, event).await.len(), 2);
    app.stop().await;
}

async fn organizers_remove_and_promote_by_hand(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    // Starts within the promotion cutoff (2 hours): the line no longer moves by itself.
    let start = chrono::Utc::now() + chrono::Duration::minutes(90);
    let start = chrono::DateTime::from_timestamp(start.timestamp(), 0).unwrap();
    let event =
        chapter_with_event(&app.running.db, EventSpec { capacity: Some(1), ..EventSpec::public("Last-Minute Meeting", start) }).await;
    assert_eq!(answer_as_guest(&app, event, "ana@example.org", "going").await, StatusCode::SEE_OTHER);
    assert_eq!(answer_as_guest(&app, event, "bo@example.org", "going").await, StatusCode::SEE_OTHER);
    let conn = db.connect().await;
    let slug = turnout_tests::fixtures::sql_text(
        &conn,
        &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {event}"),
    )
    .await;
    let ana = turnout_tests::fixtures::sql_i64(&conn, "SELECT id FROM rsvps WHERE email = 'ana@example.org'").await;
    let bo = turnout_tests::fixtures::sql_i64(&conn, "SELECT id FROM rsvps WHERE email = 'bo@example.org'").await;
    account(&app, "org@example.org", "Org", false).await;
    turnout_tests::people::grant(&app, "org@example.org", &slug, turnout_domain::policy::Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;

    // Removing asks first and says who is emailed.
    let remove = format!("/events/{event}/attendees/{ana}/remove");
    let (status, ask) = org.get(&remove).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ask.contains("is not emailed"), "the page says who will be emailed");
    assert_eq!(org.submit(&remove, &remove, &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(
        answers(&db, event).await.contains(&("bo@example.org".into(), "waitlisted".into(), 0)),
        "too close to the start to move by itself"
    );
    // The organizer promotes Bo by hand: Bo gets one "you're in"; both moves are in the audit log.
    let promote = format!("/events/{event}/attendees/{bo}/promote");
    let attendees = format!("/events/{event}/attendees");
    assert_eq!(org.submit(&attendees, &promote, &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(answers(&db, event).await.contains(&("bo@example.org".into(), "going".into(), 0)));
    assert_eq!(org.submit(&attendees, &promote, &[]).await.status(), StatusCode::CONFLICT, "only the waitlisted can be promoted");
    let audit = turnout_tests::fixtures::sql_i64(
        &conn,
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('rsvp.remove_by_hand', 'rsvp.promote_by_hand') AND actor_user_id IS NOT NULL",
    )
    .await;
    assert_eq!(audit, 2);
    let mail = delivered(&app, &smtp, 3).await;
    assert_eq!(
        mail.iter().filter(|m| m.subject.starts_with("You're in")).map(|m| m.rcpt_to.as_str()).collect::<Vec<_>>(),
        ["bo@example.org"]
    );
    assert!(!mail.iter().any(|m| m.rcpt_to == "ana@example.org" && m.subject.contains("removed")));
    // A member cannot do either.
    account(&app, "member@example.org", "Member", false).await;
    let member = logged_in(&app, "member@example.org").await;
    assert_eq!(member.get(&remove).await.0, StatusCode::FORBIDDEN);
    app.stop().await;
}
