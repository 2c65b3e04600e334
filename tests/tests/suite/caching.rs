//! Issue 14: what public pages read is kept between requests (`reads` in the
//! web crate), checked against the database's content version on every
//! request. These tests show it is never stale after a write (through the
//! site, or from anywhere else), never serves one visitor's parts to another,
//! and that another instance on the same database sees a change at once.
//! Real HTTP, on SQLite and PostgreSQL.

use reqwest::StatusCode;
use sea_orm::ConnectionTrait;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{sql_i64, sql_text};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    a_kept_page_is_never_stale_after_a_write,
    a_kept_page_is_never_another_visitors,
    a_second_instance_sees_a_change_at_once,
    an_rsvp_moves_the_counts_not_the_content,
);

async fn forum(db: &sea_orm::DatabaseConnection) -> i64 {
    let id = sql_i64(db, "SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await;
    // Room for everyone these tests bring.
    db.execute_unprepared(&format!("UPDATE events SET capacity = seats_taken + 20 WHERE id = {id}")).await.unwrap();
    id
}

/// The demo site with room at its forum: the app, a connection of the
/// test's own, and the forum's id and page.
struct Demo {
    _smtp: SmtpServer,
    app: TestApp,
    conn: sea_orm::DatabaseConnection,
    id: i64,
    path: String,
}

impl Demo {
    async fn start(db: &TestDb) -> Self {
        let smtp = SmtpServer::start().await;
        let app = TestApp::start(db, &smtp, Options { demo: true, ..Default::default() }).await;
        let conn = db.connect().await;
        let id = forum(&conn).await;
        Self { _smtp: smtp, app, conn, id, path: format!("/events/{id}") }
    }
}

/// What the page says under "Going".
async fn going(db: &sea_orm::DatabaseConnection, id: i64) -> String {
    let n = sql_i64(db, &format!("SELECT COALESCE(SUM(1 + guests), 0) FROM rsvps WHERE event_id = {id} AND status = 'going'")).await;
    format!("<dt>Going</dt><dd>{n} people</dd>")
}

async fn a_kept_page_is_never_stale_after_a_write(db: TestDb) {
    let Demo { _smtp, app, conn, id, path } = Demo::start(&db).await;
    let guest = Visitor::new(&app);

    // Read twice: the second comes from what was kept.
    let (_, first) = guest.get(&path).await;
    let (_, again) = guest.get(&path).await;
    let before = going(&conn, id).await;
    assert!(first.contains(&before) && again.contains(&before), "{before}");

    // A new RSVP through the site counts at once (a member's: a guest's
    // place counts once they confirm it by email).
    account(&app, "ana@example.org", "Ana Torres", false).await;
    let ana = logged_in(&app, "ana@example.org").await;
    assert_eq!(ana.submit(&path, &format!("{path}/rsvp"), &[("answer", "going")]).await.status(), StatusCode::SEE_OTHER);
    let after = going(&conn, id).await;
    assert_ne!(before, after);
    assert!(guest.get(&path).await.1.contains(&after), "the count after the RSVP: {after}");

    // An edit from elsewhere (the command line, another instance, by hand)
    // shows on every page that lists the event, on the next request.
    let title: String = sql_text(&conn, &format!("SELECT title FROM events WHERE id = {id}")).await;
    // (Its start: calendars escape commas and fold long lines.)
    let title: String = title.chars().take(20).collect();
    for list in ["/", "/chapters/queens", "/api/v1/events", "/calendar.ics"] {
        assert!(guest.get(list).await.1.contains(&title), "{list} lists {title:?} (and keeps it)");
    }
    conn.execute_unprepared(&format!("UPDATE events SET title = 'Renamed Forum on Rent' WHERE id = {id}")).await.unwrap();
    assert!(guest.get(&path).await.1.contains("Renamed Forum on Rent"), "the event page");
    for list in ["/", "/chapters/queens", "/api/v1/events", "/calendar.ics"] {
        let (_, body) = guest.get(list).await;
        assert!(body.contains("Renamed Forum on Rent"), "{list} shows the new title at once");
    }
    // A change to the venue, a row of another table, too.
    conn.execute_unprepared(&format!(
        "UPDATE venues SET name = 'Union Hall Annex' WHERE id = (SELECT venue_id FROM events WHERE id = {id})"
    ))
    .await
    .unwrap();
    assert!(guest.get(&path).await.1.contains("Union Hall Annex"), "the venue's new name");

    // Cancelling through the site.
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let res = org.submit(&path, &format!("{path}/cancel"), &[("reason", "The hall flooded.")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, cancelled) = guest.get(&path).await;
    assert!(cancelled.contains("The hall flooded."), "the cancellation and its reason, at once");
    app.stop().await;
}

async fn a_kept_page_is_never_another_visitors(db: TestDb) {
    let Demo { _smtp, app, conn, id, path } = Demo::start(&db).await;
    // The street address only for people going and organizers.
    conn.execute_unprepared(&format!("UPDATE events SET address_protection = 'rsvps' WHERE id = {id}")).await.unwrap();
    let street =
        sql_text(&conn, &format!("SELECT street_address FROM venues WHERE id = (SELECT venue_id FROM events WHERE id = {id})")).await;

    // The organizer reads the page first, so what is kept was read for them.
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let (_, for_org) = org.get(&path).await;
    assert!(for_org.contains(&street) && for_org.contains(&format!("{path}/edit")), "the organizer's page");

    // A guest from another address, right after: none of it.
    let guest = Visitor::from_address(&app, "127.0.0.2");
    let (_, for_guest) = guest.get(&path).await;
    assert!(!for_guest.contains(&street), "no protected address for a guest");
    assert!(!for_guest.contains(&format!("{path}/edit")), "no organizer's links for a guest");

    // A member who is going sees the address and their own answer; the
    // guest, after them, still neither.
    account(&app, "mia@example.org", "Mia Chen", false).await;
    let member = logged_in(&app, "mia@example.org").await;
    let res = member.submit(&path, &format!("{path}/rsvp"), &[("answer", "going")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, for_member) = member.get(&path).await;
    assert!(for_member.contains(&street) && for_member.contains("You're going"), "the member's own page");
    let (_, guest_again) = guest.get(&path).await;
    assert!(!guest_again.contains(&street) && !guest_again.contains("You're going"), "nothing of the member's");

    // Each visitor keeps their own form token: the same on every page of
    // theirs, never someone else's.
    let tokens = [csrf_of(&for_org), csrf_of(&for_guest), csrf_of(&for_member)];
    assert_eq!(csrf_of(&guest_again), tokens[1], "the guest's own token again");
    assert!(tokens[0] != tokens[1] && tokens[1] != tokens[2] && tokens[0] != tokens[2], "three visitors, three tokens");
    app.stop().await;
}

async fn a_second_instance_sees_a_change_at_once(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let one = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let two = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = db.connect().await;
    let id = forum(&conn).await;
    let path = format!("/events/{id}");
    let (on_one, on_two) = (Visitor::new(&one), Visitor::new(&two));
    // Both instances have read and kept the page.
    let before = going(&conn, id).await;
    assert!(on_one.get(&path).await.1.contains(&before) && on_two.get(&path).await.1.contains(&before));

    // An RSVP on the first shows on the second's very next request.
    account(&one, "ana@example.org", "Ana Torres", false).await;
    let ana = logged_in(&one, "ana@example.org").await;
    assert_eq!(ana.submit(&path, &format!("{path}/rsvp"), &[("answer", "going")]).await.status(), StatusCode::SEE_OTHER);
    let after = going(&conn, id).await;
    assert!(on_two.get(&path).await.1.contains(&after), "the other instance's count: {after}");
    // And an organizer's cancellation on the second shows on the first.
    account(&one, "org@example.org", "Org", false).await;
    grant(&one, "org@example.org", "queens", Role::Organizer).await;
    let org = logged_in(&two, "org@example.org").await;
    let res = org.submit(&path, &format!("{path}/cancel"), &[("reason", "Moved online.")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(on_one.get(&path).await.1.contains("Moved online."), "the first instance shows it at once");
    two.stop().await;
    one.stop().await;
}

/// (content version, counts version) as the database has them.
async fn versions(db: &sea_orm::DatabaseConnection) -> (i64, i64) {
    (
        sql_i64(db, "SELECT version FROM content_versions WHERE id = 1").await,
        sql_i64(db, "SELECT version FROM content_versions WHERE id = 2").await,
    )
}

/// An RSVP (or a change of seats by hand) shows at once in the counts and
/// the places left, without making every page read its event again: the
/// content version stays where it was, so what RSVPs do not change is still
/// served from what was kept.
async fn an_rsvp_moves_the_counts_not_the_content(db: TestDb) {
    let Demo { _smtp, app, conn, id, path } = Demo::start(&db).await;
    let guest = Visitor::new(&app);
    assert!(guest.get(&path).await.1.contains("<strong>20</strong> places left."));
    account(&app, "zoe.new@example.org", "Zoe New", false).await;
    let zoe = logged_in(&app, "zoe.new@example.org").await;
    let (content, counts) = versions(&conn).await;

    assert_eq!(zoe.submit(&path, &format!("{path}/rsvp"), &[("answer", "going")]).await.status(), StatusCode::SEE_OTHER);
    let (content_after, counts_after) = versions(&conn).await;
    assert_eq!(content_after, content, "an RSVP leaves the content version");
    assert!(counts_after > counts, "an RSVP moves the counts version");
    let (_, page) = guest.get(&path).await;
    let places = page.split("class=\"places\"").nth(1).unwrap_or_default().chars().take(80).collect::<String>();
    assert!(
        page.contains("<strong>19</strong> places left.") && page.contains(&going(&conn, id).await),
        "the new counts at once: {places}"
    );

    // Seats changed from elsewhere: the next request shows them.
    conn.execute_unprepared(&format!("UPDATE events SET seats_taken = seats_taken + 5 WHERE id = {id}")).await.unwrap();
    assert_eq!(versions(&conn).await.0, content, "seats alone leave the content version");
    assert!(guest.get(&path).await.1.contains("<strong>14</strong> places left."), "seats changed by hand show at once");

    // Anything else about the event is content.
    conn.execute_unprepared(&format!("UPDATE events SET overflow_note = 'Overflow room downstairs.' WHERE id = {id}")).await.unwrap();
    assert!(versions(&conn).await.0 > content, "an edit moves the content version");
    app.stop().await;
}

/// On SQLite the trigger that raises the content version on an update of
/// `events` names the columns it watches (every one but `seats_taken`): a
/// migration that adds a column must create it again with the new one, or
/// an edit of that column alone would leave pages stale.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_content_trigger_names_every_column_of_events_but_the_seats() {
    let db = TestDb::create(turnout_tests::Backend::Sqlite).await.expect("a SQLite database");
    let conn = db.connect().await;
    turnout_persistence::migrate(&conn).await.unwrap();
    let trigger = sql_text(&conn, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_content_version_update'").await;
    let columns = conn
        .query_all_raw(sea_orm::Statement::from_string(sea_orm::DbBackend::Sqlite, "SELECT name FROM pragma_table_info('events')"))
        .await
        .unwrap();
    assert!(columns.len() > 20, "the events table's columns");
    for row in columns {
        let name: String = row.try_get_by_index(0).unwrap();
        let named = trigger.contains(&format!("\"{name}\""));
        assert_eq!(named, name != "seats_taken", "column {name} in {trigger}");
    }
}
