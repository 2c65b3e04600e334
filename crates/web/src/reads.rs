//! What public pages read, kept between requests: events, their chapters and
//! counts, the chapter list, list searches. Each entry remembers the content
//! versions it was read at (`turnout_persistence::content`, raised by the
//! database's triggers on every committed change to those tables, by any
//! instance), and a request first reads the versions (one statement) and uses
//! only entries of those versions. So an edit, a cancellation or an RSVP
//! shows on the very next request, on this instance or any other. What does
//! not depend on RSVPs is checked against the content version alone
//! (`Version::content_only`): an RSVP makes the next request read the event's
//! counts again, not the whole event.
//!
//! Only data is kept, never a rendered page: the CSRF token, the viewer's
//! own RSVP, an organizer's links and a protected address are decided per
//! request from it. Lists whose answer depends on the clock (what has not
//! ended yet) are kept for at most `CLOCK_BOUND`. The number of entries is
//! bounded (least recently used go first), so memory is too.

use std::any::Any;
use std::collections::HashMap;
use std::num::NonZeroUsize;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lru::LruCache;
use turnout_domain::chapter::Chapter;
use turnout_domain::event::{EventDetails, EventSummary};
use turnout_domain::policy::EventChapters;
use turnout_persistence::content::Versions;
use turnout_persistence::events::Search;
use turnout_persistence::rsvps::People;
use turnout_persistence::{Db, chapters, events, rsvps};

use crate::http::error::Error;

/// Entries kept at most: a few thousand events' details and lists, tens of
/// megabytes at most.
const CAPACITY: usize = 2048;

/// How long a list that depends on the current time may be reused.
pub const CLOCK_BOUND: Duration = Duration::from_secs(2);

struct Entry {
    version: Version,
    read_at: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

pub struct Reads {
    entries: Mutex<LruCache<String, Entry>>,
    /// The keys being read right now, each with the lock its readers queue on.
    reading: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// The versions last read and when that read began; requests queue here
    /// for their turn to read them.
    versions: tokio::sync::Mutex<Option<(Instant, Version)>>,
}

impl Default for Reads {
    fn default() -> Self {
        Self {
            entries: Mutex::new(LruCache::new(NonZeroUsize::new(CAPACITY).expect("a capacity above zero"))),
            reading: Mutex::new(HashMap::new()),
            versions: tokio::sync::Mutex::new(None),
        }
    }
}

/// The content versions of one request: read once, then every cached read
/// of that request is checked against them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version(Versions);

impl Version {
    /// For what RSVPs do not change: checked against the content version only.
    pub fn content_only(self) -> Self {
        Self(Versions { counts: 0, ..self.0 })
    }
}

impl Reads {
    /// The versions as the database has them, including every change
    /// committed before this call. One read serves every request that
    /// arrived before it began: under load, a read per round trip to the
    /// database instead of one per request, and never an older answer.
    /// On SQLite, in this process, each request reads them itself: a read
    /// costs less than the queue (measured: event page 12,670/s reading
    /// directly, 10,764/s through the queue; on PostgreSQL 7,824 and 9,982).
    pub async fn version(&self, db: &Db) -> Result<Version, Error> {
        if turnout_persistence::ConnectionTrait::get_database_backend(db) == turnout_persistence::DbBackend::Sqlite {
            return Ok(Version(turnout_persistence::content::versions(db).await?));
        }
        let arrived = Instant::now();
        let mut last = self.versions.lock().await;
        if let Some((began, version)) = *last
            && began > arrived
        {
            return Ok(version);
        }
        let began = Instant::now();
        let version = Version(turnout_persistence::content::versions(db).await?);
        *last = Some((began, version));
        Ok(version)
    }

    /// The value under `key` if it was read at `version` (and, with
    /// `max_age`, not longer ago than that); else `load`s and keeps it.
    pub async fn get<T, F>(&self, version: Version, key: String, max_age: Option<Duration>, load: F) -> Result<Arc<T>, Error>
    where
        T: Any + Send + Sync,
        F: std::future::Future<Output = Result<T, Error>>,
    {
        if let Some(value) = self.kept(version, &key, max_age) {
            return Ok(value);
        }
        // One read per key at a time: the requests that arrive while it runs
        // wait for it and take its result, instead of each reading the same
        // rows (64 connections opening a feed at once held 64 copies).
        let gate = {
            let mut reading = self.reading.lock().unwrap_or_else(|e| e.into_inner());
            Arc::clone(reading.entry(key.clone()).or_default())
        };
        let _turn = gate.lock().await;
        if let Some(value) = self.kept(version, &key, max_age) {
            return Ok(value);
        }
        let loaded = load.await;
        self.reading.lock().unwrap_or_else(|e| e.into_inner()).remove(&key);
        let value = Arc::new(loaded?);
        let entry = Entry { version, read_at: Instant::now(), value: value.clone() };
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).put(key, entry);
        Ok(value)
    }

