use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use turnout_domain::event::{
    AgendaItem, EventDetails, EventKind, EventStatus, EventSummary, Speaker, Sponsor, SponsorRole, Venue, Visibility,
};

use crate::entities::{agenda_item, chapter, event, event_tag, speaker, sponsor, venue};
use crate::error::Error;

/// Which events a listing shows.
#[derive(Debug, Clone, Copy, Default)]
pub struct Listing {
    /// Only this chapter's events.
    pub chapter_id: Option<i64>,
    pub limit: u64,
}

/// Upcoming (not yet ended) public events, soonest first. Cancelled ones stay
/// listed, marked, so people who planned to go find out.
pub async fn upcoming_public(db: &impl ConnectionTrait, now: DateTime<Utc>, listing: Listing) -> Result<Vec<EventSummary>, Error> {
    let mut q = event::Entity::find()
        .filter(event::Column::Status.is_in([EventStatus::Published.as_str(), EventStatus::Cancelled.as_str()]))
        .filter(event::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(event::Column::EndsAt.gt(now))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .limit(listing.limit.max(1));
    if let Some(chapter_id) = listing.chapter_id {
        q = q.filter(event::Column::ChapterId.eq(chapter_id));
    }
    let rows = q.all(db).await?;
    summaries(db, rows).await
}

async fn summaries(db: &impl ConnectionTrait, rows: Vec<event::Model>) -> Result<Vec<EventSummary>, Error> {
    let chapter_ids: Vec<i64> = rows.iter().map(|e| e.chapter_id).collect();
    let venue_ids: Vec<i64> = rows.iter().filter_map(|e| e.venue_id).collect();
    let chapters: HashMap<i64, chapter::Model> =
        chapter::Entity::find().filter(chapter::Column::Id.is_in(chapter_ids)).all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let cities: HashMap<i64, String> =
        venue::Entity::find().filter(venue::Column::Id.is_in(venue_ids)).all(db).await?.into_iter().map(|v| (v.id, v.city)).collect();
    rows.into_iter()
        .map(|e| {
            let chapter = chapters.get(&e.chapter_id).ok_or(Error::NotFound("chapter"))?;
            Ok(EventSummary {
                id: e.id,
                kind: EventKind::parse(&e.kind)?,
                status: EventStatus::parse(&e.status)?,
                title: e.title,
                summary: e.summary,
                chapter_slug: chapter.slug.clone(),
                chapter_name: chapter.name.clone(),
                starts_at: e.starts_at,
                time_zone: e.time_zone,
                city: e.venue_id.and_then(|v| cities.get(&v).cloned()),
            })
        })
        .collect()
}

/// Everything about one event, or `None` when there is no such event.
pub async fn details(db: &impl ConnectionTrait, id: i64) -> Result<Option<EventDetails>, Error> {
    let Some(e) = event::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let chapter = chapter::Entity::find_by_id(e.chapter_id).one(db).await?.ok_or(Error::NotFound("chapter"))?;
    let venue = match e.venue_id {
        Some(v) => venue::Entity::find_by_id(v).one(db).await?.map(|v| Venue {
            name: v.name,
            street_address: v.street_address,
            suite: v.suite,
            city: v.city,
            transit_directions: v.transit_directions,
            accessibility_notes: v.accessibility_notes,
        }),
        None => None,
    };
    let agenda = agenda_item::Entity::find()
        .filter(agenda_item::Column::EventId.eq(id))
        .order_by_asc(agenda_item::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AgendaItem { starts_at: a.starts_at, title: a.title })
        .collect();
    let speakers = speaker::Entity::find()
        .filter(speaker::Column::EventId.eq(id))
        .order_by_asc(speaker::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Speaker { name: s.name, bio: s.bio })
        .collect();
    let sponsors = sponsor::Entity::find()
        .filter(sponsor::Column::EventId.eq(id))
        .order_by_asc(sponsor::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|s| Ok(Sponsor { role: SponsorRole::parse(&s.role)?, name: s.name, url: s.url }))
        .collect::<Result<_, Error>>()?;
    let tags = event_tag::Entity::find()
        .filter(event_tag::Column::EventId.eq(id))
        .order_by_asc(event_tag::Column::Tag)
        .all(db)
        .await?
        .into_iter()
        .map(|t| t.tag)
        .collect();
    Ok(Some(EventDetails {
        id: e.id,
        chapter_id: chapter.id,
        chapter_slug: chapter.slug,
        chapter_name: chapter.name,
        kind: EventKind::parse(&e.kind)?,
        title: e.title,
        summary: e.summary,
        description: e.description,
        status: EventStatus::parse(&e.status)?,
        visibility: Visibility::parse(&e.visibility)?,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        doors_open_at: e.doors_open_at,
        time_zone: e.time_zone,
        venue,
        online_url: e.online_url,
        capacity: e.capacity,
        seats_taken: e.seats_taken,
        cancel_reason: e.cancel_reason,
        agenda,
        speakers,
        sponsors,
        tags,
    }))
}

/// An event to create, with everything that hangs off it.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub chapter_id: i64,
    pub kind: EventKind,
    pub title: String,
    pub summary: String,
    pub description: String,
    pub status: EventStatus,
    pub visibility: Visibility,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub doors_open_at: Option<DateTime<Utc>>,
    pub time_zone: String,
    pub venue_id: Option<i64>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub agenda: Vec<AgendaItem>,
    pub speakers: Vec<Speaker>,
    pub sponsors: Vec<Sponsor>,
    pub tags: Vec<String>,
}

