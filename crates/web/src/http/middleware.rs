//! Layers every request passes through: one log line per request, security
//! headers, and refusal of cross-site form posts.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::http::error::Error;
use crate::state::AppState;

/// The header the security middleware reads to allow framing this response.
pub const EMBEDDABLE: &str = "x-turnout-embeddable";

/// One line per request. What is logged is the route's pattern
/// (`/account/reset/{token}`), never the path itself: paths and query strings
/// can carry tokens, and nothing a person typed is written to the log.
pub async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned()).unwrap_or_else(|| "(no route)".to_owned());
    let response = next.run(req).await;
    tracing::info!(
        target: "turnout::http",
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// `https` is whether `server.base_url` is https: then browsers are told to
/// use https only for a year (HSTS), so a network in between cannot downgrade
/// a later visit to plain http.
pub async fn security_headers(State(https): State<bool>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    // Only the embeddable event list may be shown inside other sites' pages.
    let embeddable = response.headers_mut().remove(EMBEDDABLE).is_some();
    let h = response.headers_mut();
    let frame_ancestors = if embeddable { "*" } else { "'none'" };
    let csp = format!(
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors {frame_ancestors}; base-uri 'self'; form-action 'self'"
    );
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_str(&csp).expect("an ASCII policy"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if !embeddable {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

fn cross_site(req: &Request) -> Response {
    let language = crate::http::visitor::request_language(req);
    crate::frame::error_page::LANGUAGE.sync_scope(language, || Error::Forbidden("error-cross-site").into_response())
}

/// A state-changing request from another site is refused: browsers say where
/// a form post came from in `Sec-Fetch-Site` and `Origin`.
pub async fn refuse_cross_site(State(s): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() == Method::GET || req.method() == Method::HEAD || req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let headers = req.headers();
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return cross_site(&req);
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let same_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")) == Some(host);
        let configured = origin == s.base_url.trim_end_matches('/');
        if !(same_host || configured) {
            return cross_site(&req);
        }
    }
    next.run(req).await
}
