//! Attendance: who came, as the organizers at the door record it. What an
//! attendee list counts (people, not RSVPs), how it is filtered and
//! searched, the order of a printed sign-in sheet, and what a walk-in is.

use chrono::{DateTime, Utc};

use crate::catalogue::Tr;
use crate::email_address;
use crate::error::FieldErrors;
use crate::rsvp::{NAME_MAX_CHARS, RsvpStatus};

/// The largest party an organizer adds at the door in one go.
pub const WALK_IN_PARTY_MAX: i32 = 50;

/// How many people one RSVP stands for: the person and their guests.
pub fn party_size(guests: i32) -> i64 {
    1 + i64::from(guests.max(0))
}

/// Whether an RSVP can be ticked off at the door: anyone who answered, even
/// "maybe" or "can't go" (they came after all), but not a cancelled RSVP.
pub fn can_check_in(status: RsvpStatus) -> bool {
    status != RsvpStatus::Cancelled
}

/// The answer as an organizer reads it, in their language.
pub fn answer_label(t: Tr, status: RsvpStatus) -> String {
    t.s(match status {
        RsvpStatus::Going => "label-attendance-going",
        RsvpStatus::Waitlisted => "label-attendance-waitlist",
        RsvpStatus::Maybe => "label-attendance-maybe",
        RsvpStatus::CantGo => "label-attendance-cant-go",
        RsvpStatus::Cancelled => "label-attendance-cancelled",
    })
}

/// Every answer, in the order lists and counts show them.
pub const ANSWERS: [RsvpStatus; 5] =
    [RsvpStatus::Going, RsvpStatus::Waitlisted, RsvpStatus::Maybe, RsvpStatus::CantGo, RsvpStatus::Cancelled];

/// One line of an attendee list: what the organizers see and export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendeeLine {
    pub rsvp_id: i64,
    /// "deleted member" once the person erased their account.
    pub name: String,
    pub email: String,
    pub status: RsvpStatus,
    pub guests: i32,
    pub rsvp_at: DateTime<Utc>,
    /// 1 for the first in line, when waitlisted.
    pub waitlist_position: Option<u64>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub walk_in: bool,
}

impl AttendeeLine {
    pub fn people(&self) -> i64 {
        party_size(self.guests)
    }
}

/// People (not RSVPs) by answer, and how many of them came.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    by_answer: [i64; 5],
    /// People checked in, walk-ins included.
    pub attended: i64,
    /// People who came without an RSVP.
    pub walk_ins: i64,
}

impl Tally {
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a AttendeeLine>) -> Self {
        let mut t = Self::default();
        for l in lines {
            let slot = ANSWERS.iter().position(|a| *a == l.status).unwrap_or(0);
            t.by_answer[slot] += l.people();
            if l.checked_in_at.is_some() {
                t.attended += l.people();
            }
            if l.walk_in {
                t.walk_ins += l.people();
            }
        }
        t
    }

    pub fn people(&self, answer: RsvpStatus) -> i64 {
        ANSWERS.iter().position(|a| *a == answer).map(|i| self.by_answer[i]).unwrap_or(0)
    }

    /// People who said they were going before the doors opened.
    pub fn rsvpd(&self) -> i64 {
        self.people(RsvpStatus::Going) - self.walk_ins
    }
}

/// Which lines an organizer asked to see. Unknown values mean "all", so a
/// stale bookmark still opens the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub answer: Option<RsvpStatus>,
    pub checked_in: Option<bool>,
    /// Part of a name, as typed in the search box.
    pub name: String,
}

