use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};
use turnout_domain::event::{
    AddressProtection, AgendaItem, ChapterRef, CohostInvitation, CohostStatus, EventDetails, EventKind, EventStatus, EventSummary,
    SeriesLink, Session, Speaker, Sponsor, SponsorRole, Translation, Venue, Visibility,
};
use turnout_domain::event_input::ValidEvent;
use turnout_domain::language::Language;
use turnout_domain::policy::MembersOnlyScope;

use crate::entities::{agenda_item, chapter, cohost, event, event_tag, session_item, speaker, sponsor, venue};
use crate::error::Error;

/// The filters of the public event list and the API.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Events of these chapters (a chapter and its sub-chapters); empty: all.
    pub chapter_ids: Vec<i64>,
    pub kind: Option<EventKind>,
    pub tag: Option<String>,
    /// Starting at or after this instant (default: events not yet ended).
    pub from: Option<DateTime<Utc>>,
    /// Starting before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Words to find in the title, summary or description.
    pub text: Option<String>,
    pub offset: u64,
    pub limit: u64,
    /// Whose members-only events are listed besides the public ones
    /// (default: none, as in every public feed and the API).
    pub members_only: MembersOnlyScope,
    /// Only events of this visibility (among those listed at all).
    pub visibility: Option<Visibility>,
}

/// Public events, plus the members-only ones `scope` covers. Unlisted events
/// are never listed.
fn listed(scope: &MembersOnlyScope) -> sea_orm::Condition {
    let public = event::Column::Visibility.eq(Visibility::Public.as_str());
    let members_only = event::Column::Visibility.eq(Visibility::MembersOnly.as_str());
    match scope {
        MembersOnlyScope::Nothing => sea_orm::Condition::all().add(public),
        MembersOnlyScope::Everything => sea_orm::Condition::any().add(public).add(members_only),
        MembersOnlyScope::Chapters(ids) => {
            sea_orm::Condition::any().add(public).add(sea_orm::Condition::all().add(members_only).add(hosted_by(ids.clone())))
        }
    }
}

/// Published or cancelled events matching `search`, soonest first: public
/// ones, and the members-only ones its scope allows.
pub async fn search(db: &impl ConnectionTrait, now: DateTime<Utc>, search: &Search) -> Result<Vec<EventSummary>, Error> {
    use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
    let mut q = event::Entity::find()
        .filter(event::Column::Status.is_in([EventStatus::Published.as_str(), EventStatus::Cancelled.as_str()]))
        .filter(listed(&search.members_only));
    if let Some(v) = search.visibility {
        q = q.filter(event::Column::Visibility.eq(v.as_str()));
    }
    q = match search.from {
        Some(from) => q.filter(event::Column::StartsAt.gte(from)),
        None => q.filter(event::Column::EndsAt.gt(now)),
    };
    if let Some(until) = search.until {
        q = q.filter(event::Column::StartsAt.lt(until));
    }
    if !search.chapter_ids.is_empty() {
        q = q.filter(hosted_by(search.chapter_ids.clone()));
    }
    if let Some(kind) = search.kind {
        q = q.filter(event::Column::Kind.eq(kind.as_str()));
    }
    if let Some(tag) = &search.tag {
        let mut tagged = Query::select();
        tagged.column(event_tag::Column::EventId).from(event_tag::Entity).and_where(Expr::col(event_tag::Column::Tag).eq(tag.as_str()));
        q = q.filter(event::Column::Id.in_subquery(tagged));
    }
    if let Some(text) = search.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        // Every word must appear somewhere; LIKE wildcards typed by people are literal.
        for word in text.split_whitespace().take(8) {
            let escaped: String =
                word.to_lowercase().chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
            let pattern = format!("%{escaped}%");
            let like = |col: event::Column| Expr::expr(Func::lower(Expr::col(col))).like(LikeExpr::new(pattern.clone()).escape('\\'));
            q = q.filter(
                sea_orm::Condition::any()
                    .add(like(event::Column::Title))
                    .add(like(event::Column::Summary))
                    .add(like(event::Column::Description)),
            );
        }
    }
    let rows = q
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .offset(search.offset)
        .limit(search.limit.clamp(1, 200))
        .all(db)
        .await?;
    summaries(db, rows).await
}

