//! Names: "did you mean", and the quoted lists of choices. What a valid
//! variable name is, and the one an item's name implies, live in
//! `secretguard_scan` (`is_env_name`, `upper_snake`).

use crate::symbol;

/// The closest of `candidates` to `input`, if it is close enough to be a typo.
pub(crate) fn did_you_mean(input: &str, candidates: &[&'static str]) -> Option<&'static str> {
    let normal = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = normal(input);
    candidates
        .iter()
        .map(|&c| (levenshtein(&wanted, &normal(c)), c))
        .filter(|&(d, _)| d <= (wanted.chars().count() / 3).max(1))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// The option a mistyped or misremembered key most likely meant.
pub(crate) fn did_you_mean_option(key: &str, has_value: bool) -> Option<&'static str> {
    let alias = match key {
        "algorithm" | "algo" | "alg_name" => Some(symbol::ALG),
        "minlen" | "min_length" | "min_size" | "min_bytes" | "length" | "len" => {
            Some(symbol::MIN_LEN)
        }
        "enc" | "encode" | "encoded" | "format" => Some(symbol::ENCODING),
        "var" | "name" | "env_var" | "environment" | "variable" => Some(symbol::ENV),
        "path" | "file_path" | "filename" => Some(symbol::FILE),
        "optionnal" | "opt" | "maybe" | "required" => Some(symbol::OPTIONAL),
        _ => None,
    };
    alias.or_else(|| {
        let candidates: Vec<&'static str> = symbol::OPTIONS
            .into_iter()
            .filter(|&o| {
                if has_value {
                    symbol::takes_value(o)
                } else {
                    symbol::is_flag(o)
                }
            })
            .collect();
        did_you_mean(key, &candidates)
    })
}

/// `"a", "b" or "c"`: the accepted values of an option, for a `help:`.
pub(crate) fn quoted_either(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("hs256", &["HS256", "HS384", "HS512"]),
            Some("HS256")
        );
        assert_eq!(
            did_you_mean("utf-8", &["utf8", "base64", "base64url", "hex"]),
            Some("utf8")
        );
        assert_eq!(
            did_you_mean("base64_url", &["utf8", "base64", "base64url", "hex"]),
            Some("base64url")
        );
        assert_eq!(
            did_you_mean("RS256", &["HS256", "HS384", "HS512"]),
            Some("HS256")
        );
        assert_eq!(did_you_mean("zzzzzz", &["HS256"]), None);
        assert_eq!(did_you_mean_option("encodig", true), Some("encoding"));
        assert_eq!(did_you_mean_option("algorithm", true), Some("alg"));
        assert_eq!(did_you_mean_option("optinal", false), Some("optional"));
        assert_eq!(did_you_mean_option("frobnicate", true), None);
    }
}
