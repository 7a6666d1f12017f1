//! Strings that look random or sit where a secret would, but are plainly not one.

/// A value that names or points at a secret rather than being one: an
/// environment variable name, a path, a URL without a password, an ARN, a
/// secret-manager reference, or prose (log messages, labels, prompts).
pub(crate) fn is_reference_or_prose(s: &str) -> bool {
    let t = s.trim();
    crate::names::is_env_name(t)
        || t.contains(char::is_whitespace)
        || is_path(t)
        || t.starts_with("arn:")
        || ["vault://", "awssm://", "awskms://", "file://", "env://"]
            .iter()
            .any(|p| t.starts_with(p))
        || (t.contains("://") && crate::formats::url_password(t).is_none())
        || is_file_name(t)
}

/// `/run/secrets/jwt`, `./keys/dev.pem`, `~/.aws/credentials`, `secret/data/jwt#key`:
/// slash-separated words, lower case or with a known shape.
pub(crate) fn is_path(s: &str) -> bool {
    if s.starts_with("./") || s.starts_with("../") || s.starts_with("~/") {
        return true;
    }
    let path = s.split('#').next().unwrap_or(s);
    path.contains('/')
        && path.split('/').filter(|seg| !seg.is_empty()).count() >= 2
        && path.split('/').all(|seg| {
            seg.bytes().all(|b| {
                b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || matches!(b, b'_' | b'-' | b'.' | b'{' | b'}' | b':')
            })
        })
}

/// `jwt.pem`, `config.toml`: a file name with a short lower-case extension.
fn is_file_name(s: &str) -> bool {
    s.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.bytes().all(|b| b.is_ascii_lowercase())
            && stem
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && !stem.bytes().any(|b| b.is_ascii_digit() && b != b'0')
    })
}

/// `123e4567-e89b-12d3-a456-426614174000`.
pub(crate) fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Subresource-integrity and lockfile hashes: `sha512-<base64>`, `sha256:<hex>`.
pub(crate) fn is_integrity_hash(s: &str) -> bool {
    [
        "sha1", "sha256", "sha384", "sha512", "md5", "blake2b", "blake3",
    ]
    .iter()
    .any(|alg| {
        s.strip_prefix(alg)
            .is_some_and(|rest| rest.starts_with('-') || rest.starts_with(':'))
    })
}

/// Only hex digits: digests, git object ids, checksums. Without a secret
/// context these are far more often hashes than keys.
pub(crate) fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `getUserAccountSettingsById2`, `handleOAuth2Callback`,
/// `AbstractSingletonProxyFactoryBean`, `com.example.UserRepository`,
/// `application/x-www-form-urlencoded`: identifiers and dotted names, whose
/// letters come in words.
pub(crate) fn is_identifier_like(s: &str) -> bool {
    s.split(['.', '-', '_', '/', ':'])
        .filter(|part| part.len() > 1)
        .all(is_camel_words)
}

/// One identifier made of words: each an optional capital, then at least two
/// lower-case letters, then at most two digits. Up to two words may be a lone
/// capital (the `O` of `OAuth`, the `X` of `XHeader`) and up to two a capital
/// with one lower-case letter (`By`, `Id`); only the first word may start in
/// lower case. Random base64 rarely splits this way (0.7% of 20-character
/// tokens, 0.03% of 32-character ones, 0.002% of 43-character ones): its
/// capitals are too dense and its digits scattered.
fn is_camel_words(part: &str) -> bool {
    let bytes = part.as_bytes();
    let mut i = 0;
    let mut lone_capitals = 0;
    let mut short_words = 0;
    let mut words = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i].is_ascii_uppercase() {
            i += 1;
        } else if words > 0 {
            return false; // only the first word may start in lower case
        }
        let lower_start = i;
        while i < bytes.len() && bytes[i].is_ascii_lowercase() {
            i += 1;
        }
        let lower = i - lower_start;
        let digit_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i - digit_start > 2 || i == start {
            return false; // a long number, or a character that is no letter or digit
        }
        match lower {
            0 if i - start == 1 || bytes[start].is_ascii_uppercase() => lone_capitals += 1,
            1 if bytes[start].is_ascii_uppercase() => short_words += 1,
            0 | 1 => return false,
            _ => {}
        }
        words += 1;
    }
    words > 0 && lone_capitals <= 2 && short_words <= 2 && lone_capitals + short_words < words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_prose() {
        for r in [
            "JWT_SECRET",
            "/run/secrets/jwt",
            "secret/data/jwt#secret",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/jwt",
            "vault://secret/data/jwt#key",
            "https://example.com/token",
            "invalid password for user",
            "jwt.pem",
            "./keys/dev.key",
        ] {
            assert!(is_reference_or_prose(r), "{r}");
        }
        for s in [
            "hunter2",
            "q83vEjRWeJCrze8SNFZ4kKvN7xI0",
            "postgres://app:hunter22@db/app",
        ] {
            assert!(!is_reference_or_prose(s), "{s}");
        }
    }

    #[test]
    fn shapes() {
        assert!(is_uuid("123e4567-e89b-12d3-a456-426614174000"));
        assert!(!is_uuid("123e4567-e89b-12d3-a456-42661417400g"));
        assert!(is_integrity_hash(
            "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg=="
        ));
        assert!(is_identifier_like("getUserAccountSettingsById2"));
        assert!(is_identifier_like("AbstractSingletonProxyFactoryBean"));
        assert!(is_identifier_like("com.example.service.UserRepository"));
        assert!(is_identifier_like("handleOAuth2Callback"));
        assert!(is_identifier_like("application/x-www-form-urlencoded"));
        assert!(!is_identifier_like("q83vEjRWeJCrze8SNFZ4kKvN7xI0"));
        assert!(!is_identifier_like(
            "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"
        ));
    }
}
