//! Walks source trees (respecting .gitignore) and checks each file: `.rs`
//! files parsed with syn and walked by the engine, configuration files
//! (`.env`, TOML, YAML, JSON) read by `text`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::LineColumn;
use secretguard_scan::Rule;
use secretguard_scan::walk::{walk_doc_comments, walk_file};

use crate::FileKind;
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
    /// What the file was read as.
    pub kind: FileKind,
    /// The finding's identity across runs, stable when lines move: see
    /// [`FINGERPRINT_KEY`](crate::FINGERPRINT_KEY). Derived from the rule,
    /// the path and the names around the finding, never from the value.
    pub fingerprint: String,
    /// In test code (a file under `tests/`, `benches/`, `testdata/`, … or a
    /// `#[cfg(test)]`, `#[test]` or `#[bench]` item) and no credential an
    /// issuer hands out nor a service's password: a key, token or password
    /// the test makes up for itself. `check` leaves these out unless given
    /// `--include-tests` ([`Summary::drop_test_inputs`]).
    pub test_input: bool,
}

/// The id of an allow attribute without a reason, beside the engine's rule ids.
pub const ALLOW_WITHOUT_REASON: &str = "allow-without-reason";

impl FileFinding {
    /// Marks the finding a test's own input ([`FileFinding::test_input`]),
    /// and says so in its message.
    fn mark_test_input(&mut self) {
        self.test_input = true;
        self.message.push_str(" (in test code)");
    }

    /// The rule id: the engine's, or [`ALLOW_WITHOUT_REASON`].
    pub fn id(&self) -> &'static str {
        self.rule.map_or(ALLOW_WITHOUT_REASON, Rule::id)
    }

    /// What to write instead.
    pub fn help(&self) -> &'static str {
        match (self.rule, self.kind) {
            (None, _) => {
                "give the reason a reviewer should read: `#[allow_hardcoded_secret(reason = \"…\")]`"
            }
            (Some(rule), FileKind::Rust) => rule.help(),
            (Some(Rule::EnvFallback), _) => {
                "drop the default: `${NAME:?NAME is required}` stops with a message when it is unset"
            }
            (Some(_), _) => {
                "revoke it (it is in your git history now), commit the key with an empty value, and supply the value from the environment or a secret store when the program runs"
            }
        }
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
    /// How many files were checked.
    pub files_checked: usize,
    /// How many findings a baseline left out (see [`Baseline`](crate::Baseline)).
    pub baselined: usize,
}

impl Summary {
    /// Leaves out the findings that are a test's own input
    /// ([`FileFinding::test_input`]): what `check` does unless given
    /// `--include-tests`.
    pub fn drop_test_inputs(&mut self) {
        self.findings.retain(|f| !f.test_input);
    }

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

/// How much of test code a check finds.
///
/// Test inputs ([`FileFinding::test_input`]) are what `check` leaves out
/// unless given `--include-tests`. Without them, a test file (under
/// `tests/`, `benches/`, …) whose literals and comments hold nothing that
/// is reported in test code is not parsed: each scope gives the same
/// summary once [`Summary::drop_test_inputs`] has run.
///
/// ```
/// use secretguard_cli::{Scope, check_source_scoped};
///
/// let test = r#"fn t() { let key = EncodingKey::from_secret(b"test-secret"); }"#;
/// let all = check_source_scoped("tests/jwt.rs", test, Scope::WithTestInputs);
/// assert!(all.findings.iter().all(|f| f.test_input) && !all.findings.is_empty());
/// let reported = check_source_scoped("tests/jwt.rs", test, Scope::WithoutTestInputs);
/// assert!(reported.findings.is_empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every finding, test inputs marked: `check --include-tests`, and
    /// what the functions without a scope find.
    WithTestInputs,
    /// What `check` reports by default; test inputs may be missing.
    WithoutTestInputs,
}

