//! The real `secretguard` binary on fixture trees.

use std::path::Path;
use std::process::{Command, Output};

fn secretguard(args: &[&str]) -> Output {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    Command::new(env!("CARGO_BIN_EXE_secretguard"))
        .args(args)
        .current_dir(fixtures)
        .output()
        .expect("run secretguard")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

const FIXTURE_VALUES: [&str; 5] = [
    "sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d",
    "Summer2026!",
    "dev-jwt-secret",
    "tok-published-test-vector",
    "tok-in-an-ignored-file",
];

#[test]
fn findings_are_reported_rustc_style_and_exit_1() {
    let out = secretguard(&["check", "leaky"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    for expected in [
        "error[stripe-key]: hardcoded secret: this looks like a Stripe secret key\n  --> leaky/src/main.rs:2:26\n",
        "error[secret-binding]: hardcoded secret: a literal assigned to `db_password`\n  --> leaky/src/main.rs:5:23\n",
        "error[key-constructor]: hardcoded secret: a literal passed to `EncodingKey::from_secret` is the key itself\n  --> leaky/src/main.rs:6:40\n",
        "error[env-fallback]: hardcoded secret: this fallback ships in the binary and is used whenever `JWT_SECRET` is unset\n  --> leaky/src/config.rs:2:52\n",
        "error[allow-without-reason]: `allow_hardcoded_secret` needs a reason: `#[allow_hardcoded_secret(reason = \"…\")]`\n  --> leaky/src/config.rs:8:1\n",
        "secretguard: 5 hardcoded secrets in 2 files checked\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(text.contains("   = help: "), "{text}");
}

#[test]
fn no_output_format_prints_a_value() {
    for format in ["human", "json", "sarif"] {
        let out = secretguard(&["check", "--format", format, "leaky"]);
        let all = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        for value in FIXTURE_VALUES {
            assert!(
                !all.contains(value),
                "{format} output shows a value:\n{all}"
            );
        }
    }
}

#[test]
fn gitignored_files_and_allowed_items_are_skipped() {
    let text = stdout(&secretguard(&["check", "leaky"]));
    assert!(!text.contains("generated/keys.rs"), "{text}");
    assert!(!text.contains("config.rs:5"), "{text}");
}

#[test]
fn a_clean_tree_exits_0() {
    let out = secretguard(&["check", "clean"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "secretguard: no hardcoded secrets in 1 file checked\n"
    );
}

#[test]
fn a_file_that_does_not_parse_is_reported_not_skipped() {
    let out = secretguard(&["check", "broken"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains("error[unchecked]: this file does not parse as Rust"),
        "{text}"
    );
    assert!(text.contains("--> broken/src/lib.rs:1:"), "{text}");
    assert!(
        text.contains("no hardcoded secrets in 2 files checked; 1 file could not be checked"),
        "{text}"
    );
}

#[test]
fn a_missing_path_is_an_error() {
    let out = secretguard(&["check", "no-such-dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("error[unchecked]: no such file or directory\n  --> no-such-dir")
    );
}

#[test]
fn json_lists_findings_and_errors() {
    let out = secretguard(&["check", "--format=json", "leaky", "broken"]);
    assert_eq!(out.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(doc["files_checked"], 4);
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5);
    assert_eq!(findings[0]["path"], "leaky/src/config.rs");
    assert_eq!(findings[0]["rule"], "env-fallback");
    assert_eq!(findings[0]["line"], 2);
    assert!(
        findings
            .iter()
            .all(|f| f["column"].as_u64().unwrap() >= 1 && f["message"].is_string())
    );
    assert_eq!(doc["errors"][0]["path"], "broken/src/lib.rs");
}

/// The fields GitHub code scanning requires of an uploaded SARIF 2.1.0 file.
#[test]
fn sarif_has_what_code_scanning_requires() {
    let out = secretguard(&["check", "--format", "sarif", "leaky"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(doc["version"], "2.1.0");
    assert!(doc["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "secretguard");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(
        rules
            .iter()
            .all(|r| r["id"].is_string() && r["shortDescription"]["text"].is_string())
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex points at its rule");
        let text = result["message"]["text"].as_str().unwrap();
        let expected = if id == "allow-without-reason" {
            "`allow_hardcoded_secret` needs a reason"
        } else {
            "hardcoded secret: "
        };
        assert!(text.starts_with(expected), "{text}");
        let location = &result["locations"][0]["physicalLocation"];
        assert!(
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("leaky/src/")
        );
        let region = &location["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        assert!(
            region["endColumn"].as_u64() > region["startColumn"].as_u64()
                || region["endLine"].as_u64() > region["startLine"].as_u64()
        );
    }
}

/// `secretguard check | head`: the reader is gone before anything is
/// written. The command ends quietly with its own status; it does not panic.
#[test]
fn a_closed_stdout_ends_the_output_quietly() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (args, status) in [
        (&["check", "leaky"][..], 1),
        (&["check", "--format", "json", "leaky"], 1),
        (&["manifest", "manifest"], 0),
        (&["--help"], 0),
    ] {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_secretguard"))
            .args(args)
            .current_dir(&fixtures)
            .stdout(writer)
            .output()
            .expect("run secretguard");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(status), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn generate_prints_only_a_fresh_key_of_the_right_length() {
    let decode_hex = |s: &str| s.len() / 2;
    for (alg, bytes) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let out = secretguard(&["generate", "--alg", alg, "--encoding", "hex"]);
        assert_eq!(out.status.code(), Some(0));
        let text = stdout(&out);
        assert_eq!(text.lines().count(), 1);
        let key = text.trim_end();
        assert!(key.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
        assert_eq!(decode_hex(key), bytes);
    }
    let a = stdout(&secretguard(&["generate"]));
    let b = stdout(&secretguard(&["generate"]));
    assert_ne!(a, b, "two keys must differ");
    assert_eq!(a.trim_end().len(), 44, "32 bytes in padded base64");
    let url = stdout(&secretguard(&["generate", "--encoding", "base64url"]));
    assert!(
        url.trim_end()
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
}

#[test]
fn usage_errors_exit_2_with_usage() {
    for args in [
        &["frobnicate"][..],
        &["check", "--format", "xml"],
        &["generate", "--alg", "RS256"],
        &[],
    ] {
        let out = secretguard(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage:"),
            "{args:?}"
        );
    }
}

#[test]
fn options_take_their_value_after_a_space_or_an_equals_sign() {
    for args in [
        &["generate", "--alg=HS512", "--encoding=hex"][..],
        &["generate", "--alg", "HS512", "--encoding=hex"],
        &["generate", "--alg=HS512", "--encoding", "hex"],
    ] {
        let out = secretguard(args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert_eq!(
            stdout(&out).trim_end().len(),
            128,
            "{args:?}: 64 bytes in hex"
        );
    }
    let out = secretguard(&["check", "--format=json", "clean"]);
    assert_eq!(out.status.code(), Some(0));
    let out = secretguard(&["generate", "--alg="]);
    assert_eq!(out.status.code(), Some(2));
    let out = secretguard(&["generate", "--bits=512"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option `--bits`"));
}

#[test]
fn generate_says_on_stderr_which_encoding_to_declare() {
    for (args, declared) in [
        (
            &["generate", "--alg", "HS512"][..],
            "#[jwt_secret(alg = \"HS512\", encoding = \"base64\")]",
        ),
        (
            &["generate", "--encoding=hex"],
            "#[jwt_secret(alg = \"HS256\", encoding = \"hex\")]",
        ),
    ] {
        let out = secretguard(args);
        assert_eq!(out.status.code(), Some(0));
        let key = stdout(&out);
        assert_eq!(key.lines().count(), 1, "stdout is the key alone: {key}");
        assert!(!key.contains("jwt_secret"), "{key}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end(), format!("declare it with: {declared}"));
    }
}
