//! The links messages carry. The web crate makes them (it holds the keys
//! that sign manage and check-in tokens) and hands them to the worker.

use std::sync::Arc;

use crate::waitlist::RsvpLinks;

pub type LinkFn = Arc<dyn Fn(i64) -> String + Send + Sync>;

#[derive(Clone)]
pub struct SiteLinks {
    /// The site's address, without a trailing slash.
    pub base_url: String,
    /// The address mail goes from: ORGANIZER in calendar updates.
    pub mail_from: String,
    /// An RSVP's manage page.
    pub manage: LinkFn,
    /// An RSVP's check-in link (the QR code).
    pub checkin: LinkFn,
}

impl SiteLinks {
    pub fn rsvp(&self) -> RsvpLinks<'_> {
        RsvpLinks { base_url: &self.base_url, manage: &*self.manage, checkin: &*self.checkin }
    }
}
