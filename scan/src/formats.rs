//! Known credential formats: prefixes and shapes issuers publish so that scanners find them.

use crate::rule::Rule;

/// The first known format found in any token of `s`.
pub(crate) fn known_format(s: &str) -> Option<Rule> {
    if s.contains("-----BEGIN") && s.contains("PRIVATE KEY-----") {
        return Some(Rule::PemPrivateKey);
    }
    if url_password(s).is_some() {
        return Some(Rule::UrlPassword);
    }
    tokens(s).find_map(token_format)
}

/// The password of a `scheme://user:password@host` URL, unless it is a placeholder.
pub(crate) fn url_password(s: &str) -> Option<&str> {
    let (_, rest) = s.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (userinfo, _host) = authority.rsplit_once('@')?;
    let (_user, password) = userinfo.split_once(':')?;
    (!password.is_empty() && !crate::placeholder::is_placeholder(password)).then_some(password)
}

/// 40 characters of `[A-Za-z0-9/+]` with all three character classes: the
/// shape of an AWS secret access key.
pub(crate) fn is_aws_secret_key(t: &str) -> bool {
    t.len() == 40
        && all(t, |b| alnum(b) || b == b'/' || b == b'+')
        && t.bytes().any(|b| b.is_ascii_uppercase())
        && t.bytes().any(|b| b.is_ascii_lowercase())
        && t.bytes().any(|b| b.is_ascii_digit())
        && crate::entropy::shannon_entropy(t) >= 4.2
}

/// Maximal runs of the characters credentials are made of.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
        .filter(|t| !t.is_empty())
}

fn token_format(t: &str) -> Option<Rule> {
    // `sk_live_xxxxxxxxxxxxxxxx` in documentation is a placeholder, not a key
    if crate::entropy::shannon_entropy(t) < 3.0 {
        return None;
    }
    if is_aws_key_id(t) {
        Some(Rule::AwsAccessKeyId)
    } else if is_github_token(t) {
        Some(Rule::GitHubToken)
    } else if is_slack_token(t) {
        Some(Rule::SlackToken)
    } else if is_stripe_key(t) {
        Some(Rule::StripeKey)
    } else if is_google_api_key(t) {
        Some(Rule::GoogleApiKey)
    } else if is_openai_key(t) {
        Some(Rule::OpenAiKey)
    } else if is_jwt(t) {
        Some(Rule::Jwt)
    } else {
        None
    }
}

fn all(s: &str, f: impl Fn(u8) -> bool) -> bool {
    s.bytes().all(f)
}

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// `AKIA` + 16 of `[A-Z0-9]`, and the other IAM unique-id prefixes.
fn is_aws_key_id(t: &str) -> bool {
    const PREFIXES: [&str; 10] = [
        "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA",
    ];
    t.len() >= 20
        && PREFIXES.iter().any(|p| t.starts_with(p))
        && t[..20]
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && t[4..20].bytes().any(|b| b.is_ascii_digit())
}

fn is_github_token(t: &str) -> bool {
    if let Some(rest) = t.strip_prefix("github_pat_") {
        return rest.len() >= 22 && all(rest, |b| alnum(b) || b == b'_');
    }
    ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"]
        .iter()
        .filter_map(|p| t.strip_prefix(p))
        .any(|rest| rest.len() >= 30 && all(rest, alnum))
}

fn is_slack_token(t: &str) -> bool {
    t.len() >= 15
        && t.starts_with("xox")
        && matches!(
            t.as_bytes().get(3),
            Some(b'a' | b'b' | b'p' | b'o' | b's' | b'r')
        )
        && t.as_bytes().get(4) == Some(&b'-')
        && all(&t[5..], |b| alnum(b) || b == b'-')
        && t[5..].bytes().any(|b| b.is_ascii_digit())
}

fn is_stripe_key(t: &str) -> bool {
    ["sk_live_", "rk_live_", "sk_test_", "rk_test_"]
        .iter()
        .filter_map(|p| t.strip_prefix(p))
        .any(|rest| rest.len() >= 16 && all(rest, alnum))
}

fn is_google_api_key(t: &str) -> bool {
    t.strip_prefix("AIza")
        .is_some_and(|rest| rest.len() >= 35 && all(rest, b64url))
}

fn is_openai_key(t: &str) -> bool {
    t.strip_prefix("sk-").is_some_and(|rest| {
        rest.len() >= 20 && all(rest, b64url) && rest.bytes().any(|b| b.is_ascii_digit())
    })
}

/// Three base64url segments, the first a JSON object (`{"` encodes to `eyJ`).
fn is_jwt(t: &str) -> bool {
    let mut parts = t.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    header.starts_with("eyJ")
        && header.len() >= 10
        && payload.len() >= 4
        && [header, payload, signature].iter().all(|p| all(p, b64url))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_not_formats() {
        for s in [
            "AKIA_ROTATION_POLICY", // prefix, but a name
            "AKIAAAAAAAAAAAAAAAAA", // no digit: a placeholder
            "ghp_short",
            "xoxb-",
            "sk_live_",
            "pk_live_4eC39HqLyjWDarjtT1zdp7dc", // publishable, meant to be public
            "sk-this-is-not-a-key",
            "eyJ.a.b",
            "a.b.c",
            "-----BEGIN PUBLIC KEY-----",
            "postgres://app:${DB_PASSWORD}@db/app",
            "https://user@example.com/path",
            "AIzaShort",
            "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx",
        ] {
            assert_eq!(known_format(s), None, "{s}");
        }
    }

    #[test]
    fn formats_are_found_inside_longer_strings() {
        assert_eq!(
            known_format("key=AKIAIOSFODNN7EXAMPLE;"),
            Some(Rule::AwsAccessKeyId)
        );
        assert_eq!(
            known_format("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----"),
            Some(Rule::PemPrivateKey)
        );
        assert_eq!(
            known_format("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz"),
            Some(Rule::GitHubToken)
        );
        assert_eq!(
            known_format("rk_live_51H8abcdefghijklmnop"),
            Some(Rule::StripeKey)
        );
    }
}