/// Checks one file's contents, read as `kind`: everything `check` does to
/// one file, with no I/O (the unit a parallel walk hands out).
///
/// In test code — a file under `tests/`, `benches/`, `testdata/`, … of
/// `path`, or a `#[cfg(test)]`, `#[test]` or `#[bench]` item — a finding
/// that is no credential an issuer hands out nor a password for a service
/// is marked [`FileFinding::test_input`]: a key or vector the test made up
/// for itself (see `testcode.rs`).
pub fn check_file(path: &str, kind: FileKind, contents: &str) -> FileResult {
    check_file_at(path, Path::new(path), kind, contents, Scope::WithTestInputs)
}

/// [`check_file`] of the file shown as `path`, at `relative` below the
/// checked root (what says whether it is a test file).
fn check_file_at(
    path: &str,
    relative: &Path,
    kind: FileKind,
    contents: &str,
    scope: Scope,
) -> FileResult {
    let test_file = crate::testcode::is_test_path(relative);
    match kind {
        FileKind::Rust => {
            check_source_in(path, test_file, is_program_path(relative), contents, scope)
        }
        _ => FileResult {
            findings: text_findings(
                crate::text::check_text(path, kind, contents, test_file),
                test_file,
            ),
            error: None,
        },
    }
}

/// [`check_file`] on raw bytes: a Rust file must be UTF-8 (else it is
/// reported as unchecked); a text file is read with invalid bytes replaced.
pub fn check_bytes(path: &str, kind: FileKind, bytes: &[u8]) -> FileResult {
    check_bytes_at(path, Path::new(path), kind, bytes, Scope::WithTestInputs)
}

/// [`check_bytes`] of the file shown as `path`, at `relative` below the checked root.
fn check_bytes_at(
    path: &str,
    relative: &Path,
    kind: FileKind,
    bytes: &[u8],
    scope: Scope,
) -> FileResult {
    match (kind, std::str::from_utf8(bytes)) {
        (_, Ok(text)) => check_file_at(path, relative, kind, text, scope),
        (FileKind::Rust, Err(e)) => FileResult {
            findings: Vec::new(),
            error: Some(UncheckedPath {
                path: path.to_owned(),
                line: 0,
                column: 0,
                message: format!("cannot read: this file is not UTF-8 ({e})"),
            }),
        },
        (_, Err(_)) => check_file_at(path, relative, kind, &String::from_utf8_lossy(bytes), scope),
    }
}

/// Checks one Rust file's text (test code as [`check_file`] says). A file
/// the lexical pre-pass ([`secretguard_scan::prefilter`]) clears is not
/// parsed: nothing in it can be a finding. Set `SECRETGUARD_NO_PREFILTER=1`
/// to parse every file.
pub fn check_source(path: &str, source: &str) -> FileResult {
    check_source_scoped(path, source, Scope::WithTestInputs)
}

/// [`check_source`] in `scope`.
pub fn check_source_scoped(path: &str, source: &str, scope: Scope) -> FileResult {
    let (test_file, program) = path_kinds(path);
    check_source_in(path, test_file, program, source, scope)
}

/// Whether the file at `path` is test code, and whether it is a program's
/// ([`is_program_path`]).
fn path_kinds(path: &str) -> (bool, bool) {
    let at = Path::new(path);
    (crate::testcode::is_test_path(at), is_program_path(at))
}

/// The environment variable that turns the pre-pass off (any value but
/// empty or `0`): every `.rs` file is parsed, to compare or to see the
/// syntax errors of files the pre-pass clears. Not in the usage text.
pub const NO_PREFILTER_VAR: &str = "SECRETGUARD_NO_PREFILTER";

/// Whether [`NO_PREFILTER_VAR`] leaves the pre-pass on (read once).
fn prefilter_enabled() -> bool {
    static ENABLED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ENABLED
        .get_or_init(|| std::env::var_os(NO_PREFILTER_VAR).is_none_or(|v| v.is_empty() || v == "0"))
}

