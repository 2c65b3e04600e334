//! Ids taken ahead for guest RSVPs (so their confirmations are composed
//! before the write) never meet the ids the database gives other RSVPs, nor
//! those another instance took; a guest who lands on the waitlist takes the
//! place of their arrival, not of the id taken for them. SQLite and PostgreSQL.

use chrono::Utc;
use std::collections::HashSet;
use turnout_domain::language::Language;
use turnout_domain::rsvp::{Answer, Reply, RsvpStatus};
use turnout_persistence::rsvp_ids::ReservedIds;
use turnout_persistence::rsvps::{self, NewRsvp};
use turnout_tests::fixtures::{EventSpec, chapter_with_event, days_from_now, sql_i64};
use turnout_tests::{TestDb, on_both_backends};

on_both_backends!(ids_taken_ahead_never_meet_other_ids, a_waitlisted_guest_keeps_the_place_of_arrival);

fn guest<'a>(email: &'a str, reserved: Option<i64>) -> NewRsvp<'a> {
    NewRsvp {
        name: "Guest",
        email,
        user_id: None,
        reply: Reply { answer: Answer::Going, guests: 0 },
        hold_until: None,
        waitlist: true,
        language: Language::English,
        reserved: reserved.map(|id| (id, format!("hash-{id}"))),
    }
}

async fn ids_taken_ahead_never_meet_other_ids(db: TestDb) {
    let conn = db.connect().await;
    turnout_persistence::migrate(&conn).await.unwrap();
    let event = chapter_with_event(&conn, EventSpec::public("Ids", days_from_now(5))).await;
    let (this, other) = (ReservedIds::default(), ReservedIds::default());
    let first = this.next(&conn).await.unwrap();
    // An RSVP the database numbers (an organizer's, a member's) comes after
    // every id taken ahead.
    let numbered = rsvps::record(&conn, event, guest("numbered@example.org", None), Utc::now()).await.unwrap();
    assert!(numbered.rsvp_id > first, "{} after {first}", numbered.rsvp_id);
    let taken = rsvps::record(&conn, event, guest("taken@example.org", Some(first)), Utc::now()).await.unwrap();
    assert_eq!(taken.rsvp_id, first);
    assert_eq!(
        sql_i64(&conn, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM rsvps WHERE id = {first} AND manage_token_hash = 'hash-{first}'"))
            .await,
        1
    );
    // Hundreds more, from this instance and another: all different, none
    // given by the database.
    let mut seen = HashSet::from([first, numbered.rsvp_id]);
    for i in 0..300 {
        let id = if i % 2 == 0 { this.next(&conn).await } else { other.next(&conn).await }.unwrap();
        assert!(seen.insert(id), "{id} given twice");
    }
    for (i, id) in seen.iter().copied().filter(|id| *id != first && *id != numbered.rsvp_id).take(20).enumerate() {
        let email = format!("guest{i}@example.org");
        rsvps::record(&conn, event, guest(&email, Some(id)), Utc::now()).await.unwrap();
    }
    let later = rsvps::record(&conn, event, guest("later@example.org", None), Utc::now()).await.unwrap();
    assert!(!seen.contains(&later.rsvp_id), "the database gave {} again", later.rsvp_id);
    assert_eq!(sql_i64(&conn, &format!("SELECT CAST(COUNT(*) AS BIGINT) FROM rsvps WHERE event_id = {event}")).await, 23);
}

async fn a_waitlisted_guest_keeps_the_place_of_arrival(db: TestDb) {
    let conn = db.connect().await;
    turnout_persistence::migrate(&conn).await.unwrap();
    let mut spec = EventSpec::public("One seat", days_from_now(5));
    spec.capacity = Some(1);
    let event = chapter_with_event(&conn, spec).await;
    let ids = ReservedIds::default();
    let (a, b) = (ids.next(&conn).await.unwrap(), ids.next(&conn).await.unwrap());
    // Taken in one order, arriving in the other: the later id arrives first.
    let seated = rsvps::record(&conn, event, guest("seated@example.org", Some(b)), Utc::now()).await.unwrap();
    assert_eq!((seated.rsvp_id, seated.status), (b, RsvpStatus::Going));
    let first_in_line = rsvps::record(&conn, event, guest("first@example.org", Some(a)), Utc::now()).await.unwrap();
    assert_eq!(first_in_line.status, RsvpStatus::Waitlisted);
    assert_ne!(first_in_line.rsvp_id, a, "a waitlisted guest is numbered on arrival");
    let second_in_line = rsvps::record(&conn, event, guest("second@example.org", None), Utc::now()).await.unwrap();
    assert_eq!(rsvps::waitlist_position(&conn, event, first_in_line.rsvp_id).await.unwrap(), 1);
    assert_eq!(rsvps::waitlist_position(&conn, event, second_in_line.rsvp_id).await.unwrap(), 2);
}
