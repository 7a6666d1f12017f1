//! Finds secrets in the text files a Rust repository keeps beside its code
//! (`.env`, TOML, YAML, JSON): each format's reader yields its values with
//! their keys and places, the engine judges each value in the context of its
//! key, and lines no reader understood (comments, stray text) are searched
//! for known credential formats only.
//!
//! The readers are line-oriented and never fail: a Helm template or a
//! half-written compose file is still read as far as it makes sense, and
//! every value keeps its exact line and column.

mod dotenv;
mod json;
mod toml;
mod yaml;

use std::path::Path;

use secretguard_scan::{Context, Finding, Rule, scan_known_format, scan_literal};

use crate::fingerprint::part;
use crate::{FileFinding, FileKind};

/// A 1-based line and a 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    pub line: usize,
    pub column: usize,
}

/// One value a reader found, with the keys that lead to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Keys from the document's root to the value: `services`, `db`,
    /// `environment`, `POSTGRES_PASSWORD`. Empty for a top-level value.
    pub keys: Vec<String>,
    /// The value, unquoted and unescaped.
    pub value: String,
    /// Written in quotes: `"true"` is text, `true` a boolean.
    pub quoted: bool,
    /// Where the value starts (its opening quote, if quoted).
    pub start: Pos,
    /// Just past where it ends (past its closing quote).
    pub end: Pos,
}

#[cfg(test)]
impl Entry {
    /// Key path (joined by `.`), value, quoted, start and end (line, column):
    /// what the readers' tests compare.
    pub(crate) fn seen(self) -> (String, String, bool, (usize, usize), (usize, usize)) {
        (
            self.keys.join("."),
            self.value,
            self.quoted,
            (self.start.line, self.start.column),
            (self.end.line, self.end.column),
        )
    }
}

/// The 1-based character column of byte offset `byte` in `line`.
pub(crate) fn column(line: &str, byte: usize) -> usize {
    line[..byte].chars().count() + 1
}

/// The findings in one text file, each with its context for the fingerprint
/// (the key path, or empty for free text). In test files and templates
/// (`.env.example`) a stand-in credential (`postgres:password@localhost`)
/// is not one.
pub(crate) fn check_text(
    path: &str,
    kind: FileKind,
    contents: &str,
    test_file: bool,
) -> Vec<(FileFinding, String)> {
    check_text_as(
        path,
        kind,
        contents,
        test_file,
        is_cargo_manifest(Path::new(path)),
    )
}

/// The findings in a cargo script's embedded manifest (its frontmatter),
/// read as `Cargo.toml` is: known formats only, outside `[package.metadata]`.
/// Lines count from the frontmatter's first line.
pub(crate) fn check_embedded_manifest(
    path: &str,
    contents: &str,
    test_file: bool,
) -> Vec<(FileFinding, String)> {
    check_text_as(path, FileKind::Toml, contents, test_file, true)
}

/// [`check_text`], told whether `contents` is a Cargo manifest.
fn check_text_as(
    path: &str,
    kind: FileKind,
    contents: &str,
    test_file: bool,
    manifest: bool,
) -> Vec<(FileFinding, String)> {
    let contents = contents.strip_prefix('\u{feff}').unwrap_or(contents);
    let entries = match kind {
        FileKind::Dotenv => dotenv::entries(contents),
        FileKind::Toml => toml::entries(contents),
        FileKind::Yaml => yaml::entries(contents),
        FileKind::Json => json::entries(contents),
        FileKind::Rust => return Vec::new(),
    };
    let template = crate::kind::is_template(Path::new(path));
    let line_count = contents.lines().count();
    let mut covered = vec![false; line_count + 1];
    let mut found = Vec::new();
    for entry in &entries {
        let mode = if manifest && !is_metadata(&entry.keys) {
            Mode::FormatsOnly
        } else if template {
            Mode::Template
        } else {
            Mode::Full
        };
        let Some(finding) = judge(entry, mode).filter(|f| !(f.stand_in && (test_file || template)))
        else {
            continue;
        };
        let lines = entry.start.line..=entry.end.line.min(line_count);
        covered[lines].fill(true);
        let context: Vec<&str> = entry.keys.iter().map(|k| part(k)).collect();
        found.push((
            finding_at(path, kind, entry.start, entry.end, finding),
            context.join("."),
        ));
    }
    for (i, line) in contents.lines().enumerate() {
        if !covered[i + 1] {
            for (start, end, finding) in free_text(line)
                .into_iter()
                .filter(|(_, _, f)| !(f.stand_in && (test_file || template)))
            {
                found.push(on_line(path, kind, i + 1, line, start..end, finding));
            }
        }
    }
    found.sort_by_key(|(f, _)| (f.line, f.column));
    found
}

/// A finding at the byte range `bytes` of `line` (the `number`th), with
/// no context: free text has no key.
fn on_line(
    path: &str,
    kind: FileKind,
    number: usize,
    line: &str,
    bytes: std::ops::Range<usize>,
    finding: Finding,
) -> (FileFinding, String) {
    let at = |byte| Pos {
        line: number,
        column: column(line, byte),
    };
    let f = finding_at(path, kind, at(bytes.start), at(bytes.end), finding);
    (f, String::new())
}

