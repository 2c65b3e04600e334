use std::sync::Arc;

use chrono::Duration;
use turnout_notifications::Notifier;
use turnout_persistence::Db;

use crate::config::LimitsConfig;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub db: Db,
    pub base_url: String,
    /// The address email goes from (`email.from_address`): calendar ORGANIZER.
    pub mail_from: String,
    pub notifier: Notifier,
    /// Signs CSRF tokens; shared by every instance through the database.
    pub csrf_key: Vec<u8>,
    /// Derives each RSVP's manage-link token; shared through the database.
    pub manage_key: Vec<u8>,
    /// Seats that free up go to the waitlist until this long before the start.
    pub promotion_cutoff: Duration,
    /// How long a guest's place is held for them to confirm (when the event asks).
    pub guest_hold: Duration,
    pub session_idle: Duration,
    pub secure_cookies: bool,
    /// Proxies whose X-Forwarded-For is believed.
    pub trusted_proxies: Vec<turnout_domain::client_address::Network>,
    pub limits: LimitsConfig,
    pub uploads_dir: std::path::PathBuf,
    /// What public pages read, kept between requests (see `reads`).
    pub reads: crate::reads::Reads,
    /// Ids for guest RSVPs, taken before their write (see `rsvp_ids`).
    pub rsvp_ids: turnout_persistence::rsvp_ids::ReservedIds,
    /// Guest RSVPs' writes (grouped on SQLite, see `guest_writes`).
    pub guest_writes: crate::rsvps::guest_writes::GuestWrites,
}

impl AppState {
    pub fn new(inner: Inner) -> Self {
        Self(Arc::new(inner))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// The token of an RSVP's manage link: an HMAC of its id (256 bits), so
    /// every message about the RSVP can carry the same link while only its
    /// hash is stored.
    pub fn manage_token(&self, rsvp_id: i64) -> String {
        manage_token(&self.manage_key, rsvp_id)
    }

    pub fn manage_url(&self, rsvp_id: i64) -> String {
        format!("{}/rsvps/manage/{}", self.base_url, self.manage_token(rsvp_id))
    }

    /// The links the mail worker puts in the messages it composes.
    pub fn site_links(&self) -> turnout_notifications::SiteLinks {
        site_links(&self.manage_key, &self.base_url, &self.mail_from)
    }

    /// The token of an RSVP's check-in link: its id and an HMAC of it under a
    /// prefix of its own, so it can never stand in for the manage link.
    /// Nothing is stored: the signature is checked when the link is opened.
    pub fn checkin_token(&self, rsvp_id: i64) -> String {
        checkin_token(&self.manage_key, rsvp_id)
    }

    /// The link in the QR code of a going RSVP's emails.
    pub fn checkin_url(&self, rsvp_id: i64) -> String {
        format!("{}/rsvps/checkin/{}", self.base_url, self.checkin_token(rsvp_id))
    }

    /// Fills seats freed in the caller's transaction from the waitlist,
    /// unless it is too close to the start; each person promoted gets one
    /// "you're in" (with the manage link and the check-in QR code). Every
    /// area that frees seats calls this: cancellations, changes, capacity,
    /// removals, deleted accounts, released holds.
    pub async fn fill_freed_seats(
        &self,
        txn: &impl turnout_persistence::ConnectionTrait,
        event: &turnout_domain::event::EventDetails,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize, crate::http::error::Error> {
        if !turnout_domain::rsvp::promotions_open(event, now, self.promotion_cutoff) {
            return Ok(0);
        }
        let (manage, checkin) = (|id| self.manage_url(id), |id| self.checkin_url(id));
        let links = turnout_notifications::waitlist::RsvpLinks { base_url: &self.base_url, manage: &manage, checkin: &checkin };
        Ok(turnout_notifications::waitlist::promote_and_notify(txn, event, &links, now).await?)
    }
}

pub(crate) fn manage_token(key: &[u8], rsvp_id: i64) -> String {
    crate::http::secrets::sign(key, &format!("rsvp-manage:{rsvp_id}"))
}

pub(crate) fn checkin_token(key: &[u8], rsvp_id: i64) -> String {
    format!("{rsvp_id}-{}", crate::http::secrets::sign(key, &format!("rsvp-checkin:{rsvp_id}")))
}

/// The links of messages composed away from a request (reminders, change
/// notices), from the site's manage key: the same links `AppState` makes.
pub fn site_links(manage_key: &[u8], base_url: &str, mail_from: &str) -> turnout_notifications::SiteLinks {
    let (key, base) = (manage_key.to_vec(), base_url.to_owned());
    let manage = move |id| format!("{base}/rsvps/manage/{}", manage_token(&key, id));
    let (key, base) = (manage_key.to_vec(), base_url.to_owned());
    let checkin = move |id| format!("{base}/rsvps/checkin/{}", checkin_token(&key, id));
    turnout_notifications::SiteLinks {
        base_url: base_url.to_owned(),
        mail_from: mail_from.to_owned(),
        manage: Arc::new(manage),
        checkin: Arc::new(checkin),
    }
}
