use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The one error type of the web crate. Each variant knows its status and
/// the page a person sees; internal details go to the log, not the page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("configuration: {0}")]
    Config(String),
    #[error("not found")]
    NotFound,
    /// Not logged in: go to the login page, then come back to this path.
    #[error("login required")]
    LoginRequired(String),
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request is valid but the thing is not in a state that allows it;
    /// the message says how (e.g. how many places are left).
    #[error("refused: {0}")]
    Refused(String),
    #[error("request too large")]
    PayloadTooLarge,
    #[error("too many requests; retry in {0} s")]
    TooManyRequests(i64),
    /// Not allowed; the catalogue key of the message that says why.
    #[error("forbidden: {0}")]
    Forbidden(&'static str),
    #[error(transparent)]
    Persistence(#[from] turnout_persistence::Error),
    #[error(transparent)]
    Notifications(#[from] turnout_notifications::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Error::LoginRequired(next) = &self {
            let next = turnout_domain::account::safe_next(Some(next));
            let encoded: String = next
                .bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b"/-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
                .collect();
            return axum::response::Redirect::to(&format!("/login?next={encoded}")).into_response();
        }
        let t = crate::frame::error_page::reader();
        let (status, message) = match &self {
            Error::NotFound => (StatusCode::NOT_FOUND, t.s("error-not-found")),
            Error::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Error::Forbidden(key) => (StatusCode::FORBIDDEN, t.s(key)),
            Error::Refused(m) => (StatusCode::CONFLICT, m.clone()),
            Error::Persistence(turnout_persistence::Error::Stale) => (StatusCode::CONFLICT, t.s("error-stale")),
            Error::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, t.s("error-too-large")),
            Error::TooManyRequests(seconds) => {
                let minutes = (seconds + 59) / 60;
                let page = crate::frame::error_page::error_page(
                    StatusCode::TOO_MANY_REQUESTS,
                    &t.f("error-too-many", &[("minutes", minutes.into())]),
                );
                let mut r = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
                r.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(*seconds));
                return r;
            }
            _ => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, t.s("error-internal"))
            }
        };
        (status, crate::frame::error_page::error_page(status, &message)).into_response()
    }
}