/// [`check_source`] in `scope`, told whether the whole file is test code
/// and whether it is a program's (see [`is_program_path`]).
fn check_source_in(
    path: &str,
    test_file: bool,
    program: bool,
    source: &str,
    scope: Scope,
) -> FileResult {
    use secretguard_scan::prefilter::{needs_parse, prefilter_test_file};
    let cleared = prefilter_enabled()
        && if test_file && scope == Scope::WithoutTestInputs {
            prefilter_test_file(source).is_none()
        } else {
            !needs_parse(source)
        };
    // (a program's doc comments, which the pre-pass does not read, too)
    if cleared && (!program || walk_doc_comments(source).hits.is_empty()) {
        return FileResult::default();
    }
    check_parsed_in(path, test_file, program, source)
}

/// Whether `relative` (below the checked root) is a program's file rather
/// than a library's: an example (under `examples/`) or a binary (under
/// `src/bin/`, or a `main.rs`). Its doc comments tell how to run that
/// program, with what it runs with (`//! ADMIN_PASSWORD=admin`), and are
/// read as plain comments are; a library's document an API for its
/// readers, example credentials and all, and stay unread.
pub(crate) fn is_program_path(relative: &Path) -> bool {
    let components = crate::testcode::path_names(relative);
    let Some((file, dirs)) = components.split_last() else {
        return false;
    };
    *file == "main.rs" || dirs.contains(&"examples") || dirs.windows(2).any(|w| w == ["src", "bin"])
}

/// [`check_source`] without the pre-pass: parse and walk, whatever the file.
#[doc(hidden)]
pub fn check_source_parsed(path: &str, source: &str) -> FileResult {
    let (test_file, program) = path_kinds(path);
    check_parsed_in(path, test_file, program, source)
}

