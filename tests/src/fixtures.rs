//! Data a test sets up directly through the persistence layer.

use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use turnout_domain::chapter::ChapterKind;
use turnout_domain::event::{AddressProtection, EventKind, EventStatus, RsvpOptions, Venue, Visibility};
use turnout_domain::event_input::ValidEvent;
use turnout_persistence::chapters::{self, NewChapter};
use turnout_persistence::events::{self, NewEvent};

pub struct EventSpec {
    pub title: &'static str,
    pub starts_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub visibility: Visibility,
    pub status: EventStatus,
    pub guests_allowed: i32,
    pub rsvp_options: RsvpOptions,
}

impl EventSpec {
    pub fn public(title: &'static str, starts_at: DateTime<Utc>) -> Self {
        Self {
            title,
            starts_at,
            capacity: None,
            visibility: Visibility::Public,
            status: EventStatus::Published,
            guests_allowed: 0,
            rsvp_options: RsvpOptions::default(),
        }
    }
}

/// A chapter with one event; returns the event's id.
pub async fn chapter_with_event(db: &DatabaseConnection, spec: EventSpec) -> i64 {
    let now = Utc::now();
    let slug = format!("branch-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let chapter_id = chapters::insert(
        db,
        NewChapter {
            slug,
            name: "Test Branch".into(),
            kind: ChapterKind::Branch,
            parent_id: None,
            time_zone: "America/New_York".into(),
            description: "A branch for tests.".into(),
            contact_email: None,
            join_needs_approval: false,
        },
        now,
    )
    .await
    .expect("insert chapter");
    let venue_id = events::insert_venue(
        db,
        chapter_id,
        Venue {
            name: "Union Hall".into(),
            street_address: "1 Main St".into(),
            suite: Some("Room 2".into()),
            city: "Queens, NY".into(),
            ..Venue::default()
        },
    )
    .await
    .expect("insert venue");
    event_in(db, chapter_id, Some(venue_id), spec).await
}

/// An event of an existing chapter; returns its id.
pub async fn event_in(db: &DatabaseConnection, chapter_id: i64, venue_id: Option<i64>, spec: EventSpec) -> i64 {
    let now = Utc::now();
    events::insert(
        db,
        NewEvent {
            chapter_id,
            status: spec.status,
            venue_id,
            event: ValidEvent {
                kind: EventKind::PublicForum,
                language: turnout_domain::language::Language::English,
                translation: Default::default(),
                title: spec.title.into(),
                summary: "A test event.".into(),
                description: String::new(),
                visibility: spec.visibility,
                starts_at: spec.starts_at,
                ends_at: spec.starts_at + Duration::hours(2),
                doors_open_at: None,
                time_zone: "America/New_York".into(),
                online_url: None,
                capacity: spec.capacity,
                overflow_note: None,
                guests_allowed: spec.guests_allowed,
                rsvp_options: spec.rsvp_options,
                rsvp_opens_at: None,
                rsvp_closes_at: None,
                address_protection: AddressProtection::Public,
                agenda: vec![],
                sessions: vec![],
                speakers: vec![],
                sponsors: vec![],
                tags: vec![],
                venue: None,
            },
        },
        now,
    )
    .await
    .expect("insert event")
}

/// A start time in whole seconds, `days` from now.
pub fn days_from_now(days: i64) -> DateTime<Utc> {
    let t = Utc::now() + Duration::days(days);
    DateTime::from_timestamp(t.timestamp(), 0).expect("valid time")
}

/// A chapter named `slug`, under the chapter `parent` if given; returns its id.
pub async fn chapter(db: &DatabaseConnection, slug: &str, name: &str, parent: Option<&str>) -> i64 {
    let parent_id = match parent {
        Some(p) => Some(chapters::find_by_slug(db, p).await.expect("find parent").expect("the parent exists").id),
        None => None,
    };
    let kind = if parent.is_some() { ChapterKind::Branch } else { ChapterKind::District };
    let new = NewChapter {
        slug: slug.into(),
        name: name.into(),
        kind,
        parent_id,
        time_zone: "America/New_York".into(),
        description: format!("{name}, for tests."),
        contact_email: None,
        join_needs_approval: false,
    };
    chapters::insert(db, new, Utc::now()).await.expect("insert chapter")
}

/// The first column of the first row of `sql`, as an integer.
pub async fn sql_i64(db: &DatabaseConnection, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.expect("query").expect("a row");
    row.try_get_by_index::<i64>(0).expect("an integer")
}

/// The first column of the first row of `sql`, as text.
pub async fn sql_text(db: &DatabaseConnection, sql: &str) -> String {
    use sea_orm::ConnectionTrait;
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await.expect("query").expect("a row");
    row.try_get_by_index::<String>(0).expect("text")
}

/// Moves every RSVP of `event` an hour into the past, as if made then (a
/// repeated RSVP mails its owner only once the confirmation is not fresh).
pub async fn age_rsvps(db: &DatabaseConnection, event: i64) {
    use sea_orm::ConnectionTrait;
    let then = (Utc::now() - Duration::hours(1)).to_rfc3339();
    let sql = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => format!("UPDATE rsvps SET created_at = '{then}'::timestamptz WHERE event_id = {event}"),
        _ => format!("UPDATE rsvps SET created_at = '{}' WHERE event_id = {event}", then.replace('T', " ")),
    };
    db.execute_unprepared(&sql).await.expect("age the RSVPs");
}
