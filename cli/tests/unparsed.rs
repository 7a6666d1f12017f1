//! A `.rs` file that does not parse (a snippet with top-level statements, a
//! typo) is reported as unchecked — and the known credential formats in its
//! text are reported all the same: a syntax error hides none of them.

use secretguard_cli::{FileKind, check_source};

const INFURA: &str = "https://mainnet.infura.io/v3/9b9fa0c508a608bbe778f779b84f02f4";

fn snippet() -> String {
    format!(
        "use ethers::prelude::*;\n\n\
         let provider = Provider::<Http>::try_from(\n    \"{INFURA}\"\n)?;\n\
         let db = \"postgres://app:Vq7-pw-2026@db.internal/app\";\n\
         let local = \"postgres://postgres:password@localhost/test\";\n\
         let mnemonic = \"gas monster ski craft below illegal discover limit dig bundle bus artefact\";\n\
         let label = \"not a secret at all\";\n"
    )
}

#[test]
fn known_formats_in_a_file_that_does_not_parse_are_still_reported() {
    let result = check_source("src/main.rs", &snippet());
    let error = result.error.as_ref().expect("reported as unchecked");
    assert_eq!(error.line, 3);
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
    assert!(
        !shown.contains("9b9fa0c508a608bbe778f779b84f02f4"),
        "{shown}"
    );
    assert!(!shown.contains("Vq7-pw-2026"), "{shown}");
    assert!(!shown.contains("monster"), "{shown}");
}

#[test]
fn in_a_test_file_a_stand_in_is_no_finding_and_the_rest_is_marked() {
    let result = check_source("tests/snippet.rs", &snippet());
    assert!(result.error.is_some());
    let seen: Vec<_> = result
        .findings
        .iter()
        .map(|f| (f.id(), f.line, f.test_input))
        .collect();
    // an issuer's key is reported in tests; a service password too
    assert_eq!(
        seen,
        [
            ("rpc-provider-key", 4, false),
            ("url-password", 6, false),
            ("recovery-phrase", 8, true)
        ]
    );
}
