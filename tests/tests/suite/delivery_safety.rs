//! Delivery through failures (issue 11, second part): an address that
//! refused mail for good gets no more reminders but still its confirmations;
//! a reminder is checked against its RSVP and event just before it goes; a
//! message its sender keeps dying on is given up after a bounded number of
//! claims; reminders are planned once, not re-inserted every sweep;
//! `pool_size` bounds the SMTP sessions; stopping ends between batches with
//! everything sent recorded; `/readyz` fails when the worker is gone.
//! Real SMTP server on loopback, SQLite and PostgreSQL.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use turnout_domain::outbox::{MessageKind, NewMessage};
use turnout_persistence::{outbox, suppression};
use turnout_tests::app::Options;
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now, sql_i64, sql_text};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::smtp::SessionCounter;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    a_refused_address_gets_no_more_reminders_but_still_its_confirmations,
    a_reminder_is_checked_against_its_rsvp_and_event_just_before_it_goes,
    a_message_its_sender_keeps_dying_on_is_given_up,
    reminders_are_planned_once_not_every_sweep,
    pool_size_bounds_the_smtp_sessions,
    stopping_ends_between_batches_and_records_what_was_sent,
    readiness_fails_when_the_mail_worker_is_gone,
    the_site_admin_sees_what_waits_and_what_failed_and_queues_it_again,
    an_event_row_this_build_cannot_read_is_skipped_not_fatal,
    organizers_see_which_addresses_bounce,
    one_click_unsubscribe_stops_the_next_reminder_for_that_person_only,
);

fn message(key: &str, kind: MessageKind, to: &str) -> NewMessage {
    NewMessage {
        dedupe_key: key.to_owned(),
        kind,
        to_address: to.to_owned(),
        to_name: "Someone".into(),
        subject: format!("About {key}"),
        body_text: "Body".into(),
        body_html: "<p>Body</p>".into(),
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        not_after: None,
        sender_name: None,
        reply_to: None,
        rsvp_id: None,
    }
}

async fn status_of(db: &turnout_persistence::Db, key: &str) -> (String, i64) {
    let status = sql_text(db, &format!("SELECT status FROM outbox WHERE dedupe_key = '{key}'")).await;
    let attempts = sql_i64(db, &format!("SELECT CAST(attempts AS BIGINT) FROM outbox WHERE dedupe_key = '{key}'")).await;
    (status, attempts)
}

async fn a_refused_address_gets_no_more_reminders_but_still_its_confirmations(db: TestDb) {
    let smtp = SmtpServer::start_with_rules().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let now = Utc::now();
    outbox::enqueue(conn, &message("confirmation:1", MessageKind::RsvpConfirmation, "refused@example.org"), now).await.unwrap();
    app.tick(now).await;
    assert_eq!(status_of(conn, "confirmation:1").await, ("failed".into(), 1));
    let lines = turnout_web::admin_cli::suppressed_lines(conn, None).await.unwrap();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("refused@example.org") && lines[0].contains("550"), "{lines:?}");

    // A reminder and a cancellation notice to it are set aside without a try;
    // the same reminder to a good address goes.
    outbox::enqueue(conn, &message("reminder:1", MessageKind::Reminder, "Refused@Example.org"), now).await.unwrap();
    outbox::enqueue(conn, &message("cancellation:1", MessageKind::Cancellation, "refused@example.org"), now).await.unwrap();
    outbox::enqueue(conn, &message("reminder:2", MessageKind::Reminder, "ok@example.org"), now).await.unwrap();
    app.tick(now + chrono::Duration::minutes(1)).await;
    assert_eq!(status_of(conn, "reminder:1").await, ("suppressed".into(), 0), "never tried (the address is compared case-folded)");
    assert_eq!(status_of(conn, "cancellation:1").await, ("suppressed".into(), 0));
    assert_eq!(status_of(conn, "reminder:2").await.0, "sent");
    let listed = turnout_web::admin_cli::outbox_lines(conn, Some("suppressed"), None, 10).await.unwrap();
    assert_eq!(listed.len(), 2, "the operator lists them: {listed:?}");

    // A new confirmation still tries (the person may have fixed their mailbox).
    outbox::enqueue(conn, &message("confirmation:2", MessageKind::RsvpConfirmation, "refused@example.org"), now).await.unwrap();
    app.tick(now + chrono::Duration::minutes(2)).await;
    assert_eq!(status_of(conn, "confirmation:2").await, ("failed".into(), 1), "tried once more, refused once more");

    // An address that accepts mail again is lifted by the delivery itself…
    suppression::suppress(conn, "ok@example.org", "550 earlier", now).await.unwrap();
    outbox::enqueue(conn, &message("account:1", MessageKind::Account, "ok@example.org"), now).await.unwrap();
    app.tick(now + chrono::Duration::minutes(3)).await;
    assert_eq!(status_of(conn, "account:1").await.0, "sent");
    assert!(turnout_web::admin_cli::suppressed_lines(conn, Some("ok@")).await.unwrap().is_empty(), "it took mail: lifted");
    // …or by the operator.
    turnout_web::admin_cli::unsuppress(conn, "refused@example.org").await.unwrap();
    assert!(turnout_web::admin_cli::unsuppress(conn, "refused@example.org").await.is_err(), "not suppressed any more: said so");
    outbox::enqueue(conn, &message("reminder:3", MessageKind::Reminder, "refused@example.org"), now).await.unwrap();
    app.tick(now + chrono::Duration::minutes(4)).await;
    assert_eq!(status_of(conn, "reminder:3").await, ("failed".into(), 1), "tried again after the operator lifted it");
    let delivered: Vec<String> = smtp.messages().into_iter().map(|m| m.subject).collect();
    assert_eq!(delivered, ["About reminder:2", "About account:1"]);
    app.stop().await;
}

