//! Delivery as operators run it: the real `turnout serve` binary as a child
//! process, killed mid-wave and restarted, or two of them on one PostgreSQL
//! database; three instances planning the same reminders at the same
//! instant; and an SMTP outage that ends. Every message arrives, none is
//! lost, and a repeat is only ever what was in flight, with the same
//! Message-ID. Real SMTP server on loopback; SQLite and PostgreSQL.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::TransactionTrait;
use tokio::sync::Barrier;
use turnout_domain::outbox::{MessageKind, NewMessage};
use turnout_domain::reminders::ReminderOffset;
use turnout_domain::rsvp::{Answer, Reply};
use turnout_persistence::outbox;
use turnout_persistence::rsvps::{self, NewRsvp};
use turnout_tests::app::Options;
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now};
use turnout_tests::process::Instance;
use turnout_tests::smtp::Received;
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    a_killed_instance_loses_nothing_and_repeats_only_what_was_in_flight,
    three_instances_plan_each_reminder_once,
    an_smtp_outage_delays_reminders_but_loses_none,
);

/// A reminder as the planner writes it, to a recipient of its own.
fn reminder(i: usize) -> NewMessage {
    let name = format!("Member {i}");
    NewMessage {
        dedupe_key: format!("reminder:{i}:120m:1796000000"),
        kind: MessageKind::Reminder,
        to_address: format!("member{i}@example.org"),
        to_name: name.clone(),
        subject: "Reminder: Tenant Power Forum starts in 2 hours".into(),
        body_text: format!(
            "Hello {name},\n\nA reminder that Tenant Power Forum starts in 2 hours.\n\n\
             7:00pm EST, Union Hall, 1 Main St, Room 2, Queens, NY\nE/F/R/M & 7 trains to 74th St\n\n\
             Can't come any more? Change your RSVP: https://events.example.org/rsvp/manage/token{i}\n"
        ),
        body_html: format!(
            "<p>Hello {name},</p><p>A reminder that <strong>Tenant Power Forum</strong> starts in 2 hours.</p>\
             <p>7:00pm EST, Union Hall, 1 Main St, Room 2, Queens, NY</p>\
             <p><a href=\"https://events.example.org/rsvp/manage/token{i}\">Change your RSVP</a></p>"
        ),
        ics: None,
        unsubscribe_url: None,
        event_id: None,
        not_after: Some(Utc::now() + chrono::Duration::days(1)),
        sender_name: Some("Queens Branch".into()),
        reply_to: None,
        rsvp_id: None,
    }
}

/// Migrates the database and queues `n` reminders, all due now, before any
/// instance runs (one transaction: seeding is not what is measured).
async fn seed(db: &TestDb, n: usize) {
    let conn = db.connect().await;
    turnout_persistence::migrate(&conn).await.expect("migrate");
    let tx = conn.begin().await.expect("begin");
    let now = Utc::now();
    for i in 0..n {
        assert!(outbox::enqueue(&tx, &reminder(i), now).await.expect("enqueue"), "message {i} queued");
    }
    tx.commit().await.expect("commit");
    let _ = conn.close().await;
}

/// What arrived, per recipient: the Message-ID of every copy they got.
fn by_recipient(got: &[Received]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in got {
        map.entry(m.rcpt_to.clone()).or_default().push(m.header("Message-ID"));
    }
    map
}

fn distinct_ids(got: &[Received]) -> usize {
    got.iter().map(|m| m.header("Message-ID")).collect::<BTreeSet<_>>().len()
}

/// The outbox's messages that are not sent, described for a failure message.
async fn unsent(conn: &turnout_persistence::Db) -> Vec<String> {
    let rows = outbox::all(conn).await.expect("read the outbox");
    rows.into_iter()
        .filter(|r| r.status != outbox::SENT)
        .map(|r| format!("{} {} (claimed until {:?}, attempts {})", r.to_address, r.status, r.claimed_until, r.attempts))
        .collect()
}

/// How soon after a restart everything must be delivered: the acceptance
/// criterion for recovering from a crash. What the dead instance had claimed
/// waits for its claim to run out, so this needs a claim lease under 30 s
/// (with the 5-minute lease of 2026-12 it fails).
const DELIVERED_WITHIN: Duration = Duration::from_secs(30);

