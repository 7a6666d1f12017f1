//! Commented-out code: a secret in `// let key = "…";` is in the source,
//! the history and every clone as surely as one in live code, and "I
//! commented it out" is how many get committed.
//!
//! A *block* is a run of plain line comments (`//`, not the doc comments
//! `///` and `//!`) each alone on its line, on consecutive lines. Its text
//! is the comment bodies with each `//` turned into two spaces, after as
//! many empty lines as come before it: parsed, its spans are the file's
//! lines and columns. The walker parses a block as statements (items are
//! statements too); when it does not parse (prose around the code), each
//! of its lines alone. A plain block comment (`/* … */`, not `/** */` nor
//! `/*! */`) is a block too: its text, with the delimiters and whatever
//! comes before it on its first line turned into spaces. Only blocks with
//! a `"` or a `[` are tried: every
//! finding needs a literal or key bytes. The pre-pass checks the same texts
//! ([`crate::prefilter`]), so it never clears a file whose commented-out
//! code the walker would flag.

/// One block: its lines (1-based, inclusive), its whole text, and the text
/// of each of its lines that could hold a finding when it has more than
/// one (tried when the whole does not parse), with its line number.
pub(crate) struct Block {
    // the walker's (`walk::walk_commented_code`), built with syn
    #[cfg_attr(not(feature = "syn"), allow(dead_code))]
    pub(crate) first: usize,
    #[cfg_attr(not(feature = "syn"), allow(dead_code))]
    pub(crate) last: usize,
    pub(crate) whole: String,
    pub(crate) lines: Vec<(usize, String)>,
}

/// Each of `ranges` (byte ranges of `src`, in order) with the 1-based line
/// it starts on, counted once through `src`.
pub(crate) fn with_lines<'r>(
    src: &'r str,
    ranges: &'r [(usize, usize)],
) -> impl Iterator<Item = (usize, (usize, usize))> + 'r {
    let (mut line, mut counted) = (1usize, 0usize);
    ranges.iter().map(move |&(start, end)| {
        line += src.as_bytes()[counted..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start;
        (line, (start, end))
    })
}

/// What a comment's prose `text` holds: an issuer's token or a URL with a
/// real password in it, a credential wherever it is written, else a
/// password written out (`// curl -u admin:s3cret …`). The walker reports
/// it; the pre-pass asks the same of the same texts.
pub(crate) fn prose_finding(text: &str) -> Option<crate::Finding> {
    match crate::formats::real_known_format(text) {
        Some(rule) => Some(crate::Finding::new(
            rule,
            format!("this looks like {}", rule.describe()),
        )),
        None => crate::stated_password(text.trim()),
    }
}

/// Each PEM private key written down a comment's lines, which no line
/// alone holds (`/*` … `-----BEGIN RSA PRIVATE KEY-----`, its body,
/// `-----END RSA PRIVATE KEY-----` … `*/`, or the same in `//` lines):
/// `lines` are the comment's lines (without their `//`), each with its
/// number and the byte offset of its text, in order; the key's line and the
/// offset of its `-----BEGIN`. A block comment's leading `*` is decoration.
/// A body has a line of 16 or more base64 characters ([`is_body_line`]),
/// which the pre-pass looks for before it looks for keys.
pub(crate) fn pem_keys<'a>(
    lines: impl Iterator<Item = (usize, usize, &'a str)>,
) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    // where the key begins, the key so far, and whether a body line was met
    let mut key: Option<(usize, usize, String, bool)> = None;
    for (line, offset, raw) in lines {
        let text = undecorated(raw);
        if let Some(at) = raw.find("-----BEGIN")
            && raw[at..].contains("PRIVATE KEY-----")
        {
            key = Some((line, offset + at, raw[at..].trim().to_owned(), false));
        } else if let Some((_, _, so_far, body)) = &mut key {
            so_far.push('\n');
            so_far.push_str(text);
            *body |= is_body_line(raw);
            // (a body's lines are 64 characters; a key of 16 kbit has 200)
            if so_far.len() > 16_384 {
                key = None;
            }
        }
        // (a key on one line is that line's own finding)
        if text.contains("-----END")
            && let Some((begin, at, so_far, true)) = key.take()
            && begin != line
            && crate::formats::is_pem_private_key(&so_far)
        {
            found.push((begin, at));
        }
    }
    found
}

