//! Site admins build the hierarchy; members join, ask to join, and leave;
//! sessions end when idle; cookies are Secure over https.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::sql_i64;
use turnout_tests::people::{PASSWORD, account, grant, logged_in, session_cookie};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    site_admins_create_and_edit_chapters,
    joining_asking_and_leaving,
    organizers_hear_of_join_requests_and_answer_them,
    idle_sessions_end,
    visitors_write_to_a_chapter,
    failed_logins_are_limited_per_account,
);

async fn scalar(db: &TestDb, sql: &str) -> i64 {
    let conn = db.connect().await;
    let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn site_admins_create_and_edit_chapters(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "admin@example.org", "Ad Min", true).await;
    let admin = logged_in(&app, "admin@example.org").await;
    let form = |slug: &'static str, name: &'static str, parent: &'static str, zone: &'static str| {
        vec![
            ("slug", slug),
            ("name", name),
            ("kind", "campus_branch"),
            ("parent_slug", parent),
            ("time_zone", zone),
            ("description", "Students at City College."),
            ("contact_email", "ccny@example.org"),
            ("join_needs_approval", "on"),
        ]
    };
    let bad = admin.submit("/admin/chapters/new", "/admin/chapters", &form("City College!", "", "new-york", "Mars/Base")).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = bad.text().await.unwrap();
    assert!(page.contains("id=\"slug-error\"") && page.contains("id=\"name-error\"") && page.contains("id=\"time_zone-error\""));
    let taken =
        admin.submit("/admin/chapters/new", "/admin/chapters", &form("queens", "Queens again", "new-york", "America/New_York")).await;
    assert_eq!(taken.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.text().await.unwrap().contains("already uses this address"));
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM chapters").await, 5, "nothing was written");

    let made =
        admin.submit("/admin/chapters/new", "/admin/chapters", &form("ccny", "City College Branch", "new-york", "America/New_York")).await;
    assert_eq!(made.status(), StatusCode::SEE_OTHER);
    let (status, page) = admin.get("/chapters/ccny").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("City College Branch") && page.contains("New York District"));

    // A chapter cannot be moved under its own sub-chapter.
    let cycle = admin
        .submit(
            "/chapters/new-york/edit",
            "/chapters/new-york/edit",
            &[
                ("slug", "new-york"),
                ("name", "New York District"),
                ("kind", "district"),
                ("parent_slug", "ccny"),
                ("time_zone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(cycle.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(cycle.text().await.unwrap().contains("cannot be part of itself"));
    let renamed = admin
        .submit(
            "/chapters/ccny/edit",
            "/chapters/ccny/edit",
            &[
                ("slug", "city-college"),
                ("name", "City College"),
                ("kind", "campus_branch"),
                ("parent_slug", "new-york"),
                ("time_zone", "America/New_York"),
            ],
        )
        .await;
    assert_eq!(renamed.status(), StatusCode::SEE_OTHER);
    assert_eq!(admin.get("/chapters/city-college").await.0, StatusCode::OK);
    assert_eq!(admin.get("/chapters/ccny").await.0, StatusCode::NOT_FOUND);
    let nonsense = admin.submit("/admin/audit", "/chapters/city-college/members/not-a-number/role", &[("role", "organizer")]).await;
    assert_eq!(nonsense.status(), StatusCode::NOT_FOUND, "a malformed member id is a clear 404");
    let bad_role = admin.submit("/admin/audit", "/chapters/city-college/members/1/role", &[("role", "emperor")]).await;
    assert_eq!(bad_role.status(), StatusCode::BAD_REQUEST, "an unknown role is refused");
    let nobody = admin.submit("/admin/audit", "/chapters/city-college/members/999999/role", &[("role", "organizer")]).await;
    assert_eq!(nobody.status(), StatusCode::NOT_FOUND, "an unknown account is a 404, not a server error");

    let (_, audit) = admin.get("/admin/audit").await;
    for action in ["login", "chapter.create", "chapter.edit"] {
        assert!(audit.contains(action), "the audit log shows {action}");
    }
    app.stop().await;
}

async fn joining_asking_and_leaving(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "rosa@example.org", "Rosa", false).await;
    let rosa = logged_in(&app, "rosa@example.org").await;
    db.connect().await.execute_unprepared("UPDATE chapters SET join_needs_approval = TRUE WHERE slug = 'hunter-college'").await.unwrap();

    assert_eq!(rosa.submit("/chapters/queens", "/chapters/queens/join", &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(rosa.get("/chapters/queens").await.1.contains("You are a member of this chapter."));
    assert_eq!(rosa.submit("/chapters/hunter-college", "/chapters/hunter-college/join", &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(rosa.get("/chapters/hunter-college").await.1.contains("waiting for an organizer"));
    // A pending request does not open members-only events.
    let members_only = scalar(&db, "SELECT id FROM events WHERE visibility = 'members_only'").await;
    assert_eq!(rosa.get(&format!("/events/{members_only}")).await.0, StatusCode::NOT_FOUND);
    db.connect().await.execute_unprepared("UPDATE memberships SET status = 'active'").await.unwrap();
    assert_eq!(rosa.get(&format!("/events/{members_only}")).await.0, StatusCode::OK, "members see members-only events");

    let (_, json) = rosa.get("/account/export.json").await;
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["account"]["email"], "rosa@example.org");
    assert_eq!(data["memberships"].as_array().unwrap().len(), 2);

    assert_eq!(rosa.submit("/chapters/queens", "/chapters/queens/leave", &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(rosa.get("/chapters/queens").await.1.contains("Join Queens Branch"));
    let anonymous = Visitor::new(&app);
    let res = anonymous.submit("/login", "/chapters/queens/join", &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers()["location"].to_str().unwrap().starts_with("/login?next="), "joining needs an account");
    app.stop().await;
}

/// Asking to join mails the chapter's organizers; an organizer approves or
/// declines from the member list, and the person is mailed the answer. A
/// declined request stays declined: asking again (or leaving and asking
/// again) mails nobody. Each step is in the audit log.
async fn organizers_hear_of_join_requests_and_answer_them(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    db.connect().await.execute_unprepared("UPDATE chapters SET join_needs_approval = TRUE WHERE slug = 'hunter-college'").await.unwrap();
    account(&app, "org@example.org", "Olga Organizer", false).await;
    grant(&app, "org@example.org", "hunter-college", Role::Organizer).await;
    account(&app, "admin@example.org", "Ad Min", true).await;
    account(&app, "rosa@example.org", "Rosa Parks", false).await;
    account(&app, "sam@example.org", "Sam Spade", false).await;
    let (org, rosa, sam) =
        (logged_in(&app, "org@example.org").await, logged_in(&app, "rosa@example.org").await, logged_in(&app, "sam@example.org").await);
    let chapter = "/chapters/hunter-college";
    for who in [&rosa, &sam] {
        assert_eq!(who.submit(chapter, &format!("{chapter}/join"), &[]).await.status(), StatusCode::SEE_OTHER);
    }
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(2, std::time::Duration::from_secs(10)).await;
    assert_eq!(mail.len(), 2, "one message per request");
    assert!(mail.iter().all(|m| m.rcpt_to == "org@example.org"), "the organizers are told");
    let to_org = mail.iter().find(|m| m.subject.contains("Rosa Parks asks to join")).expect("Rosa's request");
    assert!(to_org.decoded().contains("rosa@example.org"));
    assert_eq!(to_org.link(&format!("{}/chapters/", app.base)).unwrap(), app.url("/chapters/hunter-college/members"));

    let members = format!("{chapter}/members");
    let (_, list) = org.get(&members).await;
    assert_eq!(list.matches(">Decline</button>").count(), 2, "each request can be declined");
    let rosa_id = sql_i64(&app.running.db, "SELECT id FROM users WHERE email = 'rosa@example.org'").await;
    let sam_id = sql_i64(&app.running.db, "SELECT id FROM users WHERE email = 'sam@example.org'").await;
    let approve = format!("{chapter}/members/{rosa_id}/approve");
    let decline = format!("{chapter}/members/{sam_id}/decline");
    assert_eq!(org.submit(&members, &approve, &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(org.submit(&members, &decline, &[]).await.status(), StatusCode::SEE_OTHER);
    // A second press (or a second organizer) changes nothing and mails nobody.
    assert_eq!(org.submit(&members, &approve, &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(org.submit(&members, &decline, &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(rosa.get(chapter).await.1.contains("You are a member of this chapter."));
    assert!(sam.get(chapter).await.1.contains("An organizer declined your request to join."));
    assert!(!org.get(&members).await.1.contains("Sam Spade"), "a declined request leaves the member list");

    // Asking again, or leaving and asking again, does not reach the organizers.
    assert_eq!(sam.submit(chapter, &format!("{chapter}/join"), &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(sam.submit(chapter, &format!("{chapter}/leave"), &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(sam.submit(chapter, &format!("{chapter}/join"), &[]).await.status(), StatusCode::SEE_OTHER);
    assert!(sam.get(chapter).await.1.contains("declined"));

    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(4, std::time::Duration::from_secs(10)).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let mail = if smtp.messages().len() > mail.len() { smtp.messages() } else { mail };
    assert_eq!(mail.len(), 4, "two requests and two answers, nothing more: {:?}", mail.iter().map(|m| &m.subject).collect::<Vec<_>>());
    let welcome = mail.iter().find(|m| m.rcpt_to == "rosa@example.org").expect("Rosa hears back");
    assert!(welcome.subject.contains("Welcome to") && welcome.decoded().contains("approved"));
    let declined = mail.iter().find(|m| m.rcpt_to == "sam@example.org").expect("Sam hears back");
    assert!(declined.decoded().contains("declined your request"));

    let admin = logged_in(&app, "admin@example.org").await;
    let (_, audit) = admin.get("/admin/audit").await;
    for action in ["membership.request", "membership.approve", "membership.decline"] {
        assert!(audit.contains(action), "the audit log shows {action}");
    }
    app.stop().await;
}

async fn idle_sessions_end(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    assert_eq!(ann.get("/account").await.0, StatusCode::OK);
    db.connect().await.execute_unprepared("UPDATE sessions SET expires_at = '2020-01-01T00:00:00+00:00'").await.unwrap();
    assert_eq!(ann.get("/account").await.0, StatusCode::SEE_OTHER, "an idle session has ended");
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM sessions").await, 0, "and is removed");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn session_cookies_are_secure_over_https() {
    let db = TestDb::create(turnout_tests::Backend::Sqlite).await.unwrap();
    let smtp = SmtpServer::start().await;
    let app =
        TestApp::start(&db, &smtp, Options { extra: "[server]\nbase_url = \"https://events.example.org\"\n", ..Default::default() }).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let v = Visitor::new(&app);
    let res = v.submit("/login", "/login", &[("email", "ann@example.org"), ("password", PASSWORD)]).await;
    assert!(session_cookie(&res).is_some());
    let set = res.headers().get_all("set-cookie").iter().map(|h| h.to_str().unwrap().to_owned()).collect::<Vec<_>>().join("\n");
    assert!(set.contains("Secure") && set.contains("HttpOnly"), "{set}");
    app.stop().await;
}

async fn visitors_write_to_a_chapter(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\ncontact_per_address = 2\n";
    let app = TestApp::start(&db, &smtp, Options { demo: true, extra, ..Default::default() }).await;
    let v = Visitor::new(&app);
    let empty = v
        .submit(
            "/chapters/hunter-college/contact",
            "/chapters/hunter-college/contact",
            &[("name", "Prof. Ng"), ("email", "ng@example.edu"), ("message", "  ")],
        )
        .await;
    assert_eq!(empty.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.text().await.unwrap().contains("Please write your message."));
    let sent = v
        .submit(
            "/chapters/hunter-college/contact",
            "/chapters/hunter-college/contact",
            &[
                ("name", "Ng, Prof. \"Lin\""),
                ("email", "ng@example.edu"),
                ("message", "Could a speaker come to our labor history seminar?"),
            ],
        )
        .await;
    assert!(v.follow(sent).await.1.contains("Message sent"), "reloading the page that says so sends nothing again");
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, std::time::Duration::from_secs(10)).await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].rcpt_to, "hunter@solidarity.example");
    assert!(mail[0].decoded().contains("ng@example.edu") && mail[0].decoded().contains("labor history seminar"));
    // "Reply" in the chapter's mail program answers the visitor, whose name
    // (with a comma and quotes) is quoted so the address still parses.
    let reply_to = mail[0].header("Reply-To");
    let (name, address) = reply_to.rsplit_once(' ').expect("a name and an address");
    assert_eq!(address, "<ng@example.edu>");
    // The name travels as an RFC 2047 encoded word (it holds quotes).
    let encoded = name.strip_prefix("=?utf-8?b?").and_then(|n| n.strip_suffix("?=")).unwrap_or_else(|| panic!("{reply_to}"));
    let decoded = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.decode(encoded).expect("base64")
    };
    assert_eq!(String::from_utf8(decoded).unwrap(), "Ng, Prof. \"Lin\"");
    assert!(!mail[0].header("From").contains("ng@example.edu"), "the message still comes from the site");
    let limited = v
        .submit(
            "/chapters/hunter-college/contact",
            "/chapters/hunter-college/contact",
            &[("name", "Spam"), ("email", "s@example.org"), ("message", "again")],
        )
        .await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    app.stop().await;
}

async fn failed_logins_are_limited_per_account(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let extra = "[limits]\nlogin_failures_per_account = 2\n";
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    account(&app, "ann@example.org", "Ann", false).await;
    for _ in 0..2 {
        let wrong = Visitor::new(&app).submit("/login", "/login", &[("email", "ann@example.org"), ("password", "guess guess guess")]).await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    // From the same client, even with the right password, until the window ends.
    let blocked = Visitor::new(&app).submit("/login", "/login", &[("email", "ANN@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
    let other = Visitor::new(&app).submit("/login", "/login", &[("email", "bob@example.org"), ("password", "guess guess guess")]).await;
    assert_eq!(other.status(), StatusCode::UNAUTHORIZED, "other accounts are not affected");
    app.stop().await;
}
