//! YAML values with their key paths, read line by line from indentation:
//! block mappings and sequences, quoted and plain scalars, `|`/`>` block
//! scalars, one-line flow collections, Compose's `- KEY=value` environment
//! lists and Kubernetes' `- name: KEY` / `value: …` pairs. Templated YAML
//! (Helm, Jinja) that is not YAML at all is read as far as it goes.

use super::{Entry, Pos, column};

/// Every scalar value of a YAML file.
pub(crate) fn entries(text: &str) -> Vec<Entry> {
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = Reader {
        lines: &lines,
        stack: Vec::new(),
        item_name: None,
        out: Vec::new(),
    };
    let mut i = 0;
    while i < lines.len() {
        i = reader.line(i);
    }
    reader.out
}

struct Reader<'a> {
    lines: &'a [&'a str],
    /// The open mappings: each key's column (0-based bytes) and name.
    stack: Vec<(usize, String)>,
    /// `- name: KEY` of the current sequence item: its column and `KEY`, so a
    /// sibling `value: …` is judged as the value of `KEY` (Kubernetes `env`).
    item_name: Option<(usize, String)>,
    out: Vec<Entry>,
}

impl Reader<'_> {
    /// Reads line `i` (0-based) and returns the index of the next line to read.
    fn line(&mut self, i: usize) -> usize {
        let line = self.lines[i];
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        if content.trim().is_empty() || content.starts_with('#') {
            return i + 1;
        }
        if is_document_marker(content) {
            self.stack.clear();
            self.item_name = None;
            return i + 1;
        }
        let mut col = indent;
        let mut rest = content;
        let mut item = false;
        while rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t") {
            item = true;
            let after = rest[1..].trim_start_matches([' ', '\t']);
            col += rest.len() - after.len();
            rest = after;
        }
        // a sequence may sit at its parent key's indentation
        self.stack
            .retain(|&(c, _)| c < indent || (item && c == indent));
        if item {
            self.item_name = None;
        }
        if rest.is_empty() || rest.starts_with('#') {
            return i + 1;
        }
        match split_key(rest) {
            Some((key, value_at)) => self.mapping_entry(i, col, key, col + value_at),
            None if item => {
                self.sequence_item(i, col);
                i + 1
            }
            None => i + 1,
        }
    }

    fn keys_with(&self, key: &str) -> Vec<String> {
        self.stack
            .iter()
            .map(|(_, k)| k.clone())
            .chain([key.to_owned()])
            .collect()
    }

    /// `key: value` whose key starts at byte `col` and value at byte `at` of line `i`.
    fn mapping_entry(&mut self, i: usize, col: usize, key: String, at: usize) -> usize {
        let line = self.lines[i];
        let mut at = at;
        // anchors and tags come before the value: `key: &default value`, `key: !!str value`
        while line[at..].starts_with(['&', '!']) {
            let len = line[at..].find([' ', '\t']).unwrap_or(line.len() - at);
            at += len;
            at += line[at..].len() - line[at..].trim_start_matches([' ', '\t']).len();
        }
        let rest = &line[at..];
        if rest.is_empty() || rest.starts_with('#') {
            self.stack.push((col, key));
            return i + 1;
        }
        let key = match &self.item_name {
            Some((c, name)) if *c == col && key == "value" => name.clone(),
            _ => key,
        };
        if rest.starts_with(['|', '>']) {
            return self.block_scalar(i + 1, col, &key);
        }
        if rest.starts_with('*') {
            return i + 1; // an alias: the value is elsewhere
        }
        let keys = self.keys_with(&key);
        // `{{ .Values.x }}` is a template, not a flow mapping
        if rest.starts_with(['[', '{']) && !rest.starts_with("{{") {
            self.flow(i, at, &keys);
            return i + 1;
        }
        let entry = scalar(line, i, at, keys);
        if key == "name" {
            self.item_name = Some((col, entry.value.clone()));
        }
        self.out.push(entry);
        i + 1
    }

    /// `- item` with no key: `- KEY=value` (Compose's environment list,
    /// `--password=…` arguments) is a value of `KEY`; anything else a value
    /// of the sequence's own key.
    fn sequence_item(&mut self, i: usize, at: usize) {
        let line = self.lines[i];
        let mut entry = scalar(
            line,
            i,
            at,
            self.stack.iter().map(|(_, k)| k.clone()).collect(),
        );
        let offset = usize::from(entry.quoted);
        if let Some((name, value)) = entry.value.split_once('=')
            && !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            && !value.contains('\n')
        {
            let value_at = at + offset + name.len() + 1;
            if line.is_char_boundary(value_at) {
                entry.start = Pos {
                    line: i + 1,
                    column: column(line, value_at),
                };
            }
            entry.keys.push(name.to_owned());
            entry.value = value.to_owned();
        }
        self.out.push(entry);
    }

    /// The lines of a `|` or `>` block under the key at column `col`,
    /// starting at line `first`: every blank line or line indented deeper.
    fn block_scalar(&mut self, first: usize, col: usize, key: &str) -> usize {
        let mut end = first;
        while end < self.lines.len() {
            let l = self.lines[end];
            let content = l.trim_start_matches(' ');
            if !content.trim().is_empty() && l.len() - content.len() <= col {
                break;
            }
            end += 1;
        }
        let body: Vec<(usize, &str)> = (first..end)
            .map(|n| (n, self.lines[n]))
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        if let (Some(&(first_n, first_l)), Some(&(last_n, last_l))) = (body.first(), body.last()) {
            let value: Vec<&str> = body.iter().map(|(_, l)| l.trim()).collect();
            let start = first_l.len() - first_l.trim_start().len();
            let end_at = last_l.trim_end().len();
            self.out.push(Entry {
                keys: self.keys_with(key),
                value: value.join("\n"),
                quoted: true,
                start: Pos {
                    line: first_n + 1,
                    column: column(first_l, start),
                },
                end: Pos {
                    line: last_n + 1,
                    column: column(last_l, end_at),
                },
            });
        }
        end
    }

    /// A one-line flow collection at byte `at`: `[a, b]` gives values of the
    /// key, `{user: a, password: b}` values of its subkeys. Nested
    /// collections are read as text.
    fn flow(&mut self, i: usize, at: usize, keys: &[String]) {
        let line = self.lines[i];
        let mapping = line[at..].starts_with('{');
        let mut depth = 0;
        let mut quote = None;
        let mut item_start = at + 1;
        for (offset, c) in line[at..].char_indices() {
            let b = at + offset;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') | (None, ',') if depth == 1 => {
                    self.flow_item(i, item_start, b, mapping, keys);
                    item_start = b + 1;
                    if c != ',' {
                        return;
                    }
                }
                (None, ']' | '}') => depth -= 1,
                _ => {}
            }
        }
    }

    fn flow_item(&mut self, i: usize, from: usize, to: usize, mapping: bool, keys: &[String]) {
        let line = self.lines[i];
        let text = &line[from..to];
        let lead = text.len() - text.trim_start().len();
        let from = from + lead;
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let (keys, at) = match (mapping, split_key(text)) {
            (true, Some((sub, value_at))) => {
                (keys.iter().cloned().chain([sub]).collect(), from + value_at)
            }
            _ => (keys.to_vec(), from),
        };
        let end = from + text.len();
        let value = &line[at..end];
        let quoted = value.starts_with(['"', '\'']);
        let inner = if quoted && value.len() >= 2 {
            &value[1..value.len() - 1]
        } else {
            value
        };
        self.out
            .push(on_line(i, line, keys, inner.to_owned(), quoted, at..end));
    }
}

