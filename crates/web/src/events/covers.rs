//! Cover images: uploaded by organizers (size- and type-checked by their
//! bytes), stored under the uploads folder with a random name, served with
//! their real type and `nosniff`.

use crate::http::routing::{Routes, get, post};
use axum::Extension;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use turnout_domain::event_input::{IMAGE_MAX_BYTES, image_kind, image_problem};
use turnout_persistence::events;

use crate::http::error::Error;
use crate::http::secrets::random_token;
use crate::http::visitor::Visitor;
use crate::state::AppState;

pub fn routes() -> Routes {
    Routes::new()
        .route("/events/{id}/cover", post(upload))
        .route("/events/{id}/cover/remove", post(remove))
        .route("/uploads/{name}", get(serve))
}

async fn managed(s: &AppState, v: &Visitor, id: &str) -> Result<i64, Error> {
    Ok(crate::events::workflow::managed_event(s, v, id, &format!("/events/{id}")).await?.id)
}

fn file_name_ok(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    !stem.is_empty()
        && stem.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && matches!(ext, "png" | "jpg" | "gif" | "webp")
}

async fn upload(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(id): Path<String>,
    mut form: Multipart,
) -> Result<Response, Error> {
    let id = managed(&s, &v, &id).await?;
    let mut bytes = Vec::new();
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::PayloadTooLarge
        } else {
            Error::BadRequest(v.tr.f("org-cover-unreadable", &[("error", (&e.to_string()).into())]))
        }
    };
    while let Some(mut field) = form.next_field().await.map_err(unreadable)? {
        if field.name() != Some("image") {
            continue;
        }
        // Read in pieces so an oversized file is refused without holding all of it.
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > IMAGE_MAX_BYTES {
                break;
            }
        }
    }
    if let Some(problem) = image_problem(v.tr, &bytes) {
        let status = if bytes.len() > IMAGE_MAX_BYTES { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::UNPROCESSABLE_ENTITY };
        let page = crate::frame::layout::notice(
            &v,
            &v.tr.s("org-cover-not-saved"),
            maud::html! {
                p { (problem) }
                p { a href={ "/events/" (id) } { (v.tr.s("org-back-to-event")) } }
            },
        );
        return Ok((status, page).into_response());
    }
    let ext = image_kind(&bytes).unwrap_or("bin");
    let name = format!("{}.{ext}", random_token());
    tokio::fs::write(s.uploads_dir.join(&name), &bytes).await?;
    let old = events::set_cover_image(&s.db, id, Some(&name)).await?;
    if let Some(old) = old.filter(|o| file_name_ok(o)) {
        let _ = tokio::fs::remove_file(s.uploads_dir.join(old)).await;
    }
    Ok(Redirect::to(&format!("/events/{id}")).into_response())
}

async fn remove(State(s): State<AppState>, Extension(v): Extension<Visitor>, Path(id): Path<String>) -> Result<Response, Error> {
    let id = managed(&s, &v, &id).await?;
    if let Some(old) = events::set_cover_image(&s.db, id, None).await?.filter(|o| file_name_ok(o)) {
        let _ = tokio::fs::remove_file(s.uploads_dir.join(old)).await;
    }
    Ok(Redirect::to(&format!("/events/{id}")).into_response())
}

async fn serve(State(s): State<AppState>, Path(name): Path<String>) -> Result<Response, Error> {
    if !file_name_ok(&name) {
        return Err(Error::NotFound);
    }
    let bytes = tokio::fs::read(s.uploads_dir.join(&name)).await.map_err(|_| Error::NotFound)?;
    let content_type = match name.rsplit('.').next() {
        Some("png") => "image/png",
        Some("jpg") => "image/jpeg",
        Some("gif") => "image/gif",
        _ => "image/webp",
    };
    Ok(([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")], bytes).into_response())
}