async fn summaries(db: &impl ConnectionTrait, rows: Vec<event::Model>) -> Result<Vec<EventSummary>, Error> {
    let chapter_ids: Vec<i64> = rows.iter().map(|e| e.chapter_id).collect();
    let venue_ids: Vec<i64> = rows.iter().filter_map(|e| e.venue_id).collect();
    let chapters: HashMap<i64, chapter::Model> =
        chapter::Entity::find().filter(chapter::Column::Id.is_in(chapter_ids)).all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let cities: HashMap<i64, String> =
        venue::Entity::find().filter(venue::Column::Id.is_in(venue_ids)).all(db).await?.into_iter().map(|v| (v.id, v.city)).collect();
    let read_one = |e: event::Model| -> Result<EventSummary, Error> {
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
            capacity: e.capacity,
            visibility: Visibility::parse(&e.visibility)?,
            updated_at: e.updated_at,
        })
    };
    // As in `details_many`: an unreadable row is logged and left out of the list.
    Ok(rows
        .into_iter()
        .filter_map(|e| {
            let id = e.id;
            read_one(e).map_err(|err| tracing::error!(event_id = id, error = %err, "an event row could not be read; it is left out")).ok()
        })
        .collect())
}

/// The seats an event's going parties hold, or `None` when there is no such event.
pub async fn seats_taken(db: &impl ConnectionTrait, id: i64) -> Result<Option<i32>, Error> {
    Ok(event::Entity::find_by_id(id).select_only().column(event::Column::SeatsTaken).into_tuple::<i32>().one(db).await?)
}

/// Everything about one event, or `None` when there is no such event.
pub async fn details(db: &impl ConnectionTrait, id: i64) -> Result<Option<EventDetails>, Error> {
    Ok(details_many(db, &[id]).await?.pop())
}

/// Groups child rows by their event.
fn by_event<T, R>(rows: Vec<T>, event_of: impl Fn(&T) -> i64, map: impl Fn(T) -> R) -> HashMap<i64, Vec<R>> {
    let mut out: HashMap<i64, Vec<R>> = HashMap::new();
    for row in rows {
        out.entry(event_of(&row)).or_default().push(map(row));
    }
    out
}

