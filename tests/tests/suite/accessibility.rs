//! Every page passes axe-core (Deque's accessibility rules) in Chromium, for
//! the WCAG 2.0 and 2.1 A and AA rules. The app runs with its demo data; a
//! real headless Chromium opens each page as the visitor who sees it
//! (anonymous, member, organizer, site admin, logged in through the login
//! form), axe.min.js is injected with WebDriver (execute script is not subject
//! to the pages' Content-Security-Policy) and run on the whole document. Any
//! violation fails the test with its rule, impact, page and elements.
//!
//! axe-core is installed by `make test` (npm package `axe-core`, pinned in the
//! Makefile, under target/axe/). Without it, or without Chromium, the test is
//! skipped, loudly; with TURNOUT_TEST_REQUIRE_BROWSER=1 (as in CI, which
//! installs them) it fails instead.

use std::path::PathBuf;
use std::time::Duration;

use chrono::Utc;
use fantoccini::{Client, Locator};
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::browser::Browser;
use turnout_tests::fixtures::sql_i64;
use turnout_tests::people::{PASSWORD, account, grant};
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb};

fn required() -> bool {
    std::env::var("TURNOUT_TEST_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// axe.min.js where `make test` puts it, or where TURNOUT_TEST_AXE_JS says.
fn axe_path() -> PathBuf {
    std::env::var_os("TURNOUT_TEST_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/axe/node_modules/axe-core/axe.min.js"))
}

/// The source of axe-core, or `None` (said loudly, and noted for `make test`)
/// when it is not installed and not required.
fn axe_source() -> Option<String> {
    let path = axe_path();
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(e) => {
            let why = format!("{}: {e} (make test installs it with npm)", path.display());
            assert!(!required(), "axe-core is required (TURNOUT_TEST_REQUIRE_BROWSER=1) but {why}");
            eprintln!("\n*** SKIPPED: the accessibility test cannot run: {why} ***\n");
            let _ = std::fs::write(turnout_tests::skip_note("accessibility"), why);
            None
        }
    }
}

/// Runs axe on the current page; the callback gets the violations, each
/// reduced to its rule, impact, help and elements (selector and HTML).
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then(r => done({
    ran: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
    passes: r.passes.length,
    incomplete: r.incomplete.map(v => v.id + ' (' + v.nodes.length + ')'),
    title: document.title,
    violations: r.violations.map(v => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
    })),
  }))
  .catch(e => done({ error: String(e) }));
"#;

/// Injects axe into the page the browser shows and runs it: the violations
/// as lines of the report, labelled with `page`.
async fn check(c: &Client, axe: &str, page: &str) -> Vec<String> {
    c.execute(axe, vec![]).await.unwrap_or_else(|e| panic!("{page}: inject axe-core: {e}"));
    let loaded = c.execute("return typeof window.axe === 'object' && typeof window.axe.run === 'function';", vec![]).await.unwrap();
    assert_eq!(loaded.as_bool(), Some(true), "{page}: axe-core is loaded");
    let report = c.execute_async(RUN_AXE, vec![]).await.unwrap_or_else(|e| panic!("{page}: run axe-core: {e}"));
    assert!(report.get("error").is_none(), "{page}: axe-core failed: {report}");
    assert!(report["ran"].as_u64().is_some_and(|n| n > 0), "{page}: axe-core ran no rules: {report}");
    // What passed and what axe could not decide (needs a person), for the log.
    eprintln!(
        "{page} [{}]: {} rules passed, {} violated, needs review: {}",
        report["title"].as_str().unwrap_or_default(),
        report["passes"],
        report["violations"].as_array().map_or(0, Vec::len),
        report["incomplete"]
    );
    let mut lines = Vec::new();
    for v in report["violations"].as_array().expect("a list of violations") {
        lines.push(format!(
            "{page}: {} ({}): {}",
            v["id"].as_str().unwrap_or_default(),
            v["impact"].as_str().unwrap_or("?"),
            v["help"].as_str().unwrap_or_default()
        ));
        for n in v["nodes"].as_array().into_iter().flatten() {
            lines.push(format!(
                "    {}\n      {}\n      {}",
                n["target"].as_str().unwrap_or_default(),
                n["html"].as_str().unwrap_or_default().replace('\n', " "),
                n["summary"].as_str().unwrap_or_default().replace('\n', " / ")
            ));
        }
    }
    lines
}

