//! Text that stands in for a secret: `<your-secret>`, `${VAR}`, `xxxx`, `REDACTED`.

/// `<your-secret>`, `${VAR}`, `{{ token }}`, `xxxx`, `****`, `REDACTED`,
/// `your_api_key_here`, `changeme-in-production`, a format string's hole
/// (`{}`, `{token}`, `%s`), `notreal…`: text that stands in for a secret.
pub(crate) fn is_placeholder(s: &str) -> bool {
    is_template(s) || says_placeholder(s.trim()) || is_repeated_unit(s.trim())
}

/// A placeholder that is text, not template syntax (`your-secret-key`,
/// `changeme-example`, `dummy`): what a program handed it as its own key
/// does use.
pub(crate) fn is_placeholder_text(s: &str) -> bool {
    let t = s.trim();
    !is_template(t) && says_placeholder(t)
}

/// The placeholders that are template syntax, nothing a program would use
/// as it is: empty, `<your-secret>`, `${VAR}`, `{{ token }}`, `%SECRET%`,
/// `$VAR`, `$(cmd)`, a format string's hole, `REDACTED`, an elision
/// (`0x...`, `sk-…`), one character repeated (`xxxx`, `****`). The others
/// (`your-secret-key`, `changeme-example`, `dummy`) are text, which a
/// program handed them as its key does use; a typed pattern
/// (`asdfasdfasdf`, see [`is_repeated_unit`]) is in between.
pub(crate) fn is_template(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() {
        return true;
    }
    if (t.starts_with('<') && t.ends_with('>'))
        || (t.starts_with("${") && t.ends_with('}'))
        || (t.starts_with("{{") && t.ends_with("}}"))
        || (t.starts_with('%') && t.ends_with('%') && t.len() > 2)
        || (t.starts_with('$')
            && t[1..].bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
            && t.len() > 1)
        || (t.starts_with("$(") && t.ends_with(')'))
        || is_format_hole(t)
    {
        return true;
    }
    // a value elided: `0x...`, `sk-…` (bytes: a substring search per
    // literal costs the pre-pass)
    // (and masked for display: `sk-*****…`, `user:***PASSWORD***`)
    let bytes = t.as_bytes();
    if bytes
        .windows(3)
        .any(|w| w == b"..." || w == "…".as_bytes() || w == b"***")
    {
        return true;
    }
    // the mark left where a value was taken out: REDACTED, [redacted]
    if t.trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .eq_ignore_ascii_case("redacted")
    {
        return true;
    }
    // one character repeated: xxxx, ****, ....., 00000000
    let mut chars = t.chars();
    chars
        .next()
        .is_some_and(|first| t.len() >= 3 && chars.all(|c| c == first))
}

/// `88888888`, `0000`: one ASCII digit, repeated.
pub(crate) fn is_one_digit_repeated(t: &str) -> bool {
    t.as_bytes()
        .first()
        .is_some_and(|&d| d.is_ascii_digit() && t.bytes().all(|b| b == d))
}

/// A short unit (2 to 16 characters, three times or more) typed again and
/// again to fill the slot: `asdfasdfasdf`, `abcabcabc`, `121212`,
/// `"0123".repeat(8)`, a Pi-hole example's `0123456789abcedf` four times
/// (set 35). Written into a binding or a
/// setting it marks the slot to fill, as `xxxx` does; run as a fallback or
/// handed to a key constructor, it is the key the program uses.
pub(crate) fn is_repeated_unit(t: &str) -> bool {
    let bytes = t.as_bytes();
    bytes.len() >= 6
        && (2..=16).any(|n| {
            bytes.len() >= 3 * n
                && bytes[n] == bytes[0]
                && bytes.len().is_multiple_of(n)
                && bytes.chunks(n).all(|unit| unit == &bytes[..n])
        })
}

