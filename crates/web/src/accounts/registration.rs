//! Registering and confirming an address. Registering a taken address answers
//! exactly as a new one would; the owner gets an email instead.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use chrono::Utc;
use serde::Deserialize;
use turnout_domain::FieldErrors;
use turnout_domain::account::{RegistrationInput, TokenPurpose};
use turnout_domain::catalogue::Tr;
use turnout_notifications::compose::account_message_in;
use turnout_persistence::tokens::Binding;
use turnout_persistence::{audit, begin_write, outbox, tokens, users};

use super::done::Done;
use super::{TokenForm, link_expired};
use crate::accounts::passwords::{self, Check};
use crate::http::error::Error;
use crate::http::limits::Limited;
use crate::http::secrets::{random_token, sha256_hex};
use crate::http::visitor::Visitor;
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub(super) struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub(super) async fn register_form(Extension(v): Extension<Visitor>) -> Response {
    crate::accounts::views::register(&v, "", "", &FieldErrors::new()).into_response()
}

pub(super) async fn register(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<RegisterForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    s.limit(Limited::Register { client: &v.address }, now).await?;
    let input = RegistrationInput { name: f.name.clone(), email: f.email.clone(), password: f.password };
    let reg = match input.validate(v.tr) {
        Ok(r) => r,
        Err(errors) => {
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, crate::accounts::views::register(&v, &f.name, &f.email, &errors)).into_response());
        }
    };
    // Counted whether or not the address is taken, so the limit tells nothing.
    s.limit(Limited::MailTo { address: &reg.email }, now).await?;
    // Hash whether or not the address is taken, so both answers take as long.
    let hash = passwords::hash(reg.password.clone()).await;
    let txn = begin_write(&s.db).await?;
    match users::find_by_email(&txn, &reg.email).await? {
        // Not confirmed yet: whoever registers last chooses the password, and
        // only a person who also holds the link mailed to the address can
        // confirm with it. A stranger who registered first gains nothing.
        Some(pending) if !pending.verified => {
            users::set_password_hash(&txn, pending.id, &hash).await?;
            send_verification(&s, &txn, v.tr, (pending.id, &pending.name, &pending.email), now).await?;
        }
        Some(owner) => {
            // In the owner's language if they chose one, else the page's.
            let t = owner.language.map_or(v.tr, Tr);
            let message = account_message_in(
                t,
                format!("address-taken:{}:{}", owner.id, now.format("%Y-%m-%dT%H")),
                &owner.name,
                &owner.email,
                &t.s("mail-taken-subject"),
                &[&t.s("mail-taken-1"), &t.s("mail-taken-2")],
                Some((&t.s("reset-title"), &format!("{}/account/reset", s.base_url))),
            );
            outbox::enqueue(&txn, &message, now).await?;
        }
        None => {
            let new = users::NewUser { name: &reg.name, email: &reg.email, password_hash: &hash, verified: false, is_site_admin: false };
            let user_id = match users::create(&txn, new, now).await {
                Ok(id) => id,
                // Registered in a parallel request: same answer as a taken address.
                Err(turnout_persistence::Error::Duplicate) => return Ok(Done::Registered.redirect()),
                Err(e) => return Err(e.into()),
            };
            send_verification(&s, &txn, v.tr, (user_id, &reg.name, &reg.email), now).await?;
        }
    }
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    s.notifier.wake();
    Ok(Done::Registered.redirect())
}

/// Mails `(user_id, name, email)` the link that confirms their address, in `t`'s language.
pub(super) async fn send_verification(
    s: &AppState,
    db: &impl turnout_persistence::ConnectionTrait,
    t: Tr,
    (user_id, name, email): (i64, &str, &str),
    now: chrono::DateTime<Utc>,
) -> Result<(), Error> {
    let token = random_token();
    let hash = sha256_hex(&token);
    tokens::issue(db, user_id, TokenPurpose::VerifyEmail, &hash, Binding::default(), now).await?;
    let link = format!("{}/account/verify/{token}", s.base_url);
    let message = account_message_in(
        t,
        format!("verify:{hash}"),
        name,
        email,
        &t.s("mail-verify-subject"),
        &[&t.s("mail-verify-1"), &t.s("mail-verify-2")],
        Some((&t.s("mail-verify-link"), &link)),
    );
    outbox::enqueue(db, &message, now).await?;
    Ok(())
}

pub(super) async fn verify_page(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Path(token): Path<String>,
) -> Result<Response, Error> {
    if !tokens::is_usable(&s.db, &sha256_hex(&token), TokenPurpose::VerifyEmail, Utc::now()).await? {
        return Ok(link_expired(&v));
    }
    Ok(crate::accounts::views::verify_form(&v, &token, &FieldErrors::new()).into_response())
}

/// Confirming takes the link (proof of the address) and the password chosen
/// at registration (proof of being whoever registered): someone who typed
/// another person's address cannot have the owner confirm an account whose
/// password the stranger knows.
pub(super) async fn verify(
    State(s): State<AppState>,
    Extension(v): Extension<Visitor>,
    Form(f): Form<TokenForm>,
) -> Result<Response, Error> {
    let now = Utc::now();
    let token_hash = sha256_hex(&f.token);
    let Some(user_id) = tokens::usable_owner(&s.db, &token_hash, TokenPurpose::VerifyEmail, now).await? else {
        return Ok(link_expired(&v));
    };
    let Some(user) = users::find(&s.db, user_id).await? else { return Ok(link_expired(&v)) };
    let failures = Limited::LoginFailures { account: &user.email, from: &v.address };
    s.check_blocked(failures.clone(), now).await?;
    if passwords::verify(f.password.clone(), user.password_hash.clone()).await == Check::Wrong {
        s.count(failures, now).await?;
        let mut errors = FieldErrors::new();
        errors.add("password", v.tr.s("acct-verify-wrong-password"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, crate::accounts::views::verify_form(&v, &f.token, &errors)).into_response());
    }
    let txn = begin_write(&s.db).await?;
    if tokens::consume(&txn, &token_hash, TokenPurpose::VerifyEmail, now).await?.is_none() {
        return Ok(link_expired(&v));
    }
    users::mark_verified(&txn, user_id, now).await?;
    // The address is proved theirs: RSVPs made with it as a guest join the account.
    turnout_persistence::rsvps::adopt(&txn, user_id, &user.email).await?;
    audit::record(&txn, Some(user_id), "email.verify", &format!("user #{user_id}"), "", now).await?;
    txn.commit().await.map_err(turnout_persistence::Error::from)?;
    Ok(Done::Verified.redirect())
}
