//! `.env` lines: `KEY=value`, `export KEY=value`, `'…'` and `"…"` values
//! (which may span lines), `# comments`.

use super::{Entry, Pos, column};

/// Every `KEY=value` of a `.env` file.
pub(crate) fn entries(text: &str) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let mut entries = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let Some((key, at)) = assignment(line) else {
            continue;
        };
        let start = Pos {
            line: i,
            column: column(line, at),
        };
        let rest = &line[at..];
        let (value, quoted, end) = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let (value, end) = quoted_value(&lines, i - 1, at, quote);
                i = end.line;
                (value, true, end)
            }
            _ => {
                let value = unquoted(rest);
                let end = Pos {
                    line: i,
                    column: column(line, at + value.len()),
                };
                (value.to_owned(), false, end)
            }
        };
        entries.push(Entry {
            keys: vec![key.to_owned()],
            value,
            quoted,
            start,
            end,
        });
    }
    entries
}

/// `KEY=` (after an optional `export `): the key and the byte offset where
/// the value starts.
fn assignment(line: &str) -> Option<(&str, usize)> {
    let body = line.trim_start();
    let mut offset = line.len() - body.len();
    let body = match body.strip_prefix("export") {
        Some(rest) if rest.starts_with([' ', '\t']) => {
            let rest_trimmed = rest.trim_start();
            offset += body.len() - rest_trimmed.len();
            rest_trimmed
        }
        _ => body,
    };
    let key_len = body
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    let key = &body[..key_len];
    if key.is_empty() || key.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let after_key = &body[key_len..];
    let spaced = after_key.trim_start_matches([' ', '\t']);
    let value = spaced.strip_prefix('=')?;
    let value_trimmed = value.trim_start_matches([' ', '\t']);
    let at = offset
        + key_len
        + (after_key.len() - spaced.len())
        + 1
        + (value.len() - value_trimmed.len());
    Some((key, at))
}

/// An unquoted value: up to a ` #` comment, trailing blanks trimmed.
fn unquoted(rest: &str) -> &str {
    let end = rest
        .char_indices()
        .find(|&(i, c)| c == '#' && (i == 0 || rest[..i].ends_with([' ', '\t'])))
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].trim_end()
}

/// A quoted value starting at byte `at` of line `index` (0-based), which may
/// run over several lines: the text inside the quotes (escapes resolved in
/// `"…"`), and the position just past the closing quote (or the end of the
/// file when it is never closed).
fn quoted_value(lines: &[&str], index: usize, at: usize, quote: char) -> (String, Pos) {
    let mut value = String::new();
    let mut escaped = false;
    let mut first = true;
    for (n, line) in lines.iter().enumerate().skip(index) {
        let from = if first { at + 1 } else { 0 };
        if !first {
            value.push('\n');
        }
        first = false;
        for (i, c) in line[from..].char_indices() {
            let i = from + i;
            if escaped {
                value.push(match c {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    other => other,
                });
                escaped = false;
            } else if c == '\\' && quote == '"' {
                escaped = true;
            } else if c == quote {
                let end = Pos {
                    line: n + 1,
                    column: column(line, i + 1),
                };
                return (value, end);
            } else {
                value.push(c);
            }
        }
    }
    let last = lines.len().max(1);
    let end = Pos {
        line: last,
        column: lines.last().map_or(1, |l| column(l, l.len())),
    };
    (value, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Key path, value, quoted, start and end of each entry.
    type Seen = (String, String, bool, (usize, usize), (usize, usize));

    fn simple(text: &str) -> Vec<Seen> {
        entries(text).into_iter().map(Entry::seen).collect()
    }

    #[test]
    fn lines_and_values() {
        let text =
            "# comment\nA=1\nexport B = two # note\nC='x#y'\n  D=\"a\\\"b\"\nnot a line\nE=\n";
        assert_eq!(
            simple(text),
            [
                ("A".into(), "1".into(), false, (2, 3), (2, 4)),
                ("B".into(), "two".into(), false, (3, 12), (3, 15)),
                ("C".into(), "x#y".into(), true, (4, 3), (4, 8)),
                ("D".into(), "a\"b".into(), true, (5, 5), (5, 11)),
                ("E".into(), "".into(), false, (7, 3), (7, 3)),
            ]
        );
    }

    #[test]
    fn a_quoted_value_may_span_lines() {
        let text = "KEY=\"-----BEGIN\nabc\n-----END\"\nNEXT=1\n";
        let found = simple(text);
        assert_eq!(found[0].1, "-----BEGIN\nabc\n-----END");
        assert_eq!((found[0].3, found[0].4), ((1, 5), (3, 10)));
        assert_eq!(found[1].0, "NEXT");
    }
}
