//! Members-only events are listed for the people who may open them (home,
//! chapter pages, the member's private calendar feed), marked "Members only",
//! and never in anything public: the public calendar feeds, the JSON API and
//! the embed, whoever asks. On SQLite and PostgreSQL, over real HTTP.

use turnout_domain::event::Visibility;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter, days_from_now, event_in};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(members_only_events_are_listed_for_those_who_may_see_them);

const QUEENS_SECRET: &str = "Queens members strategy night";
const QUEENS_PAST: &str = "Queens members debrief";
const BRONX_SECRET: &str = "Bronx members tenant meeting";
const PUBLIC_FORUM: &str = "Queens open forum";

fn members_only(title: &'static str, days: i64) -> EventSpec {
    EventSpec { visibility: Visibility::MembersOnly, ..EventSpec::public(title, days_from_now(days)) }
}

/// Whether a page lists an event (titles are unique in this test).
fn listed(page: &str, title: &str) -> bool {
    page.contains(title)
}

async fn members_only_events_are_listed_for_those_who_may_see_them(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    // A district with a branch below it, and a chapter elsewhere.
    chapter(&app.running.db, "nyc", "NYC District", None).await;
    let queens = chapter(&app.running.db, "queens-b", "Queens Branch", Some("nyc")).await;
    let bronx = chapter(&app.running.db, "bronx-b", "Bronx Branch", None).await;
    event_in(&app.running.db, queens, None, members_only(QUEENS_SECRET, 5)).await;
    event_in(&app.running.db, queens, None, EventSpec::public(PUBLIC_FORUM, days_from_now(6))).await;
    event_in(&app.running.db, bronx, None, members_only(BRONX_SECRET, 7)).await;
    event_in(&app.running.db, queens, None, members_only(QUEENS_PAST, -10)).await;

    account(&app, "queens-member@example.org", "Queens Member", false).await;
    grant(&app, "queens-member@example.org", "queens-b", Role::Member).await;
    account(&app, "bronx-member@example.org", "Bronx Member", false).await;
    grant(&app, "bronx-member@example.org", "bronx-b", Role::Member).await;
    account(&app, "district-organizer@example.org", "District Organizer", false).await;
    grant(&app, "district-organizer@example.org", "nyc", Role::Organizer).await;
    account(&app, "admin@example.org", "Site Admin", true).await;

    // (who, the visitor, sees the Queens event, sees the Bronx event)
    let people = [
        ("anonymous", Visitor::new(&app), false, false),
        ("member of the chapter", logged_in(&app, "queens-member@example.org").await, true, false),
        ("member of another chapter", logged_in(&app, "bronx-member@example.org").await, false, true),
        ("organizer of the parent chapter", logged_in(&app, "district-organizer@example.org").await, true, false),
        ("site admin", logged_in(&app, "admin@example.org").await, true, true),
    ];
    for (who, v, sees_queens, sees_bronx) in &people {
        let (_, home) = v.get("/").await;
        assert!(listed(&home, PUBLIC_FORUM), "{who}: the public event is on the home page");
        assert_eq!(listed(&home, QUEENS_SECRET), *sees_queens, "{who}: the Queens members-only event on the home page");
        assert_eq!(listed(&home, BRONX_SECRET), *sees_bronx, "{who}: the Bronx members-only event on the home page");
        assert_eq!(home.contains("Members only"), *sees_queens || *sees_bronx, "{who}: members-only events are marked");
        // Filters work on them too.
        let (_, filtered) = v.get("/?chapter=queens-b").await;
        assert_eq!(listed(&filtered, QUEENS_SECRET), *sees_queens, "{who}: filtered by chapter");
        assert!(!listed(&filtered, BRONX_SECRET), "{who}: the filter keeps other chapters out");

        for chapter_page in ["/chapters/queens-b", "/chapters/nyc"] {
            let (_, page) = v.get(chapter_page).await;
            assert!(listed(&page, PUBLIC_FORUM), "{who}: {chapter_page} lists the public event");
            assert_eq!(listed(&page, QUEENS_SECRET), *sees_queens, "{who}: {chapter_page} upcoming members-only");
            assert_eq!(listed(&page, QUEENS_PAST), *sees_queens, "{who}: {chapter_page} past members-only");
            assert!(!listed(&page, BRONX_SECRET), "{who}: {chapter_page} lists no other chapter's events");
        }
        let (_, bronx_page) = v.get("/chapters/bronx-b").await;
        assert_eq!(listed(&bronx_page, BRONX_SECRET), *sees_bronx, "{who}: the Bronx page");

        // Nothing public ever carries them, whoever asks (with their cookies).
        for public in [
            "/calendar.ics",
            "/chapters/queens-b/calendar.ics",
            "/chapters/nyc/calendar.ics",
            "/chapters/bronx-b/calendar.ics",
            "/api/v1/events",
            "/api/v1/events?chapter=queens-b",
            "/api/v1/events?chapter=bronx-b",
            "/chapters/queens-b/embed",
            "/chapters/bronx-b/embed",
        ] {
            let (status, body) = v.get(public).await;
            assert!(status.is_success(), "{who}: {public} answers {status}");
            for secret in [QUEENS_SECRET, QUEENS_PAST, BRONX_SECRET] {
                assert!(!body.contains(secret), "{who}: {public} must not list {secret:?}");
            }
        }
        assert!(v.get("/calendar.ics").await.1.contains(PUBLIC_FORUM), "the public feed still lists public events");

        // The private calendar feed of those logged in.
        if *who == "anonymous" {
            continue;
        }
        let feed_url = private_feed(&app, v).await;
        let feed = reqwest::get(&feed_url).await.expect("feed").text().await.expect("body");
        let unfolded = feed.replace("\r\n ", "");
        assert_eq!(
            unfolded.contains(&format!("SUMMARY:[Members only] {QUEENS_SECRET}")),
            *sees_queens,
            "{who}: the private feed lists the Queens event, marked:\n{unfolded}"
        );
        assert_eq!(unfolded.contains(BRONX_SECRET), *sees_bronx, "{who}: the private feed and the Bronx event");
        if *sees_queens {
            assert!(unfolded.contains("CLASS:PRIVATE"), "{who}: marked private for shared calendars");
        }
        assert!(!unfolded.contains(PUBLIC_FORUM), "{who}: public events they did not RSVP to are in the public feeds instead");
    }

    // Leaving the chapter takes the events out of the feed made before.
    let member = &people[1].1;
    let feed_url = private_feed(&app, member).await;
    let res = member.submit("/chapters/queens-b", "/chapters/queens-b/leave", &[]).await;
    assert!(res.status().is_redirection(), "the member leaves");
    let feed = reqwest::get(&feed_url).await.expect("feed").text().await.expect("body");
    assert!(!feed.contains(QUEENS_SECRET), "after leaving, the private feed no longer lists the members-only event");
    let (_, home) = member.get("/").await;
    assert!(!home.contains(QUEENS_SECRET), "nor does the home page");

    app.stop().await;
}

/// Asks for a private calendar address and returns it.
async fn private_feed(app: &TestApp, v: &Visitor) -> String {
    let res = v.submit("/account", "/account/calendar", &[]).await;
    let (_, page) = v.follow(res).await;
    let start = page.find(&format!("{}/my/", app.base)).expect("the page shows the private calendar address");
    let rest = &page[start..];
    let end = rest.find(".ics").expect("the address ends in .ics") + 4;
    rest[..end].to_owned()
}
