//! Who may open what: every route of the router, GET and POST, against eight
//! kinds of visitor, on SQLite and PostgreSQL. The list of routes comes from
//! the router itself (`turnout_web::route_list`), so a route without a row
//! here fails the test, and so does a row for a route that no longer exists.
//!
//! The expected answers are the policy (crates/domain/src/policy.rs):
//! anonymous people are sent to log in; logged-in people without the right
//! get 403; an event someone may not see (a draft, a members-only event) is
//! 404 on every route, as if it did not exist. A refused POST changes nothing.
//! The table this test builds must be the one in docs/access-matrix.md; run
//! it with TURNOUT_WRITE_ACCESS_MATRIX=1 to write it there.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use reqwest::header::LOCATION;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use turnout_domain::event::{CohostStatus, EventStatus, Venue, Visibility};
use turnout_domain::policy::Role;
use turnout_persistence::{events, series};
use turnout_tests::app::{Options, Visitor, csrf_of};
use turnout_tests::fixtures::{EventSpec, chapter, days_from_now, event_in, sql_i64};
use turnout_tests::people::{account, grant, logged_in};
use turnout_tests::{SmtpServer, TestApp, TestDb, on_both_backends};

on_both_backends!(every_route_answers_each_visitor_as_the_policy_says);

const WHO: [&str; 8] = [
    "anonymous",
    "member of the chapter",
    "organizer of another chapter",
    "organizer of a co-host, invitation pending",
    "organizer of a co-host, invitation accepted",
    "organizer of the chapter",
    "organizer of the parent",
    "site admin",
];

const EMAILS: [Option<&str>; 8] = [
    None,
    Some("member@example.org"),
    Some("other@example.org"),
    Some("pending@example.org"),
    Some("accepted@example.org"),
    Some("organizer@example.org"),
    Some("district@example.org"),
    Some("admin@example.org"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// Sent to the login page.
    LogIn,
    Forbidden,
    NotFound,
    /// Done: 200, or a redirect elsewhere than the login page.
    Ok,
    /// Another answer (a form with errors, a conflict).
    Status(u16),
}

impl std::fmt::Display for Want {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Want::Status(code) => write!(f, "{code}"),
            other => write!(f, "{other:?}"),
        }
    }
}

use Want::*;

const EVERYONE: [Want; 8] = [Ok; 8];
const NOBODY_FINDS: [Want; 8] = [NotFound; 8];
const LOGGED_IN: [Want; 8] = [LogIn, Ok, Ok, Ok, Ok, Ok, Ok, Ok];
/// Organizers of the chapter (or above it) and site admins.
const ORGANIZERS: [Want; 8] = [LogIn, Forbidden, Forbidden, Forbidden, Forbidden, Ok, Ok, Ok];
/// The same, and the accepted co-host's organizers (attendee lists).
const ORGANIZERS_AND_COHOST: [Want; 8] = [LogIn, Forbidden, Forbidden, Forbidden, Ok, Ok, Ok, Ok];
/// Checking in an RSVP the event does not have: refused, or not found by those who may check in.
const CHECK_IN_UNKNOWN: [Want; 8] = [LogIn, Forbidden, Forbidden, Forbidden, NotFound, NotFound, NotFound, NotFound];
const MANAGERS_UNKNOWN: [Want; 8] = [LogIn, Forbidden, Forbidden, Forbidden, Forbidden, NotFound, NotFound, NotFound];
const ADMIN: [Want; 8] = [LogIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Ok];
/// Site admins only, and what they asked is refused as nonsense.
const ADMIN_REFUSED: [Want; 8] = [LogIn, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Status(400)];
/// A draft: only those who manage it know it exists.
const DRAFT: [Want; 8] = [NotFound, NotFound, NotFound, NotFound, NotFound, Ok, Ok, Ok];
/// A members-only event: members and the accepted co-host see it.
const MEMBERS_SEE: [Want; 8] = [NotFound, Ok, NotFound, NotFound, Ok, Ok, Ok, Ok];
/// Organizer routes of a members-only event: 404 to those who may not see it, 403 to those who may.
const MEMBERS_MANAGE: [Want; 8] = [NotFound, Forbidden, NotFound, NotFound, Forbidden, Ok, Ok, Ok];
/// The invited chapter (bronx, pending) answers its invitation: its organizers and site admins.
const INVITED: [Want; 8] = [LogIn, Forbidden, Forbidden, Ok, Forbidden, Forbidden, Forbidden, Ok];