/// The batch being sent at the kill usually reaches the server whole (the
/// dead process had already written it to its sockets) but is never marked
/// sent, so it goes out again: those repeats are allowed, nothing else.
async fn a_killed_instance_loses_nothing_and_repeats_only_what_was_in_flight(db: TestDb) {
    const MESSAGES: usize = 1000;
    const KILL_AFTER: usize = 100;
    let in_flight = turnout_notifications::DISPATCH_BATCH as usize;
    seed(&db, MESSAGES).await;
    let smtp = SmtpServer::start().await;

    // The first instance starts on the wave and is killed in the middle of it.
    let mut first = Instance::start(&db.url, smtp.port, &[]).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    while smtp.count() < KILL_AFTER {
        assert!(Instant::now() < deadline, "{} of {MESSAGES} arrived within 60 s; the log:\n{}", smtp.count(), first.log());
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.kill().await;
    let at_kill = smtp.count();
    assert!(at_kill < MESSAGES, "the kill came in the middle of the wave ({at_kill} of {MESSAGES} had arrived)");

    // A new instance takes over. Done means every message at the server and
    // marked sent: a message left claimed by the dead instance would
    // otherwise go out (again) only when its claim runs out.
    let restarted = Instant::now();
    let mut second = Instance::start(&db.url, smtp.port, &[]).await;
    let conn = db.connect().await;
    while restarted.elapsed() < DELIVERED_WITHIN {
        let pending = outbox::count_by_status(&conn, outbox::PENDING).await.expect("count the pending messages");
        if pending == 0 && smtp.count() >= MESSAGES {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let took = restarted.elapsed();
    let left = unsent(&conn).await;
    let got = smtp.messages();
    let per_recipient = by_recipient(&got);
    let repeats = got.len() - distinct_ids(&got);
    eprintln!(
        "{:?}: killed with {at_kill} of {MESSAGES} at the server; after the restart, {took:?}: {} distinct at the server, {repeats} repeats, {} not marked sent",
        db.backend,
        distinct_ids(&got),
        left.len()
    );

    // A repeat is the same message again (a receiver can recognise it), and
    // only what the dead instance had in flight may be repeated.
    for (to, ids) in &per_recipient {
        let distinct: BTreeSet<_> = ids.iter().collect();
        assert_eq!(distinct.len(), 1, "{to} got different Message-IDs: {ids:?}");
        assert!(ids[0].starts_with("<turnout."), "{to}'s Message-ID comes from the outbox: {}", ids[0]);
    }
    assert!(repeats <= in_flight, "{repeats} messages arrived twice; at most the {in_flight} in flight at the kill may");
    for m in &got {
        let n = m.rcpt_to.trim_start_matches("member").trim_end_matches("@example.org");
        assert!(
            m.to.contains(&format!("Member {n}")) && m.to.contains(&m.rcpt_to),
            "{}'s message is addressed to them: {}",
            m.rcpt_to,
            m.to
        );
    }

    // Nothing lost, and all of it done within the time allowed.
    assert_eq!(
        per_recipient.len(),
        MESSAGES,
        "every recipient got their message within {DELIVERED_WITHIN:?} of the restart; not sent yet: {:?}",
        left.iter().take(3).collect::<Vec<_>>()
    );
    assert!(
        left.is_empty(),
        "{} messages were still not sent {DELIVERED_WITHIN:?} after the restart, held by the killed instance's claim: {:?}",
        left.len(),
        left.iter().take(3).collect::<Vec<_>>()
    );
    assert_eq!(distinct_ids(&got), MESSAGES, "one Message-ID per message");
    let status = second.terminate(Duration::from_secs(15)).await;
    assert!(status.success(), "turnout stopped cleanly on SIGTERM: {status}; the log:\n{}", second.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgres_deliver_ten_thousand_once() {
    const MESSAGES: usize = 10_000;
    let Some(db) = TestDb::create(Backend::Postgres).await else { return };
    let seeding = Instant::now();
    seed(&db, MESSAGES).await;
    eprintln!("two instances: {MESSAGES} messages queued in {:?}", seeding.elapsed());
    let smtp = SmtpServer::start().await;
    let began = Instant::now();
    // Each instance signs its messages with its own name: the From header tells who sent what.
    let (mut a, mut b) = tokio::join!(
        Instance::start(&db.url, smtp.port, &[("TURNOUT__EMAIL__FROM_NAME", "Turnout A")]),
        Instance::start(&db.url, smtp.port, &[("TURNOUT__EMAIL__FROM_NAME", "Turnout B")]),
    );
    let deadline = began + Duration::from_secs(300);
    while smtp.count() < MESSAGES && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = began.elapsed();
    // Anything sent twice would arrive right behind the rest: give it a moment.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got = smtp.messages();
    let from_a = got.iter().filter(|m| m.header("From").contains("via Turnout A")).count();
    let from_b = got.iter().filter(|m| m.header("From").contains("via Turnout B")).count();
    eprintln!("two instances: {} messages in {took:?}; A sent {from_a}, B sent {from_b}", got.len());

    assert_eq!(distinct_ids(&got), MESSAGES, "every message arrived (within 5 minutes)");
    assert_eq!(got.len(), MESSAGES, "and none twice");
    assert_eq!(by_recipient(&got).len(), MESSAGES, "each recipient got theirs");
    assert_eq!(from_a + from_b, MESSAGES, "every message came from one of the two");
    assert!(from_a > 0 && from_b > 0, "both instances delivered some (A {from_a}, B {from_b})");
    let conn = db.connect().await;
    assert_eq!(outbox::count_by_status(&conn, outbox::SENT).await.unwrap(), MESSAGES as u64, "the outbox has them all as sent");
    for instance in [&mut a, &mut b] {
        let status = instance.terminate(Duration::from_secs(15)).await;
        assert!(status.success(), "stopped cleanly on SIGTERM: {status}; the log:\n{}", instance.log());
    }
}

/// `n` people going to `event`, recorded the way an RSVP is (no confirmations queued).
async fn going(app: &TestApp, event: i64, n: usize) {
    for i in 0..n {
        let (name, email) = (format!("Member {i}"), format!("member{i}@example.org"));
        let new = NewRsvp {
            name: &name,
            email: &email,
            user_id: None,
            reply: Reply { answer: Answer::Going, guests: 0 },
            hold_until: None,
            waitlist: false,
            language: turnout_domain::language::Language::English,
            reserved: None,
        };
        rsvps::record(&app.running.db, event, new, Utc::now()).await.expect("record an RSVP");
    }
}

/// One instance's sweep, released together with the others by `barrier`.
async fn sweep(app: &TestApp, barrier: &Barrier, at: chrono::DateTime<Utc>) -> turnout_notifications::TickReport {
    barrier.wait().await;
    app.tick(at).await
}

async fn three_instances_plan_each_reminder_once(db: TestDb) {
    const PEOPLE: usize = 50;
    let smtp = SmtpServer::start().await;
    // Three instances: each its own database pool and SMTP connections.
    let apps = [
        TestApp::start(&db, &smtp, Options::default()).await,
        TestApp::start(&db, &smtp, Options::default()).await,
        TestApp::start(&db, &smtp, Options::default()).await,
    ];
    let start = days_from_now(3);
    let event = chapter_with_event(&apps[0].running.db, EventSpec::public("Tenant Power Forum", start)).await;
    going(&apps[0], event, PEOPLE).await;

    // At each reminder's moment all three sweep at once.
    let zone = chrono_tz::America::New_York;
    let moments = [ReminderOffset::DayBefore.due_at(start, zone), ReminderOffset::Before(chrono::Duration::hours(2)).due_at(start, zone)];
    let mut delivered = 0;
    for at in moments.into_iter().chain([moments[1] + chrono::Duration::minutes(1)]) {
        let barrier = Barrier::new(apps.len());
        let reports = tokio::join!(sweep(&apps[0], &barrier, at), sweep(&apps[1], &barrier, at), sweep(&apps[2], &barrier, at));
        let reports = [reports.0, reports.1, reports.2];
        delivered += reports.iter().map(|r| r.delivered).sum::<usize>();
        let queued: usize = reports.iter().map(|r| r.reminders_queued).sum();
        let expected = if at == moments[0] || at == moments[1] { PEOPLE } else { 0 };
        assert_eq!(queued, expected, "the three sweeps at {at} queued one reminder per person between them: {reports:?}");
    }
    assert_eq!(delivered, 2 * PEOPLE, "the sweeps delivered each reminder once between them");

    // The outbox holds one reminder per person per moment.
    let rows = outbox::all(&apps[0].running.db).await.expect("read the outbox");
    let mut subjects: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.kind == MessageKind::Reminder.as_str()) {
        subjects.entry(r.to_address.clone()).or_default().push(r.subject.clone());
    }
    assert_eq!(subjects.len(), PEOPLE, "everyone going has reminders");
    for (to, s) in &subjects {
        let mut s = s.clone();
        s.sort();
        let phrase = |at| format!("Reminder: Tenant Power Forum starts {}", turnout_domain::reminders::lead_phrase(start, zone, at));
        let mut want = [phrase(moments[0]), phrase(moments[1])];
        want.sort();
        assert_eq!(s, want, "{to}: one reminder per moment");
    }

    // And each person received exactly those two.
    let got = smtp.wait_for(2 * PEOPLE, Duration::from_secs(20)).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = if smtp.count() > got.len() { smtp.messages() } else { got };
    assert_eq!(got.len(), 2 * PEOPLE, "two reminders per person arrived, no more");
    // (Both may read "starts tomorrow at …" when the event starts soon after
    // midnight: they are counted, not told apart by subject.)
    let mut arrived: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in &got {
        arrived.entry(m.rcpt_to.clone()).or_default().push(m.subject.clone());
    }
    assert_eq!(arrived.len(), PEOPLE);
    assert!(arrived.values().all(|s| s.len() == 2), "each person got the day-before and the 2-hour reminder: {arrived:?}");
    for app in apps {
        app.stop().await;
    }
}

async fn an_smtp_outage_delays_reminders_but_loses_none(db: TestDb) {
    const PEOPLE: usize = 100;
    // The configured SMTP port has nothing listening: the mail server is down.
    let port = SmtpServer::unused_port();
    let app = TestApp::start_with_smtp_port(&db, port, Options::default()).await;
    let start = days_from_now(3);
    let event = chapter_with_event(&app.running.db, EventSpec::public("Tenant Power Forum", start)).await;
    going(&app, event, PEOPLE).await;
    let due = ReminderOffset::Before(chrono::Duration::hours(2)).due_at(start, chrono_tz::America::New_York);

    // Three minutes of sweeps, every 30 seconds: nothing gets out, nothing is given up.
    let first = app.tick(due).await;
    assert_eq!(first, turnout_notifications::TickReport { reminders_queued: PEOPLE, notices_queued: 0, digests_queued: 0, delivered: 0 });
    for step in 1..=6 {
        let report = app.tick(due + chrono::Duration::seconds(30 * step)).await;
        assert_eq!(report.delivered, 0, "nothing can be delivered while the server is down");
    }
    let conn = &app.running.db;
    assert_eq!(outbox::count_by_status(conn, outbox::PENDING).await.unwrap(), PEOPLE as u64, "all still waiting");
    assert_eq!(outbox::count_by_status(conn, outbox::FAILED).await.unwrap(), 0, "none given up");
    let rows = outbox::all(conn).await.unwrap();
    assert!(
        rows.iter().all(|r| r.attempts >= 2),
        "each was tried more than once: {:?}",
        rows.iter().map(|r| r.attempts).collect::<Vec<_>>()
    );

    // The server comes back on the same port; the sweep after the last back-off delivers all.
    let smtp = SmtpServer::start_on(port).await;
    let retry = rows.iter().map(|r| r.send_after).max().expect("rows") + chrono::Duration::seconds(1);
    assert!(retry - due < chrono::Duration::minutes(10), "the retries back off by minutes, not hours: {}", retry - due);
    let report = app.tick(retry).await;
    assert_eq!(report.delivered, PEOPLE, "every reminder delivered by one sweep after the outage");
    let got = smtp.wait_for(PEOPLE, Duration::from_secs(20)).await;
    assert_eq!(app.tick(retry + chrono::Duration::minutes(5)).await.delivered, 0, "nothing left to send");
    tokio::time::sleep(Duration::from_millis(500)).await;
    let got = if smtp.count() > got.len() { smtp.messages() } else { got };
    assert_eq!(got.len(), PEOPLE, "one reminder per person, none twice");
    let to: BTreeSet<_> = got.iter().map(|m| m.rcpt_to.clone()).collect();
    assert_eq!(to.len(), PEOPLE, "each person got theirs");
    let when = turnout_domain::reminders::lead_phrase(start, chrono_tz::America::New_York, due);
    assert!(got.iter().all(|m| m.subject == format!("Reminder: Tenant Power Forum starts {when}")), "the 2-hour reminder");
    assert_eq!(outbox::count_by_status(conn, outbox::SENT).await.unwrap(), PEOPLE as u64);
    app.stop().await;
}

/// Out of the box mail says it is from turnout@localhost and links to
/// 127.0.0.1: `turnout serve` says so in one log line when it sends by SMTP,
/// and is quiet once both are set.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn serve_warns_once_when_real_mail_would_carry_the_defaults() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let smtp = SmtpServer::start().await;
    let warning = "email goes out by SMTP but";

    let mut defaults = Instance::start(&db.url, smtp.port, &[]).await;
    let log = defaults.log();
    let lines: Vec<&str> = log.lines().filter(|l| l.contains(warning)).collect();
    assert_eq!(lines.len(), 1, "one warning line: {log}");
    assert!(lines[0].contains("WARN") && lines[0].contains("turnout@localhost") && lines[0].contains("server.base_url"), "{}", lines[0]);
    defaults.terminate(Duration::from_secs(30)).await;

    let mut set = Instance::start(
        &db.url,
        smtp.port,
        &[("TURNOUT__EMAIL__FROM_ADDRESS", "events@example.org"), ("TURNOUT__SERVER__BASE_URL", "https://events.example.org")],
    )
    .await;
    assert!(!set.log().contains(warning), "{}", set.log());
    set.terminate(Duration::from_secs(30)).await;
}
