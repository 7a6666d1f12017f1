//! The `.env` grammar that dotenvy, Docker Compose and the shell agree on, read literally: no `$` expansion.
//!
//! `NAME=value`, `export NAME=value`, `# comments` and blank lines; `'…'` is
//! literal, `"…"` knows `\n \r \t \\ \" \' \$`, quoted values may span lines,
//! an unquoted value ends at a blank. Only the entries asked for are copied
//! out, each into a buffer sized up front; the text of the others is left in
//! the caller's (zeroizing) buffer.

use zeroize::Zeroizing;

/// Escapes a double-quoted value may hold, after `\`.
const ESCAPES: &[u8] = b"nrt\\\"'$";

/// Why the file could not be read; never holds any of its text.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum ParseError {
    /// The 1-based line, and what the parser expected there.
    Malformed { line: usize, expected: &'static str },
    /// The entry asked for at this index appears on both lines.
    Duplicate { index: usize, lines: (usize, usize) },
}

/// An entry asked for: where it starts and its value as written.
pub(super) struct Entry<'a> {
    pub(super) line: usize,
    quoting: Quoting,
    body: &'a [u8],
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Quoting {
    Single,
    Double,
    Unquoted,
}

/// A character the value holds where other `.env` readers expand or strip it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct NotLiteral(pub(super) char);

impl Entry<'_> {
    /// The value, exactly as written; refused where some reader would change it
    /// (a `$` outside single quotes, a `\` or quote inside an unquoted value).
    pub(super) fn value(&self) -> Result<Zeroizing<Vec<u8>>, NotLiteral> {
        let special: &[u8] = match self.quoting {
            Quoting::Single => b"",
            Quoting::Double => b"$",
            Quoting::Unquoted => b"$\\'\"",
        };
        let mut escaped = false;
        for &b in self.body {
            if !escaped && special.contains(&b) {
                return Err(NotLiteral(char::from(b)));
            }
            escaped = !escaped && self.quoting == Quoting::Double && b == b'\\';
        }
        // escapes only shrink a value: its body's length is enough, so no reallocation
        let mut value = Zeroizing::new(Vec::with_capacity(self.body.len()));
        match self.quoting {
            Quoting::Double => unescape(self.body, &mut value),
            _ => value.extend_from_slice(self.body),
        }
        Ok(value)
    }
}

fn unescape(body: &[u8], out: &mut Vec<u8>) {
    let mut bytes = body.iter();
    while let Some(&b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        // the parser let through only known escapes
        out.push(match bytes.next() {
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(&other) => other,
            None => break,
        });
    }
}

