//! Who is asking: the session (server-side, in the database) and the CSRF
//! token every form carries. One middleware loads both and refuses any
//! state-changing request whose token does not match.
//!
//! A logged-in person's token is bound to their session; a visitor without an
//! account gets a random cookie and a token bound to it. Tokens are HMACs with
//! a key every instance shares (stored in the database), so nothing is written
//! when someone merely reads a page.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maud::{Markup, html};
use turnout_domain::catalogue::Tr;
use turnout_domain::client_address::{self, Network};
use turnout_domain::language::{Language, accepted, choose};
use turnout_domain::policy::Actor;
use turnout_persistence::{memberships, sessions, users};

use crate::http::error::Error;
use crate::http::secrets::{random_token, sha256_hex, sign, verify};
use crate::state::AppState;

pub const SESSION_COOKIE: &str = "turnout_session";
pub const CSRF_COOKIE: &str = "turnout_csrf";
pub const CSRF_FIELD: &str = "_csrf";
/// A refused form's page, in the reader's language (the error page reads it
/// from the task-local that is set only further in).
fn refused(tr: Tr, key: &'static str) -> axum::response::Response {
    crate::frame::error_page::LANGUAGE.sync_scope(tr.language(), || Error::Forbidden(key).into_response())
}

/// The language of a request before its visitor is known: the switch's
/// cookie, else the browser's. For pages refused before that.
pub fn request_language(req: &Request) -> Language {
    read_cookie(req, LANGUAGE_COOKIE)
        .and_then(Language::from_tag)
        .or_else(|| req.headers().get(header::ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()).and_then(|h| accepted(h).into_iter().next()))
        .unwrap_or_default()
}

/// The language someone chose with the switch on every page.
pub const LANGUAGE_COOKIE: &str = "turnout_lang";
/// The CSRF check reads a form's body whole, so it is capped, at the size of
/// the longest valid form: an event's, with a description of
/// `DESCRIPTION_MAX` characters in each of its two languages and up to about
/// 14,000 more in its other fields. A character may take 4 bytes of UTF-8 and
/// a form sends each byte as `%XX`, so 12 bytes a character: 648,000 bytes,
/// and two 20,000-character descriptions in any script fit.
pub const FORM_LIMIT: usize = 12 * (2 * turnout_domain::event_input::DESCRIPTION_MAX + 14_000);

#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub actor: Actor,
    /// The language they chose in their account, if any.
    pub language: Option<Language>,
}

/// Everything a handler needs to know about who is asking.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub user: Option<CurrentUser>,
    /// The SHA-256 of the session cookie, when logged in.
    pub session_hash: Option<String>,
    pub csrf_token: String,
    /// A client address, for rate limits.
    pub address: String,
    /// The language the page is written in (see `domain::language::choose`).
    pub tr: Tr,
    /// The reader's own choice (account, or the switch's cookie), if any.
    pub chosen: Option<Language>,
    /// The first language of their browser's `Accept-Language` that Turnout has.
    pub browser: Option<Language>,
    /// The path and query of this page, for the language switch to come back to.
    pub path: String,
}

impl Visitor {
    pub fn actor(&self) -> Option<&Actor> {
        self.user.as_ref().map(|u| &u.actor)
    }

    /// The same visitor on a page of a chapter: the chapter's default
    /// language applies when neither their choice nor their browser decides.
    pub fn in_chapter(&self, chapter_default: Language) -> Self {
        let mut v = self.clone();
        v.tr = Tr(choose(self.chosen.or(self.browser), None, Some(chapter_default)));
        v
    }

    /// The same visitor when `remembered` is a choice they made elsewhere
    /// (the language a guest RSVP'd in): it counts unless they chose here.
    pub fn choosing(&self, remembered: Language) -> Self {
        let mut v = self.clone();
        if self.chosen.is_none() {
            v.chosen = Some(remembered);
            v.tr = Tr(remembered);
        }
        v
    }

    /// The hidden field every state-changing form includes.
    pub fn csrf_field(&self) -> Markup {
        html! { input type="hidden" name=(CSRF_FIELD) value=(self.csrf_token); }
    }
}

/// `name=value; Path=/; HttpOnly; SameSite=Lax` (+ Secure over https).
pub fn cookie(name: &str, value: &str, max_age_seconds: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age_seconds {
        c.push_str(&format!("; Max-Age={age}"));
    }
    HeaderValue::from_str(&c).expect("cookie values are URL-safe tokens")
}

pub fn read_cookie<'a>(req: &'a Request, name: &str) -> Option<&'a str> {
    cookie_in(req.headers(), name)
}

