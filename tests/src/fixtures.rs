//! Data a test sets up directly through the persistence layer.

use chrono::{DateTime, Duration, Utc};
use sea_orm::DatabaseConnection;
use turnout_domain::chapter::ChapterKind;
use turnout_domain::event::{AddressProtection, EventKind, EventStatus, Venue, Visibility};
use turnout_domain::event_input::ValidEvent;
use turnout_persistence::chapters::{self, NewChapter};
use turnout_persistence::events::{self, NewEvent};

pub struct EventSpec {
    pub title: &'static str,
    pub starts_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub visibility: Visibility,
    pub status: EventStatus,
}

impl EventSpec {
    pub fn public(title: &'static str, starts_at: DateTime<Utc>) -> Self {
        Self { title, starts_at, capacity: None, visibility: Visibility::Public, status: EventStatus::Published }
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
            transit_directions: None,
            accessibility_notes: None,
        },
    )
    .await
    .expect("insert venue");
    events::insert(
        db,
        NewEvent {
            chapter_id,
            status: spec.status,
            venue_id: Some(venue_id),
            event: ValidEvent {
                kind: EventKind::PublicForum,
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
                guests_allowed: 0,
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
