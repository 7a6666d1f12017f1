//! `preflight`: a binary's every declared secret loaded at start-up, one report
//! of every failure, exit 78, and the `#[jwt_secret]` caches filled.
//!
//! This binary declares exactly these five secrets, so the registry `preflight`
//! reads holds exactly them: three `#[jwt_secret]` items and two `secret!` sites,
//! one of which no code ever reaches.

mod support;

use std::path::Path;

use secretguard::{ExposeSecret, JwtSecret, SecretBytes, SecretString, jwt_secret, secret};
use support::{child_case, run, temp_dir};

/// Broken in the first case: set nowhere.
#[jwt_secret(env = "SG_PF_SIGNING")]
static SIGNING: JwtSecret;

/// Broken in the first case: 40 bytes, where HS512 needs 64.
#[jwt_secret(env = "SG_PF_SESSION", alg = "HS512")]
static SESSION: JwtSecret;

/// Always fine: read from a file in the working directory.
#[jwt_secret(file = "./webhook.key")]
static WEBHOOK: SecretString;

/// Optional and never set: not a failure.
fn feature_key() -> Option<SecretString> {
    secret!("SG_PF_FEATURE_KEY", optional)
}

/// Broken in the first case (not hex), and never called by any code: it
/// counts all the same.
#[allow(dead_code)]
fn database_key() -> SecretBytes {
    secret!("SG_PF_DB_KEY", encoding = "hex")
}

const SESSION_VALUE: &str = "sg-pf-session-value-of-only-40-bytes-xyz";
const DB_VALUE: &str = "sg-pf-not-hex-at-all";
const WEBHOOK_VALUE: &str = "sg-pf-webhook-signing-value";

fn write(dir: &Path, file: &str, contents: &str) {
    std::fs::write(dir.join(file), contents).unwrap();
}

child_case!(child_preflight_or_exit, {
    secretguard::preflight_or_exit();
    println!("preflight passed");
});

#[test]
fn every_broken_secret_is_in_one_report_and_the_process_exits_78() {
    let dir = temp_dir();
    write(dir.path(), "webhook.key", WEBHOOK_VALUE);
    let vars = [("SG_PF_SESSION", SESSION_VALUE), ("SG_PF_DB_KEY", DB_VALUE)];
    let child = run("child_preflight_or_exit", &vars, dir.path());

    assert_eq!(child.code, Some(78), "{}", child.all_output());
    assert!(!child.stdout.contains("preflight passed"));
    let report = &child.stderr;
    child.assert_stderr("error: 3 of 5 declared secrets cannot be loaded");
    // each broken secret, how it is broken, where it was declared and the fix
    child.assert_stderr("secret SIGNING is not set");
    child.assert_stderr("SG_PF_SIGNING: unset");
    child.assert_stderr("secret SESSION is too short: 40 bytes, HS512 needs at least 64");
    child.assert_stderr("secret SG_PF_DB_KEY is not valid hex");
    child.assert_stderr("help: store it as hex");
    assert_eq!(
        report.matches("declared at tests/preflight.rs:").count(),
        3,
        "{report}"
    );
    assert_eq!(report.matches("  help: ").count(), 3, "{report}");
    // the report follows the source: SIGNING, SESSION, then the secret! site
    let at = |needle: &str| report.find(needle).unwrap();
    assert!(at("secret SIGNING") < at("secret SESSION"));
    assert!(at("secret SESSION") < at("secret SG_PF_DB_KEY"));
    // fine ones are not mentioned: the file, and the optional that is unset
    assert!(!report.contains("WEBHOOK"), "{report}");
    assert!(!report.contains("SG_PF_FEATURE_KEY"), "{report}");
    child.assert_hidden(&[SESSION_VALUE, DB_VALUE, WEBHOOK_VALUE]);
}

child_case!(child_preflight_fills_caches, {
    secretguard::preflight().expect("every secret is set");
    // the files are gone: only the caches can answer now
    std::fs::remove_file("webhook.key").unwrap();
    std::fs::remove_file("signing.key").unwrap();
    println!("webhook={}", WEBHOOK.expose_secret().len());
    println!("signing={}", SIGNING.expose_secret().len());
    println!("session={}", SESSION.expose_secret().len());
    // a secret! site is checked, not kept: it reads its source when it runs
    println!("feature_key={}", feature_key().is_some());
});

#[test]
fn preflight_fills_the_jwt_secret_caches() {
    let dir = temp_dir();
    write(dir.path(), "webhook.key", WEBHOOK_VALUE);
    write(dir.path(), "signing.key", &"s".repeat(32));
    let signing_file = dir.path().join("signing.key");
    let session = "k".repeat(64);
    let vars = [
        ("SG_PF_SIGNING_FILE", signing_file.to_str().unwrap()),
        ("SG_PF_SESSION", session.as_str()),
        ("SG_PF_DB_KEY", "00ff"),
    ];
    let child = run("child_preflight_fills_caches", &vars, dir.path());
    child.assert_ok();
    child.assert_stdout(&format!("webhook={}", WEBHOOK_VALUE.len()));
    child.assert_stdout("signing=32");
    child.assert_stdout("session=64");
    child.assert_stdout("feature_key=false");
}
