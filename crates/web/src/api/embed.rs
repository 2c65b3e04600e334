//! A chapter's upcoming events as a small page the organization's own website
//! can show in an iframe. The only page that may be framed by other sites.

use crate::http::routing::{Routes, get};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::{DOCTYPE, html};
use turnout_domain::event::EventStatus;
use turnout_domain::time::date_time_label_in;
use turnout_persistence::chapters;
use turnout_persistence::events::{self, Search};

use crate::http::error::Error;
use crate::http::middleware::EMBEDDABLE;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new().route("/chapters/{slug}/embed", get(embed))
}

async fn embed(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(slug): Path<String>) -> Result<Response, Error> {
    let chapter = chapters::find_by_slug(&s.db, &slug).await?.ok_or(Error::NotFound)?;
    let t = v.in_chapter(chapter.default_language).tr;
    let family = chapters::with_descendants(&s.db, chapter.id).await?;
    let found = events::search(&s.db, Utc::now(), &Search { chapter_ids: family, limit: 20, ..Default::default() }).await?;
    let markup = html! {
        (DOCTYPE)
        html lang=(t.language().tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (t.f("embed-title", &[("chapter", (&chapter.name).into())])) }
                link rel="stylesheet" href="/static/turnout.css";
            }
            body.embed {
                @if found.is_empty() { p { (t.s("list-empty")) } }
                ul.event-list {
                    @for e in &found {
                        li {
                            div.when { (date_time_label_in(t.language(), e.starts_at, crate::frame::zone(&e.time_zone))) }
                            div {
                                @if e.status == EventStatus::Cancelled { strong { (t.s("list-cancelled")) } }
                                a href={ (s.base_url) "/events/" (e.id) } target="_blank" rel="noopener" { (e.title) }
                            }
                            @if let Some(city) = &e.city { div.meta { (city) } }
                        }
                    }
                }
                p { a href={ (s.base_url) "/chapters/" (chapter.slug) } target="_blank" rel="noopener" { (t.f("embed-all-events", &[("chapter", (&chapter.name).into())])) } }
            }
        }
    };
    let mut response = markup.into_response();
    response.headers_mut().insert(EMBEDDABLE, HeaderValue::from_static("1"));
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    Ok(response)
}
