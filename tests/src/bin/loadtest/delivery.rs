//! The delivery benchmark: how fast the release `turnout serve` empties an
//! outbox of N due RSVP confirmations into an SMTP server over C pooled
//! connections, beside postfix's `smtp-source` sending N messages of the
//! same size over C sessions to the same server, in the same run.
//!
//! The server is postfix's `smtp-sink`: it answers at once and throws every
//! message away (nothing is written to disk), so both figures measure the
//! sender, not the receiver.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tokio::process::{Child, Command};
use turnout_domain::rsvp::RsvpStatus;
use turnout_notifications::compose::{self, Recipient};
use turnout_notifications::config::{SmtpConfig, TlsMode, TransportKind};
use turnout_notifications::{EmailConfig, Mailer};

use crate::server;

/// How often the sink's counter is looked at while a sender sends.
const POLL: Duration = Duration::from_millis(10);
/// A sender whose messages stop arriving for this long is taken as done.
const STALLED: Duration = Duration::from_secs(5);
/// A run that has not finished by then is reported as it stands.
const GIVE_UP: Duration = Duration::from_secs(600);
/// The server's defaults (config/default.toml): the links in the messages and
/// the From line are the same as the ones a real confirmation carries.
const BASE_URL: &str = "http://127.0.0.1:8080";
const FROM_ADDRESS: &str = "turnout@localhost";

struct Row {
    what: String,
    messages: u64,
    seconds: f64,
    /// Connections the sink accepted during the row.
    connections: u64,
    /// Turnout's messages/s divided by this row's, for the smtp-source rows.
    ratio: Option<f64>,
}

impl Row {
    fn rate(&self) -> f64 {
        self.messages as f64 / self.seconds
    }
}

pub async fn run(binary: &str, messages: u64, connections: &[u32]) {
    let (sink_program, source) = (tool("smtp-sink"), tool("smtp-source"));
    let load_before = load_average();
    let (mut rows, mut notes, mut size) = (Vec::new(), Vec::new(), 0);
    for &c in connections {
        let dir = std::env::temp_dir().join(format!("turnout-delivery-{}-{c}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary folder");
        size = queue_confirmations(&dir, messages).await;
        let mut sink = Sink::start(&sink_program, &dir).await;

        let before = sink.counters().await;
        let (mut turnout, note) = deliver(binary, &dir, &sink, c, messages).await;
        notes.push(note);
        let turnout_rate = turnout.rate();
        turnout.connections = sink.check(before, &turnout, &mut notes).await;
        rows.push(turnout);
        // -d keeps each session's connection for its next message, as
        // Turnout's pool does: the like-for-like figure. Without it every
        // message opens a connection of its own, smtp-source's default.
        for keep in [true, false] {
            let before = sink.counters().await;
            let mut row = smtp_source(&source, &sink, c, messages, size, keep).await;
            row.ratio = Some(turnout_rate / row.rate());
            row.connections = sink.check(before, &row, &mut notes).await;
            rows.push(row);
        }
        let _ = sink.child.kill().await;
        let _ = std::fs::remove_dir_all(&dir);
    }

    println!("| what | messages | seconds | messages/s | connections opened | Turnout ÷ this |");
    println!("|---|---:|---:|---:|---:|---:|");
    for r in &rows {
        let ratio = r.ratio.map(|x| format!("{x:.3}×")).unwrap_or_default();
        println!("| {} | {} | {:.2} | {:.0} | {} | {} |", r.what, r.messages, r.seconds, r.rate(), r.connections, ratio);
    }
    println!();
    for note in notes {
        println!("{note}");
    }
    println!(
        "Messages: \"You're going\" confirmations of the demo forum (text, HTML, check-in QR code, .ics), {size} bytes each as sent; \
         smtp-source sends {size} bytes of body (-l) plus its own few header lines. Receiver: smtp-sink on 127.0.0.1, \
         discarding everything; \"connections opened\" is what it counted. Load average before the run: {load_before}; \
         sender, receiver and anything else running share the machine's cores."
    );
}

/// Finds one of postfix's test programs on PATH or in /usr/sbin (where
/// Debian puts them, and which is not on every user's PATH).
fn tool(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).chain([PathBuf::from("/usr/sbin")]).map(|d| d.join(name)).find(|p| p.is_file()).unwrap_or_else(|| {
        eprintln!("{name} not found: install postfix's test tools with `apt-get install postfix` (then `postfix stop`)");
        std::process::exit(2)
    })
}

