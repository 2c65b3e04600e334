//! Who may open what: every organizer-only and admin-only route against six
//! kinds of visitor, on SQLite and PostgreSQL. The expected answers are the
//! policy of DESIGN.md: anonymous people are sent to log in; logged-in people
//! without the right get 403; a members-only event is 404 to outsiders.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(every_protected_route_answers_each_role_as_the_policy_says);

const WHO: [&str; 6] = [
    "anonymous",
    "member of the chapter",
    "organizer of another chapter",
    "organizer of the chapter",
    "organizer of the parent",
    "site admin",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    LogIn,
    Forbidden,
    NotFound,
    Ok,
}

async fn id_of(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.unwrap().expect("a row");
    row.try_get("", "id").unwrap()
}

async fn every_protected_route_answers_each_role_as_the_policy_says(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    // Demo chapters: national > new-york > {queens, hunter-college}.
    account(&app, "member@example.org", "Mem Ber", false).await;
    account(&app, "other@example.org", "Oth Er", false).await;
    account(&app, "organizer@example.org", "Org Anizer", false).await;
    account(&app, "district@example.org", "Dis Trict", false).await;
    account(&app, "admin@example.org", "Ad Min", true).await;
    let applicant = account(&app, "applicant@example.org", "App Licant", false).await;
    grant(&app, "member@example.org", "queens", Role::Member).await;
    grant(&app, "other@example.org", "hunter-college", Role::Organizer).await;
    grant(&app, "organizer@example.org", "queens", Role::Organizer).await;
    grant(&app, "district@example.org", "new-york", Role::Organizer).await;

    let conn = db.connect().await;
    let forum = id_of(&conn, "SELECT id FROM events WHERE kind = 'public_forum'").await;
    let members_only = id_of(&conn, "SELECT id FROM events WHERE visibility = 'members_only'").await;
    let queens = id_of(&conn, "SELECT id FROM chapters WHERE slug = 'queens'").await;

    let visitors = [
        Visitor::new(&app),
        logged_in(&app, "member@example.org").await,
        logged_in(&app, "other@example.org").await,
        logged_in(&app, "organizer@example.org").await,
        logged_in(&app, "district@example.org").await,
        logged_in(&app, "admin@example.org").await,
    ];
    use Want::*;
    let organizer_only = [LogIn, Forbidden, Forbidden, Ok, Ok, Ok];
    let admin_only = [LogIn, Forbidden, Forbidden, Forbidden, Forbidden, Ok];
    // The members-only meeting belongs to hunter-college (under new-york).
    let hunter_members_only = [NotFound, NotFound, Ok, NotFound, Ok, Ok];
    let gets: Vec<(String, [Want; 6])> = vec![
        ("/chapters/queens/members".into(), organizer_only),
        (format!("/events/{forum}/attendees"), organizer_only),
        (format!("/events/{forum}/attendees.csv"), organizer_only),
        ("/chapters/queens/edit".into(), admin_only),
        ("/admin/chapters/new".into(), admin_only),
        ("/admin/audit".into(), admin_only),
        (format!("/events/{members_only}"), hunter_members_only),
    ];
    let mut table = String::from("| route | ");
    table.push_str(&WHO.join(" | "));
    table.push_str(" |\n|---|---|---|---|---|---|---|\n");
    for (path, want) in &gets {
        table.push_str(&format!("| GET {path} |"));
        for (i, v) in visitors.iter().enumerate() {
            let res = v.client.get(v.url(path)).send().await.unwrap();
            let got = match res.status() {
                StatusCode::SEE_OTHER => {
                    let to = res.headers()["location"].to_str().unwrap().to_owned();
                    assert!(to.starts_with("/login?next="), "{path} as {} redirects to {to}", WHO[i]);
                    LogIn
                }
                StatusCode::FORBIDDEN => Forbidden,
                StatusCode::NOT_FOUND => NotFound,
                StatusCode::OK => Ok,
                other => panic!("{path} as {}: unexpected {other}", WHO[i]),
            };
            assert_eq!(got, want[i], "GET {path} as {}", WHO[i]);
            table.push_str(&format!(" {got:?} |"));
        }
        table.push('\n');
    }

    // Approving a join request changes something, so only those allowed may, and
    // nothing changes for the others.
    table.push_str("| POST /chapters/queens/members/{id}/approve |");
    for (i, v) in visitors.iter().enumerate() {
        conn.execute_unprepared(&format!("DELETE FROM memberships WHERE user_id = {applicant}")).await.unwrap();
        conn.execute_unprepared(&format!(
            "INSERT INTO memberships (user_id, chapter_id, role, status, created_at) VALUES ({applicant}, {queens}, 'member', 'pending', '2026-01-01T00:00:00+00:00')"
        ))
        .await
        .unwrap();
        // The login page carries the token of whoever opens it (bound to their session, if any).
        let token = csrf_of(&v.get("/login").await.1);
        let res =
            v.client.post(v.url(&format!("/chapters/queens/members/{applicant}/approve"))).form(&[("_csrf", token)]).send().await.unwrap();
        let status: i64 = {
            let row = conn
                .query_one_raw(sea_orm::Statement::from_string(
                    conn.get_database_backend(),
                    format!("SELECT COUNT(*) AS id FROM memberships WHERE user_id = {applicant} AND status = 'active'"),
                ))
                .await
                .unwrap()
                .unwrap();
            row.try_get("", "id").unwrap()
        };
        let got = match res.status() {
            StatusCode::SEE_OTHER if res.headers()["location"].to_str().unwrap().starts_with("/login") => LogIn,
            StatusCode::SEE_OTHER => Ok,
            StatusCode::FORBIDDEN => Forbidden,
            other => panic!("approve as {}: unexpected {other}", WHO[i]),
        };
        assert_eq!(got, organizer_only[i], "approve as {}", WHO[i]);
        assert_eq!(status == 1, got == Ok, "the request was approved only when allowed ({})", WHO[i]);
        table.push_str(&format!(" {got:?} |"));
    }
    table.push('\n');
    println!("{table}");
    let _ = std::fs::write(std::env::temp_dir().join(format!("turnout-access-matrix-{:?}.md", db.backend)), &table);
    app.stop().await;
}
