//! Test code (files under `tests/`, `benches/`, …, and `#[cfg(test)]` /
//! `#[test]` items) is checked for credentials an issuer hands out only;
//! the keys and vectors a test makes up are not reported. Values are made up.

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

#[test]
fn cfg_test_items_report_issuer_credentials_only() {
    let found: Vec<(usize, &str)> = check_source("src/lib.rs", SRC)
        .findings
        .iter()
        .map(|f| (f.line, f.id()))
        .collect();
    assert_eq!(found, [(3, "secret-binding"), (13, "github-token")]);
}

#[test]
fn files_under_test_directories_report_issuer_credentials_only() {
    for path in ["tests/sign.rs", "benches/hmac.rs", "src/test_vectors.rs"] {
        let found: Vec<&str> = check_source(path, SRC)
            .findings
            .iter()
            .map(|f| f.id())
            .collect();
        assert_eq!(found, ["github-token"], "{path}");
    }
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
    let summary = check_paths(&[root]);
    let paths: Vec<String> = summary
        .findings
        .iter()
        .map(|f| f.path.replace('\\', "/"))
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("app/src/main.rs"), "{paths:?}");
}
