//! JSON values with their member paths, from a tokenizer that keeps each
//! token's line and column, accepts comments (JSONC) and never gives up on
//! malformed input.

use super::{Entry, Pos};

enum Frame {
    /// An object, with the member whose value comes next (once its name was read).
    Object {
        member: Option<String>,
        want_key: bool,
    },
    Array,
}

/// Every string, number and keyword value of a JSON document.
pub(crate) fn entries(text: &str) -> Vec<Entry> {
    let mut tokens = Tokens {
        chars: text.chars().peekable(),
        pos: Pos { line: 1, column: 1 },
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut out = Vec::new();
    while let Some(&c) = tokens.chars.peek() {
        let start = tokens.pos;
        match c {
            '{' => frames.push(Frame::Object {
                member: None,
                want_key: true,
            }),
            '[' => frames.push(Frame::Array),
            '}' | ']' => {
                frames.pop();
            }
            ',' => {
                if let Some(Frame::Object { member, want_key }) = frames.last_mut() {
                    *member = None;
                    *want_key = true;
                }
            }
            '"' => {
                tokens.bump();
                let value = tokens.string();
                if let Some(Frame::Object { member, want_key }) = frames.last_mut()
                    && *want_key
                {
                    *member = Some(value);
                    *want_key = false;
                } else {
                    out.push(entry(&frames, value, true, start, tokens.pos));
                }
                continue;
            }
            '/' => {
                tokens.bump();
                tokens.comment();
                continue;
            }
            c if c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.') => {
                let value = tokens.bare();
                out.push(entry(&frames, value, false, start, tokens.pos));
                continue;
            }
            _ => {}
        }
        tokens.bump();
    }
    out
}

fn entry(frames: &[Frame], value: String, quoted: bool, start: Pos, end: Pos) -> Entry {
    let keys = frames
        .iter()
        .filter_map(|f| match f {
            Frame::Object { member, .. } => member.clone(),
            Frame::Array => None,
        })
        .collect();
    Entry {
        keys,
        value,
        quoted,
        start,
        end,
    }
}

struct Tokens<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    /// The position of the next character.
    pos: Pos,
}

impl Tokens<'_> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    /// The rest of a string after its opening quote, unescaped; the cursor
    /// ends past the closing quote (or at the end of the line, unclosed).
    fn string(&mut self) -> String {
        let mut value = String::new();
        while let Some(&c) = self.chars.peek() {
            if c == '\n' {
                break;
            }
            self.bump();
            match c {
                '"' => break,
                '\\' => match self.bump() {
                    Some('n') => value.push('\n'),
                    Some('t') => value.push('\t'),
                    Some('r') => value.push('\r'),
                    Some('b') => value.push('\u{8}'),
                    Some('f') => value.push('\u{c}'),
                    Some('u') => {
                        let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                        let code = u32::from_str_radix(&hex, 16).ok();
                        value.push(code.and_then(char::from_u32).unwrap_or('\u{fffd}'));
                    }
                    Some(other) => value.push(other),
                    None => {}
                },
                other => value.push(other),
            }
        }
        value
    }

    /// A number or keyword: `42`, `-1.5e3`, `true`, `null`.
    fn bare(&mut self) -> String {
        let mut value = String::new();
        while let Some(&c) = self.chars.peek() {
            if !(c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | '.' | '_')) {
                break;
            }
            value.push(c);
            self.bump();
        }
        value
    }

    /// `// …` to the end of the line or `/* … */`, after the first `/`.
    fn comment(&mut self) {
        match self.chars.peek() {
            Some('/') => {
                while self.chars.peek().is_some_and(|&c| c != '\n') {
                    self.bump();
                }
            }
            Some('*') => {
                self.bump();
                let mut star = false;
                while let Some(c) = self.bump() {
                    if star && c == '/' {
                        break;
                    }
                    star = c == '*';
                }
            }
            _ => {}
        }
    }
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
    fn members_arrays_and_positions() {
        let text = "{\n  \"db\": {\"password\": \"p\\\"w\", \"port\": 5432},\n  // note\n  \"tokens\": [\"a\", {\"x\": null}],\n  \"é\": \"ü\"\n}";
        assert_eq!(
            simple(text),
            [
                ("db.password".into(), "p\"w".into(), true, (2, 22), (2, 28)),
                ("db.port".into(), "5432".into(), false, (2, 38), (2, 42)),
                ("tokens".into(), "a".into(), true, (4, 14), (4, 17)),
                ("tokens.x".into(), "null".into(), false, (4, 25), (4, 29)),
                ("é".into(), "ü".into(), true, (5, 8), (5, 11)),
            ]
        );
    }

    #[test]
    fn escapes_give_the_value_back() {
        let found = simple(r#"{"key": "-----BEGIN\nA\u0042"}"#);
        assert_eq!(found[0].1, "-----BEGIN\nAB");
    }
}
