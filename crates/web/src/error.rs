use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::pages;

/// The one error type of the web crate. Each variant knows its status and
/// the page a person sees; internal details go to the log, not the page.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("configuration: {0}")]
    Config(String),
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
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
        let (status, message) = match &self {
            Error::NotFound => (
                StatusCode::NOT_FOUND,
                "We could not find that page. It may have been moved, or it may not be public."
                    .to_owned(),
            ),
            Error::BadRequest(m) => (StatusCode::BAD_REQUEST, m.clone()),
            Error::Forbidden(m) => (StatusCode::FORBIDDEN, (*m).to_owned()),
            _ => {
                tracing::error!(error = %self, "request failed");
                (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong on our side and nothing was saved. Please try again in a moment.".to_owned())
            }
        };
        (status, pages::layout::error_page(status, &message)).into_response()
    }
}