/// An entry whose value lies on line `i` (0-based), between the byte offsets `span`.
fn on_line(
    i: usize,
    line: &str,
    keys: Vec<String>,
    value: String,
    quoted: bool,
    span: std::ops::Range<usize>,
) -> Entry {
    let at = |byte| Pos {
        line: i + 1,
        column: column(line, byte),
    };
    Entry {
        keys,
        value,
        quoted,
        start: at(span.start),
        end: at(span.end),
    }
}

/// `---` and `...` (with nothing or a comment after), and `%` directives.
fn is_document_marker(content: &str) -> bool {
    content.starts_with('%')
        || ["---", "..."].iter().any(|m| {
            content
                .strip_prefix(m)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        })
}

/// `key: …`: the key (unquoted) and the byte offset in `rest` where the value
/// starts (after the blanks that follow the colon). `None` when `rest` is no
/// mapping entry (`- item`, `http://host`, `KEY=value`).
fn split_key(rest: &str) -> Option<(String, usize)> {
    let (key, after) = if let Some(q @ ('"' | '\'')) = rest.chars().next() {
        let close = rest[1..].find(q)? + 1;
        (rest[1..close].to_owned(), close + 1)
    } else {
        if rest.starts_with(['[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#']) {
            return None;
        }
        let colon = rest
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| rest[i + 1..].is_empty() || rest[i + 1..].starts_with([' ', '\t']))?;
        let key = rest[..colon].trim_end();
        if key.is_empty() || key.contains(" #") {
            return None;
        }
        (key.to_owned(), colon)
    };
    let tail = &rest[after..];
    let tail_trimmed = tail.trim_start_matches([' ', '\t']);
    let colon_tail = tail_trimmed.strip_prefix(':')?;
    if !(colon_tail.is_empty() || colon_tail.starts_with([' ', '\t'])) {
        return None;
    }
    let value = colon_tail.trim_start_matches([' ', '\t']);
    Some((key, rest.len() - value.len()))
}

