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

/// Whether a word of `s` (split as in [`has_random_run`]) is upper case and
/// does not read as words: see [`is_unreadable_upper_word`].
pub(crate) fn has_unreadable_word(s: &str) -> bool {
    s.split(['_', '-', '/', '.', '#'])
        .any(is_unreadable_upper_word)
}

/// Whether an upper-case word of a name (`A-Z0-9`, 12 or more characters)
/// fails to read as words: it carries two numbers, a number inside its
/// letters, or letters far rarer in English than a name's.
///
/// Real names glue words and acronyms (`PYTHONDONTWRITEBYTECODE`,
/// `PGSSLROOTCERT`) and end a word with its number (`OAUTH2`, `PYTHONUTF8`);
/// a random base32 seed (`JBSWY3DPEHPK3PXP`) scatters digits among letters
/// drawn evenly from the alphabet, so J, Q, X, Z and K are as common as E.
/// `scan/tests/name_shapes.rs` measures both sides: no real name of several
/// hundred is refused, and over 99% of random 16-character base32 seeds are.
fn is_unreadable_upper_word(word: &str) -> bool {
    if word.len() < 12
        || !word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return false;
    }
    let numbers = word
        .as_bytes()
        .split(|b| !b.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .count();
    let inner_number = word
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .bytes()
        .any(|b| b.is_ascii_digit());
    numbers >= 2 || inner_number || english_letter_score(word) < MIN_ENGLISH_LETTER_SCORE
}

/// The lowest [`english_letter_score`] a 12+ character word of a real name
/// reaches, with a margin: `PGKRBSRVNAME` scores -0.22 (the lowest in
/// `scan/tests/data/real_env_names.txt`), letters drawn evenly average -0.89.
const MIN_ENGLISH_LETTER_SCORE: f64 = -0.35;

/// How much more often English uses the letters of `word` than an even draw
/// from the alphabet would: the mean of log2(26 × frequency) over its letters.
fn english_letter_score(word: &str) -> f64 {
    // letter frequencies of English text, in percent (Lewand, "Cryptological Mathematics")
    const PERCENT: [f64; 26] = [
        8.17, 1.49, 2.78, 4.25, 12.70, 2.23, 2.02, 6.09, 6.97, 0.15, 0.77, 4.03, 2.41, 6.75, 7.51,
        1.93, 0.10, 5.99, 6.33, 9.06, 2.76, 0.98, 2.36, 0.15, 1.97, 0.07,
    ];
    let scores: Vec<f64> = word
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .map(|b| (PERCENT[usize::from(b - b'A')] * 0.26).log2())
        .collect();
    if scores.is_empty() {
        return 0.0;
    }
    scores.iter().sum::<f64>() / scores.len() as f64
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

/// The fewest characters [`looks_random`] takes, its padding aside.
pub(crate) const MIN_RANDOM_LEN: usize = 20;

/// A token of 20–512 base64/base64url characters with upper case, lower case
/// and digits, and entropy at least [`random_threshold`].
pub(crate) fn looks_random(s: &str) -> bool {
    let t = s.trim_end_matches('=');
    (MIN_RANDOM_LEN..=512).contains(&t.len())
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes().any(|b| b.is_ascii_uppercase())
        && t.bytes().any(|b| b.is_ascii_lowercase())
        && shannon_entropy(t) >= random_threshold(t.len())
}

/// A password a generator made: 12–64 printable ASCII characters, no space,
/// with upper case, lower case, a digit and two symbols or more (one of
/// them not an identifier's `_`, `-` or `.`), nearly no character repeated
/// (three quarters distinct), no run of five letters (`Ctrl+Shift+K1` has a
/// word in it), and no template or escape (`{`, `}`, `\`). A Tuya device's
/// local key (`FGhe;!?GLh$vv9<c`, set 27) is one.
pub(crate) fn looks_generated_password(s: &str) -> bool {
    let b = s.as_bytes();
    // (asked of most literals bound to a name: the cheap tests first)
    if !(12..=64).contains(&b.len())
        || !b
            .iter()
            .all(|&c| c.is_ascii_graphic() && !matches!(c, b'{' | b'}' | b'\\'))
    {
        return false;
    }
    let symbols = b.iter().filter(|c| !c.is_ascii_alphanumeric()).count();
    // (an identifier's `_`, `-` and `.` alone make no password:
    // `aws_lc_0_47_0_SHA512`)
    if symbols < 2
        || b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
    {
        return false;
    }
    let mut seen = [false; 128];
    let distinct = b
        .iter()
        .filter(|&&c| !std::mem::replace(&mut seen[usize::from(c)], true))
        .count();
    let mut letters = 0;
    let longest_letters = b.iter().fold(0, |longest, c| {
        letters = if c.is_ascii_alphabetic() {
            letters + 1
        } else {
            0
        };
        longest.max(letters)
    });
    b.iter().any(u8::is_ascii_uppercase)
        && b.iter().any(u8::is_ascii_lowercase)
        && b.iter().any(u8::is_ascii_digit)
        && distinct * 4 >= b.len() * 3
        && longest_letters < 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_passwords_and_their_look_alikes() {
        assert!(looks_generated_password("FGhe;!?GLh$vv9<c"));
        assert!(looks_generated_password("];#=gT4'1:Ph8rc_"));
        for not in [
            "Ctrl+Shift+K1",        // a word in it
            "Xk29fjQ83kdlQpz1",     // no symbol: a token's shape, judged as one
            "a1!B",                 // short
            "2024-01-01T00:00Z",    // no lower case
            "key_{}_v2:Ab",         // a template
            "Ab1!Ab1!Ab1!Ab1!",     // repeats
            "Ab1! Cd2@ Ef3#",       // spaces
            "aws_lc_0_47_0_SHA512", // an identifier
        ] {
            assert!(!looks_generated_password(not), "{not}");
        }
    }

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

    #[test]
    fn upper_case_words_must_read_as_words() {
        assert!(has_unreadable_word("JBSWY3DPEHPK3PXP")); // a number inside
        assert!(has_unreadable_word("HUNTER2HUNTER2")); // two numbers
        assert!(has_unreadable_word("KQZXVJWMBKPFYGQJ")); // letters rare in English
        assert!(!has_unreadable_word("PYTHONDONTWRITEBYTECODE"));
        assert!(!has_unreadable_word("PGSSLMINPROTOCOLVERSION"));
        assert!(!has_unreadable_word("PGKRBSRVNAME"));
        assert!(!has_unreadable_word("INTERNATIONALIZATION2"));
        assert!(!has_unreadable_word("HUNTER2HUNT")); // 11 characters: too short to judge
        assert!(!has_unreadable_word("jbswy3dpehpk3pxp")); // lower case: paths, not names
    }
}