/// Everything about several events, in the order of `ids` (unknown ids are
/// left out). One query per table for all of them, so a feed of a hundred
/// events costs as many queries as a feed of one.
pub async fn details_many(db: &impl ConnectionTrait, ids: &[i64]) -> Result<Vec<EventDetails>, Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids_vec = ids.to_vec();
    let rows: HashMap<i64, event::Model> =
        event::Entity::find().filter(event::Column::Id.is_in(ids_vec.clone())).all(db).await?.into_iter().map(|e| (e.id, e)).collect();
    let cohost_rows = cohost::Entity::find().filter(cohost::Column::EventId.is_in(ids_vec.clone())).all(db).await?;
    let mut chapter_ids: Vec<i64> = rows.values().map(|e| e.chapter_id).collect();
    chapter_ids.extend(cohost_rows.iter().map(|c| c.chapter_id));
    let chapters: HashMap<i64, chapter::Model> =
        chapter::Entity::find().filter(chapter::Column::Id.is_in(chapter_ids)).all(db).await?.into_iter().map(|c| (c.id, c)).collect();
    let venue_ids: Vec<i64> = rows.values().filter_map(|e| e.venue_id).collect();
    let venues: HashMap<i64, venue::Model> =
        venue::Entity::find().filter(venue::Column::Id.is_in(venue_ids)).all(db).await?.into_iter().map(|v| (v.id, v)).collect();
    let series_ids: Vec<i64> = rows.values().filter_map(|e| e.series_id).collect();
    let rules: HashMap<i64, turnout_domain::recurrence::Rule> = crate::entities::series::Entity::find()
        .filter(crate::entities::series::Column::Id.is_in(series_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| Some((s.id, turnout_domain::recurrence::Rule::from_stored(&s.rule)?)))
        .collect();
    let mut agenda = by_event(
        agenda_item::Entity::find()
            .filter(agenda_item::Column::EventId.is_in(ids_vec.clone()))
            .order_by_asc(agenda_item::Column::Position)
            .all(db)
            .await?,
        |a| a.event_id,
        |a| AgendaItem { starts_at: a.starts_at, title: a.title, title_other: a.title_other },
    );
    let mut speakers = by_event(
        speaker::Entity::find()
            .filter(speaker::Column::EventId.is_in(ids_vec.clone()))
            .order_by_asc(speaker::Column::Position)
            .all(db)
            .await?,
        |s| s.event_id,
        |s| Speaker { name: s.name, bio: s.bio },
    );
    let mut sponsors = by_event(
        sponsor::Entity::find()
            .filter(sponsor::Column::EventId.is_in(ids_vec.clone()))
            .order_by_asc(sponsor::Column::Position)
            .all(db)
            .await?,
        |s| s.event_id,
        |s| (s.role, Sponsor { role: SponsorRole::CoSponsor, name: s.name, url: s.url }),
    );
    let mut sessions = by_event(
        session_item::Entity::find()
            .filter(session_item::Column::EventId.is_in(ids_vec.clone()))
            .order_by_asc(session_item::Column::Position)
            .all(db)
            .await?,
        |s| s.event_id,
        |s| Session {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            title: s.title,
            room: s.room,
            speakers: s.speakers.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect(),
        },
    );
    let mut tags = by_event(
        event_tag::Entity::find()
            .filter(event_tag::Column::EventId.is_in(ids_vec.clone()))
            .order_by_asc(event_tag::Column::Tag)
            .all(db)
            .await?,
        |t| t.event_id,
        |t| t.tag,
    );
    let mut cohosts = by_event(cohost_rows, |c| c.event_id, |c| (c.chapter_id, c.status));

    // One row this build cannot read (an unknown kind, a missing chapter) is
    // logged and left out; it never takes a whole list, or the reminder
    // planner, down with it.
    let mut read_one = |id: &i64, e: event::Model| -> Result<EventDetails, Error> {
        let chapter = chapters.get(&e.chapter_id).ok_or(Error::NotFound("chapter"))?;
        let venue = e.venue_id.and_then(|v| venues.get(&v)).map(|v| Venue {
            name: v.name.clone(),
            street_address: v.street_address.clone(),
            suite: v.suite.clone(),
            city: v.city.clone(),
            transit_directions: v.transit_directions.clone(),
            accessibility_notes: v.accessibility_notes.clone(),
            transit_directions_other: v.transit_directions_other.clone(),
            accessibility_notes_other: v.accessibility_notes_other.clone(),
        });
        let sponsors = sponsors
            .remove(id)
            .unwrap_or_default()
            .into_iter()
            .map(|(role, sponsor)| Ok(Sponsor { role: SponsorRole::parse(&role)?, ..sponsor }))
            .collect::<Result<Vec<_>, Error>>()?;
        let mut invitations: Vec<CohostInvitation> = Vec::new();
        for (chapter_id, status) in cohosts.remove(id).unwrap_or_default() {
            let Some(c) = chapters.get(&chapter_id) else { continue };
            invitations.push(CohostInvitation {
                chapter: ChapterRef { id: c.id, slug: c.slug.clone(), name: c.name.clone() },
                status: CohostStatus::parse(&status)?,
            });
        }
        invitations.sort_by(|a, b| a.chapter.name.cmp(&b.chapter.name));
        let cohost_refs: Vec<ChapterRef> =
            invitations.iter().filter(|i| i.status == CohostStatus::Accepted).map(|i| i.chapter.clone()).collect();
        Ok(EventDetails {
            id: e.id,
            chapter_id: chapter.id,
            chapter_slug: chapter.slug.clone(),
            chapter_name: chapter.name.clone(),
            chapter_language: Language::from_tag(&chapter.default_language).unwrap_or_default(),
            kind: EventKind::parse(&e.kind)?,
            language: Language::from_tag(&e.language).unwrap_or_default(),
            title: e.title,
            summary: e.summary,
            description: e.description,
            translation: Translation { title: e.title_other, summary: e.summary_other, description: e.description_other },
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
            agenda: agenda.remove(id).unwrap_or_default(),
            sessions: sessions.remove(id).unwrap_or_default(),
            speakers: speakers.remove(id).unwrap_or_default(),
            sponsors,
            tags: tags.remove(id).unwrap_or_default(),
            overflow_note: e.overflow_note,
            guests_allowed: e.guests_allowed,
            rsvp_options: turnout_domain::event::RsvpOptions {
                show_maybe_count: e.show_maybe_count,
                maybe_reminder: e.maybe_reminder,
                guests_confirm_by_email: e.guests_confirm_by_email,
                no_waitlist: e.no_waitlist,
                reminders: turnout_domain::reminders::ReminderSet::from_column(&e.reminders),
            },
            rsvp_opens_at: e.rsvp_opens_at,
            rsvp_closes_at: e.rsvp_closes_at,
            address_protection: AddressProtection::from_stored(&e.address_protection, e.address_reveal_hours),
            cover_image: e.cover_image,
            cohosts: cohost_refs,
            cohost_invitations: invitations,
            series: match (e.series_id, e.occurrence_date) {
                (Some(series_id), Some(date)) => {
                    Some(SeriesLink { series_id, rule: rules.get(&series_id).copied(), date, detached: e.detached })
                }
                _ => None,
            },
            sequence: e.sequence,
            updated_at: e.updated_at,
        })
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(e) = rows.get(id).cloned() else { continue };
        match read_one(id, e) {
            Ok(details) => out.push(details),
            Err(err) => tracing::error!(event_id = id, error = %err, "an event row could not be read; it is left out"),
        }
    }
    Ok(out)
}

