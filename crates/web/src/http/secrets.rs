//! Random tokens, their hashes, and HMAC signatures.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// 256 random bits, URL-safe: session ids, email-link tokens, CSRF cookies.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores instead of a token.
pub fn sha256_hex(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sign(key: &[u8], message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// Checks a signature in constant time.
pub fn verify(key: &[u8], message: &str, signature: &str) -> bool {
    let Ok(tag) = URL_SAFE_NO_PAD.decode(signature) else { return false };
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message.as_bytes());
    mac.verify_slice(&tag).is_ok()
}

/// The token of an address's email-preferences link: the address (encoded)
/// and an HMAC of it, so the link works without a login and cannot be made
/// for someone else's address. Nothing is stored.
pub fn unsubscribe_token(key: &[u8], address: &str) -> String {
    let address = turnout_domain::email_address::normalize(address);
    format!("{}.{}", URL_SAFE_NO_PAD.encode(address.as_bytes()), sign(key, &format!("unsubscribe:{address}")))
}

/// The address an email-preferences token was made for, if it is genuine.
pub fn unsubscribe_address(key: &[u8], token: &str) -> Option<String> {
    let (encoded, signature) = token.split_once('.')?;
    let address = String::from_utf8(URL_SAFE_NO_PAD.decode(encoded).ok()?).ok()?;
    verify(key, &format!("unsubscribe:{address}"), signature).then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_signatures_check() {
        assert_ne!(random_token(), random_token());
        assert_eq!(sha256_hex("abc").len(), 64);
        let sig = sign(b"key", "session:1");
        assert!(verify(b"key", "session:1", &sig));
        assert!(!verify(b"key", "session:2", &sig));
        assert!(!verify(b"other", "session:1", &sig));
        assert!(!verify(b"key", "session:1", "garbage"));
    }
}
