//! Robustness over real HTTP: what a title, a stray control character, a date
//! at the end of time, a double click, two organizers saving at once, a long
//! text in a non-Latin script or a malformed query can do to the app, and the
//! connection limits that keep silent clients from holding the server.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor, http};
use turnout_tests::fixtures::sql_text;
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    a_title_that_opens_a_script_comment_leaves_the_page_whole,
    control_characters_are_refused_and_never_reach_a_calendar,
    dates_out_of_range_are_refused_and_stored_ones_do_not_break_pages,
    a_double_join_is_answered_once_and_approval_is_recorded,
    a_stale_edit_is_refused_with_both_versions,
    a_long_description_in_a_non_latin_script_fits_the_form,
    expired_rate_limit_counters_are_purged,
);

fn day_after_tomorrow() -> String {
    (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%d").to_string()
}

fn form(day: &str, title: &str) -> Vec<(&'static str, String)> {
    vec![
        ("kind", "public_forum".into()),
        ("title", title.into()),
        ("summary", "A forum.".into()),
        ("description", "Come along.".into()),
        ("starts_at", format!("{day}T19:00")),
        ("ends_at", format!("{day}T21:00")),
        ("time_zone", "America/New_York".into()),
        ("venue_name", "Union Hall".into()),
        ("venue_street_address", "12 Labor Way".into()),
        ("venue_city", "Queens, NY".into()),
        ("visibility", "public".into()),
    ]
}

fn with(mut fields: Vec<(&'static str, String)>, name: &'static str, value: &str) -> Vec<(&'static str, String)> {
    match fields.iter_mut().find(|(k, _)| *k == name) {
        Some(f) => f.1 = value.to_owned(),
        None => fields.push((name, value.to_owned())),
    }
    fields
}

async fn submit(v: &Visitor, page: &str, action: &str, fields: &[(&'static str, String)], button: &str) -> reqwest::Response {
    let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, val)| (*k, val.as_str())).collect();
    all.push(("action", button));
    v.submit(page, action, &all).await
}

/// An app with the demo data and a logged-in organizer of Queens.
async fn with_organizer(db: &TestDb, smtp: &SmtpServer) -> (TestApp, Visitor) {
    let app = TestApp::start(db, smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    (app, org)
}

/// Creates and publishes an event; returns its path.
async fn publish(org: &Visitor, fields: &[(&'static str, String)]) -> String {
    let res = submit(org, "/chapters/queens/events/new", "/chapters/queens/events", fields, "publish").await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{}", res.text().await.unwrap_or_default());
    res.headers()["location"].to_str().unwrap().to_owned()
}

async fn execute(db: &TestDb, sql: &str) {
    db.connect().await.execute_unprepared(sql).await.unwrap();
}

async fn scalar(db: &TestDb, sql: &str) -> i64 {
    let conn = db.connect().await;
    let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql.to_owned())).await.unwrap().unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

fn ld_json(page: &str) -> &str {
    let start = page.find("<script type=\"application/ld+json\">").expect("a JSON-LD block") + 35;
    let len = page[start..].find("</script>").expect("the script element ends");
    &page[start..start + len]
}

async fn a_title_that_opens_a_script_comment_leaves_the_page_whole(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let (app, org) = with_organizer(&db, &smtp).await;
    let title = "<!--<script> Rent & Repairs </script><b>";
    let path = publish(&org, &form(&day_after_tomorrow(), title)).await;

    let (status, page) = Visitor::new(&app).get(&path).await;
    assert_eq!(status, StatusCode::OK);
    let ld = ld_json(&page);
    // `<!--<script>` inside a script element hides its end tag from browsers: none of `<`, `>`, `&` may appear raw.
    assert!(!ld.contains('<') && !ld.contains('>') && !ld.contains('&'), "{ld}");
    let parsed: serde_json::Value = serde_json::from_str(ld).expect("the JSON-LD parses");
    assert_eq!(parsed["name"], title);
    assert!(page.contains("<h1>&lt;!--&lt;script&gt; Rent &amp; Repairs &lt;/script&gt;&lt;b&gt;</h1>"), "the title shows");
    assert!(page.trim_end().ends_with("</html>"));
    app.stop().await;
}

async fn control_characters_are_refused_and_never_reach_a_calendar(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let (app, org) = with_organizer(&db, &smtp).await;
    let day = day_after_tomorrow();
    for (field, value) in [
        ("title", "Forum\rX-INJECTED:1"),
        ("venue_name", "Hall\u{1b}[2J"),
        ("venue_street_address", "12 Labor Way\u{0}"),
        ("speakers", "Rosa | Organizer\rX-INJECTED:1"),
        ("description", "Line\rbare"),
    ] {
        let res =
            submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &with(form(&day, "Forum"), field, value), "publish")
                .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let page = res.text().await.unwrap();
        let error = page.split(&format!("id=\"{field}-error\">")).nth(1).unwrap_or_else(|| panic!("a message next to {field}"));
        assert!(
            error.starts_with("Please keep this on one line") || error.starts_with("This contains a control character"),
            "{field}: {error}"
        );
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM events WHERE title LIKE 'Forum%'").await, 0, "nothing was saved");

    // Chapter names (site admins) follow the same rule.
    account(&app, "admin@example.org", "Admin", true).await;
    let admin = logged_in(&app, "admin@example.org").await;
    let res = admin
        .submit(
            "/admin/chapters/new",
            "/admin/chapters",
            &[("slug", "new-branch"), ("name", "New\rBranch"), ("kind", "branch"), ("time_zone", "America/New_York")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains("id=\"name-error\">Please keep this on one line"));

    // A cancel reason is one line, like its field: a bare CR is refused, nothing is cancelled.
    let path = publish(&org, &form(&day, "Forum")).await;
    let bare = org.submit(&path, &format!("{path}/cancel"), &[("reason", "Flooded.\rMETHOD:REQUEST")]).await;
    assert_eq!(bare.status(), StatusCode::BAD_REQUEST);
    let page = bare.text().await.unwrap();
    assert!(page.contains("id=\"reason-error\">Please keep this on one line, without control characters"), "{page}");
    assert!(page.contains("value=\"Flooded. METHOD:REQUEST\""), "the reason is kept: {page}");
    assert!(!Visitor::new(&app).get(&path).await.1.contains("This event has been cancelled."));
    let ok = org.submit(&path, &format!("{path}/cancel"), &[("reason", "Flooded; see you next week.")]).await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);

    // A reason stored before the rule (or by another way in) still never reaches a calendar raw.
    let id = path.trim_start_matches("/events/");
    execute(&db, &format!("UPDATE events SET cancel_reason = 'Flooded.' || char(13) || 'X-INJECTED:1', title = 'Forum' || char(13) || 'X-EVIL:2' WHERE id = {id}").replace("char(13)", if db.backend == turnout_tests::Backend::Postgres { "chr(13)" } else { "char(13)" })).await;
    let res = Visitor::new(&app).client.get(app.url(&format!("{path}/calendar.ics"))).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let ics = res.text().await.unwrap();
    assert!(!ics.replace("\r\n", "").contains('\r'), "no bare CR: {ics:?}");
    assert!(!ics.contains("\r\nX-INJECTED") && !ics.contains("\r\nX-EVIL"), "{ics:?}");
    let (_, events) = turnout_tests::ical::parse(&ics);
    assert_eq!(events[0].summary, "Forum\nX-EVIL:2");
    app.stop().await;
}

async fn dates_out_of_range_are_refused_and_stored_ones_do_not_break_pages(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let (app, org) = with_organizer(&db, &smtp).await;
    let base = with(with(form(&day_after_tomorrow(), "Far"), "address_protection", "hours"), "address_reveal_hours", "48");
    for (start, end) in [
        ("1999-12-31T19:00", "1999-12-31T21:00"),
        ("2101-01-01T19:00", "2101-01-01T21:00"),
        ("-262143-01-02T10:00", "-262143-01-02T11:00"),
        ("+262000-01-01T10:00", "+262000-01-01T11:00"),
    ] {
        let res = submit(
            &org,
            "/chapters/queens/events/new",
            "/chapters/queens/events",
            &with(with(base.clone(), "starts_at", start), "ends_at", end),
            "publish",
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{start}");
        assert!(res.text().await.unwrap().contains("id=\"starts_at-error\">Please give a date between the years 2000 and 2100"), "{start}");
    }
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM events WHERE title = 'Far'").await, 0);

    // An event stored at the edge of what the database holds, with a timed reveal: pages, calendar and API still answer.
    let path = publish(&org, &base).await;
    let id = path.trim_start_matches("/events/");
    match db.backend {
        // SQLite keeps the text chrono wrote, so a date near chrono's own limit can be stored.
        turnout_tests::Backend::Sqlite => {
            let conn = db.connect().await;
            let sql = format!("SELECT starts_at FROM events WHERE id = {id}");
            let row = conn.query_one_raw(sea_orm::Statement::from_string(conn.get_database_backend(), sql)).await.unwrap().unwrap();
            let stored: String = row.try_get_by_index(0).unwrap();
            let (start, end) = (format!("-262143-01-02{}", &stored[10..]), format!("-262143-01-03{}", &stored[10..]));
            execute(&db, &format!("UPDATE events SET starts_at = '{start}', ends_at = '{end}', doors_open_at = NULL WHERE id = {id}"))
                .await;
        }
        turnout_tests::Backend::Postgres => {
            execute(&db, &format!("UPDATE events SET starts_at = '4713-01-02 10:00:00+00 BC', ends_at = '4713-01-02 11:00:00+00 BC', doors_open_at = NULL WHERE id = {id}")).await;
        }
    }
    let v = Visitor::new(&app);
    for p in [path.clone(), format!("{path}/calendar.ics"), format!("/api/v1/events/{id}")] {
        let (status, body) = v.get(&p).await;
        assert!(status == StatusCode::OK, "{p}: {status} {body}");
    }
    app.stop().await;
}

async fn a_double_join_is_answered_once_and_approval_is_recorded(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    account(&app, "ann@example.org", "Ann", false).await;
    let ann = logged_in(&app, "ann@example.org").await;
    let (_, page) = ann.get("/chapters/queens").await;
    let token = turnout_tests::app::csrf_of(&page);
    // A double (or triple) click: the requests arrive together.
    let clicks = (0..4).map(|_| ann.client.post(ann.url("/chapters/queens/join")).form(&[("_csrf", token.as_str())]).send());
    for res in futures_join(clicks).await {
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "every click is answered as the first");
    }
    let user = "(SELECT id FROM users WHERE email = 'ann@example.org')";
    assert_eq!(scalar(&db, &format!("SELECT COUNT(*) FROM memberships WHERE user_id = {user}")).await, 1);

    // A chapter that approves requests: the approval and its audit entry are written together.
    execute(&db, "UPDATE chapters SET join_needs_approval = TRUE WHERE slug = 'hunter-college'").await;
    let (_, page) = ann.get("/chapters/hunter-college").await;
    let token = turnout_tests::app::csrf_of(&page);
    let clicks = (0..3).map(|_| ann.client.post(ann.url("/chapters/hunter-college/join")).form(&[("_csrf", token.as_str())]).send());
    for res in futures_join(clicks).await {
        assert_eq!(res.status(), StatusCode::SEE_OTHER);
    }
    let pending = format!(
        "SELECT COUNT(*) FROM memberships m JOIN chapters c ON c.id = m.chapter_id WHERE c.slug = 'hunter-college' AND m.user_id = {user} AND m.status = 'pending'"
    );
    assert_eq!(scalar(&db, &pending).await, 1);
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "hunter-college", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let ann_id = scalar(&db, user.trim_start_matches('(').trim_end_matches(')')).await;
    let approve = format!("/chapters/hunter-college/members/{ann_id}/approve");
    assert_eq!(org.submit("/chapters/hunter-college/members", &approve, &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        org.submit("/chapters/hunter-college/members", &approve, &[]).await.status(),
        StatusCode::SEE_OTHER,
        "approving twice is harmless"
    );
    assert_eq!(scalar(&db, &pending.replace("'pending'", "'active'")).await, 1);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM audit_log WHERE action = 'membership.approve'").await, 1, "one approval, one entry");
    app.stop().await;
}

/// Sends all requests before awaiting any answer.
async fn futures_join<F: std::future::Future<Output = Result<reqwest::Response, reqwest::Error>> + Send + 'static>(
    requests: impl Iterator<Item = F>,
) -> Vec<reqwest::Response> {
    let handles: Vec<_> = requests.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap().unwrap());
    }
    out
}

async fn a_stale_edit_is_refused_with_both_versions(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let (app, org) = with_organizer(&db, &smtp).await;
    account(&app, "other@example.org", "Other", false).await;
    grant(&app, "other@example.org", "queens", Role::Organizer).await;
    let other = logged_in(&app, "other@example.org").await;
    let day = day_after_tomorrow();
    let path = publish(&org, &form(&day, "Tenants Forum")).await;
    let id = path.trim_start_matches("/events/");
    let edit = format!("{path}/edit");
    let sequence_sql = format!("SELECT CAST(sequence AS BIGINT) FROM events WHERE id = {id}");
    let sequence = || scalar(&db, &sequence_sql);

    // Both open the form at the same version.
    let (_, form_page) = org.get(&edit).await;
    let version =
        form_page.split("name=\"version\" value=\"").nth(1).expect("the form carries its version").split('"').next().unwrap().to_owned();
    assert_eq!(version, sequence().await.to_string());
    let theirs = with(with(form(&day, "Tenants Forum on Repairs"), "version", &version), "capacity", "40");
    assert_eq!(submit(&other, &edit, &edit, &theirs, "publish").await.status(), StatusCode::SEE_OTHER);

    // The first one saves later, from the form opened before: refused, with both versions, nothing overwritten.
    let mine = with(form(&day, "Tenants Forum on Rent"), "version", &version);
    let late = submit(&org, &edit, &edit, &mine, "publish").await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    let page = late.text().await.unwrap();
    assert!(page.contains("Someone else saved this event since you opened it"), "{page}");
    assert!(page.contains("value=\"Tenants Forum on Rent\""), "what I typed is kept");
    assert!(page.contains("Saved now: Tenants Forum on Repairs") && page.contains("Saved now: 40"), "what is saved now is shown");
    let newer = page.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    assert_eq!(newer, sequence().await.to_string(), "saving again from here is a deliberate overwrite");
    assert!(Visitor::new(&app).get(&path).await.1.contains("Tenants Forum on Repairs"), "their save stands");

    // Saving from the conflict page works.
    let again = with(form(&day, "Tenants Forum on Rent"), "version", &newer);
    assert_eq!(submit(&org, &edit, &edit, &again, "publish").await.status(), StatusCode::SEE_OTHER);

    // Saves racing each other from the same version: one wins, the rest are told; every version number belongs to one save.
    let before = sequence().await;
    let (_, page) = org.get(&edit).await;
    let token = turnout_tests::app::csrf_of(&page);
    let v = before.to_string();
    let races = (0..4).map(|i| {
        let fields = with(with(form(&day, &format!("Race {i}")), "version", &v), "_csrf", &token);
        let fields: Vec<(String, String)> = fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        org.client.post(org.url(&edit)).form(&fields).send()
    });
    let statuses: Vec<StatusCode> = futures_join(races).await.iter().map(|r| r.status()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::SEE_OTHER).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count(), 3, "{statuses:?}");
    assert_eq!(sequence().await, before + 1, "one save, one new SEQUENCE");
    app.stop().await;
}

async fn a_long_description_in_a_non_latin_script_fits_the_form(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let (app, org) = with_organizer(&db, &smtp).await;
    // 20,000 four-byte characters: 80 KB of UTF-8, 240 KB once the form encodes each byte as %XX.
    let description: String = "𠜎".repeat(20_000);
    // A bilingual event may carry one in each language.
    let other: String = "й".repeat(20_000);
    let fields = with(form(&day_after_tomorrow(), "Long"), "description", &description);
    let fields = with(with(fields, "translation_listed", "1"), "description_other", &other);
    let path = publish(&org, &fields).await;
    let (_, page) = Visitor::new(&app).get(&path).await;
    assert!(page.contains(&description), "the whole description is saved and shown");
    let saved = sql_text(&db.connect().await, "SELECT description_other FROM events WHERE title = 'Long'").await;
    assert_eq!(saved.chars().count(), 20_000, "the other language's description is saved whole");
    // One character more is refused with the text kept, not dropped by a size cap.
    let longer = with(form(&day_after_tomorrow(), "Longer"), "description", &format!("{description}𠜎"));
    let res = submit(&org, "/chapters/queens/events/new", "/chapters/queens/events", &longer, "publish").await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.text().await.unwrap().contains(&description));
    app.stop().await;
}