/// Creates the database (schema and demo data, as `turnout serve` would) and
/// queues `n` due RSVP confirmations. Returns their average size in bytes as
/// the mailer sends them.
///
/// The messages are composed in this process by the functions the guest RSVP
/// use case calls (confirmation, check-in QR code, .ics), and queued with the
/// persistence crate's `enqueue`, rather than made by N RSVPs over HTTP: the
/// demo forum has 40 seats, so all but 40 HTTP RSVPs would get the shorter
/// waitlist notice, without .ics or QR code. Here every one is the full
/// "You're going" message, which is what a big event's opening rush sends.
async fn queue_confirmations(dir: &Path, n: u64) -> usize {
    let db = turnout_persistence::connect(&server::database_url(dir), 1).await.expect("create the database");
    turnout_persistence::migrate(&db).await.expect("migrate");
    turnout_web::demo::seed_if_empty(&db, Utc::now()).await.expect("the demo data");
    let forum = first_i64(&db, "SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await;
    let event = turnout_persistence::events::details(&db, forum).await.expect("read the forum").expect("the demo forum");

    let mailer = Mailer::from_config(&EmailConfig {
        transport: TransportKind::File,
        from_address: FROM_ADDRESS.to_owned(),
        from_name: "Turnout".to_owned(),
        file_dir: dir.join("outbox"),
        smtp: SmtpConfig {
            host: "localhost".to_owned(),
            port: 25,
            tls: TlsMode::None,
            username: None,
            password: None,
            pool_size: 1,
            timeout_seconds: 30,
        },
        keep_sent_days: 30,
    })
    .expect("a mailer");
    let now = Utc::now();
    let mut bytes = 0;
    let txn = turnout_persistence::begin_write(&db).await.expect("a transaction");
    for i in 1..=n {
        let (name, email) = (format!("Bench Guest {i}"), format!("bench{i}@example.org"));
        // As long as the signed 43-character token of a real link.
        let token = format!("{i:0>43}");
        let manage_url = format!("{BASE_URL}/rsvps/manage/{token}");
        let to = Recipient {
            rsvp_id: i as i64,
            name: &name,
            email: &email,
            manage_url: &manage_url,
            waitlist_position: None,
            guests: 0,
            hold_until: None,
            language: turnout_domain::language::Language::English,
        };
        let mut message = compose::rsvp_confirmation(&event, RsvpStatus::Going, to, BASE_URL);
        turnout_notifications::checkin_qr::add_to(
            turnout_domain::catalogue::Tr::default(),
            &mut message,
            &format!("{BASE_URL}/rsvps/checkin/{i}-{token}"),
        );
        // The size on the wire, built as the dispatcher builds it.
        let built = mailer.build(&message, &format!("turnout.{i}.{}", now.timestamp_micros())).expect("a valid message");
        bytes += built.formatted().len();
        turnout_persistence::outbox::enqueue(&txn, &message, now).await.expect("queue a message");
    }
    txn.commit().await.expect("commit the outbox");
    db.close().await.expect("close the database");
    bytes / n.max(1) as usize
}

/// postfix's smtp-sink on a free loopback port.
struct Sink {
    child: Child,
    port: u16,
    /// Where its running counters (-c) go.
    counters: PathBuf,
}

/// What the sink has seen so far.
#[derive(Clone, Copy)]
struct Counters {
    sessions: u64,
    messages: u64,
}

impl Sink {
    async fn start(program: &Path, dir: &Path) -> Self {
        // The port is free now; nothing else here takes ports in between.
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let counters = dir.join("sink-counters");
        let mut command = Command::new(program);
        if running_as_root() {
            // smtp-sink refuses to keep root privileges; it needs a user to become.
            command.args(["-u", "nobody"]);
        }
        // -c: counters of sessions and messages, so each sender's figures are
        // checked against what arrived. 256: the listen backlog, far above
        // the connections used here. No -d or -D: no message touches the disk.
        let child = command
            .arg("-c")
            .arg(format!("127.0.0.1:{port}"))
            .arg("256")
            .stdout(std::fs::File::create(&counters).expect("a counters file"))
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
        let started = Instant::now();
        while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(10), "smtp-sink did not listen on port {port}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Self { child, port, counters }
    }

    /// The last counters the sink wrote ("sess=N quit=N mesg=N", one per
    /// update, separated by carriage returns), once it has stopped changing
    /// (connections being closed after a run are still counted).
    async fn counters(&self) -> Counters {
        let mut now = self.latest();
        loop {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let next = self.latest();
            if (next.sessions, next.messages) == (now.sessions, now.messages) {
                return now;
            }
            now = next;
        }
    }

    /// The counters the sink wrote last, read from the end of its output
    /// (which grows by a line each update), so reading costs next to nothing.
    fn latest(&self) -> Counters {
        use std::io::{Read, Seek, SeekFrom};
        let mut tail = String::new();
        if let Ok(mut file) = std::fs::File::open(&self.counters) {
            let len = file.metadata().map(|m| m.len()).unwrap_or(0);
            let _ = file.seek(SeekFrom::Start(len.saturating_sub(256)));
            let _ = file.read_to_string(&mut tail);
        }
        let last = tail.rsplit(['\r', '\n']).find(|l| l.contains("mesg=") && l.starts_with("sess=")).unwrap_or_default();
        let field = |name: &str| last.split_whitespace().find_map(|w| w.strip_prefix(name)).and_then(|v| v.parse().ok()).unwrap_or(0);
        Counters { sessions: field("sess="), messages: field("mesg=") }
    }

    /// Seconds from `started` until the sink has counted `messages` in all,
    /// or until nothing has arrived for `STALLED` (a sender that failed some).
    async fn wait_for(&self, messages: u64, started: Instant) -> f64 {
        let (mut seen, mut last_change) = (self.latest().messages, Instant::now());
        let mut arrived = started.elapsed().as_secs_f64();
        while seen < messages && last_change.elapsed() < STALLED && started.elapsed() < GIVE_UP {
            tokio::time::sleep(POLL).await;
            let now = self.latest().messages;
            if now != seen {
                (seen, last_change) = (now, Instant::now());
                arrived = started.elapsed().as_secs_f64();
            }
        }
        arrived
    }

    /// The connections `row`'s sender opened since `before`; a note when the
    /// sink did not receive as many messages as the row claims.
    async fn check(&self, before: Counters, row: &Row, notes: &mut Vec<String>) -> u64 {
        let after = self.counters().await;
        let received = after.messages - before.messages;
        if received != row.messages {
            notes.push(format!("{}: the sink received {received} messages, not {}.", row.what, row.messages));
        }
        after.sessions - before.sessions
    }
}

fn running_as_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("Uid:")).and_then(|ids| ids.split_whitespace().next()) == Some("0")
}