/// The value of the cookie `name` among these request headers.
pub fn cookie_in<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn looks_like_token(value: &str) -> bool {
    value.len() == 43 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn current_user(s: &AppState, session_hash: &str) -> Result<Option<CurrentUser>, Error> {
    let now = Utc::now();
    let Some(user_id) = sessions::resume(&s.db, session_hash, now, s.session_idle).await? else { return Ok(None) };
    let Some(user) = users::find(&s.db, user_id).await? else { return Ok(None) };
    // Memberships are read on every request, so a revoked role fails at once.
    let memberships = memberships::active_for_user(&s.db, user.id).await?;
    Ok(Some(CurrentUser {
        id: user.id,
        name: user.name,
        email: user.email,
        actor: Actor { user_id: user.id, is_site_admin: user.is_site_admin, memberships },
        language: user.language,
    }))
}

/// The client, for rate limits: the TCP peer, or behind a trusted proxy the
/// right-most address it did not add itself. Without a peer (a request built
/// in a test without a socket) every such request shares one counter.
fn client_address(req: &Request, trusted: &[Network]) -> String {
    let Some(peer) = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip()) else {
        return "unknown".to_owned();
    };
    let forwarded: Vec<&str> = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    client_address::limit_key(client_address::client(peer, &forwarded, trusted))
}

/// What is shown depends on who asks (their session, their CSRF cookie), so
/// no shared cache may keep it: a logged-in person's answers never, and
/// anyone's only where the handler said the answer is public.
fn keep_out_of_shared_caches(headers: &mut axum::http::HeaderMap, logged_in: bool) {
    if logged_in || !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    headers.append(header::VARY, HeaderValue::from_static("Cookie"));
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

pub async fn load_visitor(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let session_hash = read_cookie(&req, SESSION_COOKIE).filter(|t| looks_like_token(t)).map(sha256_hex);
    let user = match &session_hash {
        Some(hash) => match current_user(&s, hash).await {
            Ok(u) => u,
            Err(e) => return e.into_response(),
        },
        None => None,
    };
    let live_session = user.as_ref().and(session_hash.clone());
    let mut new_anon_cookie = None;
    let csrf_base = match &live_session {
        Some(hash) => format!("session:{hash}"),
        None => match read_cookie(&req, CSRF_COOKIE).filter(|t| looks_like_token(t)) {
            Some(anon) => format!("anonymous:{anon}"),
            None => {
                let fresh = random_token();
                let base = format!("anonymous:{fresh}");
                new_anon_cookie = Some(fresh);
                base
            }
        },
    };
    let csrf_token = sign(&s.csrf_key, &csrf_base);
    let address = client_address(&req, &s.trusted_proxies);
    let stale_session_cookie = session_hash.is_some() && live_session.is_none();

    let chosen = user.as_ref().and_then(|u| u.language).or_else(|| read_cookie(&req, LANGUAGE_COOKIE).and_then(Language::from_tag));
    let browser = req.headers().get(header::ACCEPT_LANGUAGE).and_then(|h| h.to_str().ok()).and_then(|h| accepted(h).into_iter().next());
    let tr = Tr(choose(chosen.or(browser), None, None));
    let mut req = req;
    let multipart =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("multipart/form-data"));
    if is_state_changing(req.method()) && multipart {
        // File uploads are not read here: their token comes in the query string.
        let sent = req
            .uri()
            .query()
            .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
        if !sent.is_some_and(|t| verify(&s.csrf_key, &csrf_base, &t)) {
            return refused(tr, "error-form-expired");
        }
    } else if is_state_changing(req.method()) && !req.uri().path().starts_with("/unsubscribe/") {
        // (An email-preferences link carries its own signed token, and a mail
        // program's one-click POST has no cookie and no form: RFC 8058.)
        let (parts, body) = req.into_parts();
        let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
            return Error::PayloadTooLarge.into_response();
        };
        let from_form = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()
            .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == CSRF_FIELD).map(|(_, v)| v));
        let sent = from_form.or_else(|| parts.headers.get("x-csrf-token").and_then(|v| v.to_str().ok()).map(str::to_owned));
        if !sent.is_some_and(|t| verify(&s.csrf_key, &csrf_base, &t)) {
            return refused(tr, "error-form-expired");
        }
        req = Request::from_parts(parts, Body::from(bytes));
    }

    let shared_file = req.uri().path().starts_with("/static/") || req.uri().path().starts_with("/uploads/");
    let logged_in = user.is_some();
    let path = req.uri().path_and_query().map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    req.extensions_mut().insert(Visitor { user, session_hash: live_session, csrf_token, address, tr, chosen, browser, path });
    // Error pages rendered anywhere below read the language from here.
    let mut response = crate::frame::error_page::LANGUAGE.scope(tr.language(), next.run(req)).await;
    if !shared_file {
        keep_out_of_shared_caches(response.headers_mut(), logged_in);
    }
    if let Some(anon) = new_anon_cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie(CSRF_COOKIE, &anon, None, s.secure_cookies));
    }
    let handler_set_session =
        response.headers().get_all(header::SET_COOKIE).iter().any(|v| v.to_str().is_ok_and(|v| v.starts_with(SESSION_COOKIE)));
    if stale_session_cookie && !handler_set_session {
        response.headers_mut().append(header::SET_COOKIE, cookie(SESSION_COOKIE, "", Some(0), s.secure_cookies));
    }
    response
}
