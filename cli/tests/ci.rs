//! What CI reads: SARIF as GitHub code scanning takes it, fingerprints that
//! survive moving code, `--baseline`, and `cargo secretguard`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretguard"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run secretguard")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn sarif(dir: &Path, args: &[&str]) -> Value {
    let args: Vec<&str> = ["check", "--format", "sarif"]
        .iter()
        .chain(args)
        .copied()
        .collect();
    serde_json::from_str(&stdout(&run(dir, &args))).expect("SARIF is JSON")
}

/// (rule, path, start line, fingerprint) of each result.
fn results(doc: &Value) -> Vec<(String, String, u64, String)> {
    doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"];
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                location["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                location["region"]["startLine"].as_u64().unwrap(),
                r["partialFingerprints"]["secretguard/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

const LIB: &str = r#"mod auth {
    pub const STRIPE_KEY: &str = "sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d";

    pub fn connect() {
        let db_password = "Summer2026!";
        let token = "t0k-alpha-1234";
        let token = "t0k-alpha-1234";
        let _ = (db_password, token);
    }
}

fn other() {
    let db_password = "Summer2026!";
}
"#;

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

#[test]
fn sarif_rules_carry_severity_precision_and_help() {
    let doc = sarif(&fixtures(), &["leaky"]);
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert_eq!(driver["informationUri"], secretguard_cli::INFORMATION_URI);
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), secretguard_scan::Rule::ALL.len() + 1);
    for rule in rules {
        let id = rule["id"].as_str().unwrap();
        let properties = &rule["properties"];
        let severity = properties["security-severity"]
            .as_str()
            .unwrap_or_else(|| panic!("{id}: security-severity is a string"));
        let score: f64 = severity.parse().unwrap();
        assert!((0.1..=10.0).contains(&score), "{id}: {score}");
        assert!(
            ["very-high", "high", "medium", "low"]
                .contains(&properties["precision"].as_str().unwrap()),
            "{id}"
        );
        let tags: Vec<&str> = properties["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(
            tags.contains(&"security"),
            "{id}: GitHub ignores security-severity without it"
        );
        assert_eq!(rule["helpUri"], secretguard_cli::help_uri(id));
        assert!(
            rule["helpUri"]
                .as_str()
                .unwrap()
                .starts_with("https://docs.rs/secretguard-cli/")
        );
        assert!(rule["fullDescription"]["text"].is_string(), "{id}");
        assert!(rule["help"]["text"].is_string(), "{id}");
    }
    let severity = |id: &str| {
        rules.iter().find(|r| r["id"] == id).unwrap()["properties"]["security-severity"]
            .as_str()
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    assert!(severity("stripe-key") > severity("secret-binding"));
    assert!(severity("secret-binding") > severity("allow-without-reason"));
}

#[test]
fn every_result_has_a_fingerprint_and_no_two_are_equal() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", LIB);
    write(dir.path(), "src/copy.rs", LIB);
    let found = results(&sarif(dir.path(), &["."]));
    // per file: the const, two `db_password`s in two fns, two shadowed `token`s
    assert_eq!(found.len(), 10, "{found:?}");
    let fingerprints: HashSet<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert_eq!(fingerprints.len(), found.len(), "{found:?}");
    assert!(
        fingerprints
            .iter()
            .all(|f| f.len() == 32 && f.bytes().all(|b| b.is_ascii_hexdigit()))
    );
}

#[test]
fn fingerprints_survive_lines_moving() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", LIB);
    write(dir.path(), ".env", "PORT=1\nAPI_TOKEN=s3cr3t-v4lue\n");
    let before = results(&sarif(dir.path(), &["."]));
    let moved_lib = format!(
        "//! A crate.\n\nuse std::fmt;\n\n{}",
        LIB.replace(
            "    pub fn connect",
            "    fn helper() {}\n\n    pub fn connect"
        )
    );
    write(dir.path(), "src/lib.rs", &moved_lib);
    write(
        dir.path(),
        ".env",
        "# settings\n\nPORT=1\n\nAPI_TOKEN=s3cr3t-v4lue\n",
    );
    let after = results(&sarif(dir.path(), &["."]));
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1));
        assert_ne!(b.2, a.2, "the finding moved: {b:?} {a:?}");
        assert_eq!(b.3, a.3, "same finding, same fingerprint: {b:?} {a:?}");
    }
}

/// The fingerprint is not derived from the value: changing the secret in
/// place keeps it, so a fingerprint cannot confirm a guess of the value.
#[test]
fn fingerprints_do_not_depend_on_the_value() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", LIB);
    let before = results(&sarif(dir.path(), &["."]));
    write(
        dir.path(),
        "src/lib.rs",
        &LIB.replace("Summer2026!", "Winter2027?"),
    );
    let after = results(&sarif(dir.path(), &["."]));
    assert_eq!(before, after);
}