/// [`check_source_parsed`], told whether the whole file is test code and
/// whether it is a program's.
fn check_parsed_in(path: &str, test_file: bool, program: bool, source: &str) -> FileResult {
    let front = crate::frontmatter::split(source);
    let source = front.as_ref().map_or(source, |f| f.code.as_str());
    // a snippet of statements (a README's example saved as a file, `let`s
    // at the top) is checked as the body of a function: one line down
    let (file, text, offset) = match syn::parse_file(source) {
        Ok(file) => (file, std::borrow::Cow::Borrowed(source), 0),
        Err(e) => {
            let wrapped = format!("fn __snippet() {{\n{source}\n}}");
            match syn::parse_file(&wrapped) {
                Ok(file) => (file, std::borrow::Cow::Owned(wrapped), 1),
                Err(_) => return unparsed(path, test_file, source, &e),
            }
        }
    };
    let source = text.as_ref();
    let mut report = walk_file(&file);
    report
        .hits
        .extend(secretguard_scan::walk::walk_commented_code(source).hits);
    if program {
        report.hits.extend(walk_doc_comments(source).hits);
    }
    let test_lines = if test_file || report.hits.is_empty() {
        Vec::new()
    } else {
        crate::testcode::test_item_lines(&file)
    };
    let in_tests = |line: usize| test_file || crate::testcode::in_ranges(&test_lines, line);
    // a rejection test's wrong password is no credential, even with
    // `--include-tests` (see `testcode::rejection_test_lines`)
    let rejection_lines = if (test_file || !test_lines.is_empty()) && !report.hits.is_empty() {
        crate::testcode::rejection_test_lines(&file)
    } else {
        Vec::new()
    };
    let test_input = |hit: &secretguard_scan::walk::Hit| {
        in_tests(hit.span.start().line)
            && (!crate::testcode::reported_in_tests(Some(hit.finding.rule)) || hit.finding.stand_in)
    };
    let in_rejection_test =
        |line: usize| in_tests(line) && crate::testcode::in_ranges(&rejection_lines, line);
    let rejected = |hit: &secretguard_scan::walk::Hit| {
        test_input(hit) && in_rejection_test(hit.span.start().line)
    };
    // (a dropped literal is no repeat of a value found elsewhere either)
    let starts: Vec<LineColumn> = report.hits.iter().map(|h| h.span.start()).collect();
    report.hits.retain(|hit| !rejected(hit));
    // a finding of `rule` from `start` to `end` of the parsed text
    let found = |start: LineColumn, end: LineColumn, rule: Rule, reason: &str| FileFinding {
        path: path.to_owned(),
        line: start.line - offset,
        column: start.column + 1,
        end_line: end.line - offset,
        end_column: end.column + 1,
        rule: Some(rule),
        message: format!("hardcoded secret: {reason}"),
        kind: FileKind::Rust,
        fingerprint: String::new(),
        test_input: false,
    };
    let mut findings: Vec<FileFinding> = report
        .hits
        .iter()
        .map(|hit| {
            let (start, end) = (hit.span.start(), hit.span.end());
            let mut finding = found(start, end, hit.finding.rule, &hit.finding.reason);
            if test_input(hit) {
                finding.mark_test_input();
            }
            finding
        })
        .collect();
    // a value found once and repeated in the file's other literals (a seed
    // script's `println!("admin@example.com / admin123")`)
    let stated: Vec<LineColumn> = report
        .hits
        .iter()
        .filter(|h| {
            matches!(
                h.finding.rule,
                Rule::SecretBinding | Rule::KeyConstructor | Rule::EnvFallback
            )
        })
        .map(|h| h.span.start())
        .collect();
    if !stated.is_empty() {
        for (start, end, first) in crate::repeats::repeated(source, &stated, &starts) {
            if in_rejection_test(start.line) {
                continue;
            }
            let reason = format!("the same value as at line {}", first - offset);
            let mut finding = found(start, end, Rule::SecretBinding, &reason);
            if in_tests(start.line) {
                finding.mark_test_input();
            }
            findings.push(finding);
        }
    }
    findings.extend(report.bad_allows.iter().map(|bad| {
        let start = bad.span().start();
        FileFinding {
            path: path.to_owned(),
            line: start.line - offset,
            column: start.column + 1,
            end_line: start.line - offset,
            end_column: start.column + 2,
            rule: None,
            message: bad.message.to_owned(),
            kind: FileKind::Rust,
            fingerprint: String::new(),
            test_input: false,
        }
    }));
    findings.sort_by_key(|f| (f.line, f.column));
    if !findings.is_empty() {
        // a second, pruned walk, only for files with findings: clean files cost nothing more
        let positions: Vec<LineColumn> = findings
            .iter()
            .map(|f| LineColumn {
                line: f.line + offset,
                column: f.column - 1,
            })
            .collect();
        let contexts = fingerprint::rust_contexts(&file, &positions);
        fingerprint::assign(&mut findings, &contexts);
    }
    if let Some(front) = front {
        findings.extend(manifest_findings(path, test_file, &front));
        findings.sort_by_key(|f| (f.line, f.column));
    }
    FileResult {
        findings,
        error: None,
    }
}

/// A file that does not parse, as a snippet neither: reported as unchecked,
/// with what a syntax error cannot hide — the known formats and the
/// literals in its text (see `text::known_formats_in`).
fn unparsed(path: &str, test_file: bool, source: &str, e: &syn::Error) -> FileResult {
    let start = e.span().start();
    let found = crate::text::known_formats_in(path, FileKind::Rust, source, test_file);
    FileResult {
        findings: text_findings(found, test_file),
        error: Some(UncheckedPath {
            path: path.to_owned(),
            line: start.line,
            column: start.column + 1,
            message: format!("this file does not parse as Rust: {e}"),
        }),
    }
}

/// The findings in a cargo script's embedded manifest, placed in the file
/// and fingerprinted by their keys as a `Cargo.toml`'s are.
fn manifest_findings(
    path: &str,
    test_file: bool,
    front: &crate::frontmatter::Frontmatter<'_>,
) -> Vec<FileFinding> {
    let found = crate::text::check_embedded_manifest(path, front.body, test_file);
    let mut findings = text_findings(found, test_file);
    for f in &mut findings {
        f.line += front.body_line - 1;
        f.end_line += front.body_line - 1;
    }
    findings
}

