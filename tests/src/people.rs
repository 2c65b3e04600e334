//! People for tests: accounts made the way an operator makes them, and
//! visitors who log in through the real login form.

use reqwest::StatusCode;
use turnout_domain::policy::Role;
use turnout_web::admin_cli;

use crate::app::{TestApp, Visitor};

pub const PASSWORD: &str = "a long enough passphrase";

/// A confirmed account; returns its id.
pub async fn account(app: &TestApp, email: &str, name: &str, site_admin: bool) -> i64 {
    admin_cli::create_user(&app.running.db, email, name, site_admin, PASSWORD.to_owned()).await.expect("create the account")
}

pub async fn grant(app: &TestApp, email: &str, chapter: &str, role: Role) {
    admin_cli::grant(&app.running.db, email, chapter, role).await.expect("grant the role");
}

/// A visitor who has logged in with `email` and the test password.
pub async fn logged_in(app: &TestApp, email: &str) -> Visitor {
    let v = Visitor::new(app);
    let res = v.submit("/login", "/login", &[("email", email), ("password", PASSWORD)]).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{email} logs in");
    v
}

/// The session cookie a response set, if any.
pub fn session_cookie(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix("turnout_session=").map(|rest| rest.split(';').next().unwrap_or_default().to_owned()))
}