async fn a_reminder_is_checked_against_its_rsvp_and_event_just_before_it_goes(db: TestDb) {
    use turnout_persistence::entities::{event, rsvp};
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let start = days_from_now(4);
    let stays = chapter_with_event(conn, EventSpec::public("Stays Put", start)).await;
    let moves = chapter_with_event(conn, EventSpec::public("Moves Later", start)).await;
    for (event, name, email) in [(stays, "Ada", "ada@example.org"), (stays, "Bo", "bo@example.org"), (moves, "Cy", "cy@example.org")] {
        assert_eq!(app.rsvp(event, name, email).await.status(), StatusCode::OK);
    }
    app.tick(Utc::now()).await;
    smtp.wait_for(3, Duration::from_secs(10)).await;

    // The day-before reminders are planned (queued, not yet sent)…
    let day_before = start - chrono::Duration::hours(24);
    assert_eq!(turnout_notifications::plan_reminders(conn, day_before, &app.running.state.site_links()).await.unwrap(), 3);
    // …then Bo cancels and the other event moves a day later, by ways that
    // do not touch the outbox.
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value("cancelled"))
        .filter(rsvp::Column::Email.eq("bo@example.org"))
        .exec(conn)
        .await
        .unwrap();
    event::Entity::update_many()
        .col_expr(event::Column::StartsAt, Expr::value(start + chrono::Duration::days(1)))
        .filter(event::Column::Id.eq(moves))
        .exec(conn)
        .await
        .unwrap();
    app.tick(day_before + chrono::Duration::minutes(1)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let reminders: Vec<String> = smtp.messages().into_iter().filter(|m| m.subject.starts_with("Reminder")).map(|m| m.rcpt_to).collect();
    assert_eq!(reminders, ["ada@example.org"], "only the reminder that still tells the truth");
    let why = |to: &str| format!("SELECT status || ': ' || last_error FROM outbox WHERE kind = 'reminder' AND to_address = '{to}'");
    let bo = sql_text(conn, &why("bo@example.org")).await;
    assert!(bo.starts_with("withdrawn") && bo.contains("no longer going"), "{bo}");
    let cy = sql_text(conn, &why("cy@example.org")).await;
    assert!(cy.starts_with("withdrawn") && cy.contains("moved"), "{cy}");
    app.stop().await;
}

