//! Who may do what. Every handler asks `decide`; no handler decides itself.
//!
//! Organizers of a chapter also manage the chapters below it. Site admins may
//! do everything. Attendee names and emails are for the hosting chapter's
//! organizers (and those above it) only.

use serde::Serialize;

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
    /// Create chapters, edit any chapter, appoint organizers.
    AdministerChapters,
    SeeAuditLog,
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
        Action::SeeAttendees { chapter_line } | Action::ManageMembers { chapter_line } | Action::ManageEvents { chapter_line } => {
            actor.organizes_any_of(chapter_line)
        }
        Action::AdministerChapters | Action::SeeAuditLog => false,
    };
    match (allowed, action) {
        (true, _) => Decision::Allow,
        (false, Action::SeeMembersOnly { .. }) => Decision::Hidden,
        (false, _) => Decision::Forbidden,
    }
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
    }
}