/// Findings read from text, each with its context (see `text::check_text`):
/// in a test file the ones a test makes up for itself marked, and each
/// fingerprinted by its context.
fn text_findings(found: Vec<(FileFinding, String)>, test_file: bool) -> Vec<FileFinding> {
    let (mut findings, contexts): (Vec<FileFinding>, Vec<String>) = found
        .into_iter()
        .map(|(mut f, context)| {
            if test_file && !crate::testcode::reported_in_tests(f.rule) {
                f.mark_test_input();
            }
            (f, context)
        })
        .unzip();
    fingerprint::assign(&mut findings, &contexts);
    findings
}

/// Checks every file under `paths` that [`FileKind::of`] names (files are
/// checked as given; directories are walked, honouring `.gitignore` and
/// `.ignore`, hidden files included, `.git` and other VCS directories not),
/// on [`default_workers`] threads. The summary is the same whatever the
/// number of threads: findings and errors in path order, then position.
pub fn check_paths(paths: &[PathBuf]) -> Summary {
    check_paths_with(paths, default_workers())
}

/// [`check_paths`] on `workers` threads (at least one; never the calling
/// thread). Each thread reads and checks one file at a time, so memory holds
/// at most `workers` files' contents and syntax trees, plus the findings.
pub fn check_paths_with(paths: &[PathBuf], workers: usize) -> Summary {
    check_paths_scoped(paths, workers, Scope::WithTestInputs)
}

/// [`check_paths_with`] in `scope`: what `check` runs.
pub fn check_paths_scoped(paths: &[PathBuf], workers: usize, scope: Scope) -> Summary {
    // the walk and the checks overlap: the calling thread walks and hands
    // each file over as it is found; the results are put in path order at
    // the end (a file found twice, under two of `paths`, counts once)
    let queue = FileQueue::default();
    let (mut results, errors) = on_workers(
        workers,
        || {
            let mut done = Vec::new();
            while let Some((found, file, kind)) = queue.pop() {
                let result = check_found(&file, kind, scope);
                done.push((file, found, result));
            }
            done
        },
        || {
            // (the queue is closed however the walk ends, or the workers wait)
            let closer = CloseOnDrop(&queue);
            let mut found = 0;
            walk_each(paths, true, |file, root| {
                if let Some(kind) = FileKind::of(file) {
                    closer
                        .0
                        .push((found, file.to_path_buf(), (root.to_path_buf(), kind)));
                    found += 1;
                }
            })
        },
    );
    // (of a file found twice, the first found counts, as the path it was
    // found under decides what is test code)
    results.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    results.dedup_by(|a, b| a.0 == b.0);
    let mut summary = Summary {
        errors,
        ..Summary::default()
    };
    for (_, _, result) in results {
        summary.findings.extend(result.findings);
        summary.errors.extend(result.error);
        summary.files_checked += 1;
    }
    summary
}

/// Reads and checks one file found under `root`, as `check` shows it.
fn check_found(file: &Path, (root, kind): (PathBuf, FileKind), scope: Scope) -> FileResult {
    let shown = display(file);
    let relative = relative_to(file, &root);
    match read_into_buffer(file, |bytes| {
        checked_on_pool(|| check_bytes_at(&shown, &relative, kind, bytes, scope))
    }) {
        Ok(result) => result,
        Err(e) => FileResult {
            findings: Vec::new(),
            error: Some(UncheckedPath {
                path: shown,
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            }),
        },
    }
}

/// A file found: the how-many-th, its path, the path it was found under
/// and its kind.
type FoundFile = (usize, PathBuf, (PathBuf, FileKind));

