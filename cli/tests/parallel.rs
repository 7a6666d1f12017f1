//! The parallel walk finds exactly what one thread finds: same findings,
//! same errors, same order, file by file.
//!
//! Over a large real tree (not in CI; it takes minutes in a debug build):
//!
//!     SECRETGUARD_EQUIVALENCE_TREE=~/.cargo/registry/src \
//!         cargo test --release -p secretguard-cli --test parallel -- --ignored

use std::path::{Path, PathBuf};

use secretguard_cli::{FileKind, Summary, check_all, check_bytes, check_paths_with};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the walk on one thread and on `workers` threads and compares.
fn assert_same(paths: &[PathBuf], workers: usize) -> Summary {
    let one = check_paths_with(paths, 1);
    let many = check_paths_with(paths, workers);
    assert_eq!(one.files_checked, many.files_checked);
    assert_eq!(one.errors, many.errors);
    for (a, b) in one.findings.iter().zip(&many.findings) {
        assert_eq!(a, b);
    }
    assert_eq!(one, many);
    one
}

#[test]
fn the_scan_corpus_gives_the_same_findings_on_any_number_of_threads() {
    let scan = root().join("scan/tests");
    let paths = [scan.join("data"), scan.join("corpus")];
    let summary = assert_same(&paths, 4);
    assert!(summary.files_checked > 0);
    assert!(
        !summary.findings.is_empty(),
        "the corpus has secrets to find"
    );
}

#[test]
fn this_repository_gives_the_same_findings_on_any_number_of_threads() {
    let summary = assert_same(&[root()], 3);
    assert!(summary.files_checked > 100);
    assert!(!summary.findings.is_empty(), "fixtures hold secrets");
}

#[test]
fn a_file_found_under_two_paths_counts_once_as_first_found() {
    // under `dir`, `tests/leak.rs` is test code; given itself, the file's
    // path below what was given is its name, and it is not
    let dir = std::env::temp_dir().join(format!("sg-twice-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    let file = dir.join("tests/leak.rs");
    std::fs::write(
        &file,
        "fn f() { let db_password = \"Hq7-live-pw-2026\"; }\n",
    )
    .unwrap();
    let as_test = assert_same(&[dir.clone(), file.clone()], 4);
    let as_given = assert_same(&[file.clone(), dir.clone()], 4);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!((as_test.files_checked, as_given.files_checked), (1, 1));
    assert_eq!(as_test.findings.len(), 1);
    assert_eq!(as_given.findings.len(), 1);
    assert!(
        as_test.findings[0].test_input,
        "found under the directory first"
    );
    assert!(!as_given.findings[0].test_input, "found as given first");
}

#[test]
fn check_all_keeps_input_order_and_matches_check_bytes() {
    let files: Vec<(String, FileKind, String)> = (0..64)
        .map(|i| {
            let source = if i % 3 == 0 {
                format!("fn f{i}() {{ let db_password = \"hunter{i:02}x\"; }}")
            } else if i % 7 == 0 {
                "fn broken( {".to_owned()
            } else {
                format!("fn f{i}() {{ let port = {i}; }}")
            };
            (format!("src/f{i}.rs"), FileKind::Rust, source)
        })
        .collect();
    let sequential: Vec<_> = files
        .iter()
        .map(|(path, kind, source)| check_bytes(path, *kind, source.as_bytes()))
        .collect();
    assert_eq!(check_all(&files, 4), sequential);
    assert_eq!(check_all(&files, 1), sequential);
    assert_eq!(check_all::<String>(&[], 4), []);
}

#[test]
#[ignore = "needs a large tree: SECRETGUARD_EQUIVALENCE_TREE"]
fn a_large_tree_gives_the_same_findings_on_any_number_of_threads() {
    let tree = std::env::var_os("SECRETGUARD_EQUIVALENCE_TREE")
        .expect("set SECRETGUARD_EQUIVALENCE_TREE to a directory");
    let workers = secretguard_cli::default_workers().max(2);
    let summary = assert_same(&[PathBuf::from(tree)], workers);
    eprintln!(
        "{} files, {} findings, {} unchecked: the same on 1 and {workers} threads",
        summary.files_checked,
        summary.findings.len(),
        summary.errors.len()
    );
}

#[test]
fn deeply_nested_code_parses_on_the_pool_as_on_a_main_thread() {
    // 2 MiB, a spawned thread's default stack, overflowed on this in a
    // release build; the pool's threads get a main thread's 8 MiB
    let depth = if cfg!(debug_assertions) { 250 } else { 1000 };
    let source = format!(
        "fn f() {{ let db_password = {}\"hunter22\"{}; }}",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let files = [("src/deep.rs".to_owned(), FileKind::Rust, source)];
    let results = check_all(&files, 2);
    assert_eq!(results[0].error, None);
    assert_eq!(results[0].findings.len(), 1);
}