fn finding_at(path: &str, kind: FileKind, start: Pos, end: Pos, finding: Finding) -> FileFinding {
    FileFinding {
        path: path.to_owned(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        rule: Some(finding.rule),
        message: format!("hardcoded secret: {}", finding.reason),
        kind,
        fingerprint: String::new(),
        test_input: false,
    }
}

/// How much of the engine a value gets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The key is context, as a binding's name is.
    Full,
    /// A template's values are meant to be replaced: the key is no evidence,
    /// a known format or a random-looking value is.
    Template,
    /// Known formats only: a Cargo manifest's values are names, versions,
    /// features and paths (`PublicKeyCredential = ["Credential"]` is a
    /// feature), but a token in a git URL is still one.
    FormatsOnly,
}

/// `Cargo.toml`, whatever its directory.
fn is_cargo_manifest(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == "Cargo.toml")
}

/// `[package.metadata…]` and `[workspace.metadata…]`: tools' own settings,
/// where anything may be written.
fn is_metadata(keys: &[String]) -> bool {
    matches!(keys, [first, second, ..] if (first == "package" || first == "workspace") && second == "metadata")
}

/// The engine's verdict on one value, in the context of its key.
///
/// Not judged: unquoted `true`/`false`/`null` and friends, sops ciphertext
/// (`ENC[AES256_GCM,…]`), and the scopes under a `permissions` key (GitHub
/// Actions' `id-token: write`). `${NAME:-default}` (Compose's and the
/// shell's fallback) is judged as a fallback of `NAME`; any other `${…}` is a
/// placeholder.
fn judge(entry: &Entry, mode: Mode) -> Option<Finding> {
    let value = entry.value.trim();
    if mode == Mode::FormatsOnly {
        return scan_known_format(value);
    }
    if (!entry.quoted && is_keyword(value))
        || (value.starts_with("ENC[") && value.ends_with(']'))
        || entry.keys.iter().any(|k| k == "permissions")
    {
        return None;
    }
    let template = mode == Mode::Template;
    if let Some((var, default)) = interpolation_default(value) {
        let var = (part(var) == var).then_some(var);
        let context = if template {
            Context::Plain
        } else {
            Context::EnvFallback(var)
        };
        return scan_literal(default, &context).map(|f| match (f.rule, var) {
            (Rule::EnvFallback, Some(var)) => Finding {
                reason: format!("the default of `${{{var}:-…}}` is used whenever `{var}` is unset"),
                ..f
            },
            _ => f,
        });
    }
    // a key that is itself a credential is no context to quote
    let key = entry.keys.last().filter(|k| part(k) == k.as_str());
    match key {
        Some(key) if !template => {
            scan_literal(value, &Context::Binding(key)).map(|f| match f.rule {
                Rule::SecretBinding => Finding {
                    reason: format!("a value assigned to `{key}`"),
                    ..f
                },
                _ => f,
            })
        }
        _ => scan_literal(value, &Context::Plain),
    }
}

/// YAML's and TOML's unquoted non-strings that a secret-named key may hold:
/// `require_password: true` is a setting, not a password.
fn is_keyword(value: &str) -> bool {
    [
        "true", "false", "yes", "no", "on", "off", "null", "~", "none",
    ]
    .iter()
    .any(|k| value.eq_ignore_ascii_case(k))
}

/// `${NAME:-default}` or `${NAME-default}` → `(NAME, default)`.
fn interpolation_default(value: &str) -> Option<(&str, &str)> {
    let inner = value.strip_prefix("${")?.strip_suffix('}')?;
    let name_len = inner
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let (name, rest) = inner.split_at(name_len);
    let default = rest.strip_prefix(":-").or_else(|| rest.strip_prefix('-'))?;
    (!name.is_empty() && !name.as_bytes()[0].is_ascii_digit()).then_some((name, default))
}

/// Known formats anywhere in `contents`, line by line, and what the engine
/// finds in any `"…"` on a line without context (a recovery phrase, a
/// random key), as findings of `kind` each with an empty context: what a
/// Rust file that does not parse still shows, so that a syntax error hides
/// none of them. In test files a stand-in is not one.
pub(crate) fn known_formats_in(
    path: &str,
    kind: FileKind,
    contents: &str,
    test_file: bool,
) -> Vec<(FileFinding, String)> {
    let mut found = Vec::new();
    for (i, line) in contents.lines().enumerate() {
        let mut hits = free_text(line);
        // a string on the line, as the walker reads every literal: a
        // recovery phrase or a random key is no known format, and free
        // text splits the one at its spaces
        let quoted = line
            .match_indices('"')
            .map(|(at, _)| at)
            .collect::<Vec<_>>();
        for pair in quoted.chunks_exact(2) {
            let (open, close) = (pair[0], pair[1]);
            if !hits.iter().any(|&(s, e, _)| s < close && open < e)
                && let Some(finding) = scan_literal(&line[open + 1..close], &Context::Plain)
            {
                hits.push((open, close + 1, finding));
            }
        }
        hits.sort_by_key(|&(start, _, _)| start);
        for (start, end, finding) in hits {
            if !(finding.stand_in && test_file) {
                found.push(on_line(path, kind, i + 1, line, start..end, finding));
            }
        }
    }
    found
}

