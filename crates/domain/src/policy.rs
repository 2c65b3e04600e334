//! Who may do what. Every handler asks `decide`; no handler decides itself.
//!
//! Organizers of a chapter also manage the chapters below it. Site admins may
//! do everything. Attendee names and emails are for the organizers of the
//! hosting chapter and of the co-hosting chapters that accepted (and those
//! above them) only.
//!
//! Co-hosts. Naming another chapter as co-host is an invitation its
//! organizers (or those above it) accept or decline (`AnswerCohostInvitation`).
//! Until accepted, and for good once declined, it gives that chapter nothing:
//! the event is not listed with it and its people get no right through it.
//! Once accepted (`decide_event`):
//! - the event is listed on the co-host's pages, embed, feed and filters;
//! - the co-host's members see it when it is members-only, like the host's;
//! - the co-host's organizers see and export its attendee list (they share
//!   the work at the door and the follow-up);
//! - but only the host's organizers edit, publish, cancel, delete, duplicate,
//!   skip it or change its cover: the event stays the host's, and a co-host
//!   cannot rewrite what another chapter announces. Drafts are likewise the
//!   host's alone.

use serde::Serialize;

use crate::event::CohostStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Organizer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Member => "member",
            Self::Organizer => "organizer",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Member, Self::Organizer].into_iter().find(|r| r.as_str() == value)
    }
}

/// An active membership (pending requests grant nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    pub chapter_id: i64,
    pub role: Role,
}

/// A logged-in person, as the policy sees them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actor {
    pub user_id: i64,
    pub is_site_admin: bool,
    pub memberships: Vec<Membership>,
}

/// What someone wants to do. Chapter-scoped actions carry the chapter and its
/// ancestors, nearest first (`[branch, district, national]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// See a members-only event of this chapter.
    SeeMembersOnly {
        chapter_line: &'a [i64],
    },
    /// See attendee names and emails, export them, check people in.
    SeeAttendees {
        chapter_line: &'a [i64],
    },
    /// Approve join requests and see the member list.
    ManageMembers {
        chapter_line: &'a [i64],
    },
    /// Create, edit, publish and cancel events.
    ManageEvents {
        chapter_line: &'a [i64],
    },
    /// Accept or decline an invitation to co-host an event, for the invited
    /// chapter.
    AnswerCohostInvitation {
        chapter_line: &'a [i64],
    },
    /// Create chapters, edit any chapter, appoint organizers.
    AdministerChapters,
    SeeAuditLog,
    /// See the mail queue and failures, queue failed mail again.
    ManageDelivery,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// Not logged in: send them to log in.
    LogIn,
    /// Logged in without the right: 403.
    Forbidden,
    /// A thing a visitor may not even know exists: 404.
    Hidden,
}

impl Actor {
    fn organizes_any_of(&self, chapter_line: &[i64]) -> bool {
        self.memberships.iter().any(|m| m.role == Role::Organizer && chapter_line.contains(&m.chapter_id))
    }

    fn member_of(&self, chapter_id: i64) -> bool {
        self.memberships.iter().any(|m| m.chapter_id == chapter_id)
    }
}

pub fn decide(actor: Option<&Actor>, action: &Action<'_>) -> Decision {
    let Some(actor) = actor else {
        return match action {
            Action::SeeMembersOnly { .. } => Decision::Hidden,
            _ => Decision::LogIn,
        };
    };
    if actor.is_site_admin {
        return Decision::Allow;
    }
    let allowed = match action {
        Action::SeeMembersOnly { chapter_line } => {
            chapter_line.first().is_some_and(|c| actor.member_of(*c)) || actor.organizes_any_of(chapter_line)
        }
        Action::SeeAttendees { chapter_line }
        | Action::ManageMembers { chapter_line }
        | Action::ManageEvents { chapter_line }
        | Action::AnswerCohostInvitation { chapter_line } => actor.organizes_any_of(chapter_line),
        Action::AdministerChapters | Action::SeeAuditLog | Action::ManageDelivery => false,
    };
    match (allowed, action) {
        (true, _) => Decision::Allow,
        (false, Action::SeeMembersOnly { .. }) => Decision::Hidden,
        (false, _) => Decision::Forbidden,
    }
}

/// The chapters an event belongs to: the host's line and each co-host's line
/// with its answer (`[chapter, parent, ...]` each).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventChapters {
    pub host: Vec<i64>,
    pub cohosts: Vec<(CohostStatus, Vec<i64>)>,
}

/// What someone wants to do with one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventAction {
    /// See it when it is members-only.
    SeeMembersOnly,
    /// See, export and check in its attendees.
    SeeAttendees,
    /// Edit, publish, cancel, delete, duplicate, skip, change the cover; see a draft.
    Manage,
}

