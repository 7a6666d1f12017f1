//! Text that stands in for a secret: `<your-secret>`, `${VAR}`, `xxxx`, `REDACTED`.

/// `<your-secret>`, `${VAR}`, `{{ token }}`, `xxxx`, `****`, `REDACTED`,
/// `your_api_key_here`, `changeme-in-production`: text that stands in for a secret.
pub(crate) fn is_placeholder(s: &str) -> bool {
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
    {
        return true;
    }
    // one character repeated: xxxx, ****, ....., 00000000
    let mut chars = t.chars();
    if let Some(first) = chars.next()
        && t.len() >= 3
        && chars.all(|c| c == first)
    {
        return true;
    }
    // whole words only: random tokens contain "todo" or "dummy" by chance
    let words: Vec<String> = t
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    const MARKERS: [&str; 12] = [
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
    ];
    words.iter().any(|w| MARKERS.contains(&w.as_str()))
        || words
            .first()
            .is_some_and(|w| w == "your" || w == "replace" || w == "insert")
        || words.last().is_some_and(|w| w == "here")
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
            "REDACTED",
            "your_api_key_here",
            "changeme-example",
            "",
            "   ",
            "$API_KEY",
            "%SECRET%",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for not in ["hunter2", "s3cr3t-p4ss", "ab", "changeme"] {
            assert!(!is_placeholder(not), "{not}");
        }
    }
}