/// Opens `path` and checks it.
async fn visit(c: &Client, app: &TestApp, axe: &str, who: &str, path: &str) -> Vec<String> {
    c.goto(&app.url(path)).await.unwrap_or_else(|e| panic!("{who} {path}: {e}"));
    // The page itself, not an error page in its place (WebDriver does not show the status).
    let title = c.title().await.unwrap();
    let expected_missing = path == "/events/999999999";
    assert_eq!(title.starts_with("Not Found"), expected_missing, "{who} {path}: the page's title is {title:?}");
    assert!(path == "/login" || !title.starts_with("Log in"), "{who} {path}: sent to the login page");
    check(c, axe, &format!("{who} {path}")).await
}

/// Fills in the form of `path` with `fields` (element id, text), submits it
/// with the button `submit`, and checks the page that comes back with the
/// form's messages.
async fn refuse(c: &Client, app: &TestApp, axe: &str, who: &str, path: &str, fields: &[(&str, &str)], submit: &str) -> Vec<String> {
    c.goto(&app.url(path)).await.unwrap();
    for (id, text) in fields {
        let field = c.find(Locator::Id(id)).await.unwrap_or_else(|e| panic!("{who} {path}: #{id}: {e}"));
        field.clear().await.unwrap();
        if !text.is_empty() {
            field.send_keys(text).await.unwrap();
        }
    }
    c.find(Locator::Css(submit)).await.unwrap().click().await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(".field-error"))
        .await
        .unwrap_or_else(|e| panic!("{who} {path}: the form comes back with its messages: {e}"));
    check(c, axe, &format!("{who} {path} (refused form)")).await
}

