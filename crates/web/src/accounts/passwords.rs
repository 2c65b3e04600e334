//! Password hashing with argon2id at OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), off the async threads: a hash costs tens of milliseconds.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_blocking(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("the operating system's random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes encode as a salt");
    hasher().hash_password(password.as_bytes(), &salt).expect("argon2 hashing").to_string()
}

pub async fn hash(password: String) -> String {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await.expect("the hashing task")
}

/// The result of checking a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Wrong,
    Right,
    /// Right, but hashed with other parameters: store a new hash.
    RightButRehash,
}

fn verify_blocking(password: &str, stored: &str) -> Check {
    let Ok(parsed) = PasswordHash::new(stored) else { return Check::Wrong };
    if hasher().verify_password(password.as_bytes(), &parsed).is_err() {
        return Check::Wrong;
    }
    let current = Params::new(19 * 1024, 2, 1, None).expect("valid parameters");
    let same = parsed.algorithm.as_str() == "argon2id"
        && Params::try_from(&parsed)
            .is_ok_and(|p| p.m_cost() == current.m_cost() && p.t_cost() == current.t_cost() && p.p_cost() == current.p_cost());
    if same { Check::Right } else { Check::RightButRehash }
}

pub async fn verify(password: String, stored: String) -> Check {
    tokio::task::spawn_blocking(move || verify_blocking(&password, &stored)).await.expect("the verifying task")
}

/// Checks a password against a hash nobody has, so that logging in with an
/// unknown address costs the same time as with a wrong password.
pub async fn verify_against_nothing(password: String) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash_blocking("no account has this password")).clone();
    let _ = verify(password, stored).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_checks_its_password_only() {
        let h = hash("correct horse battery staple".into()).await;
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert_eq!(verify("correct horse battery staple".into(), h.clone()).await, Check::Right);
        assert_eq!(verify("wrong".into(), h).await, Check::Wrong);
    }

    #[tokio::test]
    async fn weaker_old_hashes_are_upgraded() {
        let weak = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(8 * 1024, 1, 1, None).unwrap());
        let salt = SaltString::encode_b64(b"0123456789abcdef").unwrap();
        let old = weak.hash_password(b"old password here", &salt).unwrap().to_string();
        assert_eq!(verify("old password here".into(), old).await, Check::RightButRehash);
    }
}