/// Known formats in a line no reader claimed: each run between quotes,
/// brackets, separators and whitespace, and a PEM header wherever it starts.
/// Byte ranges within the line.
fn free_text(line: &str) -> Vec<(usize, usize, Finding)> {
    if let Some(start) = line.find("-----BEGIN")
        && let Some(finding) = scan_known_format(&line[start..])
    {
        return vec![(start, line.len(), finding)];
    }
    let separator = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '`' | ',' | ';' | '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '='
            )
    };
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (separator(c), start) {
            (true, Some(s)) => {
                if let Some(finding) = scan_known_format(&line[s..i]) {
                    found.push((s, i, finding));
                }
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(path: &str, kind: FileKind, text: &str) -> Vec<(Rule, usize, usize)> {
        check_text(path, kind, text, false)
            .into_iter()
            .map(|(f, _)| (f.rule.unwrap(), f.line, f.column))
            .collect()
    }

    #[test]
    fn interpolation_defaults() {
        assert_eq!(
            interpolation_default("${JWT_SECRET:-changeme}"),
            Some(("JWT_SECRET", "changeme"))
        );
        assert_eq!(
            interpolation_default("${PORT-8080}"),
            Some(("PORT", "8080"))
        );
        assert_eq!(interpolation_default("${JWT_SECRET}"), None);
        assert_eq!(interpolation_default("${JWT_SECRET:?required}"), None);
        assert_eq!(interpolation_default("$JWT_SECRET"), None);
    }

    #[test]
    fn free_text_finds_formats_where_they_start() {
        let line = "# rotated: AKIAU29PC7ZL4HT2DTCB (old)";
        let found = free_text(line);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].2.rule, Rule::AwsAccessKeyId);
        assert_eq!(&line[found[0].0..found[0].1], "AKIAU29PC7ZL4HT2DTCB");
        assert!(free_text("# set JWT_SECRET to a long random string").is_empty());
    }

    #[test]
    fn keywords_and_ciphertext_are_not_values() {
        let text = "require_password = true\npassword = \"ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]\"\npassword_quoted = \"true\"\n";
        assert_eq!(rules("app.toml", FileKind::Toml, text), []);
        let text = "db_password: \"true\"\n";
        assert_eq!(
            rules("app.yaml", FileKind::Yaml, text),
            [(Rule::SecretBinding, 1, 14)]
        );
    }

    #[test]
    fn a_template_needs_more_than_its_key() {
        let text = "DB_PASSWORD=postgres\nSTRIPE_KEY=sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d\n";
        assert_eq!(
            rules(".env.example", FileKind::Dotenv, text),
            [(Rule::StripeKey, 2, 12)]
        );
        assert_eq!(
            rules(".env", FileKind::Dotenv, text),
            [(Rule::SecretBinding, 1, 13), (Rule::StripeKey, 2, 12)]
        );
    }

    #[test]
    fn a_cargo_manifest_needs_a_known_format() {
        let text = "[package]\nauthors = [\"StackOverflowExcept1on\"]\n[features]\nPublicKeyCredential = [\"Credential\"]\n\
                    [dependencies]\nprivate = { git = \"https://ci:hunter22@git.example.com/private.git\" }\n\
                    [package.metadata.deploy]\napi_token = \"t0k-alpha-1234\"\n";
        assert_eq!(
            rules("crates/app/Cargo.toml", FileKind::Toml, text),
            [(Rule::UrlPassword, 6, 19), (Rule::SecretBinding, 8, 13)]
        );
        // the same text in any other TOML file is judged in full; the author
        // name reads as words and `PublicKeyCredential = ["Credential"]` only
        // repeats its key, so the engine itself no longer flags them either
        assert_eq!(
            rules("app.toml", FileKind::Toml, text),
            [(Rule::UrlPassword, 6, 19), (Rule::SecretBinding, 8, 13)]
        );
    }

    #[test]
    fn permission_scopes_are_not_secrets() {
        let text = "permissions:\n  contents: read\n  id-token: write\njobs:\n  a:\n    env:\n      API_TOKEN: t0k-alpha-1234\n";
        assert_eq!(
            rules("ci.yml", FileKind::Yaml, text),
            [(Rule::SecretBinding, 7, 18)]
        );
    }

    #[test]
    fn a_key_that_is_a_credential_is_never_quoted() {
        let text = "{\"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\": \"hunter22\"}";
        let found = check_text("config.json", FileKind::Json, text, false);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0.rule, Some(Rule::GitHubToken));
        assert!(
            !found[0].0.message.contains("ghp_"),
            "{}",
            found[0].0.message
        );
        assert!(!found[0].1.contains("ghp_"), "{}", found[0].1);
    }
}