/// The files the walk has found and no worker has taken yet, and whether
/// the walk is over.
#[derive(Default)]
struct FileQueue {
    state: std::sync::Mutex<(std::collections::VecDeque<FoundFile>, bool)>,
    ready: std::sync::Condvar,
}

impl FileQueue {
    fn push(&self, item: FoundFile) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.0.push_back(item);
        drop(state);
        self.ready.notify_one();
    }

    /// The next file, waiting for the walk; `None` once the walk is over
    /// and every file taken.
    fn pop(&self) -> Option<FoundFile> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        loop {
            if let Some(item) = state.0.pop_front() {
                return Some(item);
            }
            if state.1 {
                return None;
            }
            state = self
                .ready
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    fn close(&self) {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .1 = true;
        self.ready.notify_all();
    }
}

/// Closes its queue when dropped, a panicking walk included.
struct CloseOnDrop<'q>(&'q FileQueue);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Reads `file` into the calling thread's buffer and runs `use_bytes` on
/// its contents. The buffer is reused from file to file: most files are
/// cleared by the pre-pass without a single allocation, where a fresh
/// `Vec` per file made the allocator fault in and zero new pages.
fn read_into_buffer<R>(file: &Path, use_bytes: impl FnOnce(&[u8]) -> R) -> std::io::Result<R> {
    use std::io::Read as _;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    /// Larger buffers are freed after use, not kept for the next file.
    const KEPT: usize = 4 << 20;
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        std::fs::File::open(file)?.read_to_end(buffer)?;
        let result = use_bytes(buffer);
        if buffer.capacity() > KEPT {
            *buffer = Vec::new();
        }
        Ok(result)
    })
}

/// Checks files already in memory (`(path, kind, bytes)`) on `workers`
/// threads (never the calling thread), as [`check_bytes`] would one by one:
/// the results in input order.
pub fn check_all<B: AsRef<[u8]> + Sync>(
    files: &[(String, FileKind, B)],
    workers: usize,
) -> Vec<FileResult> {
    check_all_scoped(files, workers, Scope::WithTestInputs)
}

/// [`check_all`] in `scope`.
pub fn check_all_scoped<B: AsRef<[u8]> + Sync>(
    files: &[(String, FileKind, B)],
    workers: usize,
    scope: Scope,
) -> Vec<FileResult> {
    map_ordered(files, workers, |(path, kind, bytes)| {
        checked_on_pool(|| check_bytes_at(path, Path::new(path), *kind, bytes.as_ref(), scope))
    })
}

/// Runs one file's check on a pool thread, then frees the spans it made.
///
/// proc-macro2 (with `span-locations`) keeps every parsed file's source
/// and line table in a thread-local map until told otherwise: 200 MB of
/// Rust grew the process by as much. A file's spans are all turned into
/// lines and columns before `check_bytes` returns, and the pool's threads
/// are ours (never the caller's, whose spans this would break), so the map
/// is emptied after each file and memory stays flat in the tree's size.
fn checked_on_pool(check: impl FnOnce() -> FileResult) -> FileResult {
    let result = check();
    proc_macro2::extra::invalidate_current_thread_spans();
    result
}

/// The machine's available parallelism, 1 when it cannot be told.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// A worker's stack: the main thread's usual 8 MiB, not a spawned thread's
/// 2 MiB, so deeply nested code that parsed on the old single-threaded walk
/// (syn's parser recurses) still parses on the pool.
const WORKER_STACK: usize = 8 << 20;

/// `items.iter().map(job).collect()` on up to `workers` scoped threads (at
/// least one, never the calling thread) that take the next index from a
/// shared counter; each keeps its results with their indices and hands
/// them back when it ends, and they are put in their item's slot, so the
/// output order is the input order whatever the scheduling. (A channel
/// woke the calling thread once per file; its futex wake-ups were a few
/// percent of a large check's profile.) A panicking job panics here.
fn map_ordered<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = workers.clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    let (done, ()) = on_workers(
        workers,
        || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                done.push((i, job(item)));
            }
            done
        },
        || {},
    );
    for (i, result) in done {
        slots[i] = Some(result);
    }
    slots
        .into_iter()
        .map(|slot| slot.expect("every index is taken by exactly one worker"))
        .collect()
}