async fn expired_rate_limit_counters_are_purged(db: TestDb) {
    use turnout_domain::rate_limit::Limit;
    use turnout_persistence::rate_limits;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let limit = Limit { max: 10, window: chrono::Duration::minutes(15) };
    let now = chrono::Utc::now();
    for i in 0..30 {
        rate_limits::hit(&app.running.db, &format!("rsvp:10.0.0.{i}"), limit, now - chrono::Duration::days(3)).await.unwrap();
    }
    rate_limits::hit(&app.running.db, "rsvp:10.0.1.1", limit, now).await.unwrap();
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM rate_limits").await, 31);
    app.tick(now).await;
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM rate_limits").await, 1, "only the live counter is left");
    app.stop().await;
}

// The rest needs no database of its own beyond SQLite: API answers, headers, connections.

async fn sqlite_app(extra: &'static str) -> (TestApp, TestDb, SmtpServer) {
    let db = TestDb::create(turnout_tests::Backend::Sqlite).await.unwrap();
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, extra, ..Default::default() }).await;
    (app, db, smtp)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_query_errors_are_json() {
    let (app, _db, _smtp) = sqlite_app("").await;
    for query in ["page=abc", "page=-1", "from=2026-02-30", "from=tomorrow", "from=%2B99999-01-01", "to=-5000-01-01"] {
        let res = http().get(app.url(&format!("/api/v1/events?{query}"))).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{query}");
        let text = res.text().await.unwrap();
        let body: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{query}: not JSON ({e}): {text}"));
        assert!(body["error"].as_str().is_some_and(|m| !m.is_empty()), "{query}: {body}");
    }
    assert_eq!(http().get(app.url("/api/v1/events?page=2")).send().await.unwrap().status(), StatusCode::OK);
    // The HTML list answers with its own error page.
    let res = http().get(app.url("/?page=abc")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("<!DOCTYPE html>"));
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hsts_is_sent_when_the_site_is_https() {
    let (app, _db, _smtp) = sqlite_app("").await;
    let res = http().get(app.url("/")).send().await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_none(), "not over plain http");
    app.stop().await;
    // The tests serve plain http on loopback, but the header follows the configured public address.
    let (app, _db, _smtp) = sqlite_app("[server]\nbase_url = \"https://events.example.org\"\n").await;
    let res = http().get(app.url("/")).send().await.unwrap();
    assert_eq!(res.headers()["strict-transport-security"], "max-age=31536000");
    app.stop().await;
}