async fn a_message_its_sender_keeps_dying_on_is_given_up(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let lease = turnout_notifications::dispatch::LEASE;
    let mut t = Utc::now();
    outbox::enqueue(conn, &message("deadly:1", MessageKind::Account, "deadly@example.org"), t).await.unwrap();
    // Three senders each claim it and die before any outcome is recorded.
    for _ in 0..3 {
        assert_eq!(outbox::claim(conn, t, 10, lease).await.unwrap().len(), 1);
        t += lease + chrono::Duration::seconds(1);
    }
    // The next sweep claims it a fourth time and gives it up unsent; the
    // message queued beside it goes.
    outbox::enqueue(conn, &message("unlucky:1", MessageKind::Account, "unlucky@example.org"), t).await.unwrap();
    app.tick(t).await;
    let (status, attempts) = status_of(conn, "deadly:1").await;
    assert_eq!((status.as_str(), attempts), ("failed", 0), "given up without being tried a fourth time");
    assert!(sql_text(conn, "SELECT last_error FROM outbox WHERE dedupe_key = 'deadly:1'").await.contains("without an outcome"));
    assert_eq!(status_of(conn, "unlucky:1").await.0, "sent");
    let to: Vec<String> = smtp.wait_for(1, Duration::from_secs(10)).await.into_iter().map(|m| m.rcpt_to).collect();
    assert_eq!(to, ["unlucky@example.org"]);
    app.stop().await;
}

async fn reminders_are_planned_once_not_every_sweep(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let start = days_from_now(3);
    let event = chapter_with_event(conn, EventSpec::public("Planned Once", start)).await;
    for i in 0..5 {
        assert_eq!(app.rsvp(event, &format!("P{i}"), &format!("p{i}@example.org")).await.status(), StatusCode::OK);
    }
    // Every attempt to insert a reminder is counted, including those the
    // unique key turns into no-ops.
    let postgres = conn.get_database_backend() == sea_orm::DbBackend::Postgres;
    let setup: &[&str] = if postgres {
        &[
            "CREATE TABLE insert_attempts (n INTEGER)",
            "CREATE FUNCTION count_attempt() RETURNS trigger AS $$ BEGIN INSERT INTO insert_attempts VALUES (1); RETURN NEW; END $$ LANGUAGE plpgsql",
            "CREATE TRIGGER count_reminder_inserts BEFORE INSERT ON outbox FOR EACH ROW WHEN (NEW.kind = 'reminder') EXECUTE FUNCTION count_attempt()",
        ]
    } else {
        &[
            "CREATE TABLE insert_attempts (n INTEGER)",
            "CREATE TRIGGER count_reminder_inserts BEFORE INSERT ON outbox FOR EACH ROW WHEN NEW.kind = 'reminder' BEGIN INSERT INTO insert_attempts VALUES (1); END",
        ]
    };
    for sql in setup {
        conn.execute_unprepared(sql).await.unwrap();
    }
    // A sweep every half hour from the day before to the start.
    let mut t = start - chrono::Duration::hours(24);
    let mut queued = 0;
    while t < start {
        queued += app.tick(t).await.reminders_queued;
        t += chrono::Duration::minutes(30);
    }
    assert_eq!(queued, 10, "five day-before and five two-hours-before reminders");
    let attempts = sql_i64(conn, "SELECT COUNT(*) FROM insert_attempts").await;
    assert_eq!(attempts, 10, "each reminder written once, not once per sweep");
    let at_server = smtp.wait_for(15, Duration::from_secs(10)).await.iter().filter(|m| m.subject.starts_with("Reminder")).count();
    assert_eq!(at_server, 10);
    app.stop().await;
}

async fn pool_size_bounds_the_smtp_sessions(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let counter = SessionCounter::start(smtp.port).await;
    let extra: &'static str = Box::leak(format!("[email.smtp]\nport = {}\npool_size = 2\n", counter.port).into_boxed_str());
    let app = TestApp::start(&db, &smtp, Options { extra, ..Default::default() }).await;
    let conn = &app.running.db;
    let now = Utc::now();
    for i in 0..40 {
        outbox::enqueue(conn, &message(&format!("account:{i}"), MessageKind::Account, &format!("p{i}@example.org")), now).await.unwrap();
    }
    assert_eq!(app.tick(now).await.delivered, 40);
    assert_eq!(smtp.wait_for(40, Duration::from_secs(20)).await.len(), 40);
    assert!(counter.peak() <= 2, "at most pool_size sessions at once, saw {}", counter.peak());
    assert!(counter.total() <= 4, "sessions are reused, not one per message: {} opened", counter.total());
    app.stop().await;
}

