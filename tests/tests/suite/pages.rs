//! What a visitor sees: the demo data on the public pages, times in the
//! event's zone, members-only events hidden, health endpoints, refusals.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_tests::app::{Options, Visitor, csrf_of, http};
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    demo_data_is_on_the_public_pages,
    members_only_and_unknown_events_are_not_found,
    health_headers_and_cross_site_posts,
    ids_are_unique_and_autocomplete_tokens_valid,
);

async fn get(app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = http().get(app.url(path)).send().await.unwrap();
    (res.status(), res.text().await.unwrap())
}

/// The id of the event whose link text is `title` on a page.
fn event_id_linked(page: &str, title: &str) -> i64 {
    let at = page.find(&format!(">{title}</a>")).unwrap_or_else(|| panic!("{title} is linked"));
    let href = page[..at].rfind("/events/").expect("an event link");
    page[href + 8..at].trim_end_matches('"').parse().expect("a numeric id")
}

async fn demo_data_is_on_the_public_pages(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;

    let (status, home) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(home.contains("Housing Is a Human Right"), "the public forum is listed");
    assert!(home.contains("Queens Branch Weekly Meeting"), "the weekly meeting is listed");
    assert_eq!(home.matches(">Queens Branch Weekly Meeting</a>").count(), 6, "each occurrence of the series is listed");
    assert!(!home.contains("Members' Strategy Meeting"), "the members-only meeting is not public");
    assert!(home.contains("Hunter College Branch") && home.contains("Campus branch"), "chapters are listed with their kind");

    let forum = event_id_linked(&home, "Housing Is a Human Right: A Public Forum on Rent, Evictions and Organizing");
    let (status, page) = get(&app, &format!("/events/{forum}")).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Public forum",
        "37-06 82nd Street, Suite 3B, 3rd floor",
        "E/F/R/M &amp; 7 trains to 74th St",
        "Step-free entrance",
        "Marisol Vega</strong>, Organizer with the Queens Tenant Union",
        "Daniel Okafor",
        "Priya Raman",
        "Sponsored by Queens Tenant Union and Hunter College Branch. Hosted by Jackson Heights Community Center.",
        "<strong>7:15pm</strong> Panel",
        "https://stream.solidarity.example/queens-housing-forum",
        "<strong>Dinner is provided</strong>",
        "Full: new RSVPs join the waitlist.",
        "#housing",
        "name=\"email\"",
    ] {
        assert!(page.contains(expected), "the forum page shows {expected:?}");
    }

    // Times are in the event's zone with its abbreviation (EST in winter, EDT in summer).
    assert!(["EST", "EDT"].iter().any(|z| page.contains(&format!("Doors open</dt><dd>6:30pm {z}</dd>"))), "doors-open time");
    assert!(["EST", "EDT"].iter().any(|z| page.contains(&format!("7pm to 9pm {z}"))), "start and end");

    // The day school shows its programme: sessions in order, with rooms and speakers.
    let school = event_id_linked(&home, "Who Runs the City? A Day School on Power and Organizing");
    let (_, page) = get(&app, &format!("/events/{school}")).await;
    let programme = &page[page.find("<h2>Programme</h2>").expect("a programme")..];
    let order: Vec<usize> = ["Who owns the city", "Reading a city budget", "one-on-one organizing", "Campaign clinic"]
        .iter()
        .map(|t| programme.find(t).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "sessions in time order");
    assert!(programme.contains("Room 210") && programme.contains("Marisol Vega, Jin Park"));
    assert!(["EST", "EDT"].iter().any(|z| page.contains(&format!("9:30am to 4:30pm {z}"))));

    let (status, chapter) = get(&app, "/chapters/queens").await;
    assert_eq!(status, StatusCode::OK);
    assert!(chapter.contains("Queens Branch") && chapter.contains("New York District"), "the chapter names its parent");
    assert!(chapter.contains("Housing Is a Human Right"));
    let (status, district) = get(&app, "/chapters/new-york").await;
    assert_eq!(status, StatusCode::OK);
    assert!(district.contains("/chapters/hunter-college"), "the district lists its branches");
    assert_eq!(get(&app, "/chapters/atlantis").await.0, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn members_only_and_unknown_events_are_not_found(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = db.connect().await;
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT id FROM events WHERE visibility = 'members_only'",
        ))
        .await
        .unwrap()
        .expect("the demo has a members-only meeting");
    let id: i64 = row.try_get("", "id").unwrap();
    let (status, body) = get(&app, &format!("/events/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!body.contains("Strategy Meeting"), "a 404 does not leak the title");
    let res = Visitor::new(&app).submit("/login", &format!("/events/{id}/rsvp"), &[("name", "Spy"), ("email", "spy@example.org")]).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND, "nor can anyone RSVP to it");
    assert_eq!(get(&app, "/events/999999").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/events/not-a-number").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/no/such/page").await.0, StatusCode::NOT_FOUND);
    app.stop().await;
}