/// Starts `turnout serve` sending through the sink with a pool of
/// `connections`, and times it from the start until the sink has received
/// every queued message (the worker sweeps once at start, so all of them
/// are due), as smtp-source is timed. The outbox is then read, untimed, to
/// check that every row was recorded sent.
///
/// The clock is the sink's counter, not the outbox: counting the outbox
/// while the worker sends took 13% of the machine's CPU from the sender
/// (a COUNT over the index every 10 ms, measured with `perf record -a`),
/// a load smtp-source's row never carried.
/// Returns the row and a note on what happened.
async fn deliver(binary: &str, dir: &Path, sink: &Sink, connections: u32, n: u64) -> (Row, String) {
    let port = sink.port;
    let before = sink.latest();
    let settings = [
        ("TURNOUT__EMAIL__TRANSPORT", "smtp".to_owned()),
        ("TURNOUT__EMAIL__SMTP__HOST", "127.0.0.1".to_owned()),
        ("TURNOUT__EMAIL__SMTP__PORT", port.to_string()),
        ("TURNOUT__EMAIL__SMTP__TLS", "none".to_owned()),
        ("TURNOUT__EMAIL__SMTP__POOL_SIZE", connections.to_string()),
    ];
    let log_path = dir.join("turnout.log");
    let log = std::fs::File::create(&log_path).expect("a log file");
    let started = Instant::now();
    let mut server = server::start(binary, dir, &settings, Stdio::from(log)).await;
    let listening = started.elapsed().as_secs_f64();
    let seconds = sink.wait_for(before.messages + n, started).await;
    let db = turnout_persistence::connect(&server::database_url(dir), 1).await.expect("open the database");
    // A row is pending with no attempt until the worker has tried it; a
    // failed try leaves it pending with an attempt (retried minutes later).
    let sql = "SELECT COUNT(*), COALESCE(SUM(status = 'sent'), 0), COALESCE(SUM(status = 'pending' AND attempts = 0), 0) FROM outbox";
    let (mut total, mut sent) = (0, 0);
    while started.elapsed() < GIVE_UP {
        let [rows, sent_now, untried] = counts(&db, sql).await;
        (total, sent) = (rows, sent_now);
        if untried == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let recorded = started.elapsed().as_secs_f64();
    let _ = server.child.kill().await;
    db.close().await.expect("close the database");

    let mut note = format!(
        "Turnout, pool of {connections}: the sink had every message {seconds:.2} s after the start (it was listening after {listening:.2} s); {sent} of {total} outbox rows recorded sent, checked within {recorded:.2} s."
    );
    if total as u64 != n || sent != total {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        let tail: Vec<&str> = log.lines().rev().take(5).collect();
        note.push_str(&format!(" NOT ALL SENT (queued {n}); the server's last log lines, newest first: {tail:?}"));
    }
    let what = format!("Turnout: `turnout serve`, email.smtp.pool_size = {connections}");
    (Row { what, messages: sent as u64, seconds, connections: 0, ratio: None }, note)
}

/// Times smtp-source sending `n` messages of `size` bytes over `sessions`
/// parallel sessions, until the sink has them all (as Turnout is timed);
/// `keep` reuses each session's connection (-d).
async fn smtp_source(source: &Path, sink: &Sink, sessions: u32, n: u64, size: usize, keep: bool) -> Row {
    let mut command = Command::new(source);
    command.args(["-s", &sessions.to_string(), "-m", &n.to_string(), "-l", &size.to_string()]);
    command.args(["-f", FROM_ADDRESS, "-t", "bench@example.org"]);
    if keep {
        command.arg("-d");
    }
    command.arg(format!("127.0.0.1:{}", sink.port)).stdout(Stdio::null()).stderr(Stdio::piped());
    let before = sink.latest();
    let started = Instant::now();
    let child = command.spawn().unwrap_or_else(|e| panic!("run {}: {e}", source.display()));
    let seconds = sink.wait_for(before.messages + n, started).await;
    let out = child.wait_with_output().await.expect("smtp-source ends");
    assert!(out.status.success(), "smtp-source failed: {}", String::from_utf8_lossy(&out.stderr));
    let what = if keep {
        format!("smtp-source -s {sessions} -d (connections kept, like a pool)")
    } else {
        format!("smtp-source -s {sessions} (a new connection per message)")
    };
    Row { what, messages: n, seconds, connections: 0, ratio: None }
}

async fn first_i64(db: &DatabaseConnection, sql: &str) -> i64 {
    counts::<1>(db, sql).await[0]
}

/// The first row of `sql`, whose columns are all integers.
async fn counts<const N: usize>(db: &DatabaseConnection, sql: &str) -> [i64; N] {
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.expect("query").expect("a row");
    std::array::from_fn(|i| row.try_get_by_index::<i64>(i).expect("an integer"))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}