enum Body {
    None,
    Form(Vec<(&'static str, String)>),
    /// A cover image upload.
    Image,
}

struct Row {
    method: &'static str,
    /// The route as the router knows it.
    route: &'static str,
    /// The path asked, with placeholders for the fixtures: `{public}`,
    /// `{draft}`, `{members}`, `{series}`, `{applicant}`, `{bystander}`,
    /// `{venue}`.
    path: &'static str,
    want: [Want; 8],
    body: Body,
    /// Sent from a session of its own (logging out ends it).
    own_session: bool,
}

fn get(route: &'static str, path: &'static str, want: [Want; 8]) -> Row {
    Row { method: "GET", route, path, want, body: Body::None, own_session: false }
}

fn post(route: &'static str, path: &'static str, want: [Want; 8], fields: &[(&'static str, &str)]) -> Row {
    let body = Body::Form(fields.iter().map(|(k, v)| (*k, (*v).to_owned())).collect());
    Row { method: "POST", route, path, want, body, own_session: false }
}

fn event_form(title: &str) -> Vec<(&'static str, String)> {
    let day = (chrono::Utc::now() + chrono::Duration::days(5)).format("%Y-%m-%d").to_string();
    vec![
        ("kind", "public_forum".into()),
        ("title", title.into()),
        ("summary", "Changed by the access matrix.".into()),
        ("description", "Written by the access matrix.".into()),
        ("venue_name", "Union Hall".into()),
        ("venue_street_address", "12 Labor Way".into()),
        ("venue_city", "Queens, NY".into()),
        ("starts_at", format!("{day}T19:00")),
        ("ends_at", format!("{day}T21:00")),
        ("time_zone", "America/New_York".into()),
        ("visibility", "public".into()),
        ("action", "draft".into()),
    ]
}

fn chapter_form(slug: &str, parent: &str) -> Vec<(&'static str, String)> {
    vec![
        ("slug", slug.into()),
        ("name", "Matrix Chapter".into()),
        ("kind", "branch".into()),
        ("parent_slug", parent.into()),
        ("time_zone", "America/New_York".into()),
        ("description", "Written by the access matrix.".into()),
    ]
}

fn rows() -> Vec<Row> {
    let wrong_password = [("current_password", "not the password"), ("password", "another long passphrase"), ("email", "new@example.org")];
    let form_row = |route, path, want, fields: Vec<(&'static str, String)>| Row {
        method: "POST",
        route,
        path,
        want,
        body: Body::Form(fields),
        own_session: false,
    };
    vec![
        // Public pages and feeds.
        get("/", "/", EVERYONE),
        get("/chapters/{slug}", "/chapters/queens", EVERYONE),
        get("/chapters/{slug}/embed", "/chapters/queens/embed", EVERYONE),
        get("/chapters/{slug}/calendar.ics", "/chapters/queens/calendar.ics", EVERYONE),
        get("/calendar.ics", "/calendar.ics", EVERYONE),
        get("/api/v1/events", "/api/v1/events?chapter=queens", EVERYONE),
        get("/api/v1/chapters", "/api/v1/chapters", EVERYONE),
        get("/healthz", "/healthz", EVERYONE),
        get("/readyz", "/readyz", EVERYONE),
        get("/static/turnout.css", "/static/turnout.css", EVERYONE),
        get("/uploads/{name}", "/uploads/missing.png", NOBODY_FINDS),
        get("/chapters/{slug}/contact", "/chapters/queens/contact", EVERYONE),
        post("/chapters/{slug}/contact", "/chapters/queens/contact", [Status(422); 8], &[]),
        get("/chapters/{slug}/contact/sent", "/chapters/queens/contact/sent", EVERYONE),
        // The signed link is the permission (no login, no CSRF token): a
        // link that was not made by the site is refused for everyone. The
        // genuine link is tested in delivery_safety.rs.
        get("/unsubscribe/{token}", "/unsubscribe/cm9zYUBleGFtcGxlLm9yZw.forged", [Status(400); 8]),
        post(
            "/unsubscribe/{token}",
            "/unsubscribe/cm9zYUBleGFtcGxlLm9yZw.forged?category=reminders",
            [Status(400); 8],
            &[("List-Unsubscribe", "One-Click")],
        ),
        // One event, as each visitor sees it.
        get("/events/{id}", "/events/{public}", EVERYONE),
        get("/events/{id}", "/events/{draft}", DRAFT),
        get("/events/{id}", "/events/{members}", MEMBERS_SEE),
        get("/events/{id}/rsvp", "/events/{public}/rsvp", EVERYONE),
        // "Check your email" after an RSVP (with nothing just sent: the event page).
        get("/events/{id}/rsvp/sent", "/events/{public}/rsvp/sent", EVERYONE),
        get("/events/{id}/rsvp/sent", "/events/{draft}/rsvp/sent", DRAFT),
        // An empty form: a guest must type a name and address; a member's is one click (going).
        post("/events/{id}/rsvp", "/events/{public}/rsvp", [Status(422), Ok, Ok, Ok, Ok, Ok, Ok, Ok], &[]),
        post(
            "/events/{id}/rsvp",
            "/events/{draft}/rsvp",
            [NotFound, NotFound, NotFound, NotFound, NotFound, Status(409), Status(409), Status(409)],
            &[],
        ),
        get("/events/{id}/calendar.ics", "/events/{public}/calendar.ics", EVERYONE),
        get("/events/{id}/calendar.ics", "/events/{draft}/calendar.ics", DRAFT),
        get("/events/{id}/calendar.ics", "/events/{members}/calendar.ics", MEMBERS_SEE),
        get("/api/v1/events/{id}", "/api/v1/events/{public}", EVERYONE),
        get("/api/v1/events/{id}", "/api/v1/events/{draft}", NOBODY_FINDS),
        get("/api/v1/events/{id}", "/api/v1/events/{members}", NOBODY_FINDS),
        // Attendees: the host's organizers and the accepted co-host's.
        get("/events/{id}/attendees", "/events/{public}/attendees", ORGANIZERS_AND_COHOST),
        get("/events/{id}/attendees", "/events/{draft}/attendees", DRAFT),
        get("/events/{id}/attendees", "/events/{members}/attendees", [NotFound, Forbidden, NotFound, NotFound, Ok, Ok, Ok, Ok]),
        get("/events/{id}/attendees.csv", "/events/{public}/attendees.csv", ORGANIZERS_AND_COHOST),
        get("/events/{id}/attendees.csv", "/events/{draft}/attendees.csv", DRAFT),
        get("/events/{id}/attendees.csv", "/events/{members}/attendees.csv", [NotFound, Forbidden, NotFound, NotFound, Ok, Ok, Ok, Ok]),
        get("/events/{id}/timeline", "/events/{public}/timeline", ORGANIZERS_AND_COHOST),
        get("/events/{id}/timeline", "/events/{draft}/timeline", DRAFT),
        get("/events/{id}/timeline", "/events/{members}/timeline", [NotFound, Forbidden, NotFound, NotFound, Ok, Ok, Ok, Ok]),
        get("/events/{id}/sign-in-sheet", "/events/{public}/sign-in-sheet", ORGANIZERS_AND_COHOST),
        get("/events/{id}/sign-in-sheet", "/events/{draft}/sign-in-sheet", DRAFT),
        get("/events/{id}/sign-in-sheet", "/events/{members}/sign-in-sheet", [NotFound, Forbidden, NotFound, NotFound, Ok, Ok, Ok, Ok]),
        // Check-in at the door: those who see the attendees. An RSVP that is not the event's is not found.
        get("/events/{id}/checkin", "/events/{public}/checkin", ORGANIZERS_AND_COHOST),
        get("/events/{id}/checkin", "/events/{draft}/checkin", DRAFT),
        get("/events/{id}/checkin", "/events/{members}/checkin", [NotFound, Forbidden, NotFound, NotFound, Ok, Ok, Ok, Ok]),
        post("/events/{id}/checkin/{rsvp_id}", "/events/{public}/checkin/999999", CHECK_IN_UNKNOWN, &[]),
        post("/events/{id}/checkin/{rsvp_id}/undo", "/events/{public}/checkin/999999/undo", CHECK_IN_UNKNOWN, &[]),
        post("/events/{id}/walk-ins", "/events/{public}/walk-ins", ORGANIZERS_AND_COHOST, &[("name", "Matrix Walk-in")]),
        post("/events/{id}/walk-ins", "/events/{draft}/walk-ins", DRAFT, &[("name", "Matrix Walk-in")]),
        get("/rsvps/checkin/{token}", "/rsvps/checkin/1-not-a-token", NOBODY_FINDS),
        get("/static/attendance.css", "/static/attendance.css", EVERYONE),
        get("/static/checkin.js", "/static/checkin.js", EVERYONE),
        // The organizer's event workflow: the host's organizers only.
        get("/chapters/{slug}/dashboard", "/chapters/queens/dashboard", ORGANIZERS),
        get("/chapters/{slug}/dashboard", "/chapters/bronx/dashboard", INVITED),
        get("/chapters/{slug}/events/new", "/chapters/queens/events/new", ORGANIZERS),
        form_row("/chapters/{slug}/events", "/chapters/queens/events", ORGANIZERS, event_form("Made by the matrix")),
        get("/events/{id}/announce", "/events/{public}/announce", ORGANIZERS),
        get("/events/{id}/announce", "/events/{draft}/announce", DRAFT),
        get("/events/{id}/announce", "/events/{members}/announce", MEMBERS_MANAGE),
        // "Change it" from the preview: the form again, nothing sent.
        post(
            "/events/{id}/announce",
            "/events/{public}/announce",
            ORGANIZERS,
            &[("audience", "going"), ("subject", "Hi"), ("body", "Hello"), ("step", "edit")],
        ),
        get("/chapters/{slug}/announce", "/chapters/queens/announce", ORGANIZERS),
        post(
            "/chapters/{slug}/announce",
            "/chapters/queens/announce",
            ORGANIZERS,
            &[("subject", "Hi"), ("body", "Hello"), ("step", "edit")],
        ),
        // An announcement that does not exist; following one is tested in announcements.rs.
        get("/announcements/{id}", "/announcements/999999", NOBODY_FINDS),
        get("/announcements/{id}/progress", "/announcements/999999/progress", NOBODY_FINDS),
        get("/static/progress.js", "/static/progress.js", EVERYONE),
        get("/events/{id}/edit", "/events/{public}/edit", ORGANIZERS),
        get("/events/{id}/edit", "/events/{draft}/edit", DRAFT),
        get("/events/{id}/edit", "/events/{members}/edit", MEMBERS_MANAGE),
        form_row("/events/{id}/edit", "/events/{public}/edit", ORGANIZERS, event_form("Edited by the matrix")),
        form_row("/events/{id}/edit", "/events/{draft}/edit", DRAFT, event_form("Edited by the matrix")),
        form_row("/events/{id}/edit", "/events/{members}/edit", MEMBERS_MANAGE, event_form("Edited by the matrix")),
        post("/events/{id}/publish", "/events/{draft}/publish", DRAFT, &[]),
        // Pages that ask first and say who will be emailed.
        get("/events/{id}/cancel", "/events/{public}/cancel", ORGANIZERS),
        get("/events/{id}/cancel", "/events/{members}/cancel", MEMBERS_MANAGE),
        get("/events/{id}/delete", "/events/{draft}/delete", DRAFT),
        get("/events/{id}/skip", "/events/{series}/skip", ORGANIZERS),
        post("/events/{id}/cancel", "/events/{public}/cancel", ORGANIZERS, &[("reason", "The hall flooded.")]),
        post("/events/{id}/cancel", "/events/{members}/cancel", MEMBERS_MANAGE, &[("reason", "The hall flooded.")]),
        post("/events/{id}/duplicate", "/events/{public}/duplicate", ORGANIZERS, &[]),
        post("/events/{id}/duplicate", "/events/{draft}/duplicate", DRAFT, &[]),
        post("/events/{id}/delete", "/events/{draft}/delete", DRAFT, &[]),
        post("/events/{id}/skip", "/events/{series}/skip", ORGANIZERS, &[]),
        Row {
            method: "POST",
            route: "/events/{id}/cover",
            path: "/events/{public}/cover",
            want: ORGANIZERS,
            body: Body::Image,
            own_session: false,
        },
        Row {
            method: "POST",
            route: "/events/{id}/cover",
            path: "/events/{draft}/cover",
            want: DRAFT,
            body: Body::Image,
            own_session: false,
        },
        post("/events/{id}/cover/remove", "/events/{public}/cover/remove", ORGANIZERS, &[]),
        post("/events/{id}/cover/remove", "/events/{members}/cover/remove", MEMBERS_MANAGE, &[]),
        // A chapter's saved venues: changed on their own page, for every upcoming event there.
        get("/chapters/{slug}/venues", "/chapters/queens/venues", ORGANIZERS),
        form_row(
            "/chapters/{slug}/venues/{id}",
            "/chapters/queens/venues/{venue}",
            ORGANIZERS,
            vec![("venue_name", "Hall renamed by the matrix".into()), ("venue_city", "Queens, NY".into())],
        ),
        // Invitations to co-host: the invited chapter answers.
        post("/chapters/{slug}/cohosting/{id}/accept", "/chapters/bronx/cohosting/{public}/accept", INVITED, &[]),
        post("/chapters/{slug}/cohosting/{id}/decline", "/chapters/bronx/cohosting/{public}/decline", INVITED, &[]),
        // Members.
        post("/chapters/{slug}/join", "/chapters/elsewhere/join", LOGGED_IN, &[]),
        post("/chapters/{slug}/leave", "/chapters/elsewhere/leave", LOGGED_IN, &[]),
        get("/chapters/{slug}/members", "/chapters/queens/members", ORGANIZERS),
        post("/chapters/{slug}/members/{user_id}/approve", "/chapters/queens/members/{applicant}/approve", ORGANIZERS, &[]),
        // A chapter's own settings (how long attendee data is kept): its organizers.
        get("/chapters/{slug}/settings", "/chapters/queens/settings", ORGANIZERS),
        post("/chapters/{slug}/settings", "/chapters/queens/settings", ORGANIZERS, &[("retention_days", "400")]),
        post("/chapters/{slug}/members/{user_id}/decline", "/chapters/queens/members/{applicant}/decline", ORGANIZERS, &[]),
        // Site administration.
        get("/admin/audit", "/admin/audit", ADMIN),
        get("/admin/outbox", "/admin/outbox", ADMIN),
        post("/admin/outbox/requeue", "/admin/outbox/requeue", ADMIN, &[]),
        // Lifting a suppression that does not exist: refused, even for the admin.
        post("/admin/outbox/unsuppress", "/admin/outbox/unsuppress", ADMIN_REFUSED, &[("address", "nobody@example.org")]),
        get("/admin/chapters/new", "/admin/chapters/new", ADMIN),
        form_row("/admin/chapters", "/admin/chapters", ADMIN, chapter_form("made-by-matrix", "national")),
        get("/chapters/{slug}/edit", "/chapters/queens/edit", ADMIN),
        form_row("/chapters/{slug}/edit", "/chapters/queens/edit", ADMIN, chapter_form("queens", "new-york")),
        post("/chapters/{slug}/members/{user_id}/role", "/chapters/queens/members/{bystander}/role", ADMIN, &[("role", "organizer")]),
        // Accounts: one's own, so everyone logged in; wrong input changes nothing.
        get("/register", "/register", EVERYONE),
        post("/register", "/register", [Status(422); 8], &[]),
        get("/login", "/login", EVERYONE),
        get("/account/verify/{token}", "/account/verify/not-a-token", [Status(400); 8]),
        post("/account/verify", "/account/verify", [Status(400); 8], &[("token", "not-a-token")]),
        get("/account/reset", "/account/reset", EVERYONE),
        get("/account/done/{what}", "/account/done/registered", EVERYONE),
        // The language switch on every page: anyone, back to a page of this site.
        get("/language/{tag}", "/language/es?back=/events", EVERYONE),
        post("/account/reset", "/account/reset", [Status(422); 8], &[]),
        get("/account/reset/{token}", "/account/reset/not-a-token", [Status(400); 8]),
        post("/account/reset/confirm", "/account/reset/confirm", [Status(422); 8], &[("token", "not-a-token")]),
        get("/account/unlock/{token}", "/account/unlock/not-a-token", [Status(400); 8]),
        post("/account/unlock", "/account/unlock", [Status(400); 8], &[("token", "not-a-token")]),
        get("/account", "/account", LOGGED_IN),
        get("/account/export.json", "/account/export.json", LOGGED_IN),
        post(
            "/account/password",
            "/account/password",
            [LogIn, Status(422), Status(422), Status(422), Status(422), Status(422), Status(422), Status(422)],
            &wrong_password,
        ),
        post(
            "/account/email",
            "/account/email",
            [LogIn, Status(422), Status(422), Status(422), Status(422), Status(422), Status(422), Status(422)],
            &wrong_password,
        ),
        get("/account/email/{token}", "/account/email/not-a-token", [Status(400); 8]),
        post("/account/email/confirm", "/account/email/confirm", [Status(400); 8], &[("token", "not-a-token")]),
        get("/rsvps/manage/{token}", "/rsvps/manage/not-a-token", [NotFound; 8]),
        post("/rsvps/manage/cancel", "/rsvps/manage/cancel", [NotFound; 8], &[("token", "not-a-token")]),
        post("/rsvps/manage/change", "/rsvps/manage/change", [NotFound; 8], &[("token", "not-a-token"), ("answer", "maybe")]),
        post("/rsvps/manage/confirm", "/rsvps/manage/confirm", [NotFound; 8], &[("token", "not-a-token")]),
        // Promoting or removing by hand: the event's own organizers (an unknown RSVP is then 404).
        post("/events/{id}/attendees/{rsvp}/promote", "/events/{public}/attendees/999999/promote", MANAGERS_UNKNOWN, &[]),
        post("/events/{id}/attendees/{rsvp}/remove", "/events/{public}/attendees/999999/remove", MANAGERS_UNKNOWN, &[]),
        get("/events/{id}/attendees/{rsvp}/remove", "/events/{public}/attendees/999999/remove", MANAGERS_UNKNOWN),
        get("/account/email/undo/{token}", "/account/email/undo/not-a-token", [Status(400); 8]),
        post("/account/email/undo", "/account/email/undo", [Status(400); 8], &[("token", "not-a-token")]),
        post(
            "/account/delete",
            "/account/delete",
            [LogIn, Status(422), Status(422), Status(422), Status(422), Status(422), Status(422), Status(422)],
            &wrong_password,
        ),
        post("/account/calendar", "/account/calendar", LOGGED_IN, &[]),
        get("/my/{token}", "/my/not-a-token.ics", NOBODY_FINDS),
        // Last: a failed login must not end the sessions the rows above use.
        post("/login", "/login", [Status(401); 8], &[]),
        Row { method: "POST", route: "/logout", path: "/logout", want: EVERYONE, body: Body::None, own_session: true },
        Row {
            method: "POST",
            route: "/logout/everywhere",
            path: "/logout/everywhere",
            want: LOGGED_IN,
            body: Body::None,
            own_session: true,
        },
    ]
}

/// The fixtures a path refers to.
#[derive(Default, Clone, Copy)]
struct Ids {
    public: i64,
    draft: i64,
    members: i64,
    series: i64,
    applicant: i64,
    bystander: i64,
    venue: i64,
}

impl Ids {
    fn path(&self, path: &str) -> String {
        path.replace("{public}", &self.public.to_string())
            .replace("{draft}", &self.draft.to_string())
            .replace("{members}", &self.members.to_string())
            .replace("{series}", &self.series.to_string())
            .replace("{applicant}", &self.applicant.to_string())
            .replace("{bystander}", &self.bystander.to_string())
            .replace("{venue}", &self.venue.to_string())
    }
}

struct Chapters {
    queens: i64,
    /// A saved venue of queens, so that events can be copied.
    venue: i64,
    bronx: i64,
    brooklyn: i64,
}

/// A queens event co-hosted by bronx (invitation pending) and brooklyn (accepted).
async fn event(db: &DatabaseConnection, c: &Chapters, title: &'static str, status: EventStatus, visibility: Visibility) -> i64 {
    let spec = EventSpec { visibility, status, ..EventSpec::public(title, days_from_now(10)) };
    let id = event_in(db, c.queens, Some(c.venue), spec).await;
    events::set_cohosts(db, id, &[c.bronx, c.brooklyn]).await.unwrap();
    events::set_cohost_status(db, id, c.brooklyn, CohostStatus::Accepted).await.unwrap();
    id
}

/// Fresh fixtures, so that what one visitor did does not change the next one's answer.
async fn fixtures(db: &DatabaseConnection, c: &Chapters, ids: &mut Ids, path: &str) {
    if path.contains("{public}") {
        ids.public = event(db, c, "Matrix Public Forum", EventStatus::Published, Visibility::Public).await;
    }
    if path.contains("{draft}") {
        ids.draft = event(db, c, "Matrix Draft", EventStatus::Draft, Visibility::Public).await;
    }
    if path.contains("{members}") {
        ids.members = event(db, c, "Matrix Members Meeting", EventStatus::Published, Visibility::MembersOnly).await;
    }
    if path.contains("{series}") {
        let id = event(db, c, "Matrix Weekly", EventStatus::Published, Visibility::Public).await;
        let day = days_from_now(10).date_naive();
        let rule = turnout_domain::recurrence::Rule::Weekly(1);
        let s = series::create(db, c.queens, rule, day + chrono::Duration::days(21), chrono::Utc::now()).await.unwrap();
        series::attach(db, id, s, day).await.unwrap();
        ids.series = id;
    }
    let queens = c.queens;
    let (applicant, bystander) = (ids.applicant, ids.bystander);
    for sql in [
        format!("DELETE FROM memberships WHERE user_id = {applicant}"),
        format!(
            "INSERT INTO memberships (user_id, chapter_id, role, status, created_at) VALUES ({applicant}, {queens}, 'member', 'pending', '2026-01-01T00:00:00+00:00')"
        ),
        format!("UPDATE memberships SET role = 'member' WHERE user_id = {bystander}"),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
}

/// What a refused request must leave as it was.
async fn fingerprint(db: &DatabaseConnection) -> Vec<i64> {
    let mut out = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM events",
        "SELECT COALESCE(SUM(sequence), 0) FROM events",
        "SELECT COUNT(*) FROM events WHERE status = 'published'",
        "SELECT COUNT(*) FROM events WHERE title LIKE '%by the matrix%'",
        "SELECT COUNT(*) FROM events WHERE cover_image IS NOT NULL",
        "SELECT COUNT(*) FROM event_cohosts WHERE status = 'pending'",
        "SELECT COUNT(*) FROM memberships WHERE status = 'active'",
        "SELECT COUNT(*) FROM memberships WHERE role = 'organizer'",
        "SELECT COUNT(*) FROM chapters",
        "SELECT COUNT(*) FROM chapters WHERE description LIKE '%by the access matrix%'",
        "SELECT COUNT(*) FROM users",
        "SELECT COUNT(*) FROM rsvps",
        "SELECT COUNT(*) FROM outbox",
        "SELECT COUNT(*) FROM venues",
        "SELECT COUNT(*) FROM venues WHERE name LIKE '%by the matrix%'",
    ] {
        out.push(sql_i64(db, sql).await);
    }
    out
}

fn answer(res: &reqwest::Response) -> Want {
    match res.status() {
        StatusCode::SEE_OTHER | StatusCode::FOUND => {
            let to = res.headers().get(LOCATION).and_then(|l| l.to_str().ok()).unwrap_or_default();
            if to.starts_with("/login") { LogIn } else { Ok }
        }
        StatusCode::OK => Ok,
        StatusCode::FORBIDDEN => Forbidden,
        StatusCode::NOT_FOUND => NotFound,
        other => Status(other.as_u16()),
    }
}

async fn every_route_answers_each_visitor_as_the_policy_says(db: TestDb) {
    let smtp = SmtpServer::start().await;
    let app = TestApp::start(&db, &smtp, Options { demo: true, ..Default::default() }).await;
    let conn = db.connect().await;
    // Demo chapters: national > new-york > {queens, hunter-college}. Bronx and
    // Brooklyn are co-hosts of every event the matrix makes; elsewhere is
    // joined and left.
    let queens = sql_i64(&conn, "SELECT id FROM chapters WHERE slug = 'queens'").await;
    let venue = Venue { name: "Matrix Hall".into(), street_address: "1 Main St".into(), city: "Queens, NY".into(), ..Default::default() };
    let chapters = Chapters {
        queens,
        venue: events::insert_venue(&conn, queens, venue).await.unwrap(),
        bronx: chapter(&conn, "bronx", "Bronx", None).await,
        brooklyn: chapter(&conn, "brooklyn", "Brooklyn", None).await,
    };
    chapter(&conn, "elsewhere", "Elsewhere", None).await;
    for (i, email) in EMAILS.iter().enumerate() {
        if let Some(email) = email {
            account(&app, email, WHO[i], i == 7).await;
        }
    }
    grant(&app, "member@example.org", "queens", Role::Member).await;
    grant(&app, "other@example.org", "hunter-college", Role::Organizer).await;
    grant(&app, "pending@example.org", "bronx", Role::Organizer).await;
    grant(&app, "accepted@example.org", "brooklyn", Role::Organizer).await;
    grant(&app, "organizer@example.org", "queens", Role::Organizer).await;
    grant(&app, "district@example.org", "new-york", Role::Organizer).await;
    let mut ids = Ids {
        applicant: account(&app, "applicant@example.org", "App Licant", false).await,
        bystander: account(&app, "bystander@example.org", "By Stander", false).await,
        venue: chapters.venue,
        ..Default::default()
    };
    grant(&app, "bystander@example.org", "queens", Role::Member).await;

    let mut visitors = vec![Visitor::new(&app)];
    for email in EMAILS.iter().flatten() {
        visitors.push(logged_in(&app, email).await);
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0u8; 64]);

    let rows = rows();
    // Every route has a row, and every row is a route.
    let routes: BTreeSet<(String, String)> =
        turnout_web::route_list().into_iter().map(|(m, p)| (m.as_str().to_owned(), p.to_owned())).collect();
    let covered: BTreeSet<(String, String)> = rows.iter().map(|r| (r.method.to_owned(), r.route.to_owned())).collect();
    let missing: Vec<_> = routes.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&routes).collect();
    assert!(missing.is_empty(), "routes without a row in the access matrix: {missing:?}");
    assert!(stale.is_empty(), "rows for routes the router does not have: {stale:?}");

    let mut table = format!("| route | {} |\n|---|{}\n", WHO.join(" | "), "---|".repeat(WHO.len()));
    let mut failures = Vec::new();
    for row in &rows {
        if row.method == "GET" {
            fixtures(&conn, &chapters, &mut ids, row.path).await;
        }
        table.push_str(&format!("| {} {} |", row.method, row.path));
        for (i, shared) in visitors.iter().enumerate() {
            let v = match (row.own_session, EMAILS[i]) {
                (true, Some(email)) => logged_in(&app, email).await,
                (true, None) => Visitor::new(&app),
                (false, _) => shared.clone(),
            };
            let got = if row.method == "GET" {
                answer(&v.client.get(v.url(&ids.path(row.path))).send().await.unwrap())
            } else {
                fixtures(&conn, &chapters, &mut ids, row.path).await;
                let path = ids.path(row.path);
                // The account page carries the token of whoever opens it (bound to their session, if any).
                let token = csrf_of(&v.get("/login").await.1);
                let before = fingerprint(&conn).await;
                let res = match &row.body {
                    Body::None => v.client.post(v.url(&path)).form(&[("_csrf", token)]).send().await.unwrap(),
                    Body::Form(fields) => {
                        let mut all: Vec<(&str, &str)> = fields.iter().map(|(k, val)| (*k, val.as_str())).collect();
                        all.push(("_csrf", &token));
                        v.client.post(v.url(&path)).form(&all).send().await.unwrap()
                    }
                    Body::Image => {
                        let part = reqwest::multipart::Part::bytes(png.clone()).file_name("cover.png").mime_str("image/png").unwrap();
                        let form = reqwest::multipart::Form::new().part("image", part);
                        v.client.post(v.url(&format!("{path}?_csrf={token}"))).multipart(form).send().await.unwrap()
                    }
                };
                let got = answer(&res);
                if got != Ok && fingerprint(&conn).await != before {
                    failures.push(format!("POST {} as {}: refused ({got}) but the database changed", row.path, WHO[i]));
                }
                got
            };
            if got != row.want[i] {
                failures.push(format!("{} {} as {}: {got}, expected {}", row.method, row.path, WHO[i], row.want[i]));
            }
            table.push_str(&format!(" {got} |"));
        }
        table.push('\n');
    }
    let _ = std::fs::write(std::env::temp_dir().join(format!("turnout-access-matrix-{:?}.md", db.backend)), &table);
    assert!(failures.is_empty(), "{} answers differ from the policy:\n{}\n\n{table}", failures.len(), failures.join("\n"));
    compare_with_the_document(&table);
    app.stop().await;
}

const DOC_BEGIN: &str = "<!-- access matrix: written by tests/tests/suite/access_matrix.rs -->\n";
const DOC_END: &str = "<!-- end of the access matrix -->";

/// The document shows the table the test checks, to the letter.
fn compare_with_the_document(table: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/access-matrix.md");
    let doc = std::fs::read_to_string(&path).expect("docs/access-matrix.md");
    let (Some(begin), Some(end)) = (doc.find(DOC_BEGIN), doc.find(DOC_END)) else {
        panic!("docs/access-matrix.md has no markers {DOC_BEGIN:?} … {DOC_END:?}");
    };
    let written = &doc[begin + DOC_BEGIN.len()..end];
    if written != table {
        if std::env::var_os("TURNOUT_WRITE_ACCESS_MATRIX").is_some() {
            let updated = format!("{}{DOC_BEGIN}{table}{}", &doc[..begin], &doc[end..]);
            std::fs::write(&path, updated).expect("write docs/access-matrix.md");
        } else {
            panic!(
                "docs/access-matrix.md does not show the table the test checks; run with TURNOUT_WRITE_ACCESS_MATRIX=1 to write it:\n{table}"
            );
        }
    }
}