/// Runs `work` on `workers` scoped threads (at least one, never the
/// calling thread, each with [`WORKER_STACK`]) while the calling thread
/// runs `meanwhile`; then every worker's results, worker by worker, and
/// what `meanwhile` gave. A panicking worker panics here.
fn on_workers<R: Send, M>(
    workers: usize,
    work: impl Fn() -> Vec<R> + Sync,
    meanwhile: impl FnOnce() -> M,
) -> (Vec<R>, M) {
    std::thread::scope(|scope| {
        let work = &work;
        let handles: Vec<_> = (0..workers.max(1))
            .map(|_| {
                std::thread::Builder::new()
                    .name("secretguard-check".to_owned())
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, work)
                    .expect("spawn a checking thread")
            })
            .collect();
        let also = meanwhile();
        let done = handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (done, also)
    })
}

/// Directories of version control metadata: never part of the tree.
const VCS_DIRS: [&str; 5] = [".git", ".hg", ".svn", ".jj", ".pijul"];

/// `file`'s path below `root`, the path it was found under (a file given
/// itself: its name).
fn relative_to(file: &Path, root: &Path) -> PathBuf {
    match file.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
        _ => file.file_name().map(PathBuf::from).unwrap_or_default(),
    }
}

/// Every `.rs` file under `paths`, sorted, each with the name it is shown by,
/// and every path that does not exist or cannot be walked.
pub(crate) fn rust_files(paths: &[PathBuf]) -> (Vec<(PathBuf, String)>, Vec<UncheckedPath>) {
    let (files, errors) = walk(paths, false, |file, _| {
        file.extension().is_some_and(|e| e == "rs").then_some(())
    });
    let files = files.into_iter().map(|(f, shown, ())| (f, shown)).collect();
    (files, errors)
}

/// The files under `paths` that `pick` (given the file and the path it was
/// found under) says something of, sorted and without
/// repeats, honouring `.gitignore`; hidden ones too when `hidden`, never
/// version control metadata. Paths that do not exist or cannot be walked are
/// errors.
fn walk<K>(
    paths: &[PathBuf],
    hidden: bool,
    pick: impl Fn(&Path, &Path) -> Option<K>,
) -> (Vec<(PathBuf, String, K)>, Vec<UncheckedPath>) {
    let mut files = Vec::new();
    let errors = walk_each(paths, hidden, |file, root| {
        if let Some(kind) = pick(file, root) {
            files.push((file.to_path_buf(), kind));
        }
    });
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    let files = files
        .into_iter()
        .map(|(f, kind)| {
            let shown = display(&f);
            (f, shown, kind)
        })
        .collect();
    (files, errors)
}

/// Hands `found` each file under `paths` as the walk meets it (with the
/// path it was found under), honouring `.gitignore`, hidden ones too when
/// `hidden`, never version control metadata; the paths that do not exist
/// or cannot be walked are the errors.
fn walk_each(
    paths: &[PathBuf],
    hidden: bool,
    mut found: impl FnMut(&Path, &Path),
) -> Vec<UncheckedPath> {
    let mut errors = Vec::new();
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
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .hidden(!hidden)
            .filter_entry(|entry| {
                !(entry.file_type().is_some_and(|t| t.is_dir())
                    && entry
                        .file_name()
                        .to_str()
                        .is_some_and(|name| VCS_DIRS.contains(&name)))
            })
            .build();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    found(entry.path(), path);
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
    errors
}

/// `./src/a.rs` shows as `src/a.rs`.
fn display(path: &Path) -> String {
    let shown = path.display().to_string();
    shown.strip_prefix("./").map(str::to_owned).unwrap_or(shown)
}
