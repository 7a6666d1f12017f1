//! `.rs` files that are not a crate's Rust: a snippet of statements (a
//! README's example saved as a file, `let`s at the top) is checked as the
//! body of a function, at its own lines; a file that does not parse even
//! so (a typo) is reported as unchecked — and the known credential formats
//! and the literals in its text are reported all the same: a syntax error
//! hides none of them.

use secretguard_cli::{FileKind, check_source};

const INFURA: &str = "https://mainnet.infura.io/v3/9b9fa0c508a608bbe778f779b84f02f4";

/// Statements at the top, as the examples in a README are written.
fn snippet() -> String {
    format!(
        "use ethers::prelude::*;\n\n\
         let provider = Provider::<Http>::try_from(\n    \"{INFURA}\"\n)?;\n\
         let token = encode(&Header::default(), &claims, &EncodingKey::from_secret(\"secret\".as_ref()))?;\n\
         let label = \"not a secret at all\";\n"
    )
}

/// The same with a typo (`user` for `use`): no Rust at all.
fn broken() -> String {
    format!(
        "user ethers::prelude::*;\n\n\
         let provider = Provider::<Http>::try_from(\n    \"{INFURA}\"\n)?;\n\
         let db = \"postgres://app:Vq7-pw-2026@db.internal/app\";\n\
         let local = \"postgres://postgres:password@localhost/test\";\n\
         let mnemonic = \"gas monster ski craft below illegal discover limit dig bundle bus artefact\";\n\
         let label = \"not a secret at all\";\n"
    )
}

#[test]
fn a_snippet_of_statements_is_checked_as_a_function_body() {
    let result = check_source("examples/readme.rs", &snippet());
    assert_eq!(result.error, None);
    let seen: Vec<_> = result
        .findings
        .iter()
        .map(|f| (f.id(), f.line, f.column))
        .collect();
    assert_eq!(
        seen,
        [("rpc-provider-key", 4, 5), ("key-constructor", 6, 75)]
    );
    assert!(result.findings.iter().all(|f| f.fingerprint.len() == 32));
}

#[test]
fn known_formats_in_a_file_that_does_not_parse_are_still_reported() {
    let result = check_source("src/main.rs", &broken());
    let error = result.error.as_ref().expect("reported as unchecked");
    assert_eq!(error.line, 1);
    let seen: Vec<_> = result
        .findings
        .iter()
        .map(|f| (f.id(), f.line, f.column, f.kind))
        .collect();
    assert_eq!(
        seen,
        [
            ("rpc-provider-key", 4, 6, FileKind::Rust),
            ("url-password", 6, 11, FileKind::Rust),
            ("url-password", 7, 14, FileKind::Rust),
            ("recovery-phrase", 8, 16, FileKind::Rust),
        ]
    );
    assert!(result.findings.iter().all(|f| f.fingerprint.len() == 32));
    let shown = format!("{result:?}");
    for value in ["9b9fa0c508a608bbe778f779b84f02f4", "Vq7-pw-2026", "monster"] {
        assert!(!shown.contains(value), "{shown}");
    }
}

#[test]
fn in_a_test_file_a_stand_in_is_no_finding_and_the_rest_is_marked() {
    let result = check_source("tests/snippet.rs", &broken());
    assert!(result.error.is_some());
    let seen: Vec<_> = result
        .findings
        .iter()
        .map(|f| (f.id(), f.line, f.test_input))
        .collect();
    // an issuer's key is reported in tests, a service password too; a
    // recovery phrase a test makes up is marked
    assert_eq!(
        seen,
        [
            ("rpc-provider-key", 4, false),
            ("url-password", 6, false),
            ("recovery-phrase", 8, true),
        ]
    );
}
