//! A reader in a real browser switches the demo forum's page to Spanish with
//! the link at the foot of the page: every string of the page changes (none
//! of the English catalogue's phrases is left; what stays is names and the
//! organizer's words they gave in English only), and the choice holds on the
//! next pages, without JavaScript being needed for any of it.

use std::time::Duration;

use fantoccini::Locator;
use turnout_domain::catalogue::{keys, text};
use turnout_domain::language::Language;
use turnout_tests::app::Options;
use turnout_tests::browser::Browser;
use turnout_tests::fixtures::sql_i64;
use turnout_tests::{Backend, SmtpServer, TestApp, TestDb};

/// The English catalogue's phrases that a Spanish page must not show: those
/// that differ from their Spanish and are long or several words (a single
/// short word such as "Branch" can be part of a chapter's name).
fn english_phrases() -> Vec<String> {
    keys(Language::English)
        .into_iter()
        .filter(|k| !k.starts_with("date-") && !k.starts_with("lead-") && k != "clock-format")
        .map(|k| (text(Language::English, &k, &[]), text(Language::Spanish, &k, &[])))
        .filter(|(en, es)| en != es && !en.contains('{') && (en.trim().contains(' ') || en.trim().len() >= 10))
        .map(|(en, _)| en.trim().to_owned())
        .collect()
}

async fn visible_text(c: &fantoccini::Client) -> String {
    c.find(Locator::Css("body")).await.unwrap().text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_turns_the_whole_page_spanish_and_the_choice_holds() {
    let Some(browser) = Browser::start().await else { return };
    let db = TestDb::create(Backend::Sqlite).await.expect("sqlite");
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let c = &browser.client;
    let wait = Duration::from_secs(15);
    let forum = sql_i64(&app.running.db, "SELECT id FROM events WHERE kind = 'public_forum'").await;

    // The browser asks for English: the page is English, with a way to Spanish.
    c.goto(&app.url(&format!("/events/{forum}"))).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("h1")).await.unwrap();
    assert_eq!(c.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap().as_deref(), Some("en"));
    let english = visible_text(c).await;
    assert!(english.contains("Housing Is a Human Right") && english.contains("Your name"), "{english}");
    // The check below can fail: on the English page it finds plenty.
    let found = english_phrases().into_iter().filter(|p| english.contains(p.as_str())).count();
    assert!(found >= 10, "only {found} catalogue phrases found on the English page");

    // One click on "Español".
    c.find(Locator::LinkText("Español")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("html[lang=es]")).await.unwrap();
    assert!(c.current_url().await.unwrap().path().ends_with(&format!("/events/{forum}")), "back on the same page");
    let spanish = visible_text(c).await;
    for expected in ["La vivienda es un derecho humano", "Confirmar asistencia", "Su nombre", "Cuándo", "Dónde", "jueves", "Programa"] {
        assert!(spanish.contains(expected), "the Spanish page shows {expected:?}:\n{spanish}");
    }
    let left: Vec<String> = english_phrases().into_iter().filter(|p| spanish.contains(p.as_str())).collect();
    assert!(left.is_empty(), "English left on the Spanish page: {left:?}\n{spanish}");
    assert!(!spanish.contains('⟦'), "no raw catalogue key");

    // The choice holds: the chapter page and the home page are Spanish too,
    // and the switch now offers English.
    c.find(Locator::Css("main a[href=\"/chapters/queens\"]")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("html[lang=es]")).await.unwrap();
    assert!(visible_text(c).await.contains("Próximos eventos"));
    c.goto(&app.url("/")).await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("html[lang=es]")).await.unwrap();
    let home = visible_text(c).await;
    assert!(home.contains("Buscar eventos") && home.contains("English"), "{home}");
    let left: Vec<String> = english_phrases().into_iter().filter(|p| home.contains(p.as_str())).collect();
    assert!(left.is_empty(), "English left on the Spanish home page: {left:?}\n{home}");

    // And back to English with the same switch.
    c.find(Locator::LinkText("English")).await.unwrap().click().await.unwrap();
    c.wait().at_most(wait).for_element(Locator::Css("html[lang=en]")).await.unwrap();
    assert!(visible_text(c).await.contains("Upcoming events"));
    browser.close().await;
    app.stop().await;
}
