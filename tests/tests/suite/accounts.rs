//! Accounts and their security, end to end over HTTP with a real SMTP server:
//! CSRF, sessions, redirects, enumeration, tokens, rate limits, erasure.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::people::{PASSWORD, account, grant, logged_in, session_cookie};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    csrf_missing_foreign_or_cross_origin_is_refused,
    a_revoked_role_fails_on_the_very_next_request,
    next_only_redirects_within_the_site,
    unknown_email_and_wrong_password_answer_alike,
    registration_verification_and_reset_tokens_work_once,
    an_expired_reset_link_is_refused,
    logout_ends_the_session_and_login_rotates_it,
    rate_limits_answer_429_and_lift,
    known_and_unknown_addresses_get_identical_answers,
    a_deleted_account_leaves_no_name_or_address,
    changing_password_and_address,
);

async fn count(db: &TestDb, sql: &str) -> i64 {
    let conn = db.connect().await;
    let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

/// The page with the per-visitor CSRF token blanked, to compare two answers.
fn without_token(page: &str) -> String {
    match page.find("name=\"_csrf\" value=\"") {
        Some(at) => {
            let start = at + 20;
            let end = start + page[start..].find('"').unwrap_or(0);
            let rest = &page[end..];
            format!("{}{}", &page[..start], without_token(rest))
        }
        None => page.to_owned(),
    }
}

async fn csrf_missing_foreign_or_cross_origin_is_refused(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "ann@example.org", "Ann", false).await;
    account(&app, "bob@example.org", "Bob", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let bob = logged_in(&app, "bob@example.org").await;
    let join = ann.url("/chapters/queens/join");
    let joined = "SELECT COUNT(*) FROM memberships";

    let missing = ann.client.post(&join).form(&[("x", "1")]).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN, "no token");
    let bobs_token = csrf_of(&bob.get("/account").await.1);
    let foreign = ann.client.post(&join).form(&[("_csrf", bobs_token.as_str())]).send().await.unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN, "another session's token");
    let anns_token = csrf_of(&ann.get("/account").await.1);
    let cross =
        ann.client.post(&join).header("Origin", "https://evil.example").form(&[("_csrf", anns_token.as_str())]).send().await.unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN, "a foreign Origin");
    let null = ann.client.post(&join).header("Origin", "null").form(&[("_csrf", anns_token.as_str())]).send().await.unwrap();
    assert_eq!(null.status(), StatusCode::FORBIDDEN, "Origin: null");
    assert_eq!(count(&db, joined).await, 0, "nothing changed");

    let ok = ann.client.post(&join).header("Origin", app.base.as_str()).form(&[("_csrf", anns_token.as_str())]).send().await.unwrap();
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&db, joined).await, 1, "with its own token it works");

    // Logging in is a form too.
    let anonymous = Visitor::new(&app);
    let login =
        anonymous.client.post(anonymous.url("/login")).form(&[("email", "ann@example.org"), ("password", PASSWORD)]).send().await.unwrap();
    assert_eq!(login.status(), StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn a_revoked_role_fails_on_the_very_next_request(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    assert_eq!(org.get("/chapters/queens/members").await.0, StatusCode::OK);
    turnout_web::admin_cli::revoke(&app.running.db, "org@example.org", "queens", Role::Organizer).await.unwrap();
    assert_eq!(org.get("/chapters/queens/members").await.0, StatusCode::FORBIDDEN);
    app.stop().await;
}

async fn next_only_redirects_within_the_site(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "ann@example.org", "Ann", false).await;
    for (next, expected) in [
        ("https://evil.example/phish", "/"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/account", "/account"),
    ] {
        let v = Visitor::new(&app);
        let page = v.get(&format!("/login?next={}", urlencode(next))).await.1;
        let token = csrf_of(&page);
        let res = v
            .client
            .post(v.url(&format!("/login?next={}", urlencode(next))))
            .form(&[("email", "ann@example.org"), ("password", PASSWORD), ("_csrf", &token)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
        assert_eq!(res.headers()["location"], expected, "next={next}");
    }
    app.stop().await;
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn unknown_email_and_wrong_password_answer_alike(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let attempt = |email: &'static str| {
        let v = Visitor::new(&app);
        async move {
            let (_, page) = v.get("/login").await;
            let token = csrf_of(&page);
            let started = Instant::now();
            let res = v
                .client
                .post(v.url("/login"))
                .form(&[("email", email), ("password", "not the password"), ("_csrf", &token)])
                .send()
                .await
                .unwrap();
            let took = started.elapsed();
            (res.status(), without_token(&res.text().await.unwrap()).replace(email, "EMAIL"), took)
        }
    };
    let mut unknown_times = Vec::new();
    let mut wrong_times = Vec::new();
    for _ in 0..3 {
        let (s1, body1, t1) = attempt("nobody@example.org").await;
        let (s2, body2, t2) = attempt("ann@example.org").await;
        assert_eq!(s1, StatusCode::UNAUTHORIZED);
        assert_eq!(s1, s2);
        assert_eq!(body1, body2, "the same page for an unknown address and a wrong password");
        unknown_times.push(t1);
        wrong_times.push(t2);
    }
    unknown_times.sort();
    wrong_times.sort();
    // Both pay for an argon2 check: the unknown address is not answered fast.
    assert!(unknown_times[1] * 2 >= wrong_times[1], "unknown {:?} vs wrong {:?}", unknown_times, wrong_times);
    app.stop().await;
}

async fn registration_verification_and_reset_tokens_work_once(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let v = Visitor::new(&app);
    let res = v.submit("/register", "/register", &[("name", "Grace Lee"), ("email", "grace@example.org"), ("password", PASSWORD)]).await;
    assert!(v.follow(res).await.1.contains("Check your email"), "reloading that page registers nobody again");

    app.tick(chrono::Utc::now()).await;
    assert_eq!(smtp.wait_for(1, Duration::from_secs(10)).await.len(), 1);
    // Not confirmed yet: logging in asks for the confirmation first.
    let early = v.submit("/login", "/login", &[("email", "grace@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(early.status(), StatusCode::FORBIDDEN);
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(mail.len(), 2, "the confirmation, and a fresh one when logging in early");
    let link = mail[1].link(&format!("{}/account/verify/", app.base)).expect("a verification link");
    let old_link = mail[0].link(&format!("{}/account/verify/", app.base)).unwrap();
    assert_ne!(link, old_link);

    // Opening the link changes nothing; the button does.
    let path = link.trim_start_matches(&app.base).to_owned();
    let (status, page) = v.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&db, "SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL").await, 0);
    let token = path.rsplit('/').next().unwrap().to_owned();
    let confirm = v
        .client
        .post(v.url("/account/verify"))
        .form(&[("token", token.as_str()), ("password", PASSWORD), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert!(v.follow(confirm).await.1.contains("Your address is confirmed"));
    assert_eq!(count(&db, "SELECT COUNT(*) FROM users WHERE email_verified_at IS NOT NULL").await, 1);
    let again = v
        .client
        .post(v.url("/account/verify"))
        .form(&[("token", token.as_str()), ("password", PASSWORD), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::BAD_REQUEST, "a verification link works once");
    let superseded = old_link.rsplit('/').next().unwrap().to_owned();
    let old = v
        .client
        .post(v.url("/account/verify"))
        .form(&[("token", superseded.as_str()), ("password", PASSWORD), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), StatusCode::BAD_REQUEST, "an older link stops working when a new one is sent");
    let grace = logged_in(&app, "grace@example.org").await;

    // Password reset: the link works once, and the old sessions end.
    let r = Visitor::new(&app).submit("/account/reset", "/account/reset", &[("email", "grace@example.org")]).await;
    assert!(Visitor::new(&app).follow(r).await.1.contains("Check your email"));
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(3, Duration::from_secs(10)).await;
    let link = mail[2].link(&format!("{}/account/reset/", app.base)).expect("a reset link");
    let token = link.rsplit('/').next().unwrap().to_owned();
    let w = Visitor::new(&app);
    let (status, page) = w.get(&format!("/account/reset/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    let weak = w
        .client
        .post(w.url("/account/reset/confirm"))
        .form(&[("token", token.as_str()), ("password", "short"), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY, "a refused password does not use up the link");
    let new_password = "another long passphrase";
    let set = w
        .client
        .post(w.url("/account/reset/confirm"))
        .form(&[("token", token.as_str()), ("password", new_password), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert!(w.follow(set).await.1.contains("Your password was changed"));
    let reuse = w
        .client
        .post(w.url("/account/reset/confirm"))
        .form(&[("token", token.as_str()), ("password", "yet another passphrase"), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert_eq!(reuse.status(), StatusCode::BAD_REQUEST, "a reset link works once");
    assert_eq!(grace.get("/account").await.0, StatusCode::SEE_OTHER, "the session from before the reset has ended");
    let login = Visitor::new(&app).submit("/login", "/login", &[("email", "grace@example.org"), ("password", new_password)]).await;
    assert_eq!(login.status(), StatusCode::SEE_OTHER, "the new password works");
    app.stop().await;
}

async fn an_expired_reset_link_is_refused(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "ann@example.org", "Ann", false).await;
    Visitor::new(&app).submit("/account/reset", "/account/reset", &[("email", "ann@example.org")]).await;
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    let token = mail[0].link(&format!("{}/account/reset/", app.base)).unwrap().rsplit('/').next().unwrap().to_owned();
    // An hour and a minute later:
    db.connect().await.execute_unprepared("UPDATE account_tokens SET expires_at = '2020-01-01T00:00:00+00:00'").await.unwrap();
    let v = Visitor::new(&app);
    let (status, page) = v.get(&format!("/account/reset/{token}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("expired"));
    let csrf = csrf_of(&v.get("/login").await.1);
    let post = v
        .client
        .post(v.url("/account/reset/confirm"))
        .form(&[("token", token.as_str()), ("password", "brand new passphrase"), ("_csrf", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(post.status(), StatusCode::BAD_REQUEST);
    app.stop().await;
}

async fn logout_ends_the_session_and_login_rotates_it(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let v = Visitor::new(&app);
    let first = v.submit("/login", "/login", &[("email", "ann@example.org"), ("password", PASSWORD)]).await;
    let a = session_cookie(&first).expect("a session cookie");
    let set_cookie = first.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"), "{set_cookie}");
    assert!(!set_cookie.contains("Secure"), "not Secure over plain http");
    let second = v.submit("/login", "/login", &[("email", "ann@example.org"), ("password", PASSWORD)]).await;
    let b = session_cookie(&second).expect("a new session cookie");
    assert_ne!(a, b, "logging in gives a new session id");
    let with = |cookie: &str| {
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let req = client.get(format!("{}/account", app.base)).header("Cookie", format!("turnout_session={cookie}"));
        async move { req.send().await.unwrap().status() }
    };
    assert_eq!(with(&a).await, StatusCode::SEE_OTHER, "the old session id no longer works");
    assert_eq!(with(&b).await, StatusCode::OK);
    let token = csrf_of(&v.get("/account").await.1);
    let out = v.client.post(v.url("/logout")).form(&[("_csrf", token)]).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(with(&b).await, StatusCode::SEE_OTHER, "after logout the session is gone on the server too");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM sessions").await, 0);
    app.stop().await;
}

async fn rate_limits_answer_429_and_lift(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\nwindow_seconds = 2\nlogin_per_address = 3\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    let v = Visitor::new(&app);
    let token = csrf_of(&v.get("/login").await.1);
    let try_login =
        || v.client.post(v.url("/login")).form(&[("email", "x@example.org"), ("password", "wrong password"), ("_csrf", &token)]).send();
    for _ in 0..3 {
        assert_eq!(try_login().await.unwrap().status(), StatusCode::UNAUTHORIZED);
    }
    let limited = try_login().await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=2).contains(&retry), "Retry-After {retry}");
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert_eq!(try_login().await.unwrap().status(), StatusCode::UNAUTHORIZED, "the limit lifts when the window ends");
    app.stop().await;
}

async fn known_and_unknown_addresses_get_identical_answers(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let running = TestApp::start(&db, &smtp, Options::default()).await;
    account(&running, "taken@example.org", "Tak En", false).await;
    let app = &running;
    let register = |email: &'static str| async move {
        let res =
            Visitor::new(app).submit("/register", "/register", &[("name", "Someone"), ("email", email), ("password", PASSWORD)]).await;
        let to = res.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        (res.status(), to, without_token(&res.text().await.unwrap()).replace(email, "EMAIL"))
    };
    let taken = register("taken@example.org").await;
    let fresh = register("fresh@example.org").await;
    assert_eq!(taken, fresh, "registering a taken address looks like registering a new one");
    let reset = |email: &'static str| async move {
        let res = Visitor::new(app).submit("/account/reset", "/account/reset", &[("email", email)]).await;
        let to = res.headers().get("location").map(|l| l.to_str().unwrap().to_owned());
        (res.status(), to, without_token(&res.text().await.unwrap()).replace(email, "EMAIL"))
    };
    assert_eq!(reset("taken@example.org").await, reset("nobody@example.org").await, "resetting an unknown address looks the same");
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(3, Duration::from_secs(10)).await;
    let to_owner: Vec<_> = mail.iter().filter(|m| m.rcpt_to == "taken@example.org").map(|m| m.subject.clone()).collect();
    assert!(to_owner.iter().any(|s| s.contains("tried to register")), "the owner hears of the attempt: {to_owner:?}");
    assert!(!mail.iter().any(|m| m.rcpt_to == "nobody@example.org"), "nothing goes to an unknown address");
    assert_eq!(count(&db, "SELECT COUNT(*) FROM users").await, 2, "no second account for the taken address");
    running.stop().await;
}

async fn a_deleted_account_leaves_no_name_or_address(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "zelda.unique@example.org", "Zelda Quux", false).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let z = logged_in(&app, "zelda.unique@example.org").await;
    z.submit("/chapters/queens", "/chapters/queens/join", &[]).await;
    let forum = count(&db, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    // The demo forum is full: make room so Zelda has a seat to give back.
    db.connect().await.execute_unprepared(&format!("UPDATE events SET capacity = 100 WHERE id = {forum}")).await.unwrap();
    let rsvp = z
        .submit(
            &format!("/events/{forum}"),
            &format!("/events/{forum}/rsvp"),
            &[("name", "Zelda Quux"), ("email", "zelda.unique@example.org")],
        )
        .await;
    assert_eq!(rsvp.status(), StatusCode::SEE_OTHER, "a member's one click");
    app.tick(chrono::Utc::now()).await;
    // She turned reminders off, and her address once bounced: both are
    // records of her address, erased with the account.
    let (_, mine) = z.get("/account").await;
    let link = mine.split("href=\"/unsubscribe/").nth(1).and_then(|r| r.split('"').next()).expect("a link to the email choices");
    let off = z
        .client
        .post(z.url(&format!("/unsubscribe/{link}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("category=reminders&choice=off")
        .send()
        .await
        .unwrap();
    assert_eq!(off.status(), StatusCode::SEE_OTHER);
    turnout_persistence::suppression::suppress(&app.running.db, "Zelda.Unique@example.org", "550 test", chrono::Utc::now()).await.unwrap();
    let wrong = z.submit("/account", "/account/delete", &[("current_password", "not it")]).await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY, "deleting needs the password");
    let gone = z.submit("/account", "/account/delete", &[("current_password", PASSWORD)]).await;
    assert!(z.follow(gone).await.1.contains("Your account was deleted"));

    let conn = db.connect().await;
    for table in
        ["users", "rsvps", "outbox", "audit_log", "sessions", "account_tokens", "memberships", "mail_opt_outs", "suppressed_addresses"]
    {
        let rows = conn
            .query_all_raw(sea_orm::Statement::from_string(conn.get_database_backend(), format!("SELECT * FROM {table}")))
            .await
            .unwrap();
        let dump = format!("{rows:?}").to_lowercase();
        assert!(!dump.contains("zelda"), "{table} still holds the name or address");
    }
    // The RSVP stays, anonymous, but its seat at this upcoming event is free
    // again (issue 10: a deleted account does not hold seats forever).
    let anonymous = format!("SELECT COUNT(*) FROM rsvps WHERE event_id = {forum} AND email IS NULL");
    assert_eq!(count(&db, &anonymous).await, 1, "the RSVP row stays");
    assert_eq!(count(&db, &format!("{anonymous} AND status = 'going'")).await, 0, "its seat at an upcoming event is released");
    let org = logged_in(&app, "org@example.org").await;
    let (_, attendees) = org.get(&format!("/events/{forum}/attendees")).await;
    assert!(attendees.contains("deleted member"));
    app.stop().await;
}

async fn changing_password_and_address(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "old@example.org", "Ann", false).await;
    account(&app, "taken@example.org", "Tak En", false).await;
    let ann = logged_in(&app, "old@example.org").await;
    let elsewhere = logged_in(&app, "old@example.org").await;

    let wrong = ann
        .submit("/account", "/account/password", &[("current_password", "nope nope nope"), ("password", "a brand new passphrase")])
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed =
        ann.submit("/account", "/account/password", &[("current_password", PASSWORD), ("password", "a brand new passphrase")]).await;
    let (status, page) = ann.follow(changed).await;
    assert_eq!(status, StatusCode::OK, "this session goes on");
    assert!(page.contains("Your password was changed."));
    assert_eq!(elsewhere.get("/account").await.0, StatusCode::SEE_OTHER, "other sessions end");

    let asked =
        ann.submit("/account", "/account/email", &[("email", "new@example.org"), ("current_password", "a brand new passphrase")]).await;
    let (_, page) = ann.follow(asked).await;
    assert!(page.contains("We have sent a confirmation link"));
    assert!(page.contains("old@example.org"), "the old address stays until the new one is confirmed");
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(mail[0].rcpt_to, "new@example.org");
    let link = mail[0].link(&format!("{}/account/email/", app.base)).expect("a confirmation link");
    let token = link.rsplit('/').next().unwrap().to_owned();
    let (status, page) = ann.get(&format!("/account/email/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    let confirm = ann
        .client
        .post(ann.url("/account/email/confirm"))
        .form(&[("token", token.as_str()), ("_csrf", &csrf_of(&page))])
        .send()
        .await
        .unwrap();
    assert!(ann.follow(confirm).await.1.contains("new@example.org"));
    let relog =
        Visitor::new(&app).submit("/login", "/login", &[("email", "new@example.org"), ("password", "a brand new passphrase")]).await;
    assert_eq!(relog.status(), StatusCode::SEE_OTHER, "the new address logs in");

    // An address that belongs to someone else is refused at confirmation.
    ann.submit("/account", "/account/email", &[("email", "taken@example.org"), ("current_password", "a brand new passphrase")]).await;
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(3, Duration::from_secs(10)).await;
    let to_taken = mail.iter().find(|m| m.rcpt_to == "taken@example.org").expect("a confirmation to the new address");
    let token = to_taken.link(&format!("{}/account/email/", app.base)).unwrap().rsplit('/').next().unwrap().to_owned();
    let csrf = csrf_of(&ann.get("/account").await.1);
    let clash = ann
        .client
        .post(ann.url("/account/email/confirm"))
        .form(&[("token", token.as_str()), ("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(clash.status(), StatusCode::CONFLICT);
    assert!(ann.get("/account").await.1.contains("new@example.org"));
    app.stop().await;
}