async fn health_headers_and_cross_site_posts(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK);
    assert_eq!(get(&app, "/readyz").await, (StatusCode::OK, "ready".to_owned()));

    let res = http().get(app.url("/")).send().await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    let home = res.text().await.unwrap();
    assert!(!home.contains("src=\"http") && !home.contains("href=\"https://fonts"), "nothing is loaded from another host");

    let forum = event_id_linked(&home, "Housing Is a Human Right: A Public Forum on Rent, Evictions and Organizing");
    let url = app.url(&format!("/events/{forum}/rsvp"));
    let form = [("name", "Mallory"), ("email", "mallory@example.org")];
    let foreign = http().post(&url).header("Origin", "https://evil.example").form(&form).send().await.unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    let null = http().post(&url).header("Origin", "null").form(&form).send().await.unwrap();
    assert_eq!(null.status(), StatusCode::FORBIDDEN);
    let fetch_meta = http().post(&url).header("Sec-Fetch-Site", "cross-site").form(&form).send().await.unwrap();
    assert_eq!(fetch_meta.status(), StatusCode::FORBIDDEN);
    let conn = db.connect().await;
    assert_eq!(turnout_persistence::outbox::all(&conn).await.unwrap().len(), 0, "refused posts queue nothing");
    let visitor = Visitor::new(&app);
    let token = csrf_of(&visitor.get(&format!("/events/{forum}")).await.1);
    let with_token = [("name", "Mallory"), ("email", "mallory@example.org"), ("_csrf", token.as_str())];
    let same = visitor.client.post(&url).header("Origin", app.base.as_str()).form(&with_token).send().await.unwrap();
    assert_eq!(same.status(), StatusCode::SEE_OTHER, "a post from the site itself is accepted");

    // Forms are capped at the size of the longest valid one (about 630 KiB).
    let huge = "x".repeat(turnout_web::FORM_LIMIT + 1);
    let too_big = visitor.client.post(&url).form(&[("name", huge.as_str()), ("email", "a@example.org")]).send().await.unwrap();
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let garbage = http()
        .post(&url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(vec![0xff, 0xfe, b'=', 0xff])
        .send()
        .await
        .unwrap();
    assert!(garbage.status().is_client_error(), "unreadable form: {}", garbage.status());
    app.stop().await;
}

/// readyz answers 503 when the database goes away (PostgreSQL: the database is dropped under the app).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_without_the_database() {
    let Some(db) = TestDb::create(Backend::Postgres).await else {
        return;
    };
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    assert_eq!(get(&app, "/readyz").await.0, StatusCode::OK);
    db.drop_now().await;
    let (status, body) = get(&app, "/readyz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK, "the process itself is still up");
}

/// Two findings of the Nu HTML checker: the account page had the id
/// `current_password` three times (so two labels pointed at the wrong form),
/// and the venue's one-line street field used `street-address`, a token for
/// multi-line fields.
async fn ids_are_unique_and_autocomplete_tokens_valid(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    turnout_tests::people::account(&app, "admin@example.org", "Ad Min", true).await;
    let admin = turnout_tests::people::logged_in(&app, "admin@example.org").await;
    for path in ["/account", "/chapters/queens/events/new"] {
        let (status, page) = admin.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let mut ids: Vec<&str> = page.split(" id=\"").skip(1).map(|rest| rest.split('"').next().unwrap()).collect();
        let all = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), all, "every id on {path} is unique: {ids:?}");
        assert!(!page.contains("autocomplete=\"street-address\""), "{path}: street-address is for a textarea");
    }
    app.stop().await;
}
