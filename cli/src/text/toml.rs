//! TOML values with their dotted key paths: `[table]` and `[[array]]`
//! headers, dotted and quoted keys, strings of all four kinds (multi-line
//! ones across lines), inline tables, arrays (across lines too).

use super::{Entry, Pos, column};

/// Every value of a TOML document, with the table path in front of its key.
pub(crate) fn entries(text: &str) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = Reader {
        lines: &lines,
        line: 0,
        pos: 0,
        out: Vec::new(),
    };
    let mut table: Vec<String> = Vec::new();
    let mut open_array: Option<Vec<String>> = None;
    while reader.line < lines.len() {
        reader.pos = 0;
        reader.skip_blanks();
        if let Some(keys) = &open_array {
            let keys = keys.clone();
            if reader.array_items(&keys) {
                open_array = None;
            }
        } else if reader.at_end() {
        } else if reader.eat('[') {
            let array = reader.eat('[');
            reader.skip_blanks();
            if let Some(keys) = reader.key() {
                table = keys;
                if array {
                    table.push("[]".to_owned());
                }
            }
        } else if let Some(keys) = reader.key() {
            reader.skip_blanks();
            if reader.eat('=') {
                reader.skip_blanks();
                let keys: Vec<String> = table.iter().cloned().chain(keys).collect();
                if !reader.value(&keys) {
                    open_array = Some(keys);
                }
            }
        }
        reader.line += 1;
    }
    reader.out
}

struct Reader<'a> {
    lines: &'a [&'a str],
    /// 0-based line index.
    line: usize,
    /// Byte offset in the current line.
    pos: usize,
    out: Vec<Entry>,
}

