//! The lexical pre-pass never clears a file in which the full parse and walk
//! find anything (a finding or an allow without a reason), and `check`
//! reports the same with the pre-pass on and off. Without test inputs (what
//! `check` reports by default), the test files it clears hold nothing else.
//!
//! Over a large real tree (not in CI; run it in a release build):
//!
//!     SECRETGUARD_PREFILTER_TREE=~/.cargo/registry/src \
//!         cargo test --release -p secretguard-cli --test prefilter -- --ignored --nocapture

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use secretguard_cli::{
    FileFinding, FileResult, NO_PREFILTER_VAR, Scope, check_source, check_source_parsed,
    check_source_scoped,
};
use secretguard_scan::prefilter::{Trigger, prefilter};
use secretguard_scan::walk::walk_file;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir` (no `target`, no hidden directories), sorted.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if name != "target" && !name.to_string_lossy().starts_with('.') {
                rust_files(&path, out);
            }
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What the agreement over a set of files found.
#[derive(Default)]
struct Tally {
    files: usize,
    bytes: usize,
    /// Files (and their bytes) that go to the full parse, by first trigger;
    /// then those of them with findings.
    parsed: BTreeMap<Trigger, (usize, usize, usize, usize)>,
    /// Cleared files that do not parse: errors `check` no longer reports.
    cleared_parse_errors: Vec<String>,
    /// Files whose full walk finds something, and their bytes.
    with_findings: usize,
    with_findings_bytes: usize,
    /// The largest files that go to the full parse: bytes, trigger, path.
    largest: Vec<(usize, Trigger, String)>,
    /// Cleared files whose full walk finds something: must stay empty.
    disagreements: Vec<String>,
    /// Findings checked alone (see [`isolated_findings`]).
    isolated: usize,
}

/// The byte offset of a proc-macro2 line (1-based) and column (in chars).
fn offset(source: &str, line_starts: &[usize], line: usize, column: usize) -> Option<usize> {
    let start = *line_starts.get(line.checked_sub(1)?)?;
    let rest = &source[start..];
    Some(
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(i, _)| i),
    )
}

/// `source` with each finding of `hits` alone: every other finding's span
/// replaced by `""`. One file could hide a form the pre-pass misses behind
/// another that triggers it; each of these variants must trigger it on its
/// own whenever the walk still finds something in it.
fn isolated_findings(source: &str, hits: &[secretguard_scan::walk::Hit]) -> Vec<String> {
    let mut line_starts = vec![0];
    line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
    let ranges: Vec<(usize, usize)> = hits
        .iter()
        .filter_map(|hit| {
            let (start, end) = (hit.span.start(), hit.span.end());
            Some((
                offset(source, &line_starts, start.line, start.column)?,
                offset(source, &line_starts, end.line, end.column)?,
            ))
        })
        .collect();
    if hits.len() < 2 || ranges.len() != hits.len() {
        return Vec::new();
    }
    (0..ranges.len())
        .map(|keep| {
            let mut others: Vec<(usize, usize)> = ranges
                .iter()
                .enumerate()
                .filter(|&(i, r)| i != keep && (r.1 <= ranges[keep].0 || r.0 >= ranges[keep].1))
                .map(|(_, r)| *r)
                .collect();
            others.sort();
            let mut out = String::with_capacity(source.len());
            let mut at = 0;
            for (start, end) in others {
                if start < at {
                    continue; // nested in a span already blanked
                }
                out += &source[at..start];
                out += "\"\"";
                at = end;
            }
            out += &source[at..];
            out
        })
        .collect()
}

impl Tally {
    fn add(&mut self, path: &Path, source: &str) {
        self.files += 1;
        self.bytes += source.len();
        let trigger = prefilter(source);
        if let Some(t) = trigger {
            let entry = self.parsed.entry(t).or_default();
            entry.0 += 1;
            entry.1 += source.len();
            self.largest
                .push((source.len(), t, path.display().to_string()));
            self.largest.sort_by(|a, b| b.cmp(a));
            self.largest.truncate(15);
        }
        let Ok(file) = syn::parse_file(source) else {
            if trigger.is_none() {
                self.cleared_parse_errors.push(path.display().to_string());
            }
            return;
        };
        let report = walk_file(&file);
        if report.hits.is_empty() && report.bad_allows.is_empty() {
            return;
        }
        self.with_findings += 1;
        self.with_findings_bytes += source.len();
        if let Some(entry) = trigger.and_then(|t| self.parsed.get_mut(&t)) {
            entry.2 += 1;
            entry.3 += source.len();
        }
        for (i, variant) in isolated_findings(source, &report.hits).iter().enumerate() {
            let Ok(file) = syn::parse_file(variant) else {
                continue;
            };
            let alone = walk_file(&file);
            if alone.hits.is_empty() {
                continue;
            }
            self.isolated += 1;
            if prefilter(variant).is_none() {
                let rules: Vec<_> = alone.hits.iter().map(|h| h.finding.rule.id()).collect();
                let at = report.hits[i].span.start();
                self.disagreements.push(format!(
                    "{}:{}:{} alone: {rules:?}",
                    path.display(),
                    at.line,
                    at.column + 1
                ));
            }
        }
        if trigger.is_none() {
            let rules: Vec<_> = report.hits.iter().map(|h| h.finding.rule.id()).collect();
            self.disagreements.push(format!(
                "{}: {rules:?}, {} bad allows",
                path.display(),
                report.bad_allows.len()
            ));
        }
    }

    fn of(files: &[PathBuf]) -> Tally {
        let mut tally = Tally::default();
        for path in files {
            // a file that is not UTF-8 is reported unread, before any parse
            if let Ok(source) = std::fs::read_to_string(path) {
                tally.add(path, &source);
            }
        }
        tally
    }

    fn report(&self) -> String {
        let (parsed_files, parsed_bytes) = self
            .parsed
            .values()
            .fold((0, 0), |(f, b), &(ff, bb, _, _)| (f + ff, b + bb));
        let mut out = format!(
            "{} files, {} bytes; {} files ({:.1}%), {} bytes ({:.1}%) parsed; {} with findings ({} bytes), {} findings checked alone; {} cleared files do not parse\n",
            self.files,
            self.bytes,
            parsed_files,
            100.0 * parsed_files as f64 / self.files.max(1) as f64,
            parsed_bytes,
            100.0 * parsed_bytes as f64 / self.bytes.max(1) as f64,
            self.with_findings,
            self.with_findings_bytes,
            self.isolated,
            self.cleared_parse_errors.len(),
        );
        for (trigger, (files, bytes, found_files, found_bytes)) in &self.parsed {
            out += &format!(
                "  {trigger:?}: {files} files, {bytes} bytes (with findings: {found_files} files, {found_bytes} bytes)\n"
            );
        }
        for (bytes, trigger, path) in &self.largest {
            out += &format!("  parsed: {bytes} bytes, {trigger:?}: {path}\n");
        }
        for path in &self.cleared_parse_errors {
            out += &format!("  cleared, does not parse: {path}\n");
        }
        out
    }

    fn assert_agrees(&self) {
        assert!(
            self.disagreements.is_empty(),
            "the pre-pass cleared files with findings:\n{}\n{}",
            self.disagreements.join("\n"),
            self.report()
        );
    }
}

/// What `check` reports of a file by default.
fn reported(result: FileResult) -> Vec<FileFinding> {
    result
        .findings
        .into_iter()
        .filter(|f| !f.test_input)
        .collect()
}

/// Over `files`: how many the pre-pass clears only without test inputs
/// (test files whose findings are all test inputs), and each file whose
/// reported findings differ between that check and the full parse.
fn without_test_inputs(files: &[PathBuf]) -> (usize, Vec<String>) {
    let (mut cleared, mut differ) = (0, Vec::new());
    for path in files {
        let Ok(source) = std::fs::read_to_string(path) else {
            continue;
        };
        let shown = path.display().to_string();
        let full = check_source_parsed(&shown, &source);
        if full.error.is_some() {
            continue;
        }
        let had_findings = !full.findings.is_empty();
        let scoped = check_source_scoped(&shown, &source, Scope::WithoutTestInputs);
        if had_findings && scoped.findings.is_empty() {
            cleared += 1;
        }
        if reported(scoped) != reported(full) {
            differ.push(shown);
        }
    }
    (cleared, differ)
}

#[test]
fn without_test_inputs_a_test_file_is_parsed_for_what_tests_report() {
    let mut files = Vec::new();
    rust_files(&root(), &mut files);
    let (cleared, differ) = without_test_inputs(&files);
    assert!(differ.is_empty(), "reported differently: {differ:#?}");
    // (the corpus's test files and this repository's tests hold test inputs)
    assert!(cleared > 5, "{cleared}");
}

#[test]
fn the_prefilter_never_clears_a_snippet_with_findings() {
    let mut files = Vec::new();
    rust_files(&root().join("scan/tests/corpus/snippets"), &mut files);
    assert!(!files.is_empty());
    let tally = Tally::of(&files);
    tally.assert_agrees();
    assert!(tally.with_findings > 0, "{}", tally.report());
    assert!(tally.isolated > 20, "{}", tally.report());
}

#[test]
fn the_prefilter_never_clears_a_file_of_this_repository_with_findings() {
    let mut files = Vec::new();
    rust_files(&root(), &mut files);
    let tally = Tally::of(&files);
    eprintln!("{}", tally.report());
    tally.assert_agrees();
    assert!(tally.files > 100);
    assert!(tally.with_findings > 0, "fixtures hold secrets");
}

#[test]
#[ignore = "needs a large tree: SECRETGUARD_PREFILTER_TREE"]
fn the_prefilter_never_clears_a_file_of_a_large_tree_with_findings() {
    let tree = std::env::var_os("SECRETGUARD_PREFILTER_TREE")
        .expect("set SECRETGUARD_PREFILTER_TREE to a directory");
    let mut files = Vec::new();
    rust_files(Path::new(&tree), &mut files);
    let tally = Tally::of(&files);
    eprintln!("{}", tally.report());
    tally.assert_agrees();
    let (cleared, differ) = without_test_inputs(&files);
    eprintln!("without test inputs: {cleared} more files with findings cleared");
    assert!(differ.is_empty(), "reported differently: {differ:#?}");
}

#[test]
fn check_source_is_the_same_with_and_without_the_prefilter() {
    let mut files = Vec::new();
    rust_files(&root().join("scan/tests/corpus"), &mut files);
    rust_files(&root().join("cli"), &mut files);
    rust_files(&root().join("scan/src"), &mut files);
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let shown = path.display().to_string();
        let full = check_source_parsed(&shown, &source);
        if full.error.is_none() {
            assert_eq!(check_source(&shown, &source), full, "{shown}");
        }
    }
}

/// `secretguard check --format json PATH` with the pre-pass on or off.
fn check_json(path: &Path, prefilter: bool) -> (Option<i32>, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_secretguard"));
    command.args(["check", "--format", "json"]).arg(path);
    if prefilter {
        command.env_remove(NO_PREFILTER_VAR);
    } else {
        command.env(NO_PREFILTER_VAR, "1");
    }
    let output = command.output().expect("run secretguard");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8 report"),
    )
}

#[test]
fn check_reports_the_same_with_and_without_the_prefilter() {
    for path in [root().join("scan/tests/corpus"), root()] {
        let on = check_json(&path, true);
        let off = check_json(&path, false);
        assert_eq!(on, off, "{}", path.display());
        assert_eq!(on.0, Some(1), "{} holds secrets", path.display());
    }
}
