//! Cargo scripts (`.rs` files with a frontmatter, RFC 3503): the Rust after
//! the embedded manifest is checked as any file is, at its own positions,
//! and the manifest as a `Cargo.toml` is. Before, syn rejected the file and
//! `check` reported it as unchecked (aws-lc-rs ships one).

use secretguard_cli::manifest::{Manifest, Source, manifest_source};
use secretguard_cli::{FileKind, check_source};

const TOKEN: &str = "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";

fn script() -> String {
    format!(
        "#!/usr/bin/env -S cargo +nightly -Zscript\n\
         ---cargo\n\
         [package]\n\
         edition = \"2024\"\n\
         [dependencies]\n\
         clap = {{ version = \"4\", features = [\"derive\"] }}\n\
         mytool = {{ git = \"https://x-access-token:{TOKEN}@github.com/acme/mytool\" }}\n\
         ---\n\
         \n\
         fn main() {{\n    let db_password = \"hunter2hunter2\";\n}}\n"
    )
}

#[test]
fn the_code_and_the_embedded_manifest_are_both_checked() {
    let result = check_source("scripts/release.rs", &script());
    assert_eq!(result.error, None);
    let seen: Vec<(&str, usize, usize, FileKind)> = result
        .findings
        .iter()
        .map(|f| (f.id(), f.line, f.column, f.kind))
        .collect();
    assert_eq!(
        seen,
        [
            ("url-password", 7, 18, FileKind::Toml),
            ("secret-binding", 11, 23, FileKind::Rust),
        ]
    );
    let fingerprints: Vec<&str> = result
        .findings
        .iter()
        .map(|f| f.fingerprint.as_str())
        .collect();
    assert!(
        fingerprints.iter().all(|f| f.len() == 32),
        "{fingerprints:?}"
    );
    assert!(!format!("{result:?}").contains(TOKEN));
}

#[test]
fn a_clean_script_is_clean_and_a_broken_fence_is_still_reported() {
    let clean = "---\n[dependencies]\nserde = \"1\"\n---\nfn main() {}\n";
    let result = check_source("clean.rs", clean);
    assert_eq!((result.findings.len(), result.error), (0, None));

    // rustc rejects text after a closing fence; so does `check`, at the fence
    let broken =
        "---\n[dependencies]\n--- trailing\nfn main() { let api_key = \"k3y-9f2Qx7Lm\"; }\n";
    let error = check_source("broken.rs", broken).error.expect("unchecked");
    assert_eq!(error.line, 1);
}

#[test]
fn the_manifest_command_reads_a_scripts_declarations() {
    let source = "#!/usr/bin/env cargo\n---\n[dependencies]\nsecretguard = \"0.1\"\n---\n\
                  static KEY: secretguard::Secret<String> = secretguard::secret!(\"API_KEY\");\n";
    let mut manifest = Manifest::default();
    manifest_source("scripts/tool.rs", source, &mut manifest);
    assert_eq!(manifest.errors, []);
    let found: Vec<_> = manifest
        .declarations
        .iter()
        .map(|d| (d.line, d.sources.clone()))
        .collect();
    assert_eq!(found, [(6, vec![Source::Env("API_KEY".into())])]);
}
