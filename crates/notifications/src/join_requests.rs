//! Emails about asking to join a chapter whose organizers approve members:
//! to each organizer when someone asks, and to the person when one answers.
//! Keyed by the membership row, so a request (or an answer) mails once.

use turnout_domain::catalogue::{Arg, Tr};
use turnout_domain::outbox::NewMessage;

use crate::compose::account_message_in;

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

/// To one organizer, in their language `t`: someone asked to join.
pub fn asked(t: Tr, r: Request<'_>, organizer_id: i64, organizer_name: &str, organizer_email: &str) -> NewMessage {
    let who: [(&str, Arg<'_>); 3] = [("name", r.name.into()), ("email", r.email.into()), ("chapter", r.chapter_name.into())];
    account_message_in(
        t,
        format!("join-request:{}:{organizer_id}", r.membership_id),
        organizer_name,
        organizer_email,
        &t.f("chap-mail-asked-subject", &who),
        &[&t.f("chap-mail-asked-lead", &who), &t.s("chap-mail-asked-next")],
        Some((&t.s("chap-mail-asked-link"), r.members_url)),
    )
}

/// To the person who asked, in their language `t`: approved or declined.
pub fn answered(t: Tr, membership_id: i64, name: &str, email: &str, chapter_name: &str, chapter_url: &str, approved: bool) -> NewMessage {
    let chapter: [(&str, Arg<'_>); 1] = [("chapter", chapter_name.into())];
    let (subject, lead, next) = if approved {
        (t.f("chap-mail-approved-subject", &chapter), t.f("chap-mail-approved-lead", &chapter), t.s("chap-mail-approved-next"))
    } else {
        (t.f("chap-mail-declined-subject", &chapter), t.f("chap-mail-declined-lead", &chapter), t.s("chap-mail-declined-next"))
    };
    account_message_in(
        t,
        format!("join-answer:{membership_id}"),
        name,
        email,
        &subject,
        &[&lead, &next],
        Some((&t.s("chap-mail-chapter-page"), chapter_url)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_request_and_answer_has_its_own_key() {
        let t = Tr::default();
        let r = Request { membership_id: 7, chapter_name: "Queens", name: "Rosa", email: "rosa@example.org", members_url: "http://x/m" };
        let a = asked(t, r, 1, "Org", "org@example.org");
        assert_eq!(a.dedupe_key, "join-request:7:1");
        assert!(a.body_text.contains("Rosa (rosa@example.org) asked to join Queens.") && a.body_text.contains("http://x/m"));
        let yes = answered(t, 7, "Rosa", "rosa@example.org", "Queens", "http://x/c", true);
        let no = answered(t, 7, "Rosa", "rosa@example.org", "Queens", "http://x/c", false);
        assert_eq!(yes.dedupe_key, no.dedupe_key, "one answer per request");
        assert!(yes.subject.contains("Welcome") && no.body_text.contains("declined"));
    }

    #[test]
    fn each_is_written_in_the_language_given() {
        let t = Tr(turnout_domain::language::Language::Spanish);
        let r = Request { membership_id: 7, chapter_name: "Queens", name: "Rosa", email: "rosa@example.org", members_url: "http://x/m" };
        let a = asked(t, r, 1, "Org", "org@example.org");
        assert_eq!(a.subject, "Rosa pide unirse a Queens");
        assert!(a.body_text.contains("Rosa (rosa@example.org) pidió unirse a Queens."), "{}", a.body_text);
        let yes = answered(t, 7, "Rosa", "rosa@example.org", "Queens", "http://x/c", true);
        assert_eq!(yes.subject, "Le damos la bienvenida a Queens");
        let no = answered(t, 7, "Rosa", "rosa@example.org", "Queens", "http://x/c", false);
        assert!(no.body_text.contains("rechazó su solicitud"), "{}", no.body_text);
    }
}