/// An event to store: what the organizer gave (validated), plus where it
/// belongs. The venue is saved first (`find_or_insert_venue`) and referred to by
/// `venue_id`; `event.venue` itself is not read here.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub chapter_id: i64,
    pub status: EventStatus,
    pub venue_id: Option<i64>,
    pub event: ValidEvent,
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
        transit_directions_other: Set(v.transit_directions_other),
        accessibility_notes_other: Set(v.accessibility_notes_other),
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
        kind: Set(new.event.kind.as_str().to_owned()),
        title: Set(new.event.title),
        summary: Set(new.event.summary),
        description: Set(new.event.description),
        language: Set(new.event.language.tag().to_owned()),
        title_other: Set(new.event.translation.title),
        summary_other: Set(new.event.translation.summary),
        description_other: Set(new.event.translation.description),
        status: Set(new.status.as_str().to_owned()),
        visibility: Set(new.event.visibility.as_str().to_owned()),
        starts_at: Set(new.event.starts_at),
        ends_at: Set(new.event.ends_at),
        doors_open_at: Set(new.event.doors_open_at),
        time_zone: Set(new.event.time_zone),
        venue_id: Set(new.venue_id),
        online_url: Set(new.event.online_url),
        capacity: Set(new.event.capacity),
        seats_taken: Set(0),
        cancel_reason: Set(None),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        overflow_note: Set(new.event.overflow_note),
        guests_allowed: Set(new.event.guests_allowed),
        show_maybe_count: Set(new.event.rsvp_options.show_maybe_count),
        maybe_reminder: Set(new.event.rsvp_options.maybe_reminder),
        guests_confirm_by_email: Set(new.event.rsvp_options.guests_confirm_by_email),
        no_waitlist: Set(new.event.rsvp_options.no_waitlist),
        reminders: Set(new.event.rsvp_options.reminders.to_column()),
        rsvp_opens_at: Set(new.event.rsvp_opens_at),
        rsvp_closes_at: Set(new.event.rsvp_closes_at),
        address_protection: Set(new.event.address_protection.to_stored().0.to_owned()),
        address_reveal_hours: Set(new.event.address_protection.to_stored().1),
        ..Default::default()
    }
    .insert(db)
    .await?;
    replace_children(
        db,
        e.id,
        Children {
            agenda: new.event.agenda,
            sessions: new.event.sessions,
            speakers: new.event.speakers,
            sponsors: new.event.sponsors,
            tags: new.event.tags,
        },
    )
    .await?;
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
    details_many(db, &ids).await
}

/// What hangs off an event and is replaced as a whole when it is edited.
#[derive(Default)]
struct Children {
    agenda: Vec<AgendaItem>,
    sessions: Vec<Session>,
    speakers: Vec<Speaker>,
    sponsors: Vec<Sponsor>,
    tags: Vec<String>,
}

