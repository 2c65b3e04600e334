//! A deliberately plain check of an email address: what a person could type
//! by mistake is refused; anything a mail server could accept passes.

use crate::catalogue::Tr;

/// Why an address was refused, in words for the person who typed it (English).
pub fn problem(address: &str) -> Option<String> {
    problem_in(Tr::default(), address)
}

/// Why an address was refused, in the reader's language.
pub fn problem_in(tr: Tr, address: &str) -> Option<String> {
    problem_key(address).map(|key| tr.s(key))
}

/// The catalogue key of why an address was refused.
fn problem_key(address: &str) -> Option<&'static str> {
    if address.is_empty() {
        return Some("email-error-missing");
    }
    if address.len() > 254 {
        return Some("email-error-long");
    }
    if address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("email-error-spaces");
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Some("email-error-no-at");
    };
    if local.is_empty() || local.len() > 64 || local.contains('@') {
        return Some("email-error-shape");
    }
    if local.contains(['<', '>', '(', ')', '[', ']', ',', ';', ':', '\\', '"']) {
        return Some("email-error-characters");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty() && l.len() <= 63 && !l.starts_with('-') && !l.ends_with('-') && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !domain_ok {
        return Some("email-error-domain");
    }
    None
}

/// The form in which addresses are compared: case-insensitive, trimmed.
pub fn normalize(address: &str) -> String {
    address.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_pass() {
        for ok in ["a@b.org", "first.last+events@mail.example.co.uk", "x@xn--bcher-kva.de"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn typing_mistakes_are_refused() {
        for bad in
            ["", "plainaddress", "@example.org", "a@", "a@b", "a b@c.org", "a@b..org", "a@-b.org", "a@b.org\r\nBcc: x@y.org", "<a>@b.org"]
        {
            assert!(problem(bad).is_some(), "{bad:?} should be refused");
        }
    }
}