/// The scalar at byte `at` of `line` (0-based line `i`): quoted (on this line)
/// or plain (up to a ` #` comment).
fn scalar(line: &str, i: usize, at: usize, keys: Vec<String>) -> Entry {
    let rest = &line[at..];
    let (value, len, quoted) = match rest.chars().next() {
        Some('"') => {
            let mut value = String::new();
            let mut chars = rest.char_indices().skip(1);
            let mut len = rest.len();
            while let Some((j, c)) = chars.next() {
                match c {
                    '"' => {
                        len = j + 1;
                        break;
                    }
                    '\\' => {
                        if let Some((_, e)) = chars.next() {
                            value.push(match e {
                                'n' => '\n',
                                't' => '\t',
                                other => other,
                            });
                        }
                    }
                    other => value.push(other),
                }
            }
            (value, len, true)
        }
        Some('\'') => {
            let mut value = String::new();
            let mut len = rest.len();
            let mut chars = rest.char_indices().skip(1).peekable();
            while let Some((j, c)) = chars.next() {
                if c == '\'' {
                    if chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                        value.push('\'');
                        continue;
                    }
                    len = j + 1;
                    break;
                }
                value.push(c);
            }
            (value, len, true)
        }
        _ => {
            let end = rest
                .char_indices()
                .find(|&(j, c)| c == '#' && j > 0 && rest[..j].ends_with([' ', '\t']))
                .map_or(rest.len(), |(j, _)| j);
            let value = rest[..end].trim_end();
            (value.to_owned(), value.len(), false)
        }
    };
    on_line(i, line, keys, value, quoted, at..at + len)
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
    fn compose_file() {
        let text = "\
services:
  db:
    image: postgres:16 # pinned
    environment:
      POSTGRES_PASSWORD: \"hunter22\"
  app:
    environment:
    - JWT_SECRET=changeme
    - 'API_TOKEN=abc'
    command: [\"--port\", \"8080\"]
";
        assert_eq!(
            simple(text),
            [
                (
                    "services.db.image".into(),
                    "postgres:16".into(),
                    (3, 12),
                    (3, 23)
                ),
                (
                    "services.db.environment.POSTGRES_PASSWORD".into(),
                    "hunter22".into(),
                    (5, 26),
                    (5, 36)
                ),
                (
                    "services.app.environment.JWT_SECRET".into(),
                    "changeme".into(),
                    (8, 18),
                    (8, 26)
                ),
                (
                    "services.app.environment.API_TOKEN".into(),
                    "abc".into(),
                    (9, 18),
                    (9, 22)
                ),
                (
                    "services.app.command".into(),
                    "--port".into(),
                    (10, 15),
                    (10, 23)
                ),
                (
                    "services.app.command".into(),
                    "8080".into(),
                    (10, 25),
                    (10, 31)
                ),
            ]
        );
    }

    #[test]
    fn block_scalars_anchors_and_flow_mappings() {
        let text = "\
key: |
  line one
  line two
next: &anchor value
db: {user: app, password: 's3'}
";
        let found = simple(text);
        assert_eq!(
            found[0],
            ("key".into(), "line one\nline two".into(), (2, 3), (3, 11))
        );
        assert_eq!(found[1], ("next".into(), "value".into(), (4, 15), (4, 20)));
        assert_eq!(found[2], ("db.user".into(), "app".into(), (5, 12), (5, 15)));
        assert_eq!(
            found[3],
            ("db.password".into(), "s3".into(), (5, 27), (5, 31))
        );
    }

    #[test]
    fn kubernetes_env_pairs_take_the_name_as_key() {
        let text = "\
env:
  - name: JWT_SECRET
    value: changeme
  - name: PORT
    value: \"8080\"
";
        let found = simple(text);
        assert_eq!(found[1].0, "env.JWT_SECRET");
        assert_eq!(found[1].2, (3, 12));
        assert_eq!(found[3].0, "env.PORT");
    }

    #[test]
    fn urls_and_templates_are_not_keys() {
        assert_eq!(split_key("http://example.com"), None);
        assert_eq!(split_key("url: http://a:b@c"), Some(("url".into(), 5)));
        assert_eq!(
            split_key("\"quoted key\": 1"),
            Some(("quoted key".into(), 14))
        );
        let found = simple("{{- if .Values.enabled }}\npassword: {{ .Values.password }}\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "{{ .Values.password }}");
    }
}