/// A comment's line without its indentation and a block comment's `*`.
fn undecorated(raw: &str) -> &str {
    raw.trim().trim_start_matches('*').trim()
}

/// Whether a comment's line (without its `//`) is a line of a PEM body: 16
/// or more base64 characters and nothing else, decoration aside.
pub(crate) fn is_body_line(raw: &str) -> bool {
    let text = undecorated(raw);
    text.len() >= 16
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// The blocks of `src` made of `comments` (the byte ranges of its plain
/// line comments, from `//` to the end of the line, in order) that could
/// hold a finding. Their texts start with the empty lines before them when
/// `padded` (the walker's spans need them; the pre-pass's lexer does not).
pub(crate) fn blocks(src: &str, comments: &[(usize, usize)], padded: bool) -> Vec<Block> {
    let bytes = src.as_bytes();
    let mut blocks = Vec::new();
    // (line number, comment range) of the block being gathered
    let mut run: Vec<(usize, (usize, usize))> = Vec::new();
    for (line, (start, end)) in with_lines(src, comments) {
        let line_start = bytes[..start]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        if !bytes[line_start..start]
            .iter()
            .all(|b| b.is_ascii_whitespace())
        {
            // a comment after code ends any block
            flush(src, &mut run, &mut blocks, padded);
            continue;
        }
        if run.last().is_some_and(|&(last, _)| last + 1 != line) {
            flush(src, &mut run, &mut blocks, padded);
        }
        run.push((line, (line_start, end)));
    }
    flush(src, &mut run, &mut blocks, padded);
    blocks
}

/// Turns the gathered `run` into a block if any line of it could hold a
/// finding.
fn flush(src: &str, run: &mut Vec<(usize, (usize, usize))>, blocks: &mut Vec<Block>, padded: bool) {
    let pad = |line| pad(line, padded);
    let may_hold = |&(_, (start, end)): &(usize, (usize, usize))| {
        src.as_bytes()[start..end]
            .iter()
            .any(|&b| b == b'"' || b == b'[')
    };
    if run.iter().any(may_hold) {
        let first = run[0].0;
        let mut whole = pad(first);
        let mut lines = Vec::new();
        for (i, &(line, (start, end))) in run.iter().enumerate() {
            let text = uncommented(&src[start..end]);
            if i > 0 {
                whole.push('\n');
            }
            whole.push_str(&text);
            // a struct literal's field alone (`api_key: String::from("…"),`)
            // parses inside a struct literal of its own
            let field = as_field(&text);
            if (run.len() > 1 || field.is_some()) && may_hold(&run[i]) {
                lines.push((line, pad(line) + field.as_deref().unwrap_or(&text)));
            }
        }
        let last = run[run.len() - 1].0;
        blocks.push(Block {
            first,
            last,
            whole,
            lines,
        });
    }
    run.clear();
}

/// `line` (a comment's text with its `//` made spaces) as a struct literal
/// when it is a field of one (`  api_key: "…",` gives `S{api_key: "…",`
/// and a `}` on the next line):
/// the two characters before its first are its `S{`, so every column
/// stays. `None` when it starts with no `name:` (a path's `::` is none).
fn as_field(line: &str) -> Option<String> {
    let body = line.trim_start();
    let ident = body
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_')
        .count();
    let after = body[ident..].trim_start();
    let indent = line.len() - body.len();
    let is_field = ident > 0
        && !body.as_bytes()[0].is_ascii_digit()
        && after.starts_with(':')
        && !after.starts_with("::")
        && indent >= 2;
    // (the `}` on a line of its own: a trailing comment would hide it)
    is_field.then(|| format!("{}S{{{body}\n}}", &line[..indent - 2]))
}

/// The blocks of the plain block comments of `src` at `ranges` (each from
/// `/*` to past `*/`, holding a `"` or a `[`): a comment's text with its
/// delimiters and whatever comes before it on its first line turned into
/// spaces, so that every line and column stays, after as many empty lines
/// as come before it when `padded`; and each of its lines the same way,
/// to be tried alone when the whole does not parse.
pub(crate) fn block_comments(src: &str, ranges: &[(usize, usize)], padded: bool) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (line, (start, end)) in with_lines(src, ranges) {
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        // (nested comments stay comments: syn skips them)
        let body = &src[start + 2..end - 2];
        let text = format!(
            "{}  {body}  ",
            " ".repeat(src[line_start..start].chars().count())
        );
        let pad = |l| pad(l, padded);
        let lines: Vec<(usize, String)> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| l.contains(['"', '[']))
            .map(|(i, l)| (line + i, pad(line + i) + l))
            .collect();
        let last = line + text.matches('\n').count();
        blocks.push(Block {
            first: line,
            last,
            whole: pad(line) + &text,
            lines: if last > line { lines } else { Vec::new() },
        });
    }
    blocks
}

