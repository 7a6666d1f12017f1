//! A password a file states once and repeats: a seed script that creates
//! `admin` with `"admin123"` and then prints `"admin@example.com / admin123"`,
//! or checks `"Testing the hash of admin123..."`. Each repetition is the
//! same credential in the source, and a reviewer (every hold-out set's
//! labeller) marks each place.

use proc_macro2::{LineColumn, TokenStream, TokenTree};

/// A string literal of a file: where it starts and ends, and its value.
struct Literal {
    start: LineColumn,
    end: LineColumn,
    value: String,
}

/// The string literals of `tokens`, in macro bodies too, not in doc
/// comments (`#[doc = "…"]`: documentation, which `check` leaves unread).
fn literals(tokens: TokenStream, out: &mut Vec<Literal>) {
    for token in tokens {
        match token {
            TokenTree::Group(g) => {
                let doc = g.delimiter() == proc_macro2::Delimiter::Bracket
                    && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(i)) if i == "doc");
                if !doc {
                    literals(g.stream(), out);
                }
            }
            TokenTree::Literal(l) => {
                let span = l.span();
                if let Ok(s) = syn::parse2::<syn::LitStr>(TokenTree::Literal(l).into()) {
                    out.push(Literal {
                        start: span.start(),
                        end: span.end(),
                        value: s.value(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Whether a found value is distinct enough that its repetition is no
/// coincidence: 6 to 64 characters without whitespace, a letter and a
/// digit or symbol in it (`admin123`, `Tq7vXw2pLm!`; not `password`,
/// `secret`, which prose says for other reasons).
fn is_distinct(value: &str) -> bool {
    (6..=64).contains(&value.chars().count())
        && !value.contains(char::is_whitespace)
        && value.chars().any(|c| c.is_alphabetic())
        && value.chars().any(|c| !c.is_alphabetic())
}

/// Whether `text` holds `word` with no letter, digit or `_` on either side.
fn contains_word(text: &str, word: &str) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(word_char)
            && !text[at + word.len()..]
                .chars()
                .next()
                .is_some_and(word_char)
    })
}

/// The text between the quotes of the string literal at `at` (1-based
/// line, 0-based column in characters), as written: escapes and all.
fn raw_body(source: &str, at: LineColumn) -> Option<&str> {
    let line = source.lines().nth(at.line.checked_sub(1)?)?;
    let start = line.char_indices().nth(at.column).map(|(i, _)| i)?;
    let rest = &line[start..];
    let open = rest.find('"')?;
    let body = &rest[open + 1..];
    Some(&body[..body.find('"').unwrap_or(body.len())])
}

/// The string literals of `source` (start, end, and the line of the value
/// they repeat) that hold, as a word, the value of a literal found at one
/// of `stated` (each a finding's start). Literals with a finding of their
/// own (at one of `found`) are left out.
pub(crate) fn repeated(
    source: &str,
    stated: &[LineColumn],
    found: &[LineColumn],
) -> Vec<(LineColumn, LineColumn, usize)> {
    // most values found are written once: only a file that has one's text
    // twice is lexed again
    if !stated
        .iter()
        .filter_map(|&at| raw_body(source, at))
        .any(|body| body.len() >= 6 && source.matches(body).nth(1).is_some())
    {
        return Vec::new();
    }
    let Ok(tokens) = source.parse::<TokenStream>() else {
        return Vec::new();
    };
    let mut all = Vec::new();
    literals(tokens, &mut all);
    let values: Vec<(&str, usize)> = all
        .iter()
        .filter(|l| stated.contains(&l.start) && is_distinct(&l.value))
        .map(|l| (l.value.as_str(), l.start.line))
        .collect();
    if values.is_empty() {
        return Vec::new();
    }
    all.iter()
        .filter(|l| !found.contains(&l.start))
        .filter_map(|l| {
            // (the value with spaces around it is a test's wrong variant)
            let &(_, line) = values
                .iter()
                .find(|(v, _)| contains_word(&l.value, v) && l.value.trim() != *v)
                .or_else(|| values.iter().find(|(v, _)| l.value == *v))?;
            Some((l.start, l.end, line))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_values_and_words() {
        for yes in ["admin123", "Tq7vXw2pLm!", "s3cr3t"] {
            assert!(is_distinct(yes), "{yes}");
        }
        for no in ["password", "secret", "12", "a b c 1", "123456"] {
            assert!(!is_distinct(no), "{no}");
        }
        assert!(contains_word("  admin@x.io / admin123", "admin123"));
        assert!(contains_word("hash for admin123...", "admin123"));
        assert!(!contains_word("admin1234", "admin123"));
        assert!(!contains_word("xadmin123", "admin123"));
    }
}