/// The rules for one event (see the module's comment): the host's line
/// grants everything its chapters' people may do; an accepted co-host's line
/// grants seeing (members-only, attendees), never managing; pending and
/// declined co-hosts grant nothing.
pub fn decide_event(actor: Option<&Actor>, event: &EventChapters, action: EventAction) -> Decision {
    let ask = |line: &[i64]| {
        let a = match action {
            EventAction::SeeMembersOnly => Action::SeeMembersOnly { chapter_line: line },
            EventAction::SeeAttendees => Action::SeeAttendees { chapter_line: line },
            EventAction::Manage => Action::ManageEvents { chapter_line: line },
        };
        decide(actor, &a)
    };
    let host = ask(&event.host);
    if host == Decision::Allow || action == EventAction::Manage {
        return host;
    }
    let through_cohost =
        event.cohosts.iter().filter(|(status, _)| *status == CohostStatus::Accepted).any(|(_, line)| ask(line) == Decision::Allow);
    if through_cohost { Decision::Allow } else { host }
}

/// Which members-only events a person finds listed (home, chapter pages,
/// their private calendar): exactly those `decide_event` lets them open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum MembersOnlyScope {
    /// Public events only: visitors, and the public feeds and the API always.
    #[default]
    Nothing,
    /// Site admins see every chapter's.
    Everything,
    /// Those hosted, or co-hosted with an accepted invitation, by one of these
    /// chapters.
    Chapters(Vec<i64>),
}

