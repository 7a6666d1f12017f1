//! Test code (files under `tests/`, `benches/`, …, and `#[cfg(test)]` /
//! `#[test]` items) is checked like the rest, but a finding there that is
//! no credential an issuer hands out (nor a service's password) is marked
//! a test's own input, which `check` reports only with `--include-tests`.
//! Values are made up.

use std::fs;

use secretguard_cli::{check_paths, check_source};

const SRC: &str = r#"
pub fn connect() {
    let db_password = "Tq7vXw2pLm";
}

#[cfg(test)]
mod tests {
    const VECTOR_KEY: &[u8] = b"\x9b\xbe\x43\x6b\xa9\x40\xf0\x17";
    #[test]
    fn signs() {
        let secret = "Tq7vXw2pLm";
        let key = EncodingKey::from_secret(b"secret");
        let token = "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";
    }
}
"#;

/// (line, rule, whether a test's own input) of each finding.
fn found(path: &str) -> Vec<(usize, &'static str, bool)> {
    let result = check_source(path, SRC);
    for f in &result.findings {
        assert_eq!(
            f.test_input,
            f.message.ends_with(" (in test code)"),
            "{f:?}"
        );
    }
    result
        .findings
        .iter()
        .map(|f| (f.line, f.id(), f.test_input))
        .collect()
}

#[test]
fn cfg_test_items_mark_all_but_issuer_credentials() {
    assert_eq!(
        found("src/lib.rs"),
        [
            (3, "secret-binding", false),
            (11, "secret-binding", true),
            (12, "key-constructor", true),
            (13, "github-token", false)
        ]
    );
}

#[test]
fn files_under_test_directories_mark_all_but_issuer_credentials() {
    for path in ["tests/sign.rs", "benches/hmac.rs", "src/test_vectors.rs"] {
        let marked: Vec<bool> = found(path).iter().map(|f| f.2).collect();
        assert_eq!(marked, [true, true, true, false], "{path}");
    }
}

#[test]
fn check_reports_test_inputs_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("src")).unwrap();
    fs::write(dir.path().join("src/lib.rs"), SRC).unwrap();
    let run = |extra: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_secretguard"))
            .arg("check")
            .args(extra)
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let default = run(&[]);
    assert_eq!(default.matches("error[").count(), 2, "{default}");
    assert!(!default.contains("(in test code)"), "{default}");
    let all = run(&["--include-tests"]);
    assert_eq!(all.matches("error[").count(), 4, "{all}");
    assert_eq!(all.matches("(in test code)").count(), 2, "{all}");
    let json = run(&["--include-tests", "--format", "json"]);
    assert_eq!(json.matches("\"test_input\": true").count(), 2, "{json}");
}

#[test]
fn a_root_under_a_tests_directory_is_not_all_test_code() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("tests").join("app");
    fs::create_dir_all(root.join("src")).unwrap();
    fs::create_dir_all(root.join("tests")).unwrap();
    let leaky = "fn f() { let db_password = \"Tq7vXw2pLm\"; }\n";
    fs::write(root.join("src/main.rs"), leaky).unwrap();
    fs::write(root.join("tests/it.rs"), leaky).unwrap();
    let mut summary = check_paths(&[root]);
    summary.drop_test_inputs();
    let paths: Vec<String> = summary
        .findings
        .iter()
        .map(|f| f.path.replace('\\', "/"))
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("app/src/main.rs"), "{paths:?}");
}

/// A rejection test's password is meant to fail: no credential, not even
/// with `--include-tests`; the one it rejects it for still is.
#[test]
fn a_rejection_tests_wrong_password_is_no_finding() {
    let src = r#"
#[test]
fn login_with_wrong_password_is_unauthorized() {
    let password = "Nope-2026-x";
}

#[test]
fn login_succeeds() {
    let password = "Right-2026-y";
}
"#;
    let found: Vec<(usize, bool)> = check_source("tests/auth.rs", src)
        .findings
        .iter()
        .map(|f| (f.line, f.test_input))
        .collect();
    assert_eq!(found, [(9, true)]);
}
