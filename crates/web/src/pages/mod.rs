//! maud pages. Each function takes plain data and returns markup; none of
//! them touches the database.

pub mod chapter;
pub mod event;
pub mod event_form;
pub mod forms;
pub mod home;
pub mod layout;
pub mod rsvp;

use chrono_tz::Tz;
use turnout_domain::time::parse_zone;

/// The zone stored with an event; UTC if the stored name is unknown (it is
/// validated on the way in, so this only guards against hand-edited data).
pub fn zone(name: &str) -> Tz {
    parse_zone(name).unwrap_or(chrono_tz::UTC)
}
