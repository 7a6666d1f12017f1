//! Shannon entropy, and the "random run inside a name" rule built on it.

/// Shannon entropy of `s` in bits per character (0 for an empty string).
///
/// ```
/// use secretguard_scan::shannon_entropy;
/// assert_eq!(shannon_entropy("aaaa"), 0.0);
/// assert_eq!(shannon_entropy("abcd"), 2.0);
/// ```
pub fn shannon_entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut total = 0u32;
    for b in s.bytes() {
        counts[usize::from(b)] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    let total = f64::from(total);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / total;
            -p * p.log2()
        })
        .sum()
}

/// Whether a word of `s` (split at `_`, `-`, `/`, `.`, `#`) is a random run:
/// at least 16 alphanumerics mixing letters and digits, with entropy of at
/// least 3.0 bits per character.
///
/// Names are made of words; words do not carry three or more digits among a
/// dozen letters. 3.0 is detect-secrets' hex threshold: a 16-character run of
/// hex digits from a CSPRNG measures about 3.5, an English word with a
/// version number (`OAUTH2`, `SHA256`, `X509`) is far shorter than 16.
pub(crate) fn has_random_run(s: &str) -> bool {
    s.split(['_', '-', '/', '.', '#']).any(|word| {
        word.len() >= 16
            && word.bytes().all(|b| b.is_ascii_alphanumeric())
            && word.bytes().filter(u8::is_ascii_digit).count() >= 3
            && word.bytes().filter(u8::is_ascii_alphabetic).count() >= 3
            && shannon_entropy(word) >= 3.0
    })
}

/// The entropy a random base64 token of `len` characters stays above all but
/// about 1 in 40,000 times, capped at detect-secrets' 4.5.
///
/// detect-secrets' fixed base64 limit of 4.5 bits/char is above what a random
/// token *can* reach below 23 characters (log2 of its length) and misses most
/// random 20–40 character keys; gitleaks' generic 3.5 flags ordinary
/// identifiers. Sampling 40,000 random base64 tokens per length, the first
/// percentile sits at log2(len) − 0.65 (20 characters) to log2(len) − 1.07
/// (64), and log2(len) − 1.2 misses at most 2.5e-5 of them. That is below
/// what English identifiers of the same length reach only because the
/// structural checks (digits, mixed case, word shapes) rule those out first.
pub(crate) fn random_threshold(len: usize) -> f64 {
    ((len as f64).log2() - 1.2).min(4.5)
}

/// A token of 20–512 base64/base64url characters with upper case, lower case
/// and digits, and entropy at least [`random_threshold`].
pub(crate) fn looks_random(s: &str) -> bool {
    let t = s.trim_end_matches('=');
    (20..=512).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes().any(|b| b.is_ascii_uppercase())
        && t.bytes().any(|b| b.is_ascii_lowercase())
        && shannon_entropy(t) >= random_threshold(t.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_uniform_alphabets() {
        assert!((shannon_entropy("0123456789abcdef") - 4.0).abs() < 1e-9);
        assert_eq!(shannon_entropy(""), 0.0);
    }

    #[test]
    fn random_tokens_and_their_look_alikes() {
        assert!(looks_random("q83vEjRWeJCrze8SNFZ4kKvN7xI0"));
        assert!(looks_random("Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=="));
        assert!(!looks_random("q83vEjRWeJCrze8SNFZ")); // 19 characters
        assert!(!looks_random("aaaaaaaaaaBBBBBBBBBB1111111111"));
        assert!(!looks_random("q83vEjRWeJ Crze8SNFZ4kKvN7xI0"));
        assert!((random_threshold(20) - 3.12).abs() < 0.01);
        assert_eq!(random_threshold(4096), 4.5);
    }

    #[test]
    fn random_runs_need_length_mixture_and_entropy() {
        assert!(has_random_run("KEY_9F86D081884C7D659A2FEAA0"));
        assert!(!has_random_run("KEY_9F86D081884C7D6")); // 15 characters
        assert!(!has_random_run("INTERNATIONALIZATION")); // no digits
        assert!(!has_random_run("A1A1A1A1A1A1A1A1A1")); // mixed but repetitive
        assert!(!has_random_run("12345678901234567890")); // digits only
    }
}
