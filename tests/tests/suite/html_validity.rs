//! Every page of the demo is valid HTML, as the Nu HTML checker (vnu.jar, the
//! W3C's validator) sees it. The pages are fetched over real HTTP from the app
//! with its demo data, as each kind of visitor sees them, and checked in one
//! run of the checker (the JVM takes seconds to start). Any error fails the
//! test with the checker's messages.
//!
//! The checker is installed by `make test` (npm package `vnu-jar`, pinned in
//! the Makefile, under target/vnu/) and needs Java. Without them the test is
//! skipped, loudly; with TURNOUT_TEST_REQUIRE_BROWSER=1 (as in CI, which
//! installs them) it fails instead.

use std::path::PathBuf;
use std::process::Command;

use chrono::Utc;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::sql_i64;
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb};

fn required() -> bool {
    std::env::var("TURNOUT_TEST_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// vnu.jar where `make test` puts it, or where TURNOUT_TEST_VNU_JAR says.
fn checker_jar() -> PathBuf {
    std::env::var_os("TURNOUT_TEST_VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
}

/// The checker's command, or `None` (said loudly, and noted for `make test`)
/// when it cannot run here and is not required.
fn checker() -> Option<(String, PathBuf)> {
    let java = std::env::var("TURNOUT_TEST_JAVA").unwrap_or_else(|_| "java".to_owned());
    let jar = checker_jar();
    let why = if !jar.exists() {
        Some(format!("{} not found (make test installs it with npm)", jar.display()))
    } else if Command::new(&java).arg("-version").output().is_err() {
        Some(format!("{java}: not found (install a Java runtime, e.g. default-jre-headless)"))
    } else {
        None
    };
    match why {
        None => Some((java, jar)),
        Some(why) => {
            assert!(!required(), "the HTML checker is required (TURNOUT_TEST_REQUIRE_BROWSER=1) but {why}");
            eprintln!("\n*** SKIPPED: the Nu HTML checker cannot run: {why} ***\n");
            let _ = std::fs::write(turnout_tests::skip_note("html-checker"), why);
            None
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_the_demo_is_valid_html() {
    let Some((java, jar)) = checker() else { return };
    let Some(db) = TestDb::create(Backend::Sqlite).await else { return };
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = &app.running.db;
    let id_of = |sql: &'static str| async move { sql_i64(conn, sql).await };
    let forum = id_of("SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await;
    let meeting = id_of("SELECT id FROM events WHERE kind = 'branch_meeting' AND visibility = 'public' ORDER BY id LIMIT 1").await;
    let day_school = id_of("SELECT id FROM events WHERE kind = 'day_school' ORDER BY id LIMIT 1").await;
    let assembly = id_of("SELECT id FROM events WHERE language = 'es' ORDER BY id LIMIT 1").await;
    let members_only = id_of("SELECT id FROM events WHERE visibility = 'members_only' ORDER BY id LIMIT 1").await;

    account(&app, "organizer@example.org", "Queens Organizer", false).await;
    grant(&app, "organizer@example.org", "queens", Role::Organizer).await;
    account(&app, "admin@example.org", "Site Admin", true).await;
    account(&app, "member@example.org", "Queens Member", false).await;
    grant(&app, "member@example.org", "queens", Role::Member).await;
    let anonymous = Visitor::new(&app);
    let organizer = logged_in(&app, "organizer@example.org").await;
    let admin = logged_in(&app, "admin@example.org").await;
    let member = logged_in(&app, "member@example.org").await;

    // A guest's RSVP, for the page its manage link opens and the result page.
    let guest = Visitor::new(&app);
    let res = guest
        .submit(
            &format!("/events/{meeting}"),
            &format!("/events/{meeting}/rsvp"),
            &[("name", "Guest Checker"), ("email", "guest.checker@example.net")],
        )
        .await;
    assert!(res.status().is_redirection() || res.status().is_success(), "the guest RSVPs: {}", res.status());
    app.tick(Utc::now()).await;
    let mail = smtp.wait_for(1, std::time::Duration::from_secs(20)).await;
    // The decoded message: a quoted-printable soft line break can split the raw link.
    let manage_prefix = format!("{}/rsvps/manage/", app.base);
    let manage = mail
        .iter()
        .find_map(|m| m.link(&manage_prefix))
        .and_then(|link| link.strip_prefix(&app.base).map(str::to_owned))
        .expect("the confirmation carries a manage link");

    // A member's one click, for the "You're going (2 people) · change" part.
    let clicked = member.submit(&format!("/events/{forum}"), &format!("/events/{forum}/rsvp"), &[("answer", "maybe")]).await;
    assert_eq!(clicked.status(), reqwest::StatusCode::SEE_OTHER, "the member answers");
    let series_date = id_of("SELECT id FROM events WHERE series_id IS NOT NULL ORDER BY starts_at DESC LIMIT 1").await;

    // The email choices (one-click unsubscribe) page, from the member's account page.
    let (_, account_page) = member.get("/account").await;
    let choices = account_page
        .split("href=\"/unsubscribe/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|token| format!("/unsubscribe/{token}"))
        .expect("the account page links to the email choices");

    let pages: Vec<(&str, &Visitor, String)> = vec![
        ("anonymous", &anonymous, choices),
        ("guest", &guest, format!("/events/{meeting}/rsvp/sent")),
        ("member", &member, format!("/events/{forum}?change=1")),
        ("organizer", &organizer, format!("/events/{meeting}/checkin")),
        ("organizer", &organizer, format!("/events/{forum}/sign-in-sheet")),
        ("organizer", &organizer, format!("/events/{forum}/cancel")),
        ("organizer", &organizer, format!("/events/{series_date}/skip")),
        ("anonymous", &anonymous, "/".into()),
        ("anonymous", &anonymous, "/?q=housing&kind=public_forum".into()),
        ("anonymous", &anonymous, "/chapters/queens".into()),
        ("anonymous", &anonymous, "/chapters/new-york".into()),
        // The Spanish-speaking branch: its pages fall back to Spanish.
        ("anonymous", &anonymous, "/chapters/sunset-park".into()),
        ("anonymous", &anonymous, format!("/events/{assembly}")),
        ("anonymous", &anonymous, format!("/events/{forum}")),
        ("anonymous", &anonymous, format!("/events/{meeting}")),
        ("anonymous", &anonymous, format!("/events/{day_school}")),
        ("anonymous", &anonymous, "/login".into()),
        ("anonymous", &anonymous, "/register".into()),
        ("anonymous", &anonymous, "/account/reset".into()),
        ("anonymous", &anonymous, "/chapters/queens/contact".into()),
        ("anonymous", &anonymous, "/chapters/queens/embed".into()),
        ("anonymous", &anonymous, manage),
        ("anonymous", &anonymous, "/events/999999999".into()),
        ("anonymous", &anonymous, "/?page=abc".into()),
        ("member", &member, "/".into()),
        ("member", &member, format!("/events/{members_only}")),
        ("member", &member, format!("/events/{forum}")),
        ("member", &member, "/account".into()),
        ("member", &member, "/chapters/queens/dashboard".into()),
        ("organizer", &organizer, "/account".into()),
        ("organizer", &organizer, "/chapters/queens".into()),
        ("organizer", &organizer, "/chapters/queens/dashboard".into()),
        ("organizer", &organizer, "/chapters/queens/events/new".into()),
        ("organizer", &organizer, format!("/events/{forum}")),
        ("organizer", &organizer, format!("/events/{forum}/edit")),
        ("organizer", &organizer, format!("/events/{day_school}/edit")),
        ("organizer", &organizer, format!("/events/{meeting}/attendees")),
        ("organizer", &organizer, format!("/events/{forum}/attendees")),
        ("organizer", &organizer, format!("/events/{forum}/timeline")),
        ("organizer", &organizer, format!("/events/{forum}/announce")),
        ("organizer", &organizer, "/chapters/queens/announce".into()),
        ("organizer", &organizer, "/chapters/queens/members".into()),
        ("organizer", &organizer, "/chapters/queens/venues".into()),
        ("organizer", &organizer, "/chapters/queens/settings".into()),
        ("admin", &admin, "/admin/audit".into()),
        ("admin", &admin, "/admin/outbox".into()),
        ("admin", &admin, "/admin/chapters/new".into()),
        ("admin", &admin, "/chapters/queens/edit".into()),
        ("admin", &admin, format!("/events/{members_only}")),
    ];

    let dir = std::env::temp_dir().join(format!("turnout-html-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("a folder for the pages");
    let mut files = Vec::new();
    for (i, (who, v, path)) in pages.iter().enumerate() {
        let res = v.client.get(v.url(path)).send().await.expect("GET");
        let status = res.status();
        assert!(status.as_u16() < 500 && !status.is_redirection(), "{who} {path}: {status}");
        assert!(!path.starts_with("/rsvps/manage/") || status.is_success(), "{who} {path}: the manage page itself, not {status}");
        let is_html = res.headers().get("content-type").and_then(|c| c.to_str().ok()).is_some_and(|c| c.starts_with("text/html"));
        assert!(is_html, "{who} {path} is an HTML page");
        let file = dir.join(format!("page-{i:02}.html"));
        std::fs::write(&file, res.text().await.expect("body")).expect("write the page");
        files.push(file);
    }
    // Error pages as everyone meets them: not found, bad request, forbidden.
    let forbidden = member.client.get(member.url("/admin/audit")).send().await.expect("GET");
    assert_eq!(forbidden.status(), reqwest::StatusCode::FORBIDDEN);
    let file = dir.join("page-forbidden.html");
    std::fs::write(&file, forbidden.text().await.expect("body")).expect("write the page");
    files.push(file);
    // Forms sent back with their messages (422): the error summary and the
    // messages next to the fields must be valid too.
    let refused: [Refused<'_>; 5] = [
        (
            "register",
            &anonymous,
            "/register".into(),
            "/register".into(),
            vec![("name", ""), ("email", "not-an-address"), ("password", "short")],
        ),
        ("rsvp", &anonymous, format!("/events/{forum}"), format!("/events/{forum}/rsvp"), vec![("name", ""), ("email", "not-an-address")]),
        ("event-form", &organizer, "/chapters/queens/events/new".into(), "/chapters/queens/events".into(), vec![("title", "")]),
        ("settings", &organizer, "/chapters/queens/settings".into(), "/chapters/queens/settings".into(), vec![("retention_days", "0")]),
        (
            "announcement",
            &organizer,
            format!("/events/{forum}/announce"),
            format!("/events/{forum}/announce"),
            vec![("audience", "going"), ("subject", ""), ("body", ""), ("step", "preview")],
        ),
    ];
    for (name, v, form, action, fields) in &refused {
        let res = v.submit(form, action, fields).await;
        assert!(res.status().is_client_error(), "{name}: a refused form answers 4xx, not {}", res.status());
        let file = dir.join(format!("refused-{name}.html"));
        std::fs::write(&file, res.text().await.expect("body")).expect("write the page");
        files.push(file);
    }

    // An announcement: its preview, and its progress page once sent.
    let announce = format!("/events/{forum}/announce");
    let fields = [("audience", "going"), ("subject", "Doors open early"), ("body", "**Come** at 6:30.\n\n- one\n- two")];
    let preview = organizer.submit(&announce, &announce, &[&fields[..], &[("step", "preview")]].concat()).await;
    assert_eq!(preview.status(), reqwest::StatusCode::OK, "the preview");
    let sent = organizer.submit(&announce, &announce, &[&fields[..], &[("step", "send")]].concat()).await;
    assert_eq!(sent.status(), reqwest::StatusCode::SEE_OTHER, "sent");
    let progress = organizer.get(sent.headers()["location"].to_str().unwrap()).await.1;
    for (name, body) in [("announcement-preview", preview.text().await.expect("body")), ("announcement-progress", progress)] {
        let file = dir.join(format!("{name}.html"));
        std::fs::write(&file, body).expect("write the page");
        files.push(file);
    }

    // A page with a known error: proof that the checker ran and was read.
    let control = dir.join("control.html");
    std::fs::write(
        &control,
        "<!DOCTYPE html><html lang=\"en\"><head><title>c</title></head><body><p id=\"x\">1</p><p id=\"x\">2</p></body></html>",
    )
    .expect("write the control page");
    files.push(control);

    // One run of the checker for every page.
    let out =
        Command::new(&java).arg("-jar").arg(&jar).args(["--format", "json", "--stdout"]).args(&files).output().expect("run the checker");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("the checker's report is JSON ({e}): {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    let name_of = |url: &str| -> String {
        let file = url.rsplit('/').next().unwrap_or(url);
        match file.strip_prefix("page-").and_then(|f| f.strip_suffix(".html")).and_then(|n| n.parse::<usize>().ok()) {
            Some(i) => format!("{} {}", pages[i].0, pages[i].2),
            None => file.to_owned(),
        }
    };
    let all_errors: Vec<&serde_json::Value> = report["messages"]
        .as_array()
        .expect("a list of messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["type"] == "non-document-error")
        .collect();
    let is_control = |m: &serde_json::Value| m["url"].as_str().is_some_and(|u| u.ends_with("/control.html"));
    assert!(all_errors.iter().any(|m| is_control(m)), "the checker reports the control page's duplicate id: {report}");
    let errors: Vec<String> = all_errors
        .into_iter()
        .filter(|m| !is_control(m))
        .map(|m| {
            format!(
                "{} line {}: {}\n    {}",
                name_of(m["url"].as_str().unwrap_or_default()),
                m["lastLine"],
                m["message"].as_str().unwrap_or_default(),
                m["extract"].as_str().unwrap_or_default().replace('\n', " ")
            )
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    let pages_checked = files.len() - 1;
    assert!(errors.is_empty(), "the Nu HTML checker found {} error(s) in {pages_checked} pages:\n{}", errors.len(), errors.join("\n"));
    app.stop().await;
}

/// A form sent back with errors: label, who sends it, form page, action, fields.
type Refused<'a> = (&'a str, &'a Visitor, String, String, Vec<(&'a str, &'a str)>);
