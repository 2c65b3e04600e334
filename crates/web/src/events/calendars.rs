//! Calendar feeds: one event, a chapter (with its sub-chapters), everything
//! public. Subscribable URLs; each event keeps its UID, its SEQUENCE grows.

use crate::http::routing::{Routes, get};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, Utc};
use turnout_domain::catalogue::Tr;
use turnout_domain::event::Viewer;
use turnout_domain::language::Language;
use turnout_domain::policy::Decision;
use turnout_notifications::ics;
use turnout_persistence::events::{self, Search};
use turnout_persistence::{Db, chapters, rsvps};

use crate::http::access::visible_event;
use crate::http::access::{self, EventRight};
use crate::http::error::Error;
use crate::http::visitor::Visitor;
use crate::state::AppState;

/// Feeds carry recent past events too, so a calendar keeps what happened.
const FEED_PAST_DAYS: i64 = 60;
const FEED_LIMIT: u64 = 200;

pub fn routes() -> Routes {
    Routes::new()
        .route("/events/{id}/calendar.ics", get(one))
        .route("/chapters/{slug}/calendar.ics", get(chapter_feed))
        .route("/calendar.ics", get(everything))
}

/// `?lang=en` or `?lang=es`: the language of the organizer's text in the
/// feed, where they gave it in that language.
#[derive(Debug, serde::Deserialize, Default)]
pub(super) struct FeedLanguage {
    lang: Option<String>,
}

impl FeedLanguage {
    /// The language asked for; `None` when none was (the chapter's then).
    fn chosen(&self) -> Result<Option<Language>, Error> {
        match self.lang.as_deref() {
            None | Some("") => Ok(None),
            Some(tag) => {
                Language::exact(tag).map(Some).ok_or_else(|| Error::BadRequest(crate::frame::error_page::reader().s("org-feed-bad-lang")))
            }
        }
    }
}

fn ics_response(body: String, filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        body,
    )
        .into_response()
}

async fn one(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    Query(q): Query<FeedLanguage>,
) -> Result<Response, Error> {
    let id = id.trim_end_matches(".ics").to_owned();
    let e = visible_event(&s, &id, v.actor()).await?;
    let lang = q.chosen()?.unwrap_or(e.chapter_language);
    let (e, _) = e.in_language(lang);
    let viewer = Viewer {
        organizer: access::can(&s.db, v.actor(), &e, EventRight::Manage).await? == Decision::Allow,
        going: match &v.user {
            Some(u) => rsvps::is_going(&s.db, e.id, u.id, &u.email).await?,
            None => false,
        },
    };
    let entry = ics::event(Tr(lang), &e, &s.base_url, e.address_visible(viewer, Utc::now()));
    let body = ics::calendar(&e.title, [entry], Some("PUBLISH"));
    Ok(ics_response(body, &format!("event-{}.ics", e.id)))
}

/// `lang`: the feed's language; `None`: each event's chapter's.
/// Kept for a moment between requests (see `reads`): a calendar program
/// polls it, and on announcement day many do.
async fn feed(s: &AppState, name: &str, chapter_ids: Vec<i64>, lang: Option<Language>) -> Result<String, Error> {
    let version = s.reads.version(&s.db).await?;
    let key = format!("feed:{name}:{chapter_ids:?}:{lang:?}");
    let body = s
        .reads
        .get(version.content_only(), key, Some(crate::reads::CLOCK_BOUND), build_feed(&s.db, &s.base_url, name, chapter_ids, lang))
        .await?;
    Ok(body.as_ref().clone())
}

async fn build_feed(db: &Db, base_url: &str, name: &str, chapter_ids: Vec<i64>, lang: Option<Language>) -> Result<String, Error> {
    let search = Search { chapter_ids, from: Some(Utc::now() - Duration::days(FEED_PAST_DAYS)), limit: FEED_LIMIT, ..Default::default() };
    let ids: Vec<i64> = events::search(db, Utc::now(), &search).await?.iter().map(|e| e.id).collect();
    let now = Utc::now();
    let out = events::details_many(db, &ids)
        .await?
        .iter()
        .map(|e| {
            let language = lang.unwrap_or(e.chapter_language);
            let (e, _) = e.in_language(language);
            ics::event(Tr(language), &e, base_url, e.address_visible(Viewer::default(), now))
        })
        .collect::<Vec<_>>();
    Ok(ics::calendar(name, out, None))
}

async fn chapter_feed(State(s): State<AppState>, Path(slug): Path<String>, Query(q): Query<FeedLanguage>) -> Result<Response, Error> {
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let ids = chapters::with_descendants(&s.db, chapter.id).await?;
    let lang = q.chosen()?.unwrap_or(chapter.default_language);
    let body = feed(&s, &chapter.name, ids, Some(lang)).await?;
    Ok(ics_response(body, &format!("{slug}.ics")))
}

async fn everything(State(s): State<AppState>, Query(q): Query<FeedLanguage>) -> Result<Response, Error> {
    let lang = q.chosen()?;
    // The feed's name in its language, or the reader's when each event is in its chapter's.
    let t = lang.map_or_else(crate::frame::error_page::reader, Tr);
    let body = feed(&s, &t.s("org-feed-all-name"), Vec::new(), lang).await?;
    Ok(ics_response(body, "turnout.ics"))
}
