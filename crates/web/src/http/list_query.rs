//! The public event list's filters, shared by `/` and `/api/v1/events`:
//! chapter (with its sub-chapters), kind, tag, date range, words, page.

use chrono::NaiveDate;
use serde::Deserialize;
use turnout_domain::event::EventKind;
use turnout_domain::time::{FIRST_YEAR, LAST_YEAR, year_in_range};
use turnout_persistence::events::Search;
use turnout_persistence::{Db, chapters};

use crate::frame::error_page::reader;
use crate::http::error::Error;

pub const PAGE_SIZE: u64 = 20;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ListQuery {
    pub chapter: Option<String>,
    pub kind: Option<String>,
    pub tag: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), included.
    pub to: Option<String>,
    pub q: Option<String>,
    pub page: Option<u64>,
}

fn present(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn day(value: &str, name: &str) -> Result<NaiveDate, Error> {
    // Dates outside the years events may have would only reach the database's limits (an error on PostgreSQL).
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok().filter(|d| year_in_range(*d)).ok_or_else(|| {
        Error::BadRequest(reader().f(
            "error-list-date",
            &[
                ("name", name.into()),
                ("first", FIRST_YEAR.to_string().as_str().into()),
                ("last", LAST_YEAR.to_string().as_str().into()),
                ("value", format!("{value:?}").as_str().into()),
            ],
        ))
    })
}

impl ListQuery {
    pub fn page(&self) -> u64 {
        self.page.unwrap_or(1).clamp(1, 10_000)
    }

    /// The search these filters describe; a bad value is a 400 that says which.
    pub async fn to_search(&self, db: &Db) -> Result<Search, Error> {
        let mut search = Search { limit: PAGE_SIZE + 1, offset: (self.page() - 1) * PAGE_SIZE, ..Default::default() };
        if let Some(slug) = present(&self.chapter) {
            let chapter = chapters::find_by_slug(db, slug)
                .await?
                .ok_or_else(|| Error::BadRequest(reader().f("error-list-chapter", &[("slug", format!("{slug:?}").as_str().into())])))?;
            search.chapter_ids = chapters::with_descendants(db, chapter.id).await?;
        }
        if let Some(kind) = present(&self.kind) {
            search.kind = Some(
                EventKind::parse(kind)
                    .map_err(|_| Error::BadRequest(reader().f("error-list-kind", &[("kind", format!("{kind:?}").as_str().into())])))?,
            );
        }
        search.tag = present(&self.tag).map(|t| t.trim_start_matches('#').to_lowercase());
        if let Some(from) = present(&self.from) {
            search.from = Some(day(from, "from")?.and_hms_opt(0, 0, 0).expect("midnight").and_utc());
        }
        if let Some(to) = present(&self.to) {
            let last = day(to, "to")?;
            search.until = last.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0)).map(|t| t.and_utc());
        }
        if let (Some(from), Some(until)) = (search.from, search.until)
            && until <= from
        {
            return Err(Error::BadRequest(reader().s("error-list-range")));
        }
        search.text = present(&self.q).map(|q| q.chars().take(200).collect());
        Ok(search)
    }

    /// The query string for another page of the same list.
    pub fn with_page(&self, page: u64) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (k, v) in
            [("chapter", &self.chapter), ("kind", &self.kind), ("tag", &self.tag), ("from", &self.from), ("to", &self.to), ("q", &self.q)]
        {
            if let Some(v) = present(v) {
                pairs.push((k, v.to_owned()));
            }
        }
        pairs.push(("page", page.to_string()));
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}
