//! The engine measured on test material someone else wrote and labelled:
//! ripsecrets 0.1.9's `test/` directory (fetched, pinned, by
//! `scripts/fetch-corpus.sh`; nothing of it is committed). Its layout is its
//! labels: each line of `one_per_line/*` holds one secret, each file of
//! `one_per_file/*` one, and no line of `none` any. Where we disagree with a
//! label, `third_party_relabels.tsv` says so and why; the score is printed
//! both ways and the floors below apply to ours.
//!
//! The lines are not Rust: each is read as the text readers of
//! `secretguard check` read a configuration line — `key = value`,
//! `key: value`, `"key": "value"`, `export KEY=value` give the value the
//! context of its key; anything else is judged by its shape alone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secretguard_scan::{Context, scan_known_format, scan_literal};

/// The material, or `None` (and a loud skip) outside CI when it was not fetched.
fn material() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::var_os("SG_CORPUS_DIR")
        .map_or_else(|| root.join("target/third-party"), |d| root.join(d));
    let dir = dir.join("ripsecrets-0.1.9/test");
    if dir.is_dir() {
        return Some(dir);
    }
    let fix = "run `bash scripts/fetch-corpus.sh` first";
    assert!(
        std::env::var_os("CI").is_none(),
        "{}: missing; {fix}",
        dir.display()
    );
    eprintln!("SKIPPED: {} is missing; {fix}", dir.display());
    None
}

/// `key <sep> value` on one line: the key without quotes, brackets or
/// `export`, the value without quotes; `None` for a line that is not one
/// (a URL, a bare token).
fn assignment(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    if line.contains("://") && !line.contains(['=', '"']) {
        return None;
    }
    let at = [":=", "=", ":"]
        .iter()
        .filter_map(|sep| line.find(sep).map(|i| (i, sep.len())))
        .min_by_key(|&(i, len)| (i, usize::MAX - len))?;
    let (key, value) = (&line[..at.0], &line[at.0 + at.1..]);
    let key = key.trim().trim_start_matches("export ");
    let key = key.trim_matches(|c: char| "[]'\"".contains(c) || c.is_whitespace());
    let value = value.trim().trim_end_matches(',');
    let value = value.trim_matches(|c| c == '"' || c == '\'');
    let is_name = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
    is_name.then_some((key, value))
}

/// Whether the engine finds a secret on `line`.
fn detects_line(line: &str) -> bool {
    if line.trim().is_empty() {
        return false;
    }
    if scan_known_format(line).is_some() {
        return true;
    }
    match assignment(line) {
        Some((key, value)) => scan_literal(value, &Context::Binding(key)).is_some(),
        None => line
            .split_whitespace()
            .any(|token| scan_literal(token, &Context::Plain).is_some()),
    }
}

/// One labelled unit: a line of a `one_per_line` or `none` file, or a whole
/// `one_per_file` file (line 0).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Unit {
    file: String,
    line: usize,
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    missed: Vec<Unit>,
    false_alarms: Vec<Unit>,
}

impl Score {
    fn add(&mut self, unit: &Unit, secret: bool, detected: bool) {
        match (secret, detected) {
            (true, true) => self.tp += 1,
            (true, false) => self.missed.push(unit.clone()),
            (false, true) => {
                self.fp += 1;
                self.false_alarms.push(unit.clone());
            }
            (false, false) => {}
        }
    }

    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp) as f64
    }

    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.missed.len()) as f64
    }

    fn show(&self, whose: &str) {
        println!(
            "{whose} labels: {} secrets, precision {:.3}, recall {:.3}",
            self.tp + self.missed.len(),
            self.precision(),
            self.recall()
        );
        for u in &self.missed {
            println!("  missed      {}:{}", u.file, u.line);
        }
        for u in &self.false_alarms {
            println!("  false alarm {}:{}", u.file, u.line);
        }
    }
}

/// Our labels where they differ from the material's: `file<TAB>line<TAB>secret|benign<TAB>why`.
fn relabels() -> BTreeMap<Unit, bool> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/third_party_relabels.tsv"
    );
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() == 4 && !f[3].trim().is_empty(), "{path}: {l}");
            let unit = Unit {
                file: f[0].to_owned(),
                line: f[1].parse().unwrap(),
            };
            (unit, f[2] == "secret")
        })
        .collect()
}

/// Every unit with the material's own label and whether the engine finds it.
fn units(dir: &Path) -> Vec<(Unit, bool, bool)> {
    let mut out = Vec::new();
    for group in ["one_per_line", "one_per_file"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(group))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for path in files {
            let name = format!("{group}/{}", path.file_name().unwrap().to_string_lossy());
            let text = std::fs::read_to_string(&path).unwrap();
            if group == "one_per_file" {
                let detected = text.lines().any(detects_line) || scan_known_format(&text).is_some();
                out.push((
                    Unit {
                        file: name,
                        line: 0,
                    },
                    true,
                    detected,
                ));
                continue;
            }
            for (i, line) in text.lines().enumerate() {
                if !line.trim().is_empty() {
                    let unit = Unit {
                        file: name.clone(),
                        line: i + 1,
                    };
                    out.push((unit, true, detects_line(line)));
                }
            }
        }
    }
    let text = std::fs::read_to_string(dir.join("none")).unwrap();
    for (i, line) in text.lines().enumerate() {
        let unit = Unit {
            file: "none".to_owned(),
            line: i + 1,
        };
        out.push((unit, false, detects_line(line)));
    }
    out
}

#[test]
fn ripsecrets_test_set() {
    let Some(dir) = material() else { return };
    let ours = relabels();
    let units = units(&dir);
    let (mut theirs_score, mut ours_score) = (Score::default(), Score::default());
    for (unit, secret, detected) in &units {
        theirs_score.add(unit, *secret, *detected);
        let secret = ours.get(unit).copied().unwrap_or(*secret);
        ours_score.add(unit, secret, *detected);
    }
    for unit in ours.keys() {
        assert!(
            units.iter().any(|(u, ..)| u == unit),
            "relabelled {}:{} is not in the material",
            unit.file,
            unit.line
        );
    }
    theirs_score.show("ripsecrets'");
    ours_score.show("our");
    // issue 12's bar is precision >= 0.99 and recall >= 0.97 here: precision
    // is met, recall not (2026-11-26: 0.909 / 0.769 in the morning; 1.000 /
    // 0.923 with age, SendGrid, Mailchimp, Square, JWE, repeated-unit
    // placeholders, dotted references and URL authorities that end at a
    // quote). Missed: the two 42 intra secrets (no rule) and `APP_KEY = …`
    // (`app` is no key qualifier: many APIs' app keys are public ids).
    // These floors keep what has been won.
    assert!(ours_score.precision() >= 0.99, "precision fell");
    assert!(ours_score.recall() >= 0.92, "recall fell");
}

#[test]
fn assignments_are_split_at_their_first_separator() {
    assert_eq!(
        assignment("export secret_key=abc"),
        Some(("secret_key", "abc"))
    );
    assert_eq!(
        assignment("clientSecretKey := \"abc\""),
        Some(("clientSecretKey", "abc"))
    );
    assert_eq!(
        assignment("['dict_key'] = \"abc\""),
        Some(("dict_key", "abc"))
    );
    assert_eq!(assignment("\"key\": \"abc\","), Some(("key", "abc")));
    assert_eq!(assignment("KEY: a:b"), Some(("KEY", "a:b")));
    assert_eq!(assignment("mysql://u:p@host"), None);
    assert_eq!(assignment("ghp_abc"), None);
}
