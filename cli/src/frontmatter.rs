//! A cargo script's frontmatter (RFC 3503): the embedded manifest between
//! two `---` fences at the top of a `.rs` file, which syn does not read.
//!
//! ```text
//! #!/usr/bin/env -S cargo +nightly -Zscript
//! ---cargo
//! [dependencies]
//! clap = "4"
//! ---
//! fn main() {}
//! ```
//!
//! `check` blanks the frontmatter out of the Rust it parses (keeping every
//! line where it was, so positions stay exact) and reads its body as the
//! Cargo manifest it is.

/// A file's frontmatter, found by [`split`].
pub(crate) struct Frontmatter<'a> {
    /// The text between the fences: a Cargo manifest.
    pub body: &'a str,
    /// The 1-based line of the body's first line.
    pub body_line: usize,
    /// The file with the frontmatter's lines emptied: what syn parses.
    pub code: String,
}

/// The frontmatter of `source`, if it has one: only a shebang line and
/// whitespace may come before the opening fence (three or more `-`, then
/// an optional infostring such as `cargo`); the closing fence has as many
/// `-` and nothing after them but blanks. Anything else is no frontmatter
/// and is left to syn, which reports the file as not Rust.
pub(crate) fn split(source: &str) -> Option<Frontmatter<'_>> {
    let mut at = 0;
    if let Some(rest) = source.strip_prefix("#!")
        && !rest.trim_start().starts_with('[')
    {
        at = source.find('\n').map_or(source.len(), |i| i + 1);
    }
    // whitespace, then the opening fence at the start of a line
    let blank = source[at..].len() - source[at..].trim_start().len();
    at += source[at..at + blank].rfind('\n').map_or(0, |i| i + 1);
    let (open, after_open) = line_at(source, at);
    let (dashes, info) = fence(open)?;
    if !(info.is_empty() || is_infostring(info)) {
        return None;
    }
    let body_start = after_open;
    let mut pos = body_start;
    while pos < source.len() {
        let (line, next) = line_at(source, pos);
        if let Some((n, rest)) = fence(line)
            && n >= dashes
        {
            // the closing fence, or a line rustc rejects: leave it to syn
            if n != dashes || !rest.is_empty() {
                return None;
            }
            let code: String = source[..at]
                .chars()
                .chain(source[at..next].chars().filter(|&c| c == '\n' || c == '\r'))
                .chain(source[next..].chars())
                .collect();
            return Some(Frontmatter {
                body: &source[body_start..pos],
                body_line: source[..body_start].matches('\n').count() + 1,
                code,
            });
        }
        pos = next;
    }
    None
}

/// The line starting at byte `at` (without its line break) and where the
/// next one starts.
fn line_at(source: &str, at: usize) -> (&str, usize) {
    let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let line = source[at..end]
        .strip_suffix('\r')
        .unwrap_or(&source[at..end]);
    (line, (end + 1).min(source.len()))
}

/// A fence: blanks, three or more `-`, and what follows them (trimmed).
fn fence(line: &str) -> Option<(usize, &str)> {
    let line = line.trim_start_matches([' ', '\t']);
    let dashes = line.len() - line.trim_start_matches('-').len();
    (dashes >= 3).then(|| (dashes, line[dashes..].trim_matches([' ', '\t'])))
}

/// `cargo`, `toml`, `my-tool.v2`: an identifier-like word.
fn is_infostring(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = "#!/usr/bin/env -S cargo +nightly -Zscript\n---cargo\n[dependencies]\nclap = \"4\"\n---\nfn main() {}\n";

    #[test]
    fn the_frontmatter_is_blanked_and_its_body_kept() {
        let front = split(SCRIPT).expect("a frontmatter");
        assert_eq!(front.body, "[dependencies]\nclap = \"4\"\n");
        assert_eq!(front.body_line, 3);
        assert_eq!(
            front.code,
            "#!/usr/bin/env -S cargo +nightly -Zscript\n\n\n\n\nfn main() {}\n"
        );
        assert!(syn::parse_file(&front.code).is_ok());
        assert!(syn::parse_file(SCRIPT).is_err());
    }

    #[test]
    fn without_shebang_with_blank_lines_longer_fences_and_crlf() {
        let src = "\n\n----\r\n[package]\r\n--- not a fence\r\n----  \r\nfn main() {}\r\n";
        let front = split(src).expect("a frontmatter");
        assert_eq!(front.body_line, 4);
        assert_eq!(front.body, "[package]\r\n--- not a fence\r\n");
        assert_eq!(front.code, "\n\n\r\n\r\n\r\n\r\nfn main() {}\r\n");
    }

    #[test]
    fn anything_else_is_no_frontmatter() {
        for src in [
            "fn main() {}\n",
            "#![allow(dead_code)]\n---\n[package]\n---\n",
            "// comment\n---\n[package]\n---\n",
            "---\n[package]\n",                // unclosed
            "---\n[package]\n----\n",          // mismatched fence
            "---\n[package]\n--- x\n",         // text after the closing fence
            "--- two words\n[package]\n---\n", // not an infostring
            "--\n[package]\n--\n",             // too few dashes
        ] {
            assert!(split(src).is_none(), "{src:?}");
        }
    }
}