impl Reader<'_> {
    fn rest(&self) -> &str {
        &self.lines[self.line][self.pos..]
    }

    fn here(&self) -> Pos {
        Pos {
            line: self.line + 1,
            column: column(self.lines[self.line], self.pos),
        }
    }

    fn skip_blanks(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    /// At the end of the line or at a comment.
    fn at_end(&self) -> bool {
        self.rest().is_empty() || self.rest().starts_with('#')
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.rest().starts_with(c);
        if hit {
            self.pos += c.len_utf8();
        }
        hit
    }

    /// A dotted key: `a.b`, `"quoted key".c`, `'literal'`.
    fn key(&mut self) -> Option<Vec<String>> {
        let mut keys = Vec::new();
        loop {
            self.skip_blanks();
            let part = match self.rest().chars().next()? {
                q @ ('"' | '\'') => {
                    self.pos += 1;
                    let (text, closed) = self.single_line_string(q);
                    if !closed {
                        return None;
                    }
                    text
                }
                _ => {
                    let len = self
                        .rest()
                        .bytes()
                        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
                        .count();
                    if len == 0 {
                        return None;
                    }
                    let part = self.rest()[..len].to_owned();
                    self.pos += len;
                    part
                }
            };
            keys.push(part);
            self.skip_blanks();
            if !self.eat('.') {
                return Some(keys);
            }
        }
    }

    /// Reads one value at the cursor into `out` under `keys`. False when it
    /// is an array that the line leaves open.
    fn value(&mut self, keys: &[String]) -> bool {
        let start = self.here();
        let rest = self.rest();
        if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            let quote = if rest.starts_with('"') { '"' } else { '\'' };
            self.pos += 3;
            let value = self.multi_line_string(quote);
            self.push(keys, value, true, start);
            return true;
        }
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                self.pos += 1;
                let (value, _) = self.single_line_string(q);
                self.push(keys, value, true, start);
                true
            }
            Some('[') => {
                self.pos += 1;
                self.array_items(keys)
            }
            Some('{') => {
                self.pos += 1;
                self.inline_table(keys);
                true
            }
            Some(_) => {
                let len = rest
                    .find([',', ']', '}', '#', ' ', '\t'])
                    .unwrap_or(rest.len());
                let value = rest[..len].to_owned();
                self.pos += len;
                self.push(keys, value, false, start);
                true
            }
            None => true,
        }
    }

    /// Array elements up to `]`; false when the line ends first.
    fn array_items(&mut self, keys: &[String]) -> bool {
        loop {
            self.skip_blanks();
            if self.at_end() {
                return false;
            }
            if self.eat(']') {
                return true;
            }
            if self.eat(',') {
                continue;
            }
            let line = self.line;
            let before = self.pos;
            if !self.value(keys) {
                return false; // a nested array left open: read on as this one
            }
            if self.line == line && self.pos == before {
                self.pos += self.rest().chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// `{ key = value, … }` on one line.
    fn inline_table(&mut self, keys: &[String]) {
        loop {
            self.skip_blanks();
            if self.at_end() || self.eat('}') {
                return;
            }
            if self.eat(',') {
                continue;
            }
            let Some(sub) = self.key() else {
                return;
            };
            self.skip_blanks();
            if !self.eat('=') {
                return;
            }
            self.skip_blanks();
            let keys: Vec<String> = keys.iter().cloned().chain(sub).collect();
            self.value(&keys);
        }
    }

    /// A `"…"` or `'…'` string after its opening quote, on this line; and
    /// whether it was closed.
    fn single_line_string(&mut self, quote: char) -> (String, bool) {
        let mut value = String::new();
        let mut chars = self.rest().char_indices();
        let start = self.pos;
        while let Some((i, c)) = chars.next() {
            if c == quote {
                self.pos = start + i + 1;
                return (value, true);
            }
            if c == '\\' && quote == '"' {
                if let Some((_, e)) = chars.next() {
                    value.push(unescape(e));
                }
            } else {
                value.push(c);
            }
        }
        self.pos = self.lines[self.line].len();
        (value, false)
    }

    /// A `"""…"""` or `'''…'''` string after its opening delimiter, over as
    /// many lines as it takes; the cursor ends past the closing delimiter.
    fn multi_line_string(&mut self, quote: char) -> String {
        let delimiter: String = std::iter::repeat_n(quote, 3).collect();
        let mut value = String::new();
        let mut first = true;
        loop {
            let rest = self.rest();
            if let Some(end) = rest.find(&delimiter) {
                value.push_str(&rest[..end]);
                self.pos += end + 3;
                break;
            }
            if !(first && rest.is_empty()) {
                value.push_str(rest);
                value.push('\n');
            }
            first = false;
            if self.line + 1 >= self.lines.len() {
                self.pos = self.lines[self.line].len();
                break;
            }
            self.line += 1;
            self.pos = 0;
        }
        if quote == '"' {
            value = value.replace("\\n", "\n").replace("\\\"", "\"");
        }
        value
    }

    fn push(&mut self, keys: &[String], value: String, quoted: bool, start: Pos) {
        let end = self.here();
        self.out.push(Entry {
            keys: keys.to_vec(),
            value,
            quoted,
            start,
            end,
        });
    }
}

fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Key path, value, start and end of each entry.
    type Seen = (String, String, (usize, usize), (usize, usize));

    fn simple(text: &str) -> Vec<Seen> {
        entries(text)
            .into_iter()
            .map(Entry::seen)
            .map(|(keys, value, _, start, end)| (keys, value, start, end))
            .collect()
    }

    #[test]
    fn tables_keys_and_values() {
        let text = "title = \"x\" # c\n[database]\npassword = 'p#w'\n\"quoted key\".port = 5432\n[[users]]\nname = \"a\"\n";
        assert_eq!(
            simple(text),
            [
                ("title".into(), "x".into(), (1, 9), (1, 12)),
                ("database.password".into(), "p#w".into(), (3, 12), (3, 17)),
                (
                    "database.quoted key.port".into(),
                    "5432".into(),
                    (4, 21),
                    (4, 25)
                ),
                ("users.[].name".into(), "a".into(), (6, 8), (6, 11)),
            ]
        );
    }

    #[test]
    fn inline_tables_arrays_and_multi_line_strings() {
        let text = "db = { user = \"app\", password = \"s3cr3t\" }\ntokens = [\n  \"a\",\n  \"b\", # c\n]\nkey = \"\"\"\nline1\nline2\"\"\"\nafter = 1\n";
        let found = simple(text);
        assert_eq!(found[0], ("db.user".into(), "app".into(), (1, 15), (1, 20)));
        assert_eq!(
            found[1],
            ("db.password".into(), "s3cr3t".into(), (1, 33), (1, 41))
        );
        assert_eq!(found[2].0, "tokens");
        assert_eq!((found[2].1.as_str(), found[2].2), ("a", (3, 3)));
        assert_eq!((found[3].1.as_str(), found[3].2), ("b", (4, 3)));
        assert_eq!(found[4].1, "line1\nline2");
        assert_eq!((found[4].2, found[4].3), ((6, 7), (8, 9)));
        assert_eq!(found[5].0, "after");
    }
}