/// The scope of `actor`, given every chapter as `(id, parent)`. Members see
/// their own chapters' events; organizers also those of every chapter below
/// theirs (the rule of `decide` turned around: `SeeMembersOnly` allows a
/// line whose first chapter the actor belongs to, or that contains a chapter
/// the actor organizes).
pub fn members_only_scope(actor: Option<&Actor>, chapters: &[(i64, Option<i64>)]) -> MembersOnlyScope {
    let Some(actor) = actor else { return MembersOnlyScope::Nothing };
    if actor.is_site_admin {
        return MembersOnlyScope::Everything;
    }
    let mut ids: Vec<i64> = actor.memberships.iter().map(|m| m.chapter_id).collect();
    let mut i = 0;
    // Walk down from each organized chapter, breadth first.
    let mut below: Vec<i64> = actor.memberships.iter().filter(|m| m.role == Role::Organizer).map(|m| m.chapter_id).collect();
    while i < below.len() {
        let parent = below[i];
        for (id, _) in chapters.iter().filter(|(_, p)| *p == Some(parent)) {
            if !below.contains(id) {
                below.push(*id);
            }
        }
        i += 1;
    }
    ids.extend(below);
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() { MembersOnlyScope::Nothing } else { MembersOnlyScope::Chapters(ids) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NATIONAL: i64 = 1;
    const DISTRICT: i64 = 2;
    const BRANCH: i64 = 3;
    const OTHER: i64 = 4;
    const LINE: &[i64] = &[BRANCH, DISTRICT, NATIONAL];

    fn actor(memberships: &[(i64, Role)]) -> Actor {
        Actor {
            user_id: 9,
            is_site_admin: false,
            memberships: memberships.iter().map(|&(chapter_id, role)| Membership { chapter_id, role }).collect(),
        }
    }

    #[test]
    fn organizers_manage_their_chapter_and_those_below() {
        let a = Action::SeeAttendees { chapter_line: LINE };
        assert_eq!(decide(Some(&actor(&[(BRANCH, Role::Organizer)])), &a), Decision::Allow);
        assert_eq!(decide(Some(&actor(&[(DISTRICT, Role::Organizer)])), &a), Decision::Allow);
        assert_eq!(decide(Some(&actor(&[(OTHER, Role::Organizer)])), &a), Decision::Forbidden);
        assert_eq!(decide(Some(&actor(&[(BRANCH, Role::Member)])), &a), Decision::Forbidden);
        assert_eq!(decide(None, &a), Decision::LogIn);
        let admin = Actor { is_site_admin: true, ..actor(&[]) };
        assert_eq!(decide(Some(&admin), &a), Decision::Allow);
    }

    #[test]
    fn an_organizer_of_a_branch_does_not_manage_its_parent() {
        let district_line = &[DISTRICT, NATIONAL];
        assert_eq!(
            decide(Some(&actor(&[(BRANCH, Role::Organizer)])), &Action::ManageEvents { chapter_line: district_line }),
            Decision::Forbidden
        );
    }

    #[test]
    fn members_only_events_are_hidden_from_outsiders() {
        let a = Action::SeeMembersOnly { chapter_line: LINE };
        assert_eq!(decide(None, &a), Decision::Hidden);
        assert_eq!(decide(Some(&actor(&[(OTHER, Role::Member)])), &a), Decision::Hidden);
        assert_eq!(decide(Some(&actor(&[(BRANCH, Role::Member)])), &a), Decision::Allow);
        assert_eq!(decide(Some(&actor(&[(NATIONAL, Role::Organizer)])), &a), Decision::Allow);
    }

    #[test]
    fn only_site_admins_administer_chapters_and_read_the_audit_log() {
        assert_eq!(decide(Some(&actor(&[(NATIONAL, Role::Organizer)])), &Action::AdministerChapters), Decision::Forbidden);
        assert_eq!(decide(Some(&actor(&[])), &Action::SeeAuditLog), Decision::Forbidden);
        assert_eq!(decide(None, &Action::SeeAuditLog), Decision::LogIn);
        assert_eq!(decide(Some(&actor(&[])), &Action::ManageDelivery), Decision::Forbidden);
    }

    fn event_with(status: CohostStatus) -> EventChapters {
        EventChapters { host: LINE.to_vec(), cohosts: vec![(status, vec![OTHER])] }
    }

    #[test]
    fn an_accepted_cohost_sees_but_does_not_manage() {
        let org = actor(&[(OTHER, Role::Organizer)]);
        let member = actor(&[(OTHER, Role::Member)]);
        let e = event_with(CohostStatus::Accepted);
        assert_eq!(decide_event(Some(&org), &e, EventAction::SeeAttendees), Decision::Allow);
        assert_eq!(decide_event(Some(&org), &e, EventAction::SeeMembersOnly), Decision::Allow);
        assert_eq!(decide_event(Some(&member), &e, EventAction::SeeMembersOnly), Decision::Allow);
        assert_eq!(decide_event(Some(&member), &e, EventAction::SeeAttendees), Decision::Forbidden);
        assert_eq!(decide_event(Some(&org), &e, EventAction::Manage), Decision::Forbidden);
        assert_eq!(decide_event(Some(&actor(&[(BRANCH, Role::Organizer)])), &e, EventAction::Manage), Decision::Allow);
    }

    #[test]
    fn a_pending_or_declined_cohost_gets_nothing() {
        let org = actor(&[(OTHER, Role::Organizer)]);
        for status in [CohostStatus::Pending, CohostStatus::Declined] {
            let e = event_with(status);
            assert_eq!(decide_event(Some(&org), &e, EventAction::SeeAttendees), Decision::Forbidden);
            assert_eq!(decide_event(Some(&org), &e, EventAction::SeeMembersOnly), Decision::Hidden);
            assert_eq!(decide_event(Some(&org), &e, EventAction::Manage), Decision::Forbidden);
        }
        assert_eq!(decide_event(None, &event_with(CohostStatus::Accepted), EventAction::SeeAttendees), Decision::LogIn);
    }

    #[test]
    fn the_invited_chapter_answers_its_invitations() {
        let line = &[OTHER];
        assert_eq!(
            decide(Some(&actor(&[(OTHER, Role::Organizer)])), &Action::AnswerCohostInvitation { chapter_line: line }),
            Decision::Allow
        );
        assert_eq!(
            decide(Some(&actor(&[(BRANCH, Role::Organizer)])), &Action::AnswerCohostInvitation { chapter_line: line }),
            Decision::Forbidden
        );
        assert_eq!(
            decide(Some(&actor(&[(OTHER, Role::Member)])), &Action::AnswerCohostInvitation { chapter_line: line }),
            Decision::Forbidden
        );
    }

    #[test]
    fn the_members_only_scope_lists_what_decide_event_lets_open() {
        // national 1 > district 2 > branch 3; 4 stands alone.
        let tree = [(NATIONAL, None), (DISTRICT, Some(NATIONAL)), (BRANCH, Some(DISTRICT)), (OTHER, None)];
        let line_of = |c: i64| -> Vec<i64> {
            let mut line = vec![c];
            while let Some(p) = tree.iter().find(|(id, _)| *id == *line.last().unwrap_or(&0)).and_then(|(_, p)| *p) {
                line.push(p);
            }
            line
        };
        let admin = Actor { is_site_admin: true, ..actor(&[]) };
        let people = [
            None,
            Some(actor(&[])),
            Some(actor(&[(BRANCH, Role::Member)])),
            Some(actor(&[(DISTRICT, Role::Member)])),
            Some(actor(&[(DISTRICT, Role::Organizer)])),
            Some(actor(&[(OTHER, Role::Organizer), (NATIONAL, Role::Member)])),
            Some(admin),
        ];
        for person in &people {
            let scope = members_only_scope(person.as_ref(), &tree);
            for host in [NATIONAL, DISTRICT, BRANCH, OTHER] {
                for cohost in [None, Some((CohostStatus::Accepted, OTHER)), Some((CohostStatus::Pending, BRANCH))] {
                    let event = EventChapters { host: line_of(host), cohosts: cohost.iter().map(|(s, c)| (*s, line_of(*c))).collect() };
                    let listed = match &scope {
                        MembersOnlyScope::Nothing => false,
                        MembersOnlyScope::Everything => true,
                        MembersOnlyScope::Chapters(ids) => {
                            ids.contains(&host) || cohost.is_some_and(|(s, c)| s == CohostStatus::Accepted && ids.contains(&c))
                        }
                    };
                    let may_open = decide_event(person.as_ref(), &event, EventAction::SeeMembersOnly) == Decision::Allow;
                    assert_eq!(listed, may_open, "{person:?} host {host} cohost {cohost:?}");
                }
            }
        }
    }
}
