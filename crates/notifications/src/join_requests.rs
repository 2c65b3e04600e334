//! Emails about asking to join a chapter whose organizers approve members:
//! to each organizer when someone asks, and to the person when one answers.
//! Keyed by the membership row, so a request (or an answer) mails once.

use turnout_domain::outbox::NewMessage;

use crate::compose::account_message;

/// Who asked, and where the organizers answer.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub membership_id: i64,
    pub chapter_name: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    /// The chapter's member list, where the request is approved or declined.
    pub members_url: &'a str,
}

/// To one organizer: someone asked to join.
pub fn asked(r: Request<'_>, organizer_id: i64, organizer_name: &str, organizer_email: &str) -> NewMessage {
    let lead = format!("{} ({}) asked to join {}.", r.name, r.email, r.chapter_name);
    account_message(
        format!("join-request:{}:{organizer_id}", r.membership_id),
        organizer_name,
        organizer_email,
        &format!("{} asks to join {}", r.name, r.chapter_name),
        &[&lead, "Approve or decline the request on the chapter's member list. Until then they do not see members-only events."],
        Some(("Open the member list", r.members_url)),
    )
}

/// To the person who asked: approved or declined.
pub fn answered(membership_id: i64, name: &str, email: &str, chapter_name: &str, chapter_url: &str, approved: bool) -> NewMessage {
    let (subject, lead, next) = if approved {
        (
            format!("Welcome to {chapter_name}"),
            format!("An organizer approved your request to join {chapter_name}. You are a member now."),
            "You see the chapter's members-only events and can RSVP to them.",
        )
    } else {
        (
            format!("Your request to join {chapter_name}"),
            format!("An organizer of {chapter_name} declined your request to join."),
            "You can still come to the chapter's public events. If you think this was a mistake, write to the chapter from its page.",
        )
    };
    account_message(
        format!("join-answer:{membership_id}"),
        name,
        email,
        &subject,
        &[&lead, next],
        Some(("The chapter's page", chapter_url)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_request_and_answer_has_its_own_key() {
        let r = Request { membership_id: 7, chapter_name: "Queens", name: "Rosa", email: "rosa@example.org", members_url: "http://x/m" };
        let a = asked(r, 1, "Org", "org@example.org");
        assert_eq!(a.dedupe_key, "join-request:7:1");
        assert!(a.body_text.contains("Rosa (rosa@example.org) asked to join Queens.") && a.body_text.contains("http://x/m"));
        let yes = answered(7, "Rosa", "rosa@example.org", "Queens", "http://x/c", true);
        let no = answered(7, "Rosa", "rosa@example.org", "Queens", "http://x/c", false);
        assert_eq!(yes.dedupe_key, no.dedupe_key, "one answer per request");
        assert!(yes.subject.contains("Welcome") && no.body_text.contains("declined"));
    }
}