    /// The value under `key`, if it is of `version` and young enough.
    fn kept<T: Any + Send + Sync>(&self, version: Version, key: &str, max_age: Option<Duration>) -> Option<Arc<T>> {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        let e = entries.get(key)?;
        if e.version != version || max_age.is_some_and(|age| e.read_at.elapsed() >= age) {
            return None;
        }
        Arc::clone(&e.value).downcast::<T>().ok()
    }

    /// How many entries are kept (for tests of the bound).
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// An event as its page reads it: its details, the chapters that decide who
/// may do what with it, and how many people answered what.
pub struct EventRead {
    pub details: EventDetails,
    pub lines: EventChapters,
    pub people: People,
}

/// What an event's page reads that RSVPs do not change. Its `seats_taken`
/// is as it was when read: `event` puts in the current one.
pub struct EventBase {
    pub details: EventDetails,
    pub lines: EventChapters,
}

/// What RSVPs change: the people by answer and the seats taken.
struct Counts {
    people: People,
    seats_taken: i32,
}

/// The event `id` at `version`, or `None` if there is none.
pub async fn event(reads: &Reads, db: &Db, version: Version, id: i64) -> Result<Option<EventRead>, Error> {
    let base = event_base(reads, db, version, id).await?;
    let Some(base) = base.as_ref() else { return Ok(None) };
    let counts = reads
        .get(version, format!("counts:{id}"), None, async {
            let people = rsvps::people(db, id).await?;
            let seats_taken = events::seats_taken(db, id).await?.unwrap_or(base.details.seats_taken);
            Ok(Counts { people, seats_taken })
        })
        .await?;
    let mut details = base.details.clone();
    details.seats_taken = counts.seats_taken;
    Ok(Some(EventRead { details, lines: base.lines.clone(), people: counts.people }))
}

/// The event `id` without its counts (kept while only RSVPs change), or `None`.
pub async fn event_base(reads: &Reads, db: &Db, version: Version, id: i64) -> Result<Arc<Option<EventBase>>, Error> {
    reads
        .get(version.content_only(), format!("event:{id}"), None, async {
            let Some(details) = events::details(db, id).await? else { return Ok(None) };
            let lines = crate::http::access::event_lines(db, &details).await?;
            Ok(Some(EventBase { details, lines }))
        })
        .await
}

/// The events a list shows (upcoming: it depends on the clock, so kept for
/// `CLOCK_BOUND` at most).
pub async fn search(reads: &Reads, db: &Db, version: Version, search: &Search) -> Result<Arc<Vec<EventSummary>>, Error> {
    reads
        .get(version.content_only(), format!("search:{search:?}"), Some(CLOCK_BOUND), async {
            Ok(events::search(db, chrono::Utc::now(), search).await?)
        })
        .await
}

/// Every chapter, by name.
pub async fn chapters(reads: &Reads, db: &Db, version: Version) -> Result<Arc<Vec<Chapter>>, Error> {
    reads.get(version.content_only(), "chapters".to_owned(), None, async { Ok(chapters::list(db).await?) }).await
}

/// A chapter and the chapters below it (their events are its events too).
pub async fn family(reads: &Reads, db: &Db, version: Version, chapter_id: i64) -> Result<Arc<Vec<i64>>, Error> {
    reads
        .get(version.content_only(), format!("family:{chapter_id}"), None, async { Ok(chapters::with_descendants(db, chapter_id).await?) })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: Version = Version(Versions { content: 1, counts: 1 });
    const V2: Version = Version(Versions { content: 2, counts: 1 });

    #[tokio::test]
    async fn an_entry_serves_its_version_only() {
        let reads = Reads::default();
        let one = reads.get(V1, "k".into(), None, async { Ok::<_, Error>(10) }).await.unwrap();
        let again = reads.get(V1, "k".into(), None, async { Ok::<_, Error>(11) }).await.unwrap();
        assert_eq!((*one, *again), (10, 10), "the same version reads the kept value");
        let newer = reads.get(V2, "k".into(), None, async { Ok::<_, Error>(12) }).await.unwrap();
        assert_eq!(*newer, 12, "a new version reads again");
        let aged = reads.get(V2, "k".into(), Some(Duration::ZERO), async { Ok::<_, Error>(13) }).await.unwrap();
        assert_eq!(*aged, 13, "a list past its age reads again");
    }

    #[tokio::test]
    async fn requests_that_arrive_together_read_once() {
        let reads = Arc::new(Reads::default());
        let loads = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..16 {
            let (reads, loads) = (Arc::clone(&reads), Arc::clone(&loads));
            tasks.push(tokio::spawn(async move {
                let load = async {
                    loads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Ok::<_, Error>(7)
                };
                *reads.get(V1, "feed".into(), None, load).await.unwrap()
            }));
        }
        for t in tasks {
            assert_eq!(t.await.unwrap(), 7);
        }
        assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1, "one read for sixteen requests");
    }

    #[tokio::test]
    async fn the_number_of_entries_is_bounded() {
        let reads = Reads::default();
        for i in 0..CAPACITY + 100 {
            reads.get(V1, format!("event:{i}"), None, async move { Ok::<_, Error>(vec![0u8; 16]) }).await.unwrap();
        }
        assert_eq!(reads.len(), CAPACITY);
    }
}