/// Whether the server closed `stream` (end of file, or a reset) within `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 512];
    loop {
        match tokio::time::timeout(within, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

async fn connect_from(ip: &str, addr: std::net::SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(format!("{ip}:0").parse().unwrap()).unwrap();
    socket.connect(addr).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_connection_is_closed_after_the_header_timeout() {
    let (app, _db, _smtp) = sqlite_app("[server]\nheader_timeout_seconds = 1\nidle_timeout_seconds = 2\n").await;
    let mut silent = TcpStream::connect(app.running.addr).await.unwrap();
    assert!(closed_within(&mut silent, Duration::from_secs(4)).await, "a connection that sends no headers is closed");

    // Headers sent slowly, a byte at a time: still held to the limit.
    let mut slow = TcpStream::connect(app.running.addr).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    assert!(closed_within(&mut slow, Duration::from_secs(4)).await, "a request whose headers never end is closed");

    // A kept-alive connection is closed once idle, after its answer.
    let mut kept = TcpStream::connect(app.running.addr).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let mut buf = [0u8; 1024];
    let n = kept.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    assert!(closed_within(&mut kept, Duration::from_secs(5)).await, "an idle kept-alive connection is closed");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_caps_are_refused_and_others_still_served() {
    let (app, _db, _smtp) = sqlite_app("[server]\nmax_connections = 6\nmax_connections_per_client = 3\n").await;
    let addr = app.running.addr;
    // One machine holds idle connections: beyond its share, it is refused with a 503.
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(connect_from("127.0.0.1", addr).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut over = connect_from("127.0.0.1", addr).await;
    let mut answer = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(3), over.read_to_string(&mut answer)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");

    // Someone else is still served.
    {
        let other = reqwest::Client::builder().local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap()).build().unwrap();
        assert_eq!(other.get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The overall cap: three more idle connections from other addresses fill it.
    for ip in ["127.0.0.3", "127.0.0.4", "127.0.0.5"] {
        held.push(connect_from(ip, addr).await);
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut full = connect_from("127.0.0.6", addr).await;
    let mut answer = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(3), full.read_to_string(&mut answer)).await;
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer:?}");

    // Once they go, the site answers again.
    drop(held);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(http().get(app.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handlers_see_the_peer_address() {
    let (app, db, _smtp) = sqlite_app("").await;
    let conn = db.connect().await;
    let id = turnout_tests::fixtures::chapter_with_event(
        &conn,
        turnout_tests::fixtures::EventSpec::public("Peer", turnout_tests::fixtures::days_from_now(3)),
    )
    .await;
    assert_eq!(app.rsvp(id, "Ann", "ann@example.org").await.status(), StatusCode::OK);
    // Rate limits count per client address: the counter is keyed by the real peer, not "unknown".
    assert!(scalar(&db, "SELECT COUNT(*) FROM rate_limits WHERE key LIKE '%127.0.0.1%'").await >= 1);
    assert_eq!(scalar(&db, "SELECT COUNT(*) FROM rate_limits WHERE key LIKE '%unknown%'").await, 0);
    app.stop().await;
}