/// The entries named `wanted`, in that order, from the whole of `text`. Any
/// malformed line fails, wherever it is: it may have swallowed the one asked for.
pub(super) fn find<'a, const N: usize>(
    text: &'a [u8],
    wanted: [&[u8]; N],
) -> Result<[Option<Entry<'a>>; N], ParseError> {
    let mut found: [Option<Entry<'a>>; N] = std::array::from_fn(|_| None);
    let text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
    let mut parser = Parser {
        text,
        pos: 0,
        line: 1,
    };
    while let Some((key, entry)) = parser.next_entry()? {
        let Some(index) = wanted.iter().position(|w| *w == key) else {
            continue;
        };
        if let Some(first) = &found[index] {
            let lines = (first.line, entry.line);
            return Err(ParseError::Duplicate { index, lines });
        }
        found[index] = Some(entry);
    }
    Ok(found)
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn malformed(&self, expected: &'static str) -> ParseError {
        ParseError::Malformed {
            line: self.line,
            expected,
        }
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    fn skip_to_line_end(&mut self) {
        while !matches!(self.peek(), None | Some(b'\n')) {
            self.pos += 1;
        }
    }

    /// The next `NAME=value`, skipping blank lines and comments.
    fn next_entry(&mut self) -> Result<Option<(&'a [u8], Entry<'a>)>, ParseError> {
        loop {
            self.skip_blanks();
            match self.peek() {
                None => return Ok(None),
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                }
                Some(b'#') => self.skip_to_line_end(),
                Some(_) => break,
            }
        }
        let line = self.line;
        let mut key = self.key()?;
        if key == b"export" && matches!(self.peek(), Some(b' ' | b'\t')) {
            self.skip_blanks();
            key = self.key()?;
        }
        self.skip_blanks();
        if self.peek() != Some(b'=') {
            return Err(self.malformed("`=` after the name"));
        }
        self.pos += 1;
        self.skip_blanks();
        let (quoting, body) = self.value()?;
        self.end_of_line()?;
        Ok(Some((
            key,
            Entry {
                line,
                quoting,
                body,
            },
        )))
    }

    fn key(&mut self) -> Result<&'a [u8], ParseError> {
        let start = self.pos;
        if !matches!(self.peek(), Some(b) if b.is_ascii_alphabetic() || b == b'_') {
            return Err(self.malformed("a name: a letter or `_`, then letters, digits, `_`, `.`"));
        }
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        {
            self.pos += 1;
        }
        Ok(&self.text[start..self.pos])
    }

    fn value(&mut self) -> Result<(Quoting, &'a [u8]), ParseError> {
        match self.peek() {
            Some(b'\'') => self.quoted(Quoting::Single, b'\'', "a closing `'`"),
            Some(b'"') => self.quoted(Quoting::Double, b'"', "a closing `\"`"),
            _ => {
                let start = self.pos;
                while !matches!(self.peek(), None | Some(b' ' | b'\t' | b'\r' | b'\n')) {
                    self.pos += 1;
                }
                Ok((Quoting::Unquoted, &self.text[start..self.pos]))
            }
        }
    }

    /// A value between `quote`s, which may span lines; the error names the line it opened on.
    fn quoted(
        &mut self,
        quoting: Quoting,
        quote: u8,
        closing: &'static str,
    ) -> Result<(Quoting, &'a [u8]), ParseError> {
        let opened = self.malformed(closing);
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek() {
                None => return Err(opened),
                Some(b) if b == quote => break,
                Some(b'\\') if quoting == Quoting::Double => match self.text.get(self.pos + 1) {
                    Some(e) if ESCAPES.contains(e) => self.pos += 1,
                    _ => {
                        return Err(self.malformed(
                            "one of `\\n \\r \\t \\\\ \\\" \\' \\$` after `\\` in double quotes",
                        ));
                    }
                },
                Some(b'\n') => self.line += 1,
                Some(_) => {}
            }
            self.pos += 1;
        }
        let body = &self.text[start..self.pos];
        self.pos += 1;
        Ok((quoting, body))
    }

    /// After a value: blanks, an optional `# comment`, then the end of the line.
    fn end_of_line(&mut self) -> Result<(), ParseError> {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            self.skip_to_line_end();
        }
        match self.peek() {
            None => Ok(()),
            Some(b'\n') => {
                self.pos += 1;
                self.line += 1;
                Ok(())
            }
            Some(_) => Err(self.malformed(
                "the end of the line after the value (quote a value that holds blanks)",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line and the value of `key`, if `text` has it.
    type Found = Option<(usize, Result<Vec<u8>, NotLiteral>)>;

    fn one(text: &str, key: &str) -> Result<Found, ParseError> {
        let [entry] = find(text.as_bytes(), [key.as_bytes()])?;
        Ok(entry.map(|e| (e.line, e.value().map(|v| v.to_vec()))))
    }

    fn value(text: &str, key: &str) -> Vec<u8> {
        one(text, key).unwrap().unwrap().1.unwrap()
    }

    #[test]
    fn the_common_forms_read_as_written() {
        let text = "# comment\n\nA=plain\nexport B = spaced  # note\nC='pa$s \"w\" \\n'\n\
                    D=\"line\\nnext \\\" \\$ \\\\\"\r\nE=\nexport=kw\nF.G=dotted\n";
        assert_eq!(value(text, "A"), b"plain");
        assert_eq!(value(text, "B"), b"spaced");
        assert_eq!(value(text, "C"), b"pa$s \"w\" \\n");
        assert_eq!(value(text, "D"), b"line\nnext \" $ \\");
        assert_eq!(value(text, "E"), b"");
        assert_eq!(value(text, "export"), b"kw");
        assert_eq!(value(text, "F.G"), b"dotted");
        assert!(one(text, "MISSING").unwrap().is_none());
    }

    #[test]
    fn quoted_values_span_lines_and_later_lines_count_them() {
        let text = "KEY='-----BEGIN-----\nabc\n-----END-----'\nNEXT=1\n";
        assert_eq!(value(text, "KEY"), b"-----BEGIN-----\nabc\n-----END-----");
        assert_eq!(one(text, "NEXT").unwrap().unwrap().0, 4);
    }

    #[test]
    fn a_dollar_outside_single_quotes_is_refused_not_expanded() {
        for text in ["K=pa$sword123456", "K=\"pa$sword\"", "K=${HOME}/x"] {
            assert_eq!(
                one(text, "K").unwrap().unwrap().1,
                Err(NotLiteral('$')),
                "{text}"
            );
        }
        assert_eq!(value("K='pa$sword123456'", "K"), b"pa$sword123456");
        assert_eq!(value("K=\"pa\\$sword\"", "K"), b"pa$sword");
    }

    #[test]
    fn characters_readers_disagree_on_in_unquoted_values_are_refused() {
        assert_eq!(
            one("K=a\\b", "K").unwrap().unwrap().1,
            Err(NotLiteral('\\'))
        );
        assert_eq!(
            one("K=a'b'", "K").unwrap().unwrap().1,
            Err(NotLiteral('\''))
        );
        assert_eq!(value("K=a#b", "K"), b"a#b");
    }

    #[test]
    fn a_malformed_line_anywhere_fails_with_its_number() {
        let malformed = |text: &str| match one(text, "K") {
            Err(ParseError::Malformed { line, .. }) => line,
            other => panic!("{text:?}: {:?}", other.map(|o| o.map(|(l, _)| l))),
        };
        assert_eq!(malformed("K=1\nBROKEN secret\n"), 2);
        assert_eq!(malformed("A=1\n\nK=two words\n"), 3);
        assert_eq!(malformed("K='never closed\nB=2\n"), 1);
        assert_eq!(malformed("K=\"bad \\x escape\"\n"), 1);
        assert_eq!(malformed("=value\n"), 1);
        assert_eq!(malformed("export K\n"), 1);
    }

    #[test]
    fn an_entry_asked_for_twice_is_a_duplicate() {
        let err = find(b"K=1\nO=2\nK=3\n", [b"K".as_slice()]).err();
        assert_eq!(
            err,
            Some(ParseError::Duplicate {
                index: 0,
                lines: (1, 3)
            })
        );
        assert!(find(b"O=1\nO=2\nK=3\n", [b"K".as_slice()]).is_ok());
    }

    #[test]
    fn a_value_never_grows_its_buffer() {
        let text = "K=\"a\\nb\\tc\"";
        let [entry] = find(text.as_bytes(), [b"K".as_slice()]).unwrap();
        let entry = entry.unwrap();
        let value = entry.value().unwrap();
        assert_eq!(value.as_slice(), b"a\nb\tc");
        assert_eq!(value.capacity(), entry.body.len());
    }
}