/// Text that says it stands in for a secret: `your…`, `…here`,
/// `…replace…`, `notreal…`, `fake…`, `dummy…`, `not-needed`, `REDACTED`,
/// `example`, and the dummy keys local LLM servers take (`lm-studio`, `ollama`).
fn says_placeholder(t: &str) -> bool {
    // (no allocation: the pre-pass asks this of many literals)
    // a value that says it is not real: `notreal…`, `fake-…`, `dummy…`
    let starts_with = |p: &str| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    // (by first letter: the pre-pass asks this of many literals)
    let prefixes: &[&str] = match t.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'n') => &[
            "notreal",
            "not-real",
            "not_real",
            // `notarealsessiontoken` (aws-sigv4's tests)
            "notareal",
            "not-a-real",
            "not_a_real",
            // a key a local server does not check: `not-needed`, `no-key`,
            // llama.cpp's `sk-no-key-required`
            "not-needed",
            "not_needed",
            "not-required",
            "no-key",
            "no_key",
        ],
        Some(b'f') => &["fake"],
        Some(b'w') => &["wrong"],
        // a negative test's (`bad-password`, `bad_token`)
        Some(b'b') => &["bad-", "bad_"],
        // a stored hash's stand-in, no password (`hashedpassword`)
        Some(b'h') => &["hashed"],
        Some(b'i') => &["invalid", "incorrect"],
        Some(b'd') => &["dummy"],
        Some(b's') => &["sk-no-key"],
        _ => &[],
    };
    if prefixes.iter().any(|p| starts_with(p)) {
        return true;
    }
    // the keys local OpenAI-compatible servers' documentation passes, which
    // the server ignores (LM Studio's, Ollama's)
    if matches!(t.len(), 6 | 9)
        && ["lm-studio", "ollama"]
            .iter()
            .any(|k| t.eq_ignore_ascii_case(k))
    {
        return true;
    }
    // `YourPassword`, `YourSSID`: "your" and a capitalised word
    if t.len() > 4
        && starts_with("your")
        && t.as_bytes()[4].is_ascii_uppercase()
        && t[4..].bytes().all(|b| b.is_ascii_alphabetic())
    {
        return true;
    }
    // whole words only: random tokens contain "todo" or "dummy" by chance
    let words = || {
        t.as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    let is = |w: &[u8], list: &[&str]| list.iter().any(|m| w.eq_ignore_ascii_case(m.as_bytes()));
    const MARKERS: [&str; 18] = [
        // a value that says it does not work: a negative test's
        // `wrong-password`, `invalid_token`, `whatever`
        "wrong",
        "invalid",
        "incorrect",
        "bogus",
        "whatever",
        "redacted",
        "placeholder",
        "example",
        "dummy",
        "todo",
        "fixme",
        "yoursecret",
        "yourtoken",
        "none",
        "null",
        "undefined",
        "xxx",
        "sensitive",
    ];
    words().any(|w| is(w, &MARKERS) || is(w, &["replace", "replaceme"]))
        || words().next().is_some_and(|w| is(w, &["your", "insert"]))
        || words().next_back().is_some_and(|w| is(w, &["here"]))
}

/// A format string's hole: `{}`, `{0}`, `{token}`, `{:?}`, `{api_key:>8}`,
/// `%s`, `%(password)s`: what `format!` or `printf` fills in.
fn is_format_hole(t: &str) -> bool {
    if let Some(inner) = t.strip_prefix('{').and_then(|r| r.strip_suffix('}')) {
        return inner.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'?' | b'#' | b'<' | b'>' | b'.')
        });
    }
    matches!(t, "%s" | "%v" | "%q") || (t.starts_with("%(") && t.ends_with(")s"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        for p in [
            "<your-secret>",
            "${JWT_SECRET}",
            "{{ api_token }}",
            "xxxxxxxx",
            "********",
            "sk-**************************************************",
            "REDACTED",
            "your_api_key_here",
            "changeme-example",
            "",
            "   ",
            "$API_KEY",
            "%SECRET%",
            "{}",
            "{0}",
            "{token}",
            "{:?}",
            "%s",
            "%(password)s",
            "$(cat /run/secrets/db)",
            "!!SENSITIVE!!",
            "notrealq83vEjRWeJCrze8SNFZ4",
            "notarealsessiontoken",
            "wrong-password",
            "wrongpassword",
            "bad-password",
            "bad_token",
            "hashedpassword",
            "hashed_secret_123",
            "invalid_token",
            "whatever",
            "fake-api-key-for-tests",
            "sk-or-REPLACE_ME",
            "0x...",
            "sk-proj-…",
            "replace-with-your-key",
            "not-needed",
            "sk-no-key-required",
            "lm-studio",
            "ollama",
            "YourPassword",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for not in [
            "hunter2",
            "s3cr3t-p4ss",
            "ab",
            "changeme",
            "{q83v",
            "{q83v EjRW}",
            "ollama-prod-Xk2pQ9vLm4",
            "Yourself2026",
            "badge-9f8e7d6c",
        ] {
            assert!(!is_placeholder(not), "{not}");
        }
    }
}