pub async fn insert_venue(db: &impl ConnectionTrait, chapter_id: i64, v: Venue) -> Result<i64, Error> {
    let row = venue::ActiveModel {
        chapter_id: Set(chapter_id),
        name: Set(v.name),
        street_address: Set(v.street_address),
        suite: Set(v.suite),
        city: Set(v.city),
        transit_directions: Set(v.transit_directions),
        accessibility_notes: Set(v.accessibility_notes),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Inserts an event and its agenda, speakers, sponsors and tags. Call it in a
/// transaction so a failure leaves nothing half-written.
pub async fn insert(db: &impl ConnectionTrait, new: NewEvent, now: DateTime<Utc>) -> Result<i64, Error> {
    let e = event::ActiveModel {
        chapter_id: Set(new.chapter_id),
        kind: Set(new.kind.as_str().to_owned()),
        title: Set(new.title),
        summary: Set(new.summary),
        description: Set(new.description),
        status: Set(new.status.as_str().to_owned()),
        visibility: Set(new.visibility.as_str().to_owned()),
        starts_at: Set(new.starts_at),
        ends_at: Set(new.ends_at),
        doors_open_at: Set(new.doors_open_at),
        time_zone: Set(new.time_zone),
        venue_id: Set(new.venue_id),
        online_url: Set(new.online_url),
        capacity: Set(new.capacity),
        seats_taken: Set(0),
        cancel_reason: Set(None),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    for (i, a) in new.agenda.into_iter().enumerate() {
        agenda_item::ActiveModel {
            event_id: Set(e.id),
            position: Set(i as i32),
            starts_at: Set(a.starts_at),
            title: Set(a.title),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (i, s) in new.speakers.into_iter().enumerate() {
        speaker::ActiveModel { event_id: Set(e.id), position: Set(i as i32), name: Set(s.name), bio: Set(s.bio), ..Default::default() }
            .insert(db)
            .await?;
    }
    for (i, s) in new.sponsors.into_iter().enumerate() {
        sponsor::ActiveModel {
            event_id: Set(e.id),
            position: Set(i as i32),
            name: Set(s.name),
            url: Set(s.url),
            role: Set(s.role.as_str().to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for tag in new.tags {
        event_tag::ActiveModel { event_id: Set(e.id), tag: Set(tag) }.insert(db).await?;
    }
    Ok(e.id)
}

/// Published events starting within `(now, now + window]`: the ones a
/// reminder sweep has to look at.
pub async fn starting_within(db: &impl ConnectionTrait, now: DateTime<Utc>, window: chrono::Duration) -> Result<Vec<EventDetails>, Error> {
    let ids: Vec<i64> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(now + window))
        .into_tuple()
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(d) = details(db, id).await? {
            out.push(d);
        }
    }
    Ok(out)
}