/// The empty lines before `line` when `padded` (the walker parses texts
/// whose spans are the file's lines), else nothing.
fn pad(line: usize, padded: bool) -> String {
    if padded {
        "\n".repeat(line - 1)
    } else {
        String::new()
    }
}

/// A comment line with its `//` turned into two spaces (the indentation
/// and the body keep their columns).
fn uncommented(line: &str) -> String {
    line.replacen("//", "  ", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments_of(src: &str) -> Vec<(usize, usize)> {
        crate::prefilter::comment_ranges(src).expect("lexes").lines
    }

    fn texts(src: &str) -> Vec<(String, Vec<String>)> {
        blocks(src, &comments_of(src), true)
            .into_iter()
            .map(|b| (b.whole, b.lines.into_iter().map(|(_, text)| text).collect()))
            .collect()
    }

    #[test]
    fn a_block_keeps_its_lines_and_columns() {
        let src = "fn f() {\n    // let k = \"v\";\n    // use(k);\n}\n";
        let got = texts(src);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "\n       let k = \"v\";\n       use(k);");
        assert_eq!(got[0].1, vec!["\n       let k = \"v\";".to_owned()]);
    }

    #[test]
    fn doc_comments_trailing_comments_and_gaps_split_or_leave_out() {
        let src = "/// let doc = \"d\";\n//! inner \"x\"\nlet a = 1; // \"trailing\"\n// \"one\"\n\n// \"two\"\n//// \"four slashes\"\n";
        let got = texts(src);
        let wholes: Vec<&str> = got.iter().map(|(w, _)| w.trim()).collect();
        // `////` is a plain comment, its body a comment again
        assert_eq!(wholes, ["\"one\"", "\"two\"\n  // \"four slashes\""]);
    }

    #[test]
    fn a_field_alone_is_read_in_a_struct_literal_of_its_own() {
        assert_eq!(
            as_field("      api_key: String::from(\"k\"),").as_deref(),
            Some("    S{api_key: String::from(\"k\"),\n}")
        );
        assert_eq!(
            as_field("  password : \"k\"").as_deref(),
            Some("S{password : \"k\"\n}")
        );
        for not in [
            "  std::env::var(\"K\")",
            "  let k = \"v\";",
            "  0: \"v\"",
            "x: \"v\"",
        ] {
            assert_eq!(as_field(not), None, "{not}");
        }
        // one line alone is tried when it is a field
        let blocks =
            texts("fn f() {}\n//     api_key: String::from(\"k3y-for-prod\"),\nfn g() {}\n");
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].1,
            ["\n     S{api_key: String::from(\"k3y-for-prod\"),\n}"]
        );
    }

    #[test]
    fn blocks_without_a_literal_or_brackets_are_not_tried() {
        assert!(texts("// just prose here\n// and more\nfn f() {}\n").is_empty());
        assert_eq!(texts("// const K: [u8; 2] = [1, 2];\n").len(), 1);
    }

    #[test]
    fn a_comment_opener_inside_a_string_is_no_comment() {
        assert!(
            texts("const U: &str = \"http://x\";\nconst V: &str = \"// \\\"no\\\"\";\n").is_empty()
        );
    }
}
