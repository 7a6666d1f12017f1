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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_uniform_alphabets() {
        assert!((shannon_entropy("0123456789abcdef") - 4.0).abs() < 1e-9);
        assert_eq!(shannon_entropy(""), 0.0);
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
