//! Mail delivery, for site admins: how much waits and for how long, what
//! failed and why, the addresses that refused mail; failed messages can be
//! queued again and a suppression lifted.

mod page;

use crate::http::routing::{Routes, get, post};

pub fn routes() -> Routes {
    Routes::new()
        .route("/admin/outbox", get(page::overview))
        .route("/admin/outbox/requeue", post(page::requeue))
        .route("/admin/outbox/unsuppress", post(page::unsuppress))
}
