//! Spanish and English (issue 13): the reader's language from their own
//! choice (the switch on every page, their account), else their browser's
//! `Accept-Language`, else the chapter's default, else English; emails in the
//! recipient's language, with the organizer's text in it where they gave it.
//! Real HTTP and a real SMTP server, on SQLite and PostgreSQL.

use std::time::Duration;

use chrono::Utc;
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_LANGUAGE, LOCATION};
use sea_orm::ConnectionTrait;
use turnout_tests::app::{Options, Visitor, http};
use turnout_tests::fixtures::{sql_i64, sql_text};
use turnout_tests::people::{account, logged_in};
use turnout_tests::smtp::Received;
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(
    accept_language_then_the_chapter_default_then_english,
    the_switch_is_remembered_by_cookie_and_by_account,
    a_spanish_member_and_an_english_guest_each_get_their_own_language,
    organizers_and_admins_work_in_spanish,
);

/// A page as a browser sending `accept` would get it: its language (its
/// `<html lang>`) and its text.
async fn page_with(app: &TestApp, path: &str, accept: &str) -> (String, String) {
    let res = http().get(app.url(path)).header(ACCEPT_LANGUAGE, accept).send().await.expect("GET");
    assert_eq!(res.status(), StatusCode::OK, "{path} with Accept-Language {accept:?}");
    let body = res.text().await.expect("body");
    let lang = body.split("<html lang=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or_default().to_owned();
    assert!(!body.contains('⟦'), "no raw catalogue key on {path}");
    (lang, body)
}

async fn forum_id(db: &sea_orm::DatabaseConnection) -> i64 {
    sql_i64(db, "SELECT id FROM events WHERE kind = 'public_forum' ORDER BY id LIMIT 1").await
}

async fn accept_language_then_the_chapter_default_then_english(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = db.connect().await;
    let forum = forum_id(&conn).await;

    // A Spanish browser gets Spanish: the frame, the lists, and the
    // organizer's own Spanish text of the bilingual demo forum.
    let (lang, home) = page_with(&app, "/", "es-MX,es;q=0.9").await;
    assert_eq!(lang, "es");
    assert!(home.contains("Próximos eventos") && home.contains("Buscar eventos"), "Spanish home page");
    let (lang, event) = page_with(&app, &format!("/events/{forum}"), "es-MX,es;q=0.9").await;
    assert_eq!(lang, "es");
    for spanish in ["La vivienda es un derecho humano", "Bienvenida de la Sección de Queens", "Confirmar asistencia", "Su nombre", "jueves"]
    {
        assert!(event.contains(spanish), "the Spanish event page shows {spanish:?}");
    }
    assert!(!event.contains("Housing Is a Human Right") && !event.contains("Your name"), "and not the English");

    // The demo's Spanish-speaking branch: its pages fall back to Spanish, and
    // its assembly, written in Spanish, reads in English for English readers.
    let (lang, branch) = page_with(&app, "/chapters/sunset-park", "fr").await;
    assert_eq!(lang, "es");
    assert!(branch.contains("Asamblea de inquilinos de Sunset Park"), "the Spanish title on the Spanish page");
    let assembly = sql_i64(&conn, "SELECT id FROM events WHERE language = 'es' ORDER BY id LIMIT 1").await;
    let (lang, english) = page_with(&app, &format!("/events/{assembly}"), "en").await;
    assert_eq!(lang, "en");
    assert!(english.contains("Sunset Park Tenants&#39; Assembly") || english.contains("Sunset Park Tenants' Assembly"), "{english}");
    assert!(english.contains("Building committee reports") && english.contains("R train to 45th St"), "the English agenda and directions");

    // A language Turnout lacks: the chapter's default (Queens chooses
    // Spanish here), and English where there is no chapter.
    conn.execute_unprepared("UPDATE chapters SET default_language = 'es' WHERE slug = 'queens'").await.unwrap();
    assert_eq!(page_with(&app, "/chapters/queens", "fr").await.0, "es");
    assert_eq!(page_with(&app, &format!("/events/{forum}"), "fr-CA,fr;q=0.9").await.0, "es");
    assert_eq!(page_with(&app, "/", "fr").await.0, "en");
    // The browser's own language still comes before the chapter's.
    assert_eq!(page_with(&app, "/chapters/queens", "en-US,en;q=0.9").await.0, "en");

    // Calendar feeds: `?lang=`, else the chapter's language (Spanish now for Queens).
    let ics = |path: String| {
        let url = app.url(&path);
        async move { http().get(url).send().await.expect("GET") }
    };
    let spanish = ics(format!("/events/{forum}/calendar.ics?lang=es")).await.text().await.unwrap();
    assert!(spanish.contains("SUMMARY:La vivienda es un derecho humano"), "{spanish}");
    let english = ics(format!("/events/{forum}/calendar.ics?lang=en")).await.text().await.unwrap();
    assert!(english.contains("SUMMARY:Housing Is a Human Right"), "{english}");
    let chapter = ics("/chapters/queens/calendar.ics".to_owned()).await.text().await.unwrap();
    assert!(chapter.contains("SUMMARY:La vivienda es un derecho humano"), "the chapter's default language");
    assert_eq!(ics(format!("/events/{forum}/calendar.ics?lang=fr")).await.status(), StatusCode::BAD_REQUEST);
    // The API gives both languages.
    let api = http().get(app.url(&format!("/api/v1/events/{forum}"))).send().await.unwrap().text().await.unwrap();
    let api: serde_json::Value = serde_json::from_str(&api).expect("JSON");
    assert_eq!(api["language"], "en");
    assert!(api["translation"]["title"].as_str().unwrap().starts_with("La vivienda"), "{api}");
    assert!(api["title"].as_str().unwrap().starts_with("Housing"), "{api}");

    // A header that cannot be read is no header: English, and no error.
    for bad in ["", ";;;,,", "es;q=abc", "*;q=0", "x-klingon;q=2", &"x,".repeat(4000)] {
        let (lang, page) = page_with(&app, "/", bad).await;
        assert_eq!(lang, "en", "{:?}", bad.chars().take(40).collect::<String>());
        assert!(page.contains("Upcoming events"));
    }
    app.stop().await;
}

async fn the_switch_is_remembered_by_cookie_and_by_account(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = db.connect().await;

    // Every page links to the other language, back to the same page.
    let guest = Visitor::new(&app);
    let (_, home) = guest.get("/chapters/queens").await;
    assert!(home.contains(r#"href="/language/es?back=/chapters/queens""#), "the switch on the page");
    let res = guest.client.get(guest.url("/language/es?back=/chapters/queens")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/chapters/queens", "back to the page it was on");
    // The choice sticks across pages, and beats the browser's language.
    let (_, chapter) = guest.get("/chapters/queens").await;
    assert!(chapter.contains(r#"<html lang="es""#) && chapter.contains("Próximos eventos"));
    let res = guest.client.get(guest.url("/")).header(ACCEPT_LANGUAGE, "en").send().await.unwrap();
    assert!(res.text().await.unwrap().contains(r#"<html lang="es""#), "a chosen language beats the browser's");
    // Never a way off the site, and only languages Turnout has.
    let res = guest.client.get(guest.url("/language/en?back=//evil.example/x")).send().await.unwrap();
    assert_eq!(res.headers()[LOCATION], "/", "an off-site address is replaced by the home page");
    assert_eq!(guest.client.get(guest.url("/language/fr?back=/")).send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // A member's choice is kept in their account: it follows them to
    // another browser.
    account(&app, "lucia@example.org", "Lucía Ortiz", false).await;
    let member = logged_in(&app, "lucia@example.org").await;
    member.client.get(member.url("/language/es?back=/")).send().await.unwrap();
    assert_eq!(sql_text(&conn, "SELECT language FROM users WHERE email = 'lucia@example.org'").await, "es");
    let elsewhere = logged_in(&app, "lucia@example.org").await;
    let (_, page) = elsewhere.get("/").await;
    assert!(page.contains(r#"<html lang="es""#), "the account's language, in a browser that never chose");

    // Someone registering from the Spanish page gets their confirmation link
    // in Spanish (the guest chose English above; Spanish again now).
    guest.client.get(guest.url("/language/es?back=/register")).send().await.unwrap();
    let res = guest
        .submit(
            "/register",
            "/register",
            &[("name", "Rosa Luxemburgo"), ("email", "rosa@example.org"), ("password", "solidaridad entre todos")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    app.tick(Utc::now()).await;
    let mail = smtp.wait_for(1, Duration::from_secs(10)).await;
    let verify = mail.iter().find(|m| m.rcpt_to == "rosa@example.org").expect("the confirmation link");
    assert_eq!(verify.subject_text(), "Confirme su dirección de correo");
    let text = verify.decoded();
    assert!(text.contains("Hola, Rosa Luxemburgo:") && text.contains("Confirmar mi dirección"), "{text}");
    app.stop().await;
}

fn for_whom<'a>(got: &'a [Received], to: &str, subject_starts: &str) -> &'a Received {
    got.iter().find(|m| m.rcpt_to == to && m.subject_text().starts_with(subject_starts)).unwrap_or_else(|| {
        panic!("{to} got {subject_starts:?}: {:?}", got.iter().map(|m| (&m.rcpt_to, m.subject_text())).collect::<Vec<_>>())
    })
}

async fn a_spanish_member_and_an_english_guest_each_get_their_own_language(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = db.connect().await;
    let forum = forum_id(&conn).await;
    // The demo forum is nearly full: room for two more.
    conn.execute_unprepared(&format!("UPDATE events SET capacity = seats_taken + 2 WHERE id = {forum}")).await.unwrap();

    // Lucía chose Spanish; Grace's browser asks for nothing in particular.
    account(&app, "lucia@example.org", "Lucía Ortiz", false).await;
    let lucia = logged_in(&app, "lucia@example.org").await;
    lucia.client.get(lucia.url("/language/es?back=/")).send().await.unwrap();
    let page = format!("/events/{forum}");
    let res = lucia.submit(&page, &format!("{page}/rsvp"), &[("answer", "going")]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "Lucía RSVPs with one click");
    assert_eq!(app.rsvp(forum, "Grace Lee", "grace@example.org").await.status(), StatusCode::OK);

    app.tick(Utc::now()).await;
    let got = smtp.wait_for(2, Duration::from_secs(10)).await;
    let spanish = for_whom(&got, "lucia@example.org", "Usted va: La vivienda es un derecho humano");
    let text = spanish.decoded();
    for expected in ["Hola, Lucía Ortiz:", "jueves,", "19:00", "Cuándo:", "Bienvenida de la Sección de Queens", "Programa:"] {
        assert!(text.contains(expected), "Lucía's confirmation says {expected:?}:\n{text}");
    }
    assert!(!text.contains("Hello") && !text.contains("When:") && !text.contains("Welcome from the Queens Branch"), "no English in it");
    assert!(text.contains("En la puerta"), "the check-in code's words too");
    // The message's own words: after its headers, before its calendar.
    let body = text.replace("\r\n", "\n");
    let body = body.split_once("\n\n").map_or("", |(_, b)| b).split("BEGIN:VCALENDAR").next().unwrap_or_default();
    let left = english_left(body, &written_texts(&conn).await);
    assert!(left.is_empty(), "English in the Spanish confirmation: {left:?}");
    let english = for_whom(&got, "grace@example.org", "You're going: Housing Is a Human Right");
    let text = english.decoded();
    for expected in ["Hello Grace Lee,", "Thursday", "7pm", "When:", "Welcome from the Queens Branch", "Agenda:"] {
        assert!(text.contains(expected), "Grace's confirmation says {expected:?}:\n{text}");
    }
    assert!(!text.contains("jueves") && !text.contains("Bienvenida"), "no Spanish in it");

    // The day before: each a reminder in their own language, with the agenda.
    let starts_at = turnout_persistence::events::details(&conn, forum).await.unwrap().unwrap().starts_at;
    let before = smtp.count();
    let report = app.tick(starts_at - chrono::Duration::hours(24)).await;
    // (The demo's own attendees are reminded too.)
    assert!(report.reminders_queued >= 2, "{report:?}");
    let got = smtp.wait_for(before + report.reminders_queued, Duration::from_secs(20)).await;
    let spanish = for_whom(&got, "lucia@example.org", "Recordatorio: La vivienda es un derecho humano");
    assert!(spanish.subject_text().ends_with("empieza mañana a las 19:00 EST"), "{}", spanish.subject_text());
    let text = spanish.decoded();
    assert!(text.contains("Programa:") && text.contains("Preguntas y debate"), "the Spanish agenda:\n{text}");
    let english = for_whom(&got, "grace@example.org", "Reminder: Housing Is a Human Right");
    assert!(english.subject_text().ends_with("starts tomorrow at 7pm EST"), "{}", english.subject_text());
    assert!(english.decoded().contains("Questions and discussion"), "the English agenda");

    // The forum moves an hour later: each is told what changed in their language.
    let details = turnout_persistence::events::details(&conn, forum).await.unwrap().unwrap();
    let told = turnout_persistence::event_changes::Told {
        starts_at: details.starts_at,
        ends_at: details.ends_at,
        place: details.venue.as_ref().map(|v| v.one_line()).unwrap_or_default(),
        online_url: details.online_url.clone(),
    };
    let now = Utc::now();
    turnout_persistence::event_changes::note(&conn, forum, told, now).await.unwrap();
    let later = if conn.get_database_backend() == sea_orm::DbBackend::Postgres {
        format!("UPDATE events SET starts_at = starts_at + INTERVAL '1 hour', ends_at = ends_at + INTERVAL '1 hour' WHERE id = {forum}")
    } else {
        let (s, e) = (details.starts_at + chrono::Duration::hours(1), details.ends_at + chrono::Duration::hours(1));
        format!("UPDATE events SET starts_at = '{}', ends_at = '{}' WHERE id = {forum}", s.to_rfc3339(), e.to_rfc3339())
    };
    conn.execute_unprepared(&later).await.unwrap();
    let before = smtp.count();
    let report = app.tick(now + chrono::Duration::minutes(1)).await;
    assert!(report.notices_queued >= 2, "{report:?}");
    let got = smtp.wait_for(before + report.notices_queued, Duration::from_secs(20)).await;
    let spanish = for_whom(&got, "lucia@example.org", "Cambió: La vivienda es un derecho humano").decoded();
    assert!(
        spanish.contains("Cuándo: ") && spanish.contains("de 19:00 a 21:00 EST → ") && spanish.contains("de 20:00 a 22:00 EST"),
        "{spanish}"
    );
    assert!(spanish.contains("reemplaza a la anterior"), "{spanish}");
    let english = for_whom(&got, "grace@example.org", "Changed: Housing Is a Human Right").decoded();
    assert!(english.contains("When: ") && english.contains("7pm to 9pm EST → ") && english.contains("8pm to 10pm EST"), "{english}");

    // The guest's language is remembered with her RSVP.
    assert_eq!(sql_text(&conn, "SELECT language FROM rsvps WHERE email = 'grace@example.org'").await, "en");
    assert_eq!(sql_text(&conn, "SELECT language FROM rsvps WHERE email = 'lucia@example.org'").await, "es");
    app.stop().await;
}

/// English words that no Spanish page has any use for: one of them on a
/// Spanish page (outside what people wrote) is text left untranslated.
const ENGLISH_WORDS: [&str; 30] = [
    "the", "your", "you", "will", "with", "this", "and", "who", "when", "where", "what", "please", "here", "have", "has", "are", "for",
    "from", "not", "yet", "been", "their", "they", "there", "each", "only", "save", "cancel", "delete", "edit",
];

/// Every text people wrote or that came from elsewhere (titles, names,
/// addresses, email subjects, audit details): it is shown as written, in
/// whatever language it was written in.
async fn written_texts(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    let mut texts = Vec::new();
    for sql in [
        "SELECT title FROM events",
        "SELECT summary FROM events",
        "SELECT title_other FROM events",
        "SELECT summary_other FROM events",
        "SELECT name FROM chapters",
        "SELECT description FROM chapters",
        "SELECT name FROM users",
        "SELECT name FROM rsvps",
        "SELECT name FROM venues",
        "SELECT street_address FROM venues",
        "SELECT city FROM venues",
        "SELECT transit_directions_other FROM venues",
        "SELECT accessibility_notes_other FROM venues",
        "SELECT title FROM event_agenda_items",
        "SELECT title_other FROM event_agenda_items",
        "SELECT subject FROM outbox",
    ] {
        let rows = db.query_all_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql.to_owned())).await.expect(sql);
        texts.extend(rows.iter().filter_map(|r| r.try_get_by_index::<Option<String>>(0).ok().flatten()));
    }
    // The longest first, so a title is taken out before a name inside it.
    texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
    texts.retain(|t| !t.trim().is_empty());
    texts
}

/// What a reader of `html` sees or hears: the text between tags and the
/// texts of placeholders, labels, titles and alternatives, without scripts,
/// styles, and the contents of text areas (the organizer's own text).
fn readable_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let tag_end = rest[open..].find('>').map_or(rest.len(), |e| open + e + 1);
        let tag = &rest[open..tag_end];
        for attribute in ["placeholder=\"", "aria-label=\"", "title=\"", "alt=\""] {
            if let Some(at) = tag.find(attribute) {
                out.push_str(tag[at + attribute.len()..].split('"').next().unwrap_or_default());
                out.push(' ');
            }
        }
        rest = &rest[tag_end..];
        for skipped in ["script", "style", "textarea"] {
            if tag.starts_with(&format!("<{skipped}")) {
                let close = format!("</{skipped}>");
                rest = rest.find(&close).map_or("", |c| &rest[c + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
}

/// The English words on a page meant to be Spanish, each with its context.
fn english_left(html: &str, written: &[String]) -> Vec<String> {
    let mut text = readable_text(html);
    for w in written {
        text = text.replace(w.as_str(), " ");
    }
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if ENGLISH_WORDS.contains(&w.to_lowercase().as_str()) {
            found.push(words[i.saturating_sub(4)..(i + 5).min(words.len())].join(" "));
        }
    }
    found
}

/// Issue 13: the organizer's and the site admin's pages speak Spanish too,
/// validation messages included; nothing on them is left in English apart
/// from what people wrote.
async fn organizers_and_admins_work_in_spanish(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = db.connect().await;
    account(&app, "ana@example.org", "Ana Quintero", true).await;
    conn.execute_unprepared("UPDATE users SET language = 'es' WHERE email = 'ana@example.org'").await.unwrap();
    let admin = logged_in(&app, "ana@example.org").await;
    let assembly = sql_i64(&conn, "SELECT id FROM events WHERE language = 'es' ORDER BY id LIMIT 1").await;
    // Someone going, so the attendee pages have a row.
    let res = app.rsvp(assembly, "Marta Gómez", "marta@example.org").await;
    assert_eq!(res.status(), StatusCode::OK);
    let written = written_texts(&conn).await;

    let mut pages: Vec<String> = [
        "/chapters/sunset-park/dashboard",
        "/chapters/sunset-park/events/new",
        "/chapters/sunset-park/announce",
        "/chapters/sunset-park/venues",
        "/chapters/sunset-park/members",
        "/chapters/sunset-park/settings",
        "/chapters/sunset-park/edit",
        "/chapters/sunset-park/contact",
        "/chapters/sunset-park/contact/sent",
        "/admin/audit",
        "/admin/outbox",
        "/admin/chapters/new",
        "/account",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for tail in ["edit", "attendees", "timeline", "sign-in-sheet", "checkin", "announce", "cancel"] {
        pages.push(format!("/events/{assembly}/{tail}"));
    }
    // A few of the words each area now says, so a page that lost its text
    // (or never had it) is noticed too.
    let expected = [
        ("/chapters/sunset-park/dashboard", "Borradores"),
        ("/chapters/sunset-park/events/new", "Guardar como borrador"),
        ("/chapters/sunset-park/settings", "Datos de los asistentes"),
        ("/account", "Mi cuenta"),
        ("/admin/outbox", "Entrega del correo"),
    ];
    let mut untranslated = Vec::new();
    for path in &pages {
        let (status, html) = admin.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(html.contains(r#"<html lang="es""#), "{path} is in Spanish");
        assert!(!html.contains('⟦'), "no raw catalogue key on {path}");
        untranslated.extend(english_left(&html, &written).into_iter().map(|w| format!("{path}: {w}")));
        for (_, words) in expected.iter().filter(|(p, _)| p == path) {
            assert!(html.contains(words), "{path} says {words:?}");
        }
        if path.ends_with("/attendees") {
            assert!(html.contains("Descargar en CSV"), "{path}");
        }
        if path.ends_with("/checkin") {
            assert!(html.contains("Registrar llegada"), "{path}");
        }
    }
    assert!(untranslated.is_empty(), "English left on Spanish pages:\n{}", untranslated.join("\n"));

    // A refused form says what is wrong in Spanish, and keeps the text.
    let res = admin
        .submit(
            "/chapters/sunset-park/events/new",
            "/chapters/sunset-park/events",
            &[("kind", "public_forum"), ("title", ""), ("summary", "Una reunión"), ("action", "publish")],
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = res.text().await.unwrap();
    assert!(html.contains("Una reunión"), "what was typed is kept");
    assert!(html.contains("Este campo es obligatorio."), "the rule's message in Spanish");
    let left = english_left(&html, &written);
    assert!(left.is_empty(), "English on the refused form: {left:?}");
    app.stop().await;
}
