//! Attendance, as the organizers at the door see it: the attendee list with
//! counts in people and filters, the CSV with who attended, the sign-in
//! sheet, checking in (and undoing it), walk-ins against the capacity, the
//! QR code in the confirmation and the check-in link it holds, and RSVP'd
//! against attended on the dashboard. Over real HTTP with a real SMTP
//! server, on SQLite and PostgreSQL.

use std::time::Duration;

use base64::Engine;
use reqwest::StatusCode;
use turnout_domain::policy::Role;
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now, sql_i64, sql_text};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::smtp::Received;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    the_attendee_list_counts_people_and_filters,
    checking_in_undoing_and_walk_ins_at_the_door,
    the_qr_code_in_the_confirmation_opens_check_in_for_organizers_only,
    the_dashboard_shows_rsvpd_against_attended,
);

/// An organizer of the chapter hosting `event`, logged in.
async fn organizer_of(app: &TestApp, event: i64) -> Visitor {
    let slug =
        sql_text(&app.running.db, &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {event}"))
            .await;
    account(app, "org@example.org", "Org Anizer", false).await;
    grant(app, "org@example.org", &slug, Role::Organizer).await;
    logged_in(app, "org@example.org").await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sql_i64(&app.running.db, sql).await
}

async fn rsvp_id(app: &TestApp, email: &str) -> i64 {
    count(app, &format!("SELECT id FROM rsvps WHERE email = '{email}'")).await
}

/// Presses a check-in page's button: the form's CSRF token and the search it came from.
async fn press(v: &Visitor, page: &str, action: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let token = csrf_of(&v.get(page).await.1);
    let mut all = fields.to_vec();
    all.push(("_csrf", &token));
    v.client.post(v.url(action)).form(&all).send().await.unwrap()
}

fn location(res: &reqwest::Response) -> String {
    res.headers()["location"].to_str().unwrap().to_owned()
}

async fn the_attendee_list_counts_people_and_filters(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec { capacity: Some(10), ..EventSpec::public("Forum", days_from_now(3)) }).await;
    for (name, email) in [
        ("Zora Neale", "zora@example.org"),
        ("ann Bishop", "ann@example.org"),
        ("Mika", "mika@example.org"),
        ("=HYPERLINK(\"http://x\")", "h@example.org"),
    ] {
        assert_eq!(app.rsvp(event, name, email).await.status(), StatusCode::OK);
    }
    // Zora brings two guests; Mika answered maybe (the forms for both are the RSVP core's).
    let conn = db.connect().await;
    use sea_orm::ConnectionTrait;
    conn.execute_unprepared("UPDATE rsvps SET guests = 2 WHERE email = 'zora@example.org'").await.unwrap();
    conn.execute_unprepared(&format!("UPDATE events SET seats_taken = seats_taken + 1 WHERE id = {event}")).await.unwrap();
    conn.execute_unprepared("UPDATE rsvps SET status = 'maybe' WHERE email = 'mika@example.org'").await.unwrap();
    conn.execute_unprepared(&format!("UPDATE events SET seats_taken = seats_taken - 1 WHERE id = {event}")).await.unwrap();
    let org = organizer_of(&app, event).await;
    let list = format!("/events/{event}/attendees");

    let (status, page) = org.get(&list).await;
    assert_eq!(status, StatusCode::OK);
    for column in ["Name", "Email", "Answer", "Guests", "RSVP'd", "Waitlist", "Checked in"] {
        assert!(page.contains(&format!("<th>{column}</th>")), "column {column}");
    }
    assert!(page.contains("<strong>Going</strong>: 5 people"), "people, not RSVPs: {page}");
    assert!(page.contains("<strong>Maybe</strong>: 1 person"));
    assert!(page.contains("<strong>Checked in</strong>: 0 people"));

    // Check Zora in, then filter.
    let zora = rsvp_id(&app, "zora@example.org").await;
    let res = press(&org, &format!("/events/{event}/checkin"), &format!("/events/{event}/checkin/{zora}"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let (_, maybe) = org.get(&format!("{list}?answer=maybe")).await;
    assert!(maybe.contains("Mika") && !maybe.contains("Zora Neale") && !maybe.contains("ann Bishop"), "{maybe}");
    let (_, came) = org.get(&format!("{list}?checked_in=yes")).await;
    assert!(came.contains("Zora Neale") && !came.contains("ann Bishop") && came.contains("Showing 1 of 4 RSVPs"), "{came}");
    let (_, not_yet) = org.get(&format!("{list}?checked_in=no&answer=going")).await;
    assert!(!not_yet.contains("Zora Neale") && not_yet.contains("ann Bishop"));
    assert!(org.get(&list).await.1.contains("<strong>Checked in</strong>: 3 people"), "Zora and her guests");

    // The CSV: every column, who attended, formulas neutralized, each export audited.
    let (status, csv) = org.get(&format!("/events/{event}/attendees.csv")).await;
    assert_eq!(status, StatusCode::OK);
    let mut rows = csv.split("\r\n");
    assert_eq!(rows.next(), Some("name,email,answer,guests,people,rsvp_at,waitlist_position,checked_in_at,attended,walk_in"));
    let zora_row = csv.lines().find(|l| l.starts_with("\"Zora Neale\"")).unwrap();
    assert!(zora_row.contains(",going,2,3,") && zora_row.ends_with(",yes,no"), "{zora_row}");
    let ann_row = csv.lines().find(|l| l.starts_with("\"ann Bishop\"")).unwrap();
    assert!(ann_row.ends_with(",,no,no"), "{ann_row}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{csv}");
    let (_, filtered) = org.get(&format!("/events/{event}/attendees.csv?answer=maybe")).await;
    assert_eq!(filtered.lines().count(), 2, "the export follows the filter: {filtered}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'attendees.export'").await, 2);

    // The sign-in sheet: by name whatever the case, a box each, blank lines after.
    let (status, sheet) = org.get(&format!("/events/{event}/sign-in-sheet")).await;
    assert_eq!(status, StatusCode::OK);
    let at = |name: &str| sheet.find(name).unwrap_or_else(|| panic!("{name} on the sheet"));
    assert!(at("=HYPERLINK") < at("ann Bishop") && at("ann Bishop") < at("Mika") && at("Mika") < at("Zora Neale"));
    assert!(sheet.matches("class=\"box\"").count() >= 4 + 10, "a box per name and per blank line");
    assert!(sheet.contains("/static/attendance.css"));
    let css = org.get("/static/attendance.css").await.1;
    assert!(css.contains("@page") && css.contains("@media print"));

    // Nobody else sees any of it.
    account(&app, "member@example.org", "Mem Ber", false).await;
    let member = logged_in(&app, "member@example.org").await;
    for path in [list.clone(), format!("/events/{event}/sign-in-sheet"), format!("/events/{event}/checkin")] {
        assert_eq!(member.get(&path).await.0, StatusCode::FORBIDDEN, "{path}");
    }
    app.stop().await;
}

async fn checking_in_undoing_and_walk_ins_at_the_door(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event =
        chapter_with_event(&app.running.db, EventSpec { capacity: Some(3), ..EventSpec::public("Meeting", days_from_now(1)) }).await;
    let other = chapter_with_event(&app.running.db, EventSpec::public("Elsewhere", days_from_now(1))).await;
    for (name, email) in [("Ann Bishop", "ann@example.org"), ("Ben Okri", "ben@example.org")] {
        assert_eq!(app.rsvp(event, name, email).await.status(), StatusCode::OK);
    }
    assert_eq!(app.rsvp(other, "Olu", "olu@example.org").await.status(), StatusCode::OK);
    let org = organizer_of(&app, event).await;
    let door = format!("/events/{event}/checkin");
    let (ann, olu) = (rsvp_id(&app, "ann@example.org").await, rsvp_id(&app, "olu@example.org").await);

    // Searching without JavaScript: the server hides the names that do not match.
    let (status, found) = org.get(&format!("{door}?q=bish")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(found.contains(&format!("<li id=\"rsvp-{ann}\" data-name=\"ann bishop\">")), "{found}");
    assert!(found.contains("data-name=\"ben okri\" hidden"), "{found}");
    assert!(found.contains("1 of 2 names match"));

    // One tap checks in and comes back to the same search and person; a second tap changes nothing.
    let res = press(&org, &door, &format!("{door}/{ann}"), &[("q", "bish")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), format!("{door}?q=bish#rsvp-{ann}"));
    let checked = format!("SELECT COUNT(*) FROM rsvps WHERE id = {ann} AND checked_in_at IS NOT NULL");
    assert_eq!(count(&app, &checked).await, 1);
    assert_eq!(press(&org, &door, &format!("{door}/{ann}"), &[]).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'rsvp.check_in'").await, 1, "one arrival recorded");
    assert!(org.get(&door).await.1.contains("<strong>1</strong> checked in"));

    // Undo.
    let res = press(&org, &door, &format!("{door}/{ann}/undo"), &[]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &checked).await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'rsvp.check_in_undo'").await, 1);

    // An RSVP of another event is not this event's to check in; a member may not at all.
    assert_eq!(press(&org, &door, &format!("{door}/{olu}"), &[]).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(count(&app, &format!("SELECT COUNT(*) FROM rsvps WHERE id = {olu} AND checked_in_at IS NOT NULL")).await, 0);
    account(&app, "member@example.org", "Mem Ber", false).await;
    let member = logged_in(&app, "member@example.org").await;
    assert_eq!(press(&member, "/login", &format!("{door}/{ann}"), &[]).await.status(), StatusCode::FORBIDDEN);

    // Walk-ins. Two of three places are taken: a party of two counted against capacity is refused.
    let rows = "SELECT COUNT(*) FROM rsvps";
    let seats = format!("SELECT CAST(seats_taken AS BIGINT) FROM events WHERE id = {event}");
    let before = count(&app, rows).await;
    let walk_ins = format!("/events/{event}/walk-ins");
    let full = press(&org, &door, &walk_ins, &[("name", "Cleo Party"), ("party_size", "2"), ("takes_seat", "yes")]).await;
    assert_eq!(full.status(), StatusCode::CONFLICT);
    let page = full.text().await.unwrap();
    assert!(page.contains("The event is full: 1 place left, not enough for 2 more."), "{page}");
    assert!(page.contains("value=\"Cleo Party\""), "what was typed stays");
    assert_eq!((count(&app, rows).await, count(&app, &seats).await), (before, 2), "nothing written");

    let res = press(&org, &door, &walk_ins, &[("name", "Dee Walker"), ("party_size", "1"), ("takes_seat", "yes")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &seats).await, 3, "counted against the capacity");
    let dee = count(&app, "SELECT id FROM rsvps WHERE name = 'Dee Walker'").await;
    assert!(org.get(&location(&res)).await.1.contains("Dee Walker is added and checked in."));
    let walked = format!("SELECT COUNT(*) FROM rsvps WHERE id = {dee} AND walk_in AND checked_in_at IS NOT NULL AND status = 'going'");
    assert_eq!(count(&app, &walked).await, 1);

    // Full now, but the organizer may let a party in without counting it.
    let res = press(&org, &door, &walk_ins, &[("name", "Eve Extra"), ("email", "eve@example.org"), ("party_size", "3")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(count(&app, &seats).await, 3);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM rsvps WHERE name = 'Eve Extra' AND guests = 2 AND NOT takes_seat").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'rsvp.walk_in'").await, 2);

    // Bad input is explained; an address with an RSVP is found in the list instead.
    let bad = press(&org, &door, &walk_ins, &[("name", ""), ("party_size", "0")]).await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let again = press(&org, &door, &walk_ins, &[("name", "Ann Again"), ("email", "ANN@example.org")]).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert!(again.text().await.unwrap().contains("already has an RSVP"));
    assert_eq!(count(&app, rows).await, before + 2);
    app.stop().await;
}

/// The image/png part of a message, decoded from base64.
fn png_part(m: &Received) -> Vec<u8> {
    let raw = m.raw.replace("\r\n", "\n");
    let at = raw.find("Content-Type: image/png").expect("an image/png part");
    let body_at = at + raw[at..].find("\n\n").expect("the part's body");
    let b64: String = raw[body_at..].trim_start().lines().take_while(|l| !l.starts_with("--") && !l.is_empty()).collect();
    base64::engine::general_purpose::STANDARD.decode(b64.trim()).expect("base64")
}

/// What the QR code in a PNG says, read as a phone's camera would.
fn read_qr(png_bytes: &[u8]) -> String {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a valid PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.line_size / w;
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[y * info.line_size + x * channels]);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("a readable QR code").1
}

async fn the_qr_code_in_the_confirmation_opens_check_in_for_organizers_only(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Day School", days_from_now(4))).await;
    assert_eq!(app.rsvp(event, "Ann Bishop", "ann@example.org").await.status(), StatusCode::OK);
    app.tick(chrono::Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    let confirmation = mail.iter().find(|m| m.rcpt_to == "ann@example.org").expect("the confirmation");

    // The image travels inside the message, shown by the HTML through its Content-ID.
    let decoded = confirmation.decoded();
    assert!(decoded.contains("multipart/related"), "{decoded}");
    let cid = decoded.split("src=\"cid:").nth(1).and_then(|r| r.split('"').next()).expect("the HTML shows an inline image");
    assert!(decoded.contains(&format!("Content-ID: <{cid}>")), "{decoded}");
    let link = read_qr(&png_part(confirmation));
    assert!(link.starts_with(&format!("{}/rsvps/checkin/", app.base)), "{link}");
    assert_eq!(confirmation.link(&format!("{}/rsvps/checkin/", app.base)).as_deref(), Some(link.as_str()), "the text part has it too");
    let path = link.trim_start_matches(&app.base).to_owned();
    let forged = format!("{}x", &path[..path.len() - 1]);

    // Anyone but the event's organizers gets the page an unknown link gets.
    let anonymous = Visitor::new(&app);
    let (status, shown) = anonymous.get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!shown.contains("Ann"), "{shown}");
    let (status, unknown) = anonymous.get(&forged).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let token = |p: &str| p.rsplit('/').next().unwrap().to_owned();
    assert_eq!(shown.replace(&token(&path), "T"), unknown.replace(&token(&forged), "T"), "no difference to see");
    account(&app, "member@example.org", "Mem Ber", false).await;
    let other = chapter_with_event(&app.running.db, EventSpec::public("Elsewhere", days_from_now(4))).await;
    let slug =
        sql_text(&app.running.db, &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {other}"))
            .await;
    account(&app, "elsewhere@example.org", "Else Where", false).await;
    grant(&app, "elsewhere@example.org", &slug, Role::Organizer).await;
    for email in ["member@example.org", "elsewhere@example.org"] {
        let v = logged_in(&app, email).await;
        let (status, page) = v.get(&path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{email}");
        assert!(!page.contains("Ann"));
    }
    // The manage link's token is no check-in token, nor the other way round.
    assert_eq!(anonymous.get(&path.replace("/rsvps/checkin/", "/rsvps/manage/")).await.0, StatusCode::NOT_FOUND);

    // An organizer scans it: that attendee, one tap, and back to the same page.
    let org = organizer_of(&app, event).await;
    let (status, page) = org.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Ann Bishop") && page.contains(">Check in</button>"), "{page}");
    let ann = rsvp_id(&app, "ann@example.org").await;
    let res = press(&org, &path, &format!("/events/{event}/checkin/{ann}"), &[("via", &token(&path))]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&res), path);
    let page = org.get(&path).await.1;
    assert!(page.contains("Checked in ") && page.contains(">Undo</button>"), "{page}");
    app.stop().await;
}

async fn the_dashboard_shows_rsvpd_against_attended(db: TestDb) {
    use sea_orm::ConnectionTrait;
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options::default()).await;
    let event = chapter_with_event(&app.running.db, EventSpec::public("Last Week's Meeting", days_from_now(2))).await;
    for (name, email) in [("Ann", "ann@example.org"), ("Ben", "ben@example.org"), ("Cleo", "cleo@example.org")] {
        assert_eq!(app.rsvp(event, name, email).await.status(), StatusCode::OK);
    }
    let org = organizer_of(&app, event).await;
    let door = format!("/events/{event}/checkin");
    let ann = rsvp_id(&app, "ann@example.org").await;
    assert_eq!(press(&org, &door, &format!("{door}/{ann}"), &[]).await.status(), StatusCode::SEE_OTHER);
    let res = press(&org, &door, &format!("/events/{event}/walk-ins"), &[("name", "Walk In"), ("party_size", "2")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    // The meeting is over.
    let past = (chrono::Utc::now() - chrono::Duration::days(7)).format("%Y-%m-%dT%H:%M:%S+00:00");
    let conn = db.connect().await;
    conn.execute_unprepared(&format!("UPDATE events SET starts_at = '{past}', ends_at = '{past}' WHERE id = {event}")).await.unwrap();
    let slug =
        sql_text(&app.running.db, &format!("SELECT c.slug FROM chapters c JOIN events e ON e.chapter_id = c.id WHERE e.id = {event}"))
            .await;
    let (status, dashboard) = org.get(&format!("/chapters/{slug}/dashboard")).await;
    assert_eq!(status, StatusCode::OK);
    let block = dashboard.split("RSVP'd and attended").nth(1).expect("the turnout of past events");
    assert!(block.contains("Meeting</a></td><td>3</td><td>3</td>"), "3 RSVP'd; 1 of them and a walk-in party of 2 came: {block}");
    app.stop().await;
}