/// Replaces an event's agenda, sessions, speakers, sponsors and tags.
async fn replace_children(db: &impl ConnectionTrait, event_id: i64, children: Children) -> Result<(), Error> {
    let Children { agenda, sessions, speakers, sponsors, tags } = children;
    session_item::Entity::delete_many().filter(session_item::Column::EventId.eq(event_id)).exec(db).await?;
    for (i, item) in sessions.into_iter().enumerate() {
        session_item::ActiveModel {
            event_id: Set(event_id),
            position: Set(i as i32),
            starts_at: Set(item.starts_at),
            ends_at: Set(item.ends_at),
            title: Set(item.title),
            room: Set(item.room),
            speakers: Set(item.speakers.join(", ")),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    agenda_item::Entity::delete_many().filter(agenda_item::Column::EventId.eq(event_id)).exec(db).await?;
    speaker::Entity::delete_many().filter(speaker::Column::EventId.eq(event_id)).exec(db).await?;
    sponsor::Entity::delete_many().filter(sponsor::Column::EventId.eq(event_id)).exec(db).await?;
    event_tag::Entity::delete_many().filter(event_tag::Column::EventId.eq(event_id)).exec(db).await?;
    for (i, a) in agenda.into_iter().enumerate() {
        agenda_item::ActiveModel {
            event_id: Set(event_id),
            position: Set(i as i32),
            starts_at: Set(a.starts_at),
            title: Set(a.title),
            title_other: Set(a.title_other),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (i, s) in speakers.into_iter().enumerate() {
        speaker::ActiveModel { event_id: Set(event_id), position: Set(i as i32), name: Set(s.name), bio: Set(s.bio), ..Default::default() }
            .insert(db)
            .await?;
    }
    for (i, s) in sponsors.into_iter().enumerate() {
        sponsor::ActiveModel {
            event_id: Set(event_id),
            position: Set(i as i32),
            name: Set(s.name),
            url: Set(s.url),
            role: Set(s.role.as_str().to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for tag in tags {
        event_tag::ActiveModel { event_id: Set(event_id), tag: Set(tag) }.insert(db).await?;
    }
    Ok(())
}

/// Claims an event for an edit whose form was opened at `opened_sequence`:
/// `false` when someone saved it since. Otherwise its row stays locked until
/// the transaction ends (a write on it, in one guarded statement), so a second
/// save of the same version waits and then finds the sequence moved on.
pub async fn claim_for_edit(db: &impl ConnectionTrait, id: i64, opened_sequence: i32) -> Result<bool, Error> {
    use sea_orm::sea_query::Expr;
    let r = event::Entity::update_many()
        .col_expr(event::Column::Sequence, Expr::col(event::Column::Sequence))
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::Sequence.eq(opened_sequence))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Holds an event's row for the rest of the transaction if it still has
/// `status`: a no-op guarded UPDATE, so on PostgreSQL an RSVP racing this
/// transaction (which holds the same row to take a seat) waits for it, and
/// whatever this transaction reads after the hold includes that RSVP if it
/// came first. `false`: the event is gone or its status changed meanwhile.
pub async fn hold(db: &impl ConnectionTrait, id: i64, status: EventStatus) -> Result<bool, Error> {
    use sea_orm::sea_query::Expr;
    let r = event::Entity::update_many()
        .col_expr(event::Column::Sequence, Expr::col(event::Column::Sequence))
        .filter(event::Column::Id.eq(id))
        .filter(event::Column::Status.eq(status.as_str()))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Replaces everything an organizer edits, keeps RSVPs and status, and bumps
/// the calendar SEQUENCE. Run in a transaction.
pub async fn update(db: &impl ConnectionTrait, id: i64, new: NewEvent, now: DateTime<Utc>) -> Result<(), Error> {
    use sea_orm::IntoActiveModel;
    use sea_orm::sea_query::{Expr, ExprTrait};
    let Some(row) = event::Entity::find_by_id(id).one(db).await? else { return Err(Error::NotFound("event")) };
    // What people going were told, for a change notice if when or where moves.
    let told = crate::event_changes::Told {
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        place: crate::event_changes::place_line(db, row.venue_id).await?,
        online_url: row.online_url.clone(),
    };
    let published = row.status == EventStatus::Published.as_str();
    let after = crate::event_changes::Told {
        starts_at: new.event.starts_at,
        ends_at: new.event.ends_at,
        place: crate::event_changes::place_line(db, new.venue_id).await?,
        online_url: new.event.online_url.clone(),
    };
    if published && told != after {
        crate::event_changes::note(db, id, told, now + turnout_domain::changes::NOTICE_DELAY).await?;
    }
    let mut row = row.into_active_model();
    row.kind = Set(new.event.kind.as_str().to_owned());
    row.title = Set(new.event.title);
    row.summary = Set(new.event.summary);
    row.description = Set(new.event.description);
    row.language = Set(new.event.language.tag().to_owned());
    row.title_other = Set(new.event.translation.title);
    row.summary_other = Set(new.event.translation.summary);
    row.description_other = Set(new.event.translation.description);
    row.visibility = Set(new.event.visibility.as_str().to_owned());
    row.starts_at = Set(new.event.starts_at);
    row.ends_at = Set(new.event.ends_at);
    row.doors_open_at = Set(new.event.doors_open_at);
    row.time_zone = Set(new.event.time_zone);
    row.venue_id = Set(new.venue_id);
    row.online_url = Set(new.event.online_url);
    row.capacity = Set(new.event.capacity);
    row.overflow_note = Set(new.event.overflow_note);
    row.guests_allowed = Set(new.event.guests_allowed);
    row.show_maybe_count = Set(new.event.rsvp_options.show_maybe_count);
    row.maybe_reminder = Set(new.event.rsvp_options.maybe_reminder);
    row.guests_confirm_by_email = Set(new.event.rsvp_options.guests_confirm_by_email);
    row.no_waitlist = Set(new.event.rsvp_options.no_waitlist);
    row.reminders = Set(new.event.rsvp_options.reminders.to_column());
    row.rsvp_opens_at = Set(new.event.rsvp_opens_at);
    row.rsvp_closes_at = Set(new.event.rsvp_closes_at);
    row.address_protection = Set(new.event.address_protection.to_stored().0.to_owned());
    row.address_reveal_hours = Set(new.event.address_protection.to_stored().1);
    row.updated_at = Set(now);
    // SEQUENCE moves in the statement itself, never from a value read earlier:
    // two saves can never give one calendar version number to two contents.
    event::Entity::update_many()
        .set(row)
        .col_expr(event::Column::Sequence, Expr::col(event::Column::Sequence).add(1))
        .filter(event::Column::Id.eq(id))
        .exec(db)
        .await?;
    replace_children(
        db,
        id,
        Children {
            agenda: new.event.agenda,
            sessions: new.event.sessions,
            speakers: new.event.speakers,
            sponsors: new.event.sponsors,
            tags: new.event.tags,
        },
    )
    .await
}

/// Publishes or cancels an event (with the reason people will read).
pub async fn set_status(
    db: &impl ConnectionTrait,
    id: i64,
    status: EventStatus,
    reason: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    event::Entity::update_many()
        .col_expr(event::Column::Status, Expr::value(status.as_str()))
        .col_expr(event::Column::CancelReason, Expr::value(reason))
        .col_expr(event::Column::Sequence, Expr::col(event::Column::Sequence).add(1))
        .col_expr(event::Column::UpdatedAt, Expr::value(now))
        .filter(event::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes an event and everything hanging off it (drafts only; the caller checks).
pub async fn delete(db: &impl ConnectionTrait, id: i64) -> Result<(), Error> {
    replace_children(db, id, Children::default()).await?;
    event::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

/// The chapter's venue with exactly these details, or a new one. It never
/// changes a stored venue: other events, past and future, refer to it, and an
/// edit of one event must not move theirs.
pub async fn find_or_insert_venue(db: &impl ConnectionTrait, chapter_id: i64, v: Venue) -> Result<i64, Error> {
    let same_place = venue::Entity::find()
        .filter(venue::Column::ChapterId.eq(chapter_id))
        .filter(venue::Column::Name.eq(v.name.as_str()))
        .filter(venue::Column::StreetAddress.eq(v.street_address.as_str()))
        .order_by_asc(venue::Column::Id)
        .all(db)
        .await?;
    let identical = same_place.iter().find(|row| {
        row.suite == v.suite
            && row.city == v.city
            && row.transit_directions == v.transit_directions
            && row.accessibility_notes == v.accessibility_notes
            && row.transit_directions_other == v.transit_directions_other
            && row.accessibility_notes_other == v.accessibility_notes_other
    });
    match identical {
        Some(row) => Ok(row.id),
        None => insert_venue(db, chapter_id, v).await,
    }
}

/// A chapter's saved venue and how many events that are not over use it.
#[derive(Debug, Clone)]
pub struct SavedVenue {
    pub id: i64,
    pub venue: Venue,
    pub upcoming: u64,
}

fn venue_of(v: venue::Model) -> Venue {
    Venue {
        name: v.name,
        street_address: v.street_address,
        suite: v.suite,
        city: v.city,
        transit_directions: v.transit_directions,
        accessibility_notes: v.accessibility_notes,
        transit_directions_other: v.transit_directions_other,
        accessibility_notes_other: v.accessibility_notes_other,
    }
}

/// The chapter's saved venues, by name, each with its number of upcoming events.
pub async fn saved_venues(db: &impl ConnectionTrait, chapter_id: i64, now: DateTime<Utc>) -> Result<Vec<SavedVenue>, Error> {
    let rows = venue::Entity::find()
        .filter(venue::Column::ChapterId.eq(chapter_id))
        .order_by_asc(venue::Column::Name)
        .order_by_asc(venue::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|v| v.id).collect();
    let used: Vec<Option<i64>> = event::Entity::find()
        .select_only()
        .column(event::Column::VenueId)
        .filter(event::Column::VenueId.is_in(ids))
        .filter(event::Column::EndsAt.gt(now))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|v| SavedVenue { id: v.id, upcoming: used.iter().filter(|u| **u == Some(v.id)).count() as u64, venue: venue_of(v) })
        .collect())
}

/// Changes a saved venue of the chapter for the events that are not over
/// (their calendar SEQUENCE grows). Events that are over keep the details
/// they happened at, on a copy of the old venue. `None` when the chapter has
/// no such venue. Run in a transaction.
pub async fn edit_saved_venue(
    db: &impl ConnectionTrait,
    chapter_id: i64,
    venue_id: i64,
    v: Venue,
    now: DateTime<Utc>,
) -> Result<Option<u64>, Error> {
    use sea_orm::IntoActiveModel;
    use sea_orm::sea_query::{Expr, ExprTrait};
    let Some(row) = venue::Entity::find_by_id(venue_id).filter(venue::Column::ChapterId.eq(chapter_id)).one(db).await? else {
        return Ok(None);
    };
    let past = event::Entity::find().filter(event::Column::VenueId.eq(venue_id)).filter(event::Column::EndsAt.lte(now)).count(db).await?;
    if past > 0 {
        let copy = insert_venue(db, chapter_id, venue_of(row.clone())).await?;
        event::Entity::update_many()
            .col_expr(event::Column::VenueId, Expr::value(copy))
            .filter(event::Column::VenueId.eq(venue_id))
            .filter(event::Column::EndsAt.lte(now))
            .exec(db)
            .await?;
    }
    let changed = event::Entity::update_many()
        .col_expr(event::Column::Sequence, Expr::col(event::Column::Sequence).add(1))
        .col_expr(event::Column::UpdatedAt, Expr::value(now))
        .filter(event::Column::VenueId.eq(venue_id))
        .exec(db)
        .await?
        .rows_affected;
    let mut row = row.into_active_model();
    row.name = Set(v.name);
    row.street_address = Set(v.street_address);
    row.suite = Set(v.suite);
    row.city = Set(v.city);
    row.transit_directions = Set(v.transit_directions);
    row.accessibility_notes = Set(v.accessibility_notes);
    row.update(db).await?;
    Ok(Some(changed))
}

/// The chapter's venues, for the form's suggestions.
pub async fn venues(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Vec<Venue>, Error> {
    Ok(venue::Entity::find()
        .filter(venue::Column::ChapterId.eq(chapter_id))
        .order_by_asc(venue::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|v| Venue {
            name: v.name,
            street_address: v.street_address,
            suite: v.suite,
            city: v.city,
            transit_directions: v.transit_directions,
            accessibility_notes: v.accessibility_notes,
            transit_directions_other: v.transit_directions_other,
            accessibility_notes_other: v.accessibility_notes_other,
        })
        .collect())
}

/// Every event of a chapter, drafts and past ones too, newest first: the
/// organizer's dashboard.
pub async fn for_chapter_dashboard(db: &impl ConnectionTrait, chapter_id: i64) -> Result<Vec<EventSummary>, Error> {
    let rows = event::Entity::find()
        .filter(event::Column::ChapterId.eq(chapter_id))
        .order_by_desc(event::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// Events of these chapters that have ended, most recent first: public ones,
/// and the members-only ones `scope` covers.
pub async fn past(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    chapter_ids: Vec<i64>,
    scope: &MembersOnlyScope,
    limit: u64,
) -> Result<Vec<EventSummary>, Error> {
    let rows = event::Entity::find()
        .filter(event::Column::Status.is_in([EventStatus::Published.as_str(), EventStatus::Cancelled.as_str()]))
        .filter(listed(scope))
        .filter(event::Column::EndsAt.lte(now))
        .filter(hosted_by(chapter_ids))
        .order_by_desc(event::Column::StartsAt)
        .limit(limit)
        .all(db)
        .await?;
    summaries(db, rows).await
}

/// Events hosted or co-hosted by any of these chapters. Only an accepted
/// invitation lists an event with the invited chapter.
fn hosted_by(chapter_ids: Vec<i64>) -> sea_orm::Condition {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let mut cohosted = Query::select();
    cohosted
        .column(cohost::Column::EventId)
        .from(cohost::Entity)
        .and_where(Expr::col(cohost::Column::ChapterId).is_in(chapter_ids.clone()))
        .and_where(Expr::col(cohost::Column::Status).eq(CohostStatus::Accepted.as_str()));
    sea_orm::Condition::any().add(event::Column::ChapterId.is_in(chapter_ids)).add(event::Column::Id.in_subquery(cohosted))
}

/// Sets the chapters named as co-hosts of an event. A chapter named for the
/// first time is invited (pending); one named before keeps its answer. A
/// chapter no longer named is dropped, except a declined one: its answer is
/// kept so that naming it again does not ask again.
pub async fn set_cohosts(db: &impl ConnectionTrait, event_id: i64, chapter_ids: &[i64]) -> Result<(), Error> {
    let existing = cohost::Entity::find().filter(cohost::Column::EventId.eq(event_id)).all(db).await?;
    for row in &existing {
        if !chapter_ids.contains(&row.chapter_id) && row.status != CohostStatus::Declined.as_str() {
            cohost::Entity::delete_many()
                .filter(cohost::Column::EventId.eq(event_id))
                .filter(cohost::Column::ChapterId.eq(row.chapter_id))
                .exec(db)
                .await?;
        }
    }
    for chapter_id in chapter_ids {
        if existing.iter().any(|r| r.chapter_id == *chapter_id) {
            continue;
        }
        cohost::ActiveModel {
            event_id: Set(event_id),
            chapter_id: Set(*chapter_id),
            status: Set(CohostStatus::Pending.as_str().to_owned()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// An invitation to co-host, as the invited chapter's dashboard lists it.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub event: EventSummary,
    pub status: CohostStatus,
}

/// The invitations of a chapter that are pending or accepted, for events
/// that are not over, soonest first.
pub async fn cohost_invitations(db: &impl ConnectionTrait, chapter_id: i64, now: DateTime<Utc>) -> Result<Vec<Invitation>, Error> {
    let rows = cohost::Entity::find()
        .filter(cohost::Column::ChapterId.eq(chapter_id))
        .filter(cohost::Column::Status.is_in([CohostStatus::Pending.as_str(), CohostStatus::Accepted.as_str()]))
        .all(db)
        .await?;
    let status: HashMap<i64, String> = rows.into_iter().map(|r| (r.event_id, r.status)).collect();
    let events = event::Entity::find()
        .filter(event::Column::Id.is_in(status.keys().copied().collect::<Vec<_>>()))
        .filter(event::Column::EndsAt.gt(now))
        .order_by_asc(event::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?;
    summaries(db, events)
        .await?
        .into_iter()
        .map(|e| Ok(Invitation { status: CohostStatus::parse(status.get(&e.id).map(String::as_str).unwrap_or_default())?, event: e }))
        .collect()
}

/// Where one chapter's invitation to co-host one event stands, if it was invited.
pub async fn cohost_status(db: &impl ConnectionTrait, event_id: i64, chapter_id: i64) -> Result<Option<CohostStatus>, Error> {
    let row = cohost::Entity::find_by_id((event_id, chapter_id)).one(db).await?;
    Ok(row.map(|r| CohostStatus::parse(&r.status)).transpose()?)
}

/// Records the invited chapter's answer.
pub async fn set_cohost_status(db: &impl ConnectionTrait, event_id: i64, chapter_id: i64, status: CohostStatus) -> Result<(), Error> {
    use sea_orm::sea_query::Expr;
    cohost::Entity::update_many()
        .col_expr(cohost::Column::Status, Expr::value(status.as_str()))
        .filter(cohost::Column::EventId.eq(event_id))
        .filter(cohost::Column::ChapterId.eq(chapter_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Sets or clears an event's cover image; returns the file it replaced.
pub async fn set_cover_image(db: &impl ConnectionTrait, id: i64, file: Option<&str>) -> Result<Option<String>, Error> {
    use sea_orm::sea_query::Expr;
    let old = event::Entity::find_by_id(id).one(db).await?.and_then(|e| e.cover_image);
    event::Entity::update_many()
        .col_expr(event::Column::CoverImage, Expr::value(file.map(str::to_owned)))
        .filter(event::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(old)
}
