//! Guest RSVPs that arrive together are written together on SQLite (all
//! that waited, in one transaction). One that the database refuses fails
//! alone: the others are recorded, each with its confirmation delivered.
//! PostgreSQL writes each in its own transaction; the same holds there.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend};
use turnout_tests::app::{Options, Visitor};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now, sql_i64};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(one_refused_rsvp_among_many_at_once_fails_alone);

const REFUSED: &str = "refused@example.org";

/// The database refuses one address, as a full disk or a bug would refuse
/// one write.
async fn refuse_one_address(conn: &sea_orm::DatabaseConnection) {
    let statements = match conn.get_database_backend() {
        DbBackend::Sqlite => vec![format!(
            "CREATE TRIGGER refuse_one BEFORE INSERT ON rsvps WHEN NEW.email = '{REFUSED}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
        )],
        _ => vec![
            format!(
                "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN IF NEW.email = '{REFUSED}' THEN \
                 RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
            ),
            "CREATE TRIGGER refuse_one BEFORE INSERT ON rsvps FOR EACH ROW EXECUTE FUNCTION refuse_one()".to_owned(),
        ],
    };
    for sql in statements {
        conn.execute_unprepared(&sql).await.expect("create the trigger");
    }
}

async fn one_refused_rsvp_among_many_at_once_fails_alone(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event =
        chapter_with_event(&app.running.db, EventSpec { capacity: Some(100), ..EventSpec::public("Rally", days_from_now(3)) }).await;
    refuse_one_address(&app.running.db).await;
    let mut posts = Vec::new();
    for i in 0..24 {
        let v = Visitor::new(&app);
        let email = if i == 12 { REFUSED.to_owned() } else { format!("person{i}@example.org") };
        posts.push(tokio::spawn(async move {
            let page = format!("/events/{event}");
            let status = v.submit(&page, &format!("{page}/rsvp"), &[("name", "Person"), ("email", &email)]).await.status();
            (email, status)
        }));
    }
    for post in posts {
        let (email, status) = post.await.unwrap();
        if email == REFUSED {
            assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "the refused RSVP says it failed");
        } else {
            assert_eq!(status, StatusCode::SEE_OTHER, "{email} is recorded");
        }
    }
    let count = |sql: String| {
        let conn = app.running.db.clone();
        async move { sql_i64(&conn, &sql).await }
    };
    assert_eq!(count(format!("SELECT CAST(COUNT(*) AS BIGINT) FROM rsvps WHERE event_id = {event}")).await, 23);
    assert_eq!(count(format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}")).await, 23, "no seat for the refused");
    assert_eq!(count("SELECT CAST(COUNT(*) AS BIGINT) FROM outbox".to_owned()).await, 23);
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(23, Duration::from_secs(20)).await;
    assert_eq!(mail.len(), 23);
    assert!(mail.iter().all(|m| m.rcpt_to != REFUSED), "nothing for the refused address");
    app.stop().await;
}