/// Logs the browser in through the login form (after logging out whoever was in).
async fn log_in(c: &Client, app: &TestApp, email: &str, name: &str) {
    c.delete_all_cookies().await.unwrap();
    c.goto(&app.url("/login")).await.unwrap();
    c.find(Locator::Id("email")).await.unwrap().send_keys(email).await.unwrap();
    c.find(Locator::Id("password")).await.unwrap().send_keys(PASSWORD).await.unwrap();
    c.find(Locator::Css("form.stacked button[type=submit]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(Duration::from_secs(10)).for_element(Locator::LinkText(name)).await.unwrap_or_else(|e| panic!("{email} logs in: {e}"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_the_demo_passes_axe_core() {
    let Some(axe) = axe_source() else { return };
    let Some(browser) = Browser::start().await else { return };
    let Some(db) = TestDb::create(Backend::Sqlite).await else { return };
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = &app.running.db;
    let id_of = |sql: &'static str| async move { sql_i64(conn, sql).await };
    let forum = id_of("SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await;
    let meeting = id_of("SELECT id FROM events WHERE kind = 'branch_meeting' AND visibility = 'public' ORDER BY id LIMIT 1").await;
    let day_school = id_of("SELECT id FROM events WHERE kind = 'day_school' ORDER BY id LIMIT 1").await;
    let assembly = id_of("SELECT id FROM events WHERE language = 'es' ORDER BY id LIMIT 1").await;

    account(&app, "organizer@example.org", "Queens Organizer", false).await;
    grant(&app, "organizer@example.org", "queens", Role::Organizer).await;
    account(&app, "admin@example.org", "Site Admin", true).await;
    account(&app, "member@example.org", "Queens Member", false).await;
    grant(&app, "member@example.org", "queens", Role::Member).await;

    // A guest's RSVP, for the page its manage link opens.
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
    let mail = smtp.wait_for(1, Duration::from_secs(20)).await;
    // The decoded message: a quoted-printable soft line break can split the raw link.
    let manage_prefix = format!("{}/rsvps/manage/", app.base);
    let manage = mail
        .iter()
        .find_map(|m| m.link(&manage_prefix))
        .and_then(|link| link.strip_prefix(&app.base).map(str::to_owned))
        .expect("the confirmation carries a manage link");

    let c = &browser.client;
    let mut violations = Vec::new();
    let mut checked = 0;

    // The control: a page with a known violation (an image without a text
    // alternative) is reported, so axe-core really ran and was read, under
    // the app's Content-Security-Policy.
    c.goto(&app.url("/login")).await.unwrap();
    c.execute(
        "const img = document.createElement('img'); img.id = 'axe-control'; img.width = 20; img.height = 20; \
         document.querySelector('main').appendChild(img);",
        vec![],
    )
    .await
    .unwrap();
    let control = check(c, &axe, "control").await;
    assert!(
        control.iter().any(|l| l.starts_with("control: image-alt")) && control.iter().any(|l| l.contains("#axe-control")),
        "axe-core reports the control image without alt: {control:#?}"
    );

    for path in [
        "/".to_owned(),
        "/?q=housing&kind=public_forum".to_owned(),
        format!("/events/{forum}"),
        format!("/events/{day_school}"),
        "/login".to_owned(),
        "/register".to_owned(),
        "/account/reset".to_owned(),
        "/chapters/queens".to_owned(),
        "/chapters/queens/contact".to_owned(),
        // The Spanish-speaking branch (pages in Spanish by default).
        "/chapters/sunset-park".to_owned(),
        format!("/events/{assembly}"),
        manage,
        "/events/999999999".to_owned(),
    ] {
        violations.extend(visit(c, &app, &axe, "anonymous", &path).await);
        checked += 1;
    }

    // Forms sent back with their messages: the error summary and the messages
    // next to the fields, as the browser shows them after a refused submit.
    let rsvp_form = format!("/events/{forum}");
    let refused: [Refused<'_>; 2] = [
        ("/register", &[("name", ""), ("email", "not-an-address"), ("password", "short")], "form.stacked button[type=submit]"),
        (&rsvp_form, &[("name", ""), ("email", "not-an-address")], "form.rsvp button[type=submit]"),
    ];
    for (path, fields, submit) in refused {
        violations.extend(refuse(c, &app, &axe, "anonymous", path, fields, submit).await);
        checked += 1;
    }

    log_in(c, &app, "member@example.org", "Queens Member").await;
    for path in ["/account".to_owned(), format!("/events/{forum}")] {
        violations.extend(visit(c, &app, &axe, "member", &path).await);
        checked += 1;
    }

    log_in(c, &app, "organizer@example.org", "Queens Organizer").await;
    for path in [
        format!("/events/{forum}"),
        format!("/events/{forum}/edit"),
        format!("/events/{forum}/attendees"),
        format!("/events/{forum}/timeline"),
        format!("/events/{forum}/announce"),
        format!("/events/{forum}/checkin"),
        "/chapters/queens/dashboard".to_owned(),
        "/chapters/queens/events/new".to_owned(),
        "/chapters/queens/members".to_owned(),
        "/chapters/queens/settings".to_owned(),
    ] {
        violations.extend(visit(c, &app, &axe, "organizer", &path).await);
        checked += 1;
    }

    violations.extend(refuse(c, &app, &axe, "organizer", "/chapters/queens/events/new", &[], "button[value=publish]").await);
    checked += 1;

    log_in(c, &app, "admin@example.org", "Site Admin").await;
    for path in ["/admin/outbox", "/admin/audit"] {
        violations.extend(visit(c, &app, &axe, "admin", path).await);
        checked += 1;
    }

    browser.close().await;
    app.stop().await;
    assert!(violations.is_empty(), "axe-core found accessibility violations in {checked} pages:\n{}", violations.join("\n"));
}

/// A form to refuse: its page, the fields typed in (id, text), its submit button.
type Refused<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);