#[test]
fn a_baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", LIB);
    write(dir.path(), ".env", "API_TOKEN=s3cr3t-v4lue\n");
    let recorded = run(dir.path(), &["check", "--format", "json", "src", ".env"]);
    assert_eq!(recorded.status.code(), Some(1));
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, &recorded.stdout).unwrap();
    let recorded = stdout(&recorded);
    for value in ["sk_live_", "Summer2026!", "t0k-alpha", "s3cr3t-v4lue"] {
        assert!(!recorded.contains(value), "the baseline holds {value}");
    }

    let out = run(
        dir.path(),
        &["check", "--baseline", "baseline.json", "src", ".env"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out)
            .ends_with("no new hardcoded secrets in 2 files checked (6 known, in the baseline)\n"),
        "{}",
        stdout(&out)
    );

    // a new secret, and the old ones moved down
    let grown = format!(
        "const GITHUB_TOKEN: &str = \"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\";\n\n\n{LIB}"
    );
    write(dir.path(), "src/lib.rs", &grown);
    write(dir.path(), ".env", "\n# moved\nAPI_TOKEN=s3cr3t-v4lue\n");
    let out = run(
        dir.path(),
        &["check", "--baseline", "baseline.json", "src", ".env"],
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert_eq!(text.matches("error[").count(), 1, "{text}");
    assert!(text.contains("error[github-token]"), "{text}");
    assert!(text.contains("--> src/lib.rs:1:28\n"), "{text}");
    assert!(
        text.ends_with("1 new hardcoded secret in 2 files checked (6 known, in the baseline)\n"),
        "{text}"
    );

    // JSON and SARIF leave them out too, and a SARIF report serves as a baseline
    let json: Value = serde_json::from_str(&stdout(&run(
        dir.path(),
        &[
            "check",
            "--format=json",
            "--baseline=baseline.json",
            "src",
            ".env",
        ],
    )))
    .unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), 1);
    assert_eq!(json["baselined"], 6);
    let sarif_report = run(dir.path(), &["check", "--format", "sarif", "src", ".env"]);
    std::fs::write(dir.path().join("baseline.sarif"), &sarif_report.stdout).unwrap();
    let out = run(
        dir.path(),
        &["check", "--baseline", "baseline.sarif", "src", ".env"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn a_malformed_baseline_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", LIB);
    for (contents, problem) in [
        (
            Some("{\"findings\": ["),
            "error: the baseline `old.json` is not a JSON report: EOF while parsing a list at line 1 column 14\n",
        ),
        (
            Some("{\"findings\": [{\"rule\": \"jwt\"}]}"),
            "error: the baseline `old.json` has a finding without a `fingerprint` (findings[0])\n",
        ),
        (
            Some("{\"files_checked\": 3}"),
            "error: the baseline `old.json` is neither a `secretguard check --format json` report",
        ),
        (None, "error: cannot read the baseline `old.json`: "),
    ] {
        let path = dir.path().join("old.json");
        match contents {
            Some(text) => std::fs::write(&path, text).unwrap(),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
        let out = run(dir.path(), &["check", "--baseline", "old.json", "src"]);
        assert_eq!(out.status.code(), Some(2), "{problem}");
        let err = stderr(&out);
        assert!(err.starts_with(problem), "{err}");
        assert!(
            stdout(&out).is_empty(),
            "nothing is checked: {}",
            stdout(&out)
        );
        assert!(
            !err.contains("usage:"),
            "a broken file is no usage error: {err}"
        );
        assert!(
            err.ends_with(
                "\nhelp: record the baseline with `secretguard check --format json > old.json`\n"
            ),
            "{err}"
        );
    }
}

#[test]
fn cargo_secretguard_drops_the_name_cargo_passes() {
    let cargo_style = Command::new(env!("CARGO_BIN_EXE_cargo-secretguard"))
        .args(["secretguard", "check", "leaky"])
        .current_dir(fixtures())
        .output()
        .unwrap();
    let direct = run(&fixtures(), &["check", "leaky"]);
    assert_eq!(cargo_style.status.code(), Some(1));
    assert_eq!(stdout(&cargo_style), stdout(&direct));
    let version = Command::new(env!("CARGO_BIN_EXE_cargo-secretguard"))
        .args(["secretguard", "--version"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&version),
        format!("secretguard {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// `cargo secretguard check`, through cargo itself, finding `cargo-secretguard` on the `PATH`.
#[test]
fn cargo_runs_it_as_a_subcommand() {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_cargo-secretguard"))
        .parent()
        .unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let out = Command::new(option_env!("CARGO").unwrap_or("cargo"))
        .args(["secretguard", "check", "clean"])
        .env("PATH", path)
        .current_dir(fixtures())
        .output()
        .expect("run cargo");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "secretguard: no hardcoded secrets in 1 file checked\n"
    );
}

#[test]
fn help_describes_the_new_options() {
    let out = run(&fixtures(), &["--help"]);
    let help = stdout(&out);
    for text in [
        "--baseline FILE",
        "--staged",
        "secretguard check --format json > FILE",
        "cargo secretguard check",
        ".env",
        "docker-compose",
    ] {
        assert!(help.contains(text), "help lacks {text}:\n{help}");
    }
    let out = run(&fixtures(), &["check", "--staged=yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`--staged` takes no value"));
}
