//! Walks source trees (respecting .gitignore), parses each `.rs` file and runs
//! the engine over it.

use std::path::{Path, PathBuf};

use proc_macro2::LineColumn;
use secretguard_scan::Rule;
use secretguard_scan::walk::walk_file;

use crate::fingerprint;

/// One hardcoded secret found in a file: where, which rule, why (never the
/// value). The engine's [`secretguard_scan::Finding`] plus its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFinding {
    /// The file, as it was reached from the paths given.
    pub path: String,
    /// 1-based line of the literal's start.
    pub line: usize,
    /// 1-based column (in characters) of the literal's start.
    pub column: usize,
    /// 1-based line of the literal's end.
    pub end_line: usize,
    /// 1-based column just past the literal's end.
    pub end_column: usize,
    /// The rule that fired; `None` for an allow attribute without a reason.
    pub rule: Option<Rule>,
    /// One line, without the value.
    pub message: String,
    /// The finding's identity across runs, stable when lines move: see
    /// [`FINGERPRINT_KEY`](crate::FINGERPRINT_KEY). Derived from the rule,
    /// the path and the names around the finding, never from the value.
    pub fingerprint: String,
}

/// The id of an allow attribute without a reason, beside the engine's rule ids.
pub const ALLOW_WITHOUT_REASON: &str = "allow-without-reason";

impl FileFinding {
    /// The rule id: the engine's, or [`ALLOW_WITHOUT_REASON`].
    pub fn id(&self) -> &'static str {
        self.rule.map_or(ALLOW_WITHOUT_REASON, Rule::id)
    }

    /// What to write instead.
    pub fn help(&self) -> &'static str {
        self.rule.map_or(
            "give the reason a reviewer should read: `#[allow_hardcoded_secret(reason = \"…\")]`",
            Rule::help,
        )
    }
}

/// A path that could not be checked: it does not exist, cannot be read or
/// walked, or does not parse as Rust. Reported as `error[unchecked]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UncheckedPath {
    /// The path as given when it does not exist or cannot be walked, else the file.
    pub path: String,
    /// 1-based line, 0 when the file could not be read at all.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What went wrong.
    pub message: String,
}

/// What checking one file found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileResult {
    /// Hardcoded secrets, in source order.
    pub findings: Vec<FileFinding>,
    /// Why the file could not be checked, if it could not.
    pub error: Option<UncheckedPath>,
}

/// What checking a set of paths found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Every finding, by path then position.
    pub findings: Vec<FileFinding>,
    /// Every file that could not be read or parsed, and every path that does not exist.
    pub errors: Vec<UncheckedPath>,
    /// How many `.rs` files were checked.
    pub files_checked: usize,
}

impl Summary {
    /// The process exit code: 1 when anything was found, else 2 when a file
    /// could not be checked, else 0.
    pub fn exit_code(&self) -> i32 {
        if !self.findings.is_empty() {
            1
        } else if !self.errors.is_empty() {
            2
        } else {
            0
        }
    }
}

/// Checks one file's text.
pub fn check_source(path: &str, source: &str) -> FileResult {
    let file = match syn::parse_file(source) {
        Ok(file) => file,
        Err(e) => {
            let start = e.span().start();
            return FileResult {
                findings: Vec::new(),
                error: Some(UncheckedPath {
                    path: path.to_owned(),
                    line: start.line,
                    column: start.column + 1,
                    message: format!("this file does not parse as Rust: {e}"),
                }),
            };
        }
    };
    let report = walk_file(&file);
    let mut findings: Vec<FileFinding> = report
        .hits
        .iter()
        .map(|hit| {
            let (start, end) = (hit.span.start(), hit.span.end());
            FileFinding {
                path: path.to_owned(),
                line: start.line,
                column: start.column + 1,
                end_line: end.line,
                end_column: end.column + 1,
                rule: Some(hit.finding.rule),
                message: format!("hardcoded secret: {}", hit.finding.reason),
                fingerprint: String::new(),
            }
        })
        .collect();
    findings.extend(report.bad_allows.iter().map(|bad| {
        let start = bad.span().start();
        FileFinding {
            path: path.to_owned(),
            line: start.line,
            column: start.column + 1,
            end_line: start.line,
            end_column: start.column + 2,
            rule: None,
            message: bad.message.to_owned(),
            fingerprint: String::new(),
        }
    }));
    findings.sort_by_key(|f| (f.line, f.column));
    if !findings.is_empty() {
        // a second, pruned walk, only for files with findings: clean files cost nothing more
        let positions: Vec<LineColumn> = findings
            .iter()
            .map(|f| LineColumn {
                line: f.line,
                column: f.column - 1,
            })
            .collect();
        let contexts = fingerprint::rust_contexts(&file, &positions);
        fingerprint::assign(&mut findings, &contexts);
    }
    FileResult {
        findings,
        error: None,
    }
}

/// Checks every `.rs` file under `paths` (files are checked as given;
/// directories are walked, honouring `.gitignore`, `.ignore` and hidden-file rules).
pub fn check_paths(paths: &[PathBuf]) -> Summary {
    let (files, errors) = rust_files(paths);
    let mut summary = Summary {
        errors,
        ..Summary::default()
    };
    for (file, shown) in files {
        match std::fs::read_to_string(&file) {
            Ok(source) => {
                let result = check_source(&shown, &source);
                summary.findings.extend(result.findings);
                summary.errors.extend(result.error);
            }
            Err(e) => summary.errors.push(UncheckedPath {
                path: shown,
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            }),
        }
        summary.files_checked += 1;
    }
    summary
}

/// Every `.rs` file under `paths`, sorted, each with the name it is shown by,
/// and every path that does not exist or cannot be walked.
pub(crate) fn rust_files(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<UncheckedPath>) {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            errors.push(UncheckedPath {
                path: display(path),
                line: 0,
                column: 0,
                message: "no such file or directory".to_owned(),
            });
            continue;
        }
        let walk = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let file = entry.into_path();
                    if file.extension().is_some_and(|e| e == "rs") {
                        files.push(file);
                    }
                }
                Ok(_) => {}
                Err(e) => errors.push(UncheckedPath {
                    path: display(path),
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                }),
            }
        }
    }
    files.sort();
    files.dedup();
    let files = files
        .into_iter()
        .map(|f| {
            let shown = display(&f);
            (f, shown)
        })
        .collect();
    (files, errors)
}

/// `./src/a.rs` shows as `src/a.rs`.
fn display(path: &Path) -> String {
    let shown = path.display().to_string();
    shown.strip_prefix("./").map(str::to_owned).unwrap_or(shown)
}
