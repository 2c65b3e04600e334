//! Regression tests for the holes an attack on the running app found: limits
//! that were one counter for the whole site, account pre-hijacking, an RSVP
//! oracle, protected addresses in mail, shared caches and erasure. Over real
//! TCP, from two loopback addresses (127.0.0.1 and 127.0.0.2), on SQLite and
//! PostgreSQL.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::people::{PASSWORD, account, logged_in};
use turnout_tests::smtp::Received;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    two_clients_do_not_share_an_rsvp_limit,
    a_flooding_client_does_not_use_up_the_address_it_names,
    a_proxy_is_believed_only_for_its_right_most_untrusted_hop,
    wrong_passwords_lock_one_client_not_the_owner,
    a_stranger_who_registers_your_address_cannot_use_it,
    a_new_address_is_confirmed_only_by_the_session_that_asked,
    mail_sending_actions_are_limited_per_account_and_recipient,
    a_repeated_rsvp_reveals_nothing_and_mails_the_owner,
    waitlisted_people_get_no_protected_address_when_an_event_is_cancelled,
    per_viewer_answers_stay_out_of_shared_caches,
    erasure_follows_every_address_the_account_had,
);

async fn count(db: &TestDb, sql: &str) -> i64 {
    let conn = db.connect().await;
    let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn exec(db: &TestDb, sql: &str) {
    let conn = db.connect().await;
    conn.execute_unprepared(sql).await.unwrap();
}

/// The page with every per-visitor CSRF token blanked, to compare two answers.
fn without_token(page: &str) -> String {
    match page.find("name=\"_csrf\" value=\"") {
        Some(at) => {
            let start = at + 20;
            let end = start + page[start..].find('"').unwrap_or(0);
            format!("{}{}", &page[..start], without_token(&page[end..]))
        }
        None => page.to_owned(),
    }
}

/// Delivers what is queued and returns every message received so far.
async fn delivered(app: &TestApp, smtp: &SmtpServer, at_least: usize) -> Vec<Received> {
    app.tick(chrono::Utc::now()).await;
    smtp.wait_for(at_least, Duration::from_secs(10)).await
}

fn token_of(link: &str) -> String {
    link.rsplit('/').next().unwrap().to_owned()
}

async fn rsvp_from(v: &Visitor, event_id: i64, name: &str, email: &str) -> reqwest::Response {
    let page = format!("/events/{event_id}");
    let res = v.submit(&page, &format!("{page}/rsvp"), &[("name", name), ("email", email)]).await;
    v.landing(res).await
}

async fn two_clients_do_not_share_an_rsvp_limit(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\nrsvp_per_address_and_event = 2\nrsvp_per_address = 3\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    let forum = chapter_with_event(&app.running.db, EventSpec::public("Forum", days_from_now(5))).await;
    let meeting = chapter_with_event(&app.running.db, EventSpec::public("Meeting", days_from_now(6))).await;
    let campus = Visitor::from_address(&app, "127.0.0.1");
    let elsewhere = Visitor::from_address(&app, "127.0.0.2");

    for who in ["a@example.org", "b@example.org"] {
        assert_eq!(rsvp_from(&campus, forum, "Someone", who).await.status(), StatusCode::OK);
    }
    let limited = rsvp_from(&campus, forum, "Carmen Diaz", "carmen@example.org").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    let page = limited.text().await.unwrap();
    assert!(page.contains("value=\"Carmen Diaz\"") && page.contains("value=\"carmen@example.org\""), "what was typed is kept");
    assert!(page.contains("Too many RSVPs from here"), "the reason is next to the form");

    // Another client is not held back by the first one's count.
    assert_eq!(rsvp_from(&elsewhere, forum, "Dee", "dee@example.org").await.status(), StatusCode::OK);
    // Another event from the same client goes on, up to the ceiling across events.
    assert_eq!(rsvp_from(&campus, meeting, "Eve", "eve@example.org").await.status(), StatusCode::OK);
    assert_eq!(rsvp_from(&campus, meeting, "Fay", "fay@example.org").await.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rsvps").await, 4, "nothing was written for the refused ones");
    // The counters are per client, not one for everybody.
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rate_limits WHERE key LIKE '%unknown%'").await, 0);
    assert!(count(&db, "SELECT COUNT(*) FROM rate_limits WHERE key LIKE 'rsvp:127.0.0.2%'").await > 0);
    app.stop().await;
}

/// The limit per address mailed counts only the RSVPs a client was allowed
/// to make: one client's flood naming someone's address, refused by the
/// client's own limit, leaves that person's allowance for everyone else.
async fn a_flooding_client_does_not_use_up_the_address_it_names(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\nrsvp_per_address_and_event = 2\nmail_per_recipient = 3\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    let forum = chapter_with_event(&app.running.db, EventSpec::public("Forum", days_from_now(5))).await;
    let flood = Visitor::from_address(&app, "127.0.0.2");
    let statuses: Vec<StatusCode> = {
        let mut all = Vec::new();
        for _ in 0..5 {
            all.push(rsvp_from(&flood, forum, "Vic", "vic@example.org").await.status());
        }
        all
    };
    assert_eq!(statuses[..2], [StatusCode::OK, StatusCode::OK]);
    assert!(statuses[2..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS), "{statuses:?}");
    // Two counted for Vic's address, not five: a third client still may.
    let other = Visitor::from_address(&app, "127.0.0.3");
    assert_eq!(rsvp_from(&other, forum, "Vic", "vic@example.org").await.status(), StatusCode::OK);
    // And the limit per address still holds after that.
    let fourth = Visitor::from_address(&app, "127.0.0.4");
    assert_eq!(rsvp_from(&fourth, forum, "Vic", "vic@example.org").await.status(), StatusCode::TOO_MANY_REQUESTS);
    app.stop().await;
}

async fn a_proxy_is_believed_only_for_its_right_most_untrusted_hop(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[server]\ntrusted_proxies = [\"127.0.0.1\"]\n[limits]\nlogin_per_address = 2\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    let proxy = Visitor::from_address(&app, "127.0.0.1");
    let token = csrf_of(&proxy.get("/login").await.1);
    let login = |xff: &'static str, v: &Visitor| {
        v.client
            .post(v.url("/login"))
            .header("x-forwarded-for", xff)
            .form(&[("email", "x@example.org"), ("password", "not the password"), ("_csrf", token.as_str())])
            .send()
    };
    assert_eq!(login("198.51.100.7", &proxy).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    // A client that writes its own X-Forwarded-For entries is still the same client.
    assert_eq!(login("1.1.1.1, 198.51.100.7", &proxy).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(login("2.2.2.2, 198.51.100.7", &proxy).await.unwrap().status(), StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy has a count of its own.
    assert_eq!(login("198.51.100.8", &proxy).await.unwrap().status(), StatusCode::UNAUTHORIZED);

    // Someone who is not a trusted proxy cannot claim to be that client: it is counted as itself.
    let direct = Visitor::from_address(&app, "127.0.0.2");
    let token = csrf_of(&direct.get("/login").await.1);
    let res = direct
        .client
        .post(direct.url("/login"))
        .header("x-forwarded-for", "203.0.113.50")
        .form(&[("email", "x@example.org"), ("password", "not the password"), ("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rate_limits WHERE key = 'login:127.0.0.2'").await, 1);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rate_limits WHERE key = 'login:203.0.113.50'").await, 0);
    app.stop().await;
}

async fn wrong_passwords_lock_one_client_not_the_owner(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\nlogin_failures_per_account = 2\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    account(&app, "ann@example.org", "Ann Lee", false).await;
    let attacker = Visitor::from_address(&app, "127.0.0.2");
    let try_as = |v: &Visitor, password: &'static str| {
        let v = v.clone();
        async move { v.submit("/login", "/login", &[("email", "ANN@example.org"), ("password", password)]).await.status() }
    };
    for _ in 0..2 {
        assert_eq!(try_as(&attacker, "guess guess guess").await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(try_as(&attacker, "guess guess guess").await, StatusCode::TOO_MANY_REQUESTS, "the guesser is stopped");
    assert_eq!(try_as(&attacker, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS, "even with the right password from there");

    // The owner, elsewhere, logs in as usual.
    let owner = Visitor::from_address(&app, "127.0.0.1");
    assert_eq!(try_as(&owner, PASSWORD).await, StatusCode::SEE_OTHER);

    // The owner was told, with a link that lets one browser on the locked network in.
    let mail = delivered(&app, &smtp, 1).await;
    let unlock = mail.iter().find(|m| m.subject.contains("paused")).expect("an unlock message");
    assert_eq!(unlock.rcpt_to, "ann@example.org");
    let link = unlock.link(&format!("{}/account/unlock/", app.base)).expect("an unlock link");
    let same_network = Visitor::from_address(&app, "127.0.0.2");
    let (status, page) = same_network.get(link.trim_start_matches(&app.base)).await;
    assert_eq!(status, StatusCode::OK, "the link opens a page with a button (scanners change nothing)");
    assert_eq!(try_as(&same_network, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS, "not until the button is pressed");
    let pressed = same_network
        .client
        .post(same_network.url("/account/unlock"))
        .form(&[("token", token_of(&link).as_str()), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert!(same_network.follow(pressed).await.1.contains("This device can log in"));
    assert_eq!(try_as(&same_network, PASSWORD).await, StatusCode::SEE_OTHER, "the unlocked browser logs in");
    assert_eq!(try_as(&attacker, PASSWORD).await, StatusCode::TOO_MANY_REQUESTS, "the guesser's browser stays locked");
    app.stop().await;
}

async fn a_stranger_who_registers_your_address_cannot_use_it(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let stranger = Visitor::from_address(&app, "127.0.0.2");
    let chosen = "the stranger's passphrase";
    let res = stranger.submit("/register", "/register", &[("name", "Not Vera"), ("email", "vera@example.org"), ("password", chosen)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);

    // Vera presses the button in the message she did not ask for: nothing is confirmed without the stranger's password.
    let mail = delivered(&app, &smtp, 1).await;
    let link = mail[0].link(&format!("{}/account/verify/", app.base)).expect("a confirmation link");
    let vera = Visitor::from_address(&app, "127.0.0.1");
    let (_, page) = vera.get(link.trim_start_matches(&app.base)).await;
    let press = vera
        .client
        .post(vera.url("/account/verify"))
        .form(&[("token", token_of(&link).as_str()), ("password", ""), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(press.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL").await, 0);
    // The stranger cannot use the account either (it only mails the address a fresh link).
    let login = stranger.submit("/login", "/login", &[("email", "vera@example.org"), ("password", chosen)]).await;
    assert_eq!(login.status(), StatusCode::FORBIDDEN);
    assert_eq!(stranger.get("/account").await.0, StatusCode::SEE_OTHER, "not logged in");

    // Vera takes her address with a reset link: the stranger's password is gone.
    vera.submit("/account/reset", "/account/reset", &[("email", "vera@example.org")]).await;
    let mail = delivered(&app, &smtp, 3).await;
    let reset = mail.iter().rev().find_map(|m| m.link(&format!("{}/account/reset/", app.base))).expect("a reset link");
    assert_eq!(reset.matches('/').count(), 5, "a link with a token: {reset}");
    let (_, page) = vera.get(reset.trim_start_matches(&app.base)).await;
    let set = vera
        .client
        .post(vera.url("/account/reset/confirm"))
        .form(&[("token", token_of(&reset).as_str()), ("password", "vera's own passphrase"), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        stranger.submit("/login", "/login", &[("email", "vera@example.org"), ("password", chosen)]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let mine = vera.submit("/login", "/login", &[("email", "vera@example.org"), ("password", "vera's own passphrase")]).await;
    assert_eq!(mine.status(), StatusCode::SEE_OTHER);

    // Someone who really registered confirms with the link and the password they chose.
    let res =
        Visitor::new(&app).submit("/register", "/register", &[("name", "Wes"), ("email", "wes@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let mail = delivered(&app, &smtp, 4).await;
    let link = mail.iter().find(|m| m.rcpt_to == "wes@example.org").and_then(|m| m.link(&format!("{}/account/verify/", app.base))).unwrap();
    let wes = Visitor::new(&app);
    let (_, page) = wes.get(link.trim_start_matches(&app.base)).await;
    let ok = wes
        .client
        .post(wes.url("/account/verify"))
        .form(&[("token", token_of(&link).as_str()), ("password", PASSWORD), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        wes.submit("/login", "/login", &[("email", "wes@example.org"), ("password", PASSWORD)]).await.status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

async fn a_new_address_is_confirmed_only_by_the_session_that_asked(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "mallory@example.org", "Mallory", false).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let mallory = logged_in(&app, "mallory@example.org").await;
    let asked = mallory.submit("/account", "/account/email", &[("email", "victim@example.org"), ("current_password", PASSWORD)]).await;
    assert_eq!(asked.status(), StatusCode::SEE_OTHER);
    let mail = delivered(&app, &smtp, 1).await;
    let link = mail[0].link(&format!("{}/account/email/", app.base)).expect("a confirmation link");

    // The owner of victim@ presses the button in another browser: nothing changes.
    let victim = Visitor::from_address(&app, "127.0.0.2");
    let (_, page) = victim.get(link.trim_start_matches(&app.base)).await;
    let press = victim
        .client
        .post(victim.url("/account/email/confirm"))
        .form(&[("token", token_of(&link).as_str()), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(press.status(), StatusCode::FORBIDDEN);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM users WHERE email = 'victim@example.org'").await, 0);

    // Ann changes her own address in her own session; a reset link mailed before stops working, and the old address is told.
    let ann = logged_in(&app, "ann@example.org").await;
    Visitor::new(&app).submit("/account/reset", "/account/reset", &[("email", "ann@example.org")]).await;
    ann.submit("/account", "/account/email", &[("email", "ann.new@example.org"), ("current_password", PASSWORD)]).await;
    let mail = delivered(&app, &smtp, 3).await;
    let reset = mail.iter().find_map(|m| m.link(&format!("{}/account/reset/", app.base))).expect("a reset link");
    let change = mail.iter().rev().find_map(|m| m.link(&format!("{}/account/email/", app.base))).unwrap();
    let csrf = csrf_of(&ann.get("/account").await.1);
    let confirm = ann
        .client
        .post(ann.url("/account/email/confirm"))
        .form(&[("token", token_of(&change).as_str()), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), StatusCode::SEE_OTHER);
    assert_eq!(ann.get(reset.trim_start_matches(&app.base)).await.0, StatusCode::BAD_REQUEST, "the old reset link is void");
    let mail = delivered(&app, &smtp, 4).await;
    let told = mail.iter().find(|m| m.rcpt_to == "ann@example.org" && m.subject.contains("changed")).expect("the old address is told");
    let undo = told.link(&format!("{}/account/email/undo/", app.base)).expect("an undo link");

    // Undoing from the old inbox puts the address back and logs everyone out.
    let inbox = Visitor::from_address(&app, "127.0.0.2");
    let (_, page) = inbox.get(undo.trim_start_matches(&app.base)).await;
    let undone = inbox
        .client
        .post(inbox.url("/account/email/undo"))
        .form(&[("token", token_of(&undo).as_str()), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert!(inbox.follow(undone).await.1.contains("Your old address is back"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM users WHERE email = 'ann@example.org'").await, 1);
    assert_eq!(ann.get("/account").await.0, StatusCode::SEE_OTHER, "the session that changed it has ended");
    app.stop().await;
}

async fn mail_sending_actions_are_limited_per_account_and_recipient(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\nmail_per_account = 2\nmail_per_recipient = 2\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    for n in 0..2 {
        let to = format!("new{n}@example.org");
        let res = ann.submit("/account", "/account/email", &[("email", to.as_str()), ("current_password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let res = ann.submit("/account", "/account/email", &[("email", "new9@example.org"), ("current_password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "one account cannot mail addresses without end");

    // Registering one address again and again from many places mails it only so often.
    for ip in ["127.0.0.2", "127.0.0.3"] {
        let v = Visitor::from_address(&app, ip);
        let res = v.submit("/register", "/register", &[("name", "X"), ("email", "target@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let v = Visitor::from_address(&app, "127.0.0.4");
    let res = v.submit("/register", "/register", &[("name", "X"), ("email", "target@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    // So does logging in to the unconfirmed account, which mails a new link.
    let res = v.submit("/login", "/login", &[("email", "target@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox WHERE to_address = 'target@example.org'").await, 2);
    app.stop().await;
}

async fn a_repeated_rsvp_reveals_nothing_and_mails_the_owner(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(1), ..EventSpec::public("House Meeting", days_from_now(4)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    exec(&db, &format!("UPDATE events SET address_protection = 'rsvps' WHERE id = {event}")).await;

    // Rosa has the one seat.
    let rosa = Visitor::from_address(&app, "127.0.0.1");
    let mine = rsvp_from(&rosa, event, "Rosa", "rosa@example.org").await.text().await.unwrap();
    assert!(!mine.contains("1 Main St"), "a page shown to whoever typed the address never shows a protected address");
    let mail = delivered(&app, &smtp, 1).await;
    assert!(mail[0].decoded().contains("1 Main St"), "the owner's inbox has it");

    // Someone else types Rosa's address, and a new one: the answers are the same.
    turnout_tests::fixtures::age_rsvps(&app.running.db, event).await;
    let snoop = Visitor::from_address(&app, "127.0.0.2");
    let repeat = rsvp_from(&snoop, event, "Rosa", "rosa@example.org").await;
    let fresh = rsvp_from(&snoop, event, "Rosa", "zed@example.org").await;
    assert_eq!(repeat.status(), fresh.status());
    let repeat = without_token(&repeat.text().await.unwrap()).replace("rosa@example.org", "ADDRESS");
    let fresh = without_token(&fresh.text().await.unwrap()).replace("zed@example.org", "ADDRESS");
    assert_eq!(repeat, fresh, "an RSVP with an address that has one answers like a new one");
    assert!(!repeat.contains("1 Main St"));
    assert_eq!(count(&db, &format!("SELECT COUNT(*) FROM rsvps WHERE event_id = {event}")).await, 2, "no second RSVP for Rosa");

    // Rosa's inbox hears that her RSVP stands.
    let mail = delivered(&app, &smtp, 3).await;
    let stands = mail.iter().find(|m| m.subject.contains("Your RSVP stands")).expect("the owner is told");
    assert_eq!(stands.rcpt_to, "rosa@example.org");
    app.stop().await;
}

async fn waitlisted_people_get_no_protected_address_when_an_event_is_cancelled(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let spec = EventSpec { capacity: Some(1), ..EventSpec::public("House Meeting", days_from_now(4)) };
    let event = chapter_with_event(&app.running.db, spec).await;
    exec(&db, &format!("UPDATE events SET address_protection = 'rsvps' WHERE id = {event}")).await;
    app.rsvp(event, "Going Person", "going@example.org").await;
    app.rsvp(event, "Waiting Person", "waiting@example.org").await;
    account(&app, "admin@example.org", "Admin", true).await;
    let admin = logged_in(&app, "admin@example.org").await;
    let res = admin.submit(&format!("/events/{event}"), &format!("/events/{event}/cancel"), &[("reason", "The host is ill.")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "cancelled");
    let mail = delivered(&app, &smtp, 4).await;
    let to = |who: &str| mail.iter().find(|m| m.rcpt_to == who && m.subject.starts_with("Cancelled")).expect("a cancellation").decoded();
    assert!(to("going@example.org").contains("1 Main St"));
    assert!(!to("waiting@example.org").contains("1 Main St"), "the waitlist never had the address and does not get it now");
    app.stop().await;
}

async fn per_viewer_answers_stay_out_of_shared_caches(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Forum", days_from_now(4))).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    for path in [format!("/events/{event}/calendar.ics"), format!("/events/{event}"), "/account".to_owned(), "/".to_owned()] {
        let res = ann.client.get(ann.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{path}");
        assert_eq!(res.headers()["cache-control"], "private, no-store", "{path} for a logged-in person");
        assert!(res.headers().get_all("vary").iter().any(|v| v.to_str().unwrap().contains("Cookie")), "{path} varies by cookie");
    }
    let anonymous = reqwest::get(app.url(&format!("/events/{event}/calendar.ics"))).await.unwrap();
    assert!(anonymous.headers().get_all("vary").iter().any(|v| v.to_str().unwrap().contains("Cookie")));
    app.stop().await;
}

async fn erasure_follows_every_address_the_account_had(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Forum", days_from_now(4))).await;
    let other = chapter_with_event(&app.running.db, EventSpec::public("Other", days_from_now(5))).await;
    // Guest RSVPs typed with capitals outside ASCII, under the first address and the second.
    app.rsvp(event, "Åsa Öberg", "ÅSA@example.org").await;
    app.rsvp(other, "Åsa Öberg", "Asa.New@Example.org").await;
    account(&app, "åsa@example.org", "Åsa Öberg", false).await;
    let asa = logged_in(&app, "åsa@example.org").await;
    asa.submit("/account", "/account/email", &[("email", "asa.new@example.org"), ("current_password", PASSWORD)]).await;
    // (Mail to the address with non-ASCII letters stays queued: the test SMTP server does not take SMTPUTF8.)
    let mail = delivered(&app, &smtp, 2).await;
    let change = mail.iter().find_map(|m| m.link(&format!("{}/account/email/", app.base))).expect("the change link");
    let csrf = csrf_of(&asa.get("/account").await.1);
    let res = asa
        .client
        .post(asa.url("/account/email/confirm"))
        .form(&[("token", token_of(&change).as_str()), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = asa.submit("/account", "/account/delete", &[("current_password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rsvps WHERE email IS NOT NULL OR name IS NOT NULL").await, 0, "both RSVPs are anonymous");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM rsvps").await, 2, "and still counted");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM outbox").await, 0, "no message to either address is kept");
    app.stop().await;
}