impl Filter {
    pub fn parse(answer: &str, checked_in: &str, name: &str) -> Self {
        let checked_in = match checked_in {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        Self { answer: RsvpStatus::parse(answer), checked_in, name: name.trim().chars().take(NAME_MAX_CHARS).collect() }
    }

    pub fn matches(&self, l: &AttendeeLine) -> bool {
        self.answer.is_none_or(|a| a == l.status)
            && self.checked_in.is_none_or(|c| c == l.checked_in_at.is_some())
            && name_matches(&l.name, &self.name)
    }

    /// The query string that asks for this filter again.
    pub fn query(&self) -> String {
        let checked = match self.checked_in {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        let mut pairs = Vec::new();
        if let Some(a) = self.answer {
            pairs.push(format!("answer={}", a.as_str()));
        }
        if !checked.is_empty() {
            pairs.push(format!("checked_in={checked}"));
        }
        if !self.name.is_empty() {
            pairs.push(format!("q={}", percent_encode(&self.name)));
        }
        pairs.join("&")
    }
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// Whether every word typed appears somewhere in the name, ignoring case:
/// "ros par" finds "Rosa Parks", as a person at the door types it.
pub fn name_matches(name: &str, typed: &str) -> bool {
    let name = name.to_lowercase();
    typed.to_lowercase().split_whitespace().all(|word| name.contains(word))
}

/// The order of a printed sign-in sheet: by name, ignoring case.
pub fn sheet_order(lines: &mut [AttendeeLine]) {
    lines.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then(a.rsvp_id.cmp(&b.rsvp_id)));
}

/// What an organizer typed to add someone at the door.
#[derive(Debug, Clone, Default)]
pub struct WalkInInput {
    pub name: String,
    pub email: String,
    pub party_size: String,
    /// "count against capacity" was ticked.
    pub takes_seat: bool,
}

/// A walk-in that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkIn {
    pub name: String,
    pub email: Option<String>,
    pub guests: i32,
    pub takes_seat: bool,
}

impl WalkIn {
    pub fn people(&self) -> i32 {
        self.guests + 1
    }
}

impl WalkInInput {
    pub fn validate(&self, t: Tr) -> Result<WalkIn, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.add("name", t.s("invalid-walk-in-name-missing"));
        } else if name.chars().count() > NAME_MAX_CHARS {
            errors.add("name", t.f("invalid-walk-in-name-long", &[("max", NAME_MAX_CHARS.into())]));
        } else if name.chars().any(char::is_control) {
            errors.add("name", t.s("invalid-walk-in-name-control"));
        }
        let email = self.email.trim();
        if !email.is_empty()
            && let Some(problem) = email_address::problem_in(t, email)
        {
            errors.add("email", problem);
        }
        let size = self.party_size.trim();
        let party = if size.is_empty() { Ok(1) } else { size.parse::<i32>() };
        let party = match party {
            Ok(n) if (1..=WALK_IN_PARTY_MAX).contains(&n) => n,
            _ => {
                errors.add("party_size", t.f("invalid-walk-in-party", &[("max", WALK_IN_PARTY_MAX.into())]));
                1
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(WalkIn {
            name: name.to_owned(),
            email: (!email.is_empty()).then(|| email.to_owned()),
            guests: party - 1,
            takes_seat: self.takes_seat,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: i64, name: &str, status: RsvpStatus, guests: i32, checked_in: bool) -> AttendeeLine {
        AttendeeLine {
            rsvp_id: id,
            name: name.into(),
            email: String::new(),
            status,
            guests,
            rsvp_at: DateTime::UNIX_EPOCH,
            waitlist_position: None,
            checked_in_at: checked_in.then_some(DateTime::UNIX_EPOCH),
            walk_in: false,
        }
    }

    #[test]
    fn counts_are_people_not_rsvps() {
        let lines = [
            line(1, "Ann", RsvpStatus::Going, 2, true),
            line(2, "Ben", RsvpStatus::Going, 0, false),
            line(3, "Cleo", RsvpStatus::Maybe, 1, false),
            AttendeeLine { walk_in: true, ..line(4, "Dee", RsvpStatus::Going, 1, true) },
        ];
        let t = Tally::of(&lines);
        assert_eq!(t.people(RsvpStatus::Going), 6);
        assert_eq!(t.people(RsvpStatus::Maybe), 2);
        assert_eq!(t.people(RsvpStatus::CantGo), 0);
        assert_eq!((t.attended, t.walk_ins, t.rsvpd()), (5, 2, 4));
    }

    #[test]
    fn search_finds_every_word_typed_in_any_case() {
        assert!(name_matches("Rosa Parks", "ros PAR"));
        assert!(name_matches("Rosa Parks", "  "));
        assert!(!name_matches("Rosa Parks", "rosa king"));
        assert!(name_matches("José Martí", "josé"));
    }

    #[test]
    fn filters_combine_and_ignore_what_they_do_not_know() {
        let ann = line(1, "Ann", RsvpStatus::Going, 0, true);
        assert!(Filter::parse("going", "yes", "an").matches(&ann));
        assert!(!Filter::parse("maybe", "", "").matches(&ann));
        assert!(!Filter::parse("", "no", "").matches(&ann));
        assert_eq!(Filter::parse("nonsense", "perhaps", ""), Filter::default());
        assert_eq!(Filter::parse("going", "no", "Ann B").query(), "answer=going&checked_in=no&q=Ann%20B");
    }

    #[test]
    fn the_sheet_is_alphabetical_whatever_the_case() {
        let mut lines = [
            line(1, "zoe", RsvpStatus::Going, 0, false),
            line(2, "Adam", RsvpStatus::Going, 0, false),
            line(3, "bea", RsvpStatus::Going, 0, false),
        ];
        sheet_order(&mut lines);
        assert_eq!(lines.iter().map(|l| l.name.as_str()).collect::<Vec<_>>(), ["Adam", "bea", "zoe"]);
    }

    #[test]
    fn a_walk_in_needs_a_name_and_a_sensible_party() {
        let ok = WalkInInput { name: " Ella ".into(), party_size: "3".into(), ..Default::default() }.validate(Tr::default()).unwrap();
        assert_eq!(ok, WalkIn { name: "Ella".into(), email: None, guests: 2, takes_seat: false });
        let bad = WalkInInput { name: String::new(), email: "nope".into(), party_size: "0".into(), takes_seat: true }
            .validate(Tr::default())
            .unwrap_err();
        assert!(bad.get("name").is_some() && bad.get("email").is_some() && bad.get("party_size").is_some());
        assert_eq!(WalkInInput { name: "A".into(), ..Default::default() }.validate(Tr::default()).unwrap().people(), 1);
    }
}