async fn stopping_ends_between_batches_and_records_what_was_sent(db: TestDb) {
    // Each message takes the server a fifth of a second: a batch of 256
    // takes about 13 s over the default pool of 4, and the backlog more.
    let total = turnout_notifications::DISPATCH_BATCH as i64 + 100;
    let smtp = SmtpServer::start_with_rules().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    let conn = &app.running.db;
    let now = Utc::now();
    for i in 0..total {
        outbox::enqueue(conn, &message(&format!("account:{i}"), MessageKind::Account, &format!("slow{i}@example.org")), now).await.unwrap();
    }
    app.running.state.notifier.wake();
    smtp.wait_for(1, Duration::from_secs(20)).await;
    let asked = std::time::Instant::now();
    app.stop().await;
    let took = asked.elapsed();
    assert!(took < Duration::from_secs(20), "stopped after the batch in hand, not the backlog: {took:?}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let conn = db.connect().await;
    let at_server = smtp.messages().len() as i64;
    let sent = sql_i64(&conn, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'").await;
    let pending = sql_i64(&conn, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'").await;
    assert_eq!(sent, at_server, "every message the server took is recorded as sent");
    assert!(pending > 0 && sent + pending == total, "the rest waits for the next start: {sent} sent, {pending} pending");
    let held = sql_i64(&conn, "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND claimed_until IS NOT NULL").await;
    assert_eq!(held, 0, "nothing is left claimed by the stopped process");
    // The batch claimed ahead while the last one was sent is handed back, and
    // that claim does not count towards giving a message up.
    let counted = sql_i64(&conn, "SELECT COUNT(*) FROM outbox WHERE status = 'pending' AND claims > 0").await;
    assert_eq!(counted, 0, "a claim handed back unsent is not counted");
}

async fn readiness_fails_when_the_mail_worker_is_gone(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { worker: true, ..Default::default() }).await;
    assert_eq!(reqwest::get(app.url("/readyz")).await.unwrap().status(), StatusCode::OK);
    app.running.state.notifier.end_worker_for_test();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let status = reqwest::get(app.url("/readyz")).await.unwrap().status();
        if status == StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "/readyz still says {status} with the worker gone");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(reqwest::get(app.url("/healthz")).await.unwrap().status(), StatusCode::OK, "alive, but not ready");
    app.stop().await;
}

async fn the_site_admin_sees_what_waits_and_what_failed_and_queues_it_again(db: TestDb) {
    use turnout_tests::people::{account, logged_in};
    let smtp = SmtpServer::start_with_rules().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let queued = Utc::now() - chrono::Duration::minutes(40);
    outbox::enqueue(conn, &message("confirmation:1", MessageKind::RsvpConfirmation, "refused@example.org"), queued).await.unwrap();
    app.tick(Utc::now()).await;
    // Three more wait behind a relay that defers them, the oldest for 40 minutes.
    for i in 0..3 {
        outbox::enqueue(conn, &message(&format!("account:{i}"), MessageKind::Account, &format!("busy{i}@example.org")), queued)
            .await
            .unwrap();
    }
    app.tick(Utc::now()).await;
    account(&app, "admin@example.org", "Site Admin", true).await;
    let admin = logged_in(&app, "admin@example.org").await;
    let (status, page) = admin.get("/admin/outbox").await;
    assert_eq!(status, StatusCode::OK);
    let text = visible_text(&page);
    assert!(text.contains("Waiting to be sent 3"), "{text}");
    assert!(text.contains("Failed (given up) 1"), "{text}");
    assert!(text.contains("min ago") && text.contains("waiting for more than 15 minutes"), "the stuck queue is called out: {text}");
    assert!(text.contains("refused@example.org") && text.contains("550"), "the failure and why: {text}");
    assert!(text.contains("Suppressed addresses") && text.contains("Let mail go again"));

    // Queue it again: back in the queue, and the audit log says who did it.
    let id = sql_i64(conn, "SELECT id FROM outbox WHERE dedupe_key = 'confirmation:1'").await;
    let res = admin.submit("/admin/outbox", "/admin/outbox/requeue", &[("id", &id.to_string())]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, after) = admin.follow(res).await;
    assert!(visible_text(&after).contains("queued again"));
    assert_eq!(status_of(conn, "confirmation:1").await, ("pending".into(), 0));
    let nonsense = admin.submit("/admin/outbox", "/admin/outbox/requeue", &[("id", "seven")]).await;
    assert_eq!(nonsense.status(), StatusCode::BAD_REQUEST);
    let res = admin.submit("/admin/outbox", "/admin/outbox/unsuppress", &[("address", "refused@example.org")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(suppression::list(conn, None).await.unwrap().is_empty());
    let (_, audit) = admin.get("/admin/audit").await;
    assert!(audit.contains("outbox.requeue") && audit.contains("outbox.unsuppress"));
    app.stop().await;
}

async fn an_event_row_this_build_cannot_read_is_skipped_not_fatal(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let start = days_from_now(2);
    let good = chapter_with_event(conn, EventSpec::public("Readable Meeting", start)).await;
    let odd = chapter_with_event(conn, EventSpec::public("From A Newer Version", start)).await;
    for (event, email) in [(good, "good@example.org"), (odd, "odd@example.org")] {
        assert_eq!(app.rsvp(event, "Someone", email).await.status(), StatusCode::OK);
    }
    // A newer version wrote a kind this build does not know.
    conn.execute_unprepared(&format!("UPDATE events SET kind = 'hackathon' WHERE id = {odd}")).await.unwrap();
    let (status, home) = turnout_tests::app::Visitor::new(&app).get("/").await;
    assert_eq!(status, StatusCode::OK, "the list page still works");
    assert!(home.contains("Readable Meeting") && !home.contains("From A Newer Version"));
    // Planning and delivery go on for everything else.
    let report = app.tick(start - chrono::Duration::hours(24)).await;
    assert_eq!(report.reminders_queued, 1, "the readable event's reminder");
    let reminders: Vec<String> = smtp
        .wait_for(3, Duration::from_secs(10))
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder"))
        .map(|m| m.rcpt_to)
        .collect();
    assert_eq!(reminders, ["good@example.org"]);
    app.stop().await;
}

/// The words of a page as a person reads them: tags dropped, spaces collapsed.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An organizer sees, on the attendee list, which people's addresses refuse
/// mail (and so get no reminders), and only those.
async fn organizers_see_which_addresses_bounce(db: TestDb) {
    let smtp = SmtpServer::start_with_rules().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let event = chapter_with_event(conn, EventSpec::public("Tenant Assembly", days_from_now(6))).await;
    assert_eq!(app.rsvp(event, "Rosa", "refused.rosa@example.org").await.status(), StatusCode::OK);
    assert_eq!(app.rsvp(event, "Ana", "ana@example.org").await.status(), StatusCode::OK);
    app.tick(Utc::now()).await;
    smtp.wait_for(1, Duration::from_secs(10)).await;

    let slug = sql_text(conn, &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {event}")).await;
    account(&app, "org@example.org", "Org", false).await;
    grant(&app, "org@example.org", &slug, turnout_domain::policy::Role::Organizer).await;
    let org = logged_in(&app, "org@example.org").await;
    let (status, page) = org.get(&format!("/events/{event}/attendees")).await;
    assert_eq!(status, StatusCode::OK);
    let row = |email: &str| {
        let at = page.find(email).unwrap_or_else(|| panic!("{email} is listed"));
        page[at..].split("</tr>").next().unwrap_or_default().to_owned()
    };
    assert!(row("refused.rosa@example.org").contains("Bounced:"), "{}", row("refused.rosa@example.org"));
    assert!(!row("ana@example.org").contains("Bounced"), "{}", row("ana@example.org"));

    // The chapter's member list says the same of a member whose mail bounced.
    account(&app, "lena@example.org", "Lena", false).await;
    grant(&app, "lena@example.org", &slug, turnout_domain::policy::Role::Member).await;
    suppression::suppress(conn, "Lena@example.org", "550 no such user", Utc::now()).await.unwrap();
    let (status, members) = org.get(&format!("/chapters/{slug}/members")).await;
    assert_eq!(status, StatusCode::OK);
    let lena = &members[members.find("lena@example.org").expect("Lena is listed")..];
    assert!(lena.split("</tr>").next().unwrap().contains("Bounced:"), "{lena}");
    let own = &members[members.find("org@example.org").expect("the organizer is listed")..];
    assert!(!own.split("</tr>").next().unwrap().contains("Bounced"));
    app.stop().await;
}

/// RFC 8058: a reminder carries List-Unsubscribe and List-Unsubscribe-Post;
/// a mail program's POST to that link, with no cookie and no form token,
/// stops the next reminder to that address and no one else's; the same link
/// in a browser shows the choice and turns reminders on again.
async fn one_click_unsubscribe_stops_the_next_reminder_for_that_person_only(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let conn = &app.running.db;
    let now = Utc::now();
    outbox::enqueue(conn, &message("reminder:1", MessageKind::Reminder, "Rosa@example.org"), now).await.unwrap();
    outbox::enqueue(conn, &message("confirmation:1", MessageKind::RsvpConfirmation, "rosa@example.org"), now).await.unwrap();
    app.tick(now).await;
    let mail = smtp.wait_for(2, Duration::from_secs(10)).await;
    let reminder = mail.iter().find(|m| m.subject == "About reminder:1").expect("the reminder");
    let confirmation = mail.iter().find(|m| m.subject == "About confirmation:1").expect("the confirmation");
    assert_eq!(reminder.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
    let header = reminder.header("List-Unsubscribe");
    let url = header.strip_prefix('<').and_then(|h| h.strip_suffix('>')).unwrap_or_else(|| panic!("one URL in angle brackets: {header}"));
    assert!(url.starts_with(&app.url("/unsubscribe/")) && url.ends_with("?category=reminders"), "{url}");
    assert!(confirmation.header("List-Unsubscribe").is_empty(), "a confirmation always goes: nothing to leave");

    // The mail program's POST: no cookie, no CSRF token, the fixed body.
    let bare = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let one_click =
        |url: String| bare.post(url).header("content-type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").send();
    assert_eq!(one_click(url.to_owned()).await.unwrap().status(), StatusCode::OK);
    let forged = url.replacen("/unsubscribe/", "/unsubscribe/x", 1);
    assert_eq!(one_click(forged).await.unwrap().status(), StatusCode::BAD_REQUEST, "a changed link does nothing");

    outbox::enqueue(conn, &message("reminder:2", MessageKind::Reminder, "rosa@example.org"), now).await.unwrap();
    outbox::enqueue(conn, &message("reminder:3", MessageKind::Reminder, "ana@example.org"), now).await.unwrap();
    outbox::enqueue(conn, &message("confirmation:2", MessageKind::RsvpConfirmation, "rosa@example.org"), now).await.unwrap();
    app.tick(now + chrono::Duration::minutes(1)).await;
    assert_eq!(status_of(conn, "reminder:2").await, ("withdrawn".into(), 0), "Rosa's next reminder is not sent");
    assert_eq!(status_of(conn, "reminder:3").await.0, "sent", "Ana's still goes");
    assert_eq!(status_of(conn, "confirmation:2").await.0, "sent", "confirmations always go");

    // In a browser, without logging in: the choice, and a way back.
    let browser = turnout_tests::app::Visitor::new(&app);
    let path = &url[app.url("").len()..];
    let (status, page) = browser.get(path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("rosa@example.org") && page.contains("Reminders before events I RSVP'd to: <strong>off</strong>"), "{page}");
    let back = bare
        .post(url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("category=reminders&choice=on")
        .send()
        .await
        .unwrap();
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    outbox::enqueue(conn, &message("reminder:4", MessageKind::Reminder, "rosa@example.org"), now).await.unwrap();
    app.tick(now + chrono::Duration::minutes(2)).await;
    assert_eq!(status_of(conn, "reminder:4").await.0, "sent", "reminders on again");

    // A member reaches the same choices from their account page.
    account(&app, "rosa@example.org", "Rosa", false).await;
    let (_, mine) = logged_in(&app, "rosa@example.org").await.get("/account").await;
    let bare_path = path.split('?').next().unwrap();
    assert!(mine.contains(&format!("href=\"{bare_path}\"")), "the account page links to {bare_path}");
    app.stop().await;
}
