//! The env loader end to end: each case runs a child copy of this binary with a
//! controlled environment and checks what it printed — or how it panicked.

mod support;

use std::path::Path;

use secretguard::{
    ExposeSecret, JwtSecret, SecretBytes, SecretString, jwt_secret, secret, try_secret,
};
use support::{child_case, run, temp_dir};

/// A 43-byte value no test writes anywhere except the variable it is put in.
const CANARY: &str = "sg-canary-0f9e8d7c6b5a4938-never-print-this";
const SHORT_CANARY: &str = "sg-short-canary";

/// The site the child prints right before the secret it loads.
fn expected_site(output: &str) -> &str {
    output
        .lines()
        .find_map(|l| l.split_once("site=").map(|(_, site)| site))
        .expect("child printed its site")
}

// ---- unset -------------------------------------------------------------------

child_case!(child_unset, {
    println!("site={}:{}:", file!(), line!() + 1);
    let _key: JwtSecret = secret!("SG_UNSET");
});

#[test]
fn unset_names_every_place_looked_at_the_site_and_a_fix() {
    let dir = temp_dir();
    let child = run::<&str, &str>("child_unset", &[], dir.path());
    child.assert_failed_with("secret SG_UNSET is not set\n");
    child.assert_stderr("\n    SG_UNSET: unset\n");
    child.assert_stderr("\n    SG_UNSET_FILE: unset\n");
    child.assert_stderr("\n    .env: not found\n");
    child.assert_stderr(&format!("declared at {}", expected_site(&child.stdout)));
    child.assert_stderr("help: set it, e.g. `export SG_UNSET=$(openssl rand -base64 32)`, or point SG_UNSET_FILE at a file holding it, or add it to .env");
}

// ---- empty -------------------------------------------------------------------

child_case!(child_empty, {
    let _key: SecretString = secret!(env = "SG_EMPTY", env = "SG_FALLBACK");
});

#[test]
fn empty_is_an_error_and_does_not_fall_back() {
    let dir = temp_dir();
    let child = run(
        "child_empty",
        &[("SG_EMPTY", ""), ("SG_FALLBACK", CANARY)],
        dir.path(),
    );
    child.assert_failed_with("secret SG_EMPTY is empty\n");
    child.assert_stderr("    SG_EMPTY: empty\n");
    assert!(
        !child.stderr.contains("SG_FALLBACK:"),
        "looked past an empty value"
    );
    child.assert_hidden(&[CANARY]);
}

// ---- NAME_FILE ---------------------------------------------------------------

child_case!(child_name_file, {
    let key: JwtSecret = secret!("SG_FILE_KEY");
    assert!(key.expose_secret().ends_with(b"-never-print-this"));
    println!("loaded {} bytes", key.expose_secret().len());
});

#[test]
fn name_file_is_read_with_one_trailing_newline_trimmed() {
    let dir = temp_dir();
    let path = dir.path().join("jwt");
    std::fs::write(&path, format!("{CANARY}\n")).unwrap();
    let child = run(
        "child_name_file",
        &[("SG_FILE_KEY_FILE", &path)],
        dir.path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("loaded {} bytes", CANARY.len()));
}

#[test]
fn name_file_pointing_nowhere_is_an_error_naming_the_path() {
    let dir = temp_dir();
    let path = dir.path().join("missing");
    let child = run(
        "child_name_file",
        &[("SG_FILE_KEY_FILE", &path)],
        dir.path(),
    );
    assert!(!child.ok);
    let shown = path.display();
    child.assert_stderr(&format!(
        "secret SG_FILE_KEY could not be read: {shown} does not exist"
    ));
    child.assert_stderr(&format!("    SG_FILE_KEY_FILE={shown}: not found\n"));
}

#[test]
fn the_variable_and_its_file_both_set_are_refused_naming_both() {
    let dir = temp_dir();
    let path = dir.path().join("jwt");
    std::fs::write(&path, format!("{CANARY}\n")).unwrap();
    let child = run(
        "child_name_file",
        &[
            ("SG_FILE_KEY", CANARY),
            ("SG_FILE_KEY_FILE", path.to_str().unwrap()),
        ],
        dir.path(),
    );
    child.assert_failed_with(
        "secret SG_FILE_KEY is invalid: both SG_FILE_KEY and SG_FILE_KEY_FILE are set (but are exclusive)\n",
    );
    child.assert_stderr(&format!(
        "    SG_FILE_KEY_FILE={}: not read (both are set)\n",
        path.display()
    ));
    child.assert_stderr("help: keep one of them: SG_FILE_KEY holds the secret itself, SG_FILE_KEY_FILE names a file holding it");
    child.assert_hidden(&[CANARY]);
}

/// Runs `case` with `var` naming a FIFO nobody writes to; if the child blocks
/// on it, a writer is opened after a while so that the test still ends.
#[cfg(unix)]
fn run_with_fifo(case: &str, var: &str, value_prefix: &str) -> (support::Child, String) {
    use std::sync::mpsc;
    use std::time::Duration;

    let dir = temp_dir();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let (done, finished) = mpsc::channel::<()>();
    let unblocker = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            if finished.recv_timeout(Duration::from_secs(20)).is_err() {
                // read+write never blocks, and it lets a blocked reader through
                let mut writer = std::fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .open(&fifo)
                    .unwrap();
                std::io::Write::write_all(&mut writer, CANARY.as_bytes()).unwrap();
            }
        })
    };
    let value = format!("{value_prefix}{}", fifo.display());
    let child = run(case, &[(var, value.as_str())], dir.path());
    let _ = done.send(());
    unblocker.join().unwrap();
    (child, fifo.display().to_string())
}

#[cfg(unix)]
#[test]
fn a_name_file_that_is_a_fifo_is_refused_without_blocking() {
    let (child, fifo) = run_with_fifo("child_name_file", "SG_FILE_KEY_FILE", "");
    child.assert_failed_with(&format!(
        "secret SG_FILE_KEY could not be read: {fifo} is a FIFO, not a regular file\n"
    ));
    child.assert_hidden(&[CANARY]);
}

#[cfg(unix)]
#[test]
fn a_file_reference_to_a_fifo_is_refused_without_blocking() {
    let (child, fifo) = run_with_fifo("child_name_file", "SG_FILE_KEY", "file://");
    child.assert_failed_with(&format!("{fifo} is a FIFO, not a regular file"));
}

// ---- .env (this test binary is a debug build) ---------------------------------

child_case!(child_dotenv, {
    let key: SecretString = secret!("SG_DOTENV");
    println!("value starts with {}", &key.expose_secret()[..8]);
});

fn dotenv_tree() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join(".env"),
        "# development only\nOTHER=1\nSG_DOTENV=from-dotenv-file\n",
    )
    .unwrap();
    // the project root: `.env` is searched up to here
    std::fs::write(dir.path().join("Cargo.toml"), "").unwrap();
    let nested = dir.path().join("crates/app");
    std::fs::create_dir_all(&nested).unwrap();
    (dir, nested)
}

#[test]
fn dotenv_is_found_upward_in_debug_builds() {
    let (_dir, nested) = dotenv_tree();
    let child = run::<&str, &str>("child_dotenv", &[], &nested);
    child.assert_ok();
    child.assert_stdout("value starts with from-dot");
}

#[test]
fn the_real_environment_wins_over_dotenv() {
    let (_dir, nested) = dotenv_tree();
    let child = run(
        "child_dotenv",
        &[("SG_DOTENV", "from-the-environment")],
        &nested,
    );
    child.assert_ok();
    child.assert_stdout("value starts with from-the");
}

#[test]
fn a_dotenv_without_the_name_is_reported_by_path() {
    let dir = temp_dir();
    std::fs::write(dir.path().join(".env"), "OTHER=1\n").unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], dir.path());
    assert!(!child.ok);
    let env_path = dir.path().join(".env");
    child.assert_stderr(&format!("    {}: no SG_DOTENV\n", env_path.display()));
}

#[test]
fn a_malformed_dotenv_line_is_not_quoted() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join(".env"),
        format!("OTHER=1\nBROKEN {CANARY}\n"),
    )
    .unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], dir.path());
    child.assert_failed_with("malformed");
    child.assert_hidden(&[CANARY]);
}

#[test]
fn a_malformed_dotenv_names_the_line_and_how_to_write_one() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join(".env"),
        format!("OTHER=1\nBROKEN {CANARY}\n"),
    )
    .unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], dir.path());
    child.assert_failed_with(
        "secret SG_DOTENV could not be read: line 2 is malformed: expected `=` after the name\n",
    );
    child.assert_stderr("help: make each line of .env `NAME=value`, `export NAME=value`");
    assert!(
        !child.stderr.contains("check that the file exists"),
        "{}",
        child.stderr
    );
    child.assert_hidden(&[CANARY]);
}

#[test]
fn a_dollar_in_a_dotenv_value_is_refused_not_expanded() {
    for line in ["SG_DOTENV=pa$sword123456", "SG_DOTENV=\"pa$sword123456\""] {
        let dir = temp_dir();
        std::fs::write(dir.path().join(".env"), format!("{line}\n")).unwrap();
        let child = run::<&str, &str>("child_dotenv", &[], dir.path());
        child.assert_failed_with(
            "secret SG_DOTENV is invalid: line 1 of .env holds `$` outside single quotes",
        );
        child.assert_stderr("help: write the value in single quotes, e.g. `SG_DOTENV='…'`");
        child.assert_hidden(&["sword123456"]);
    }
}

#[test]
fn a_single_quoted_dotenv_value_is_literal() {
    let dir = temp_dir();
    std::fs::write(dir.path().join(".env"), "SG_DOTENV='pa$sword123456'\n").unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], dir.path());
    child.assert_ok();
    child.assert_stdout("value starts with pa$sword");
}

#[test]
fn a_dotenv_name_file_is_followed_relative_to_the_dotenv() {
    let (dir, nested) = dotenv_tree();
    std::fs::write(dir.path().join(".env"), "SG_DOTENV_FILE=secrets/dotenv\n").unwrap();
    std::fs::create_dir(dir.path().join("secrets")).unwrap();
    std::fs::write(dir.path().join("secrets/dotenv"), "from-a-file-in-dotenv\n").unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], &nested);
    child.assert_ok();
    child.assert_stdout("value starts with from-a-f");
}

#[test]
fn a_dotenv_setting_both_name_and_name_file_is_refused() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join(".env"),
        format!("SG_DOTENV={CANARY}\nSG_DOTENV_FILE=/run/secrets/x\n"),
    )
    .unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], dir.path());
    child.assert_failed_with(
        "both SG_DOTENV and SG_DOTENV_FILE are set in .env, lines 1 and 2 (but are exclusive)",
    );
    child.assert_hidden(&[CANARY]);
}

#[test]
fn a_dotenv_above_the_project_root_is_not_read() {
    let (dir, _) = dotenv_tree();
    let project = dir.path().join("project");
    std::fs::create_dir(&project).unwrap();
    std::fs::write(project.join("Cargo.toml"), "").unwrap();
    let child = run::<&str, &str>("child_dotenv", &[], &project);
    child.assert_failed_with("secret SG_DOTENV is not set\n");
    child.assert_stderr("    .env: not found\n");
}

// ---- systemd credentials ($CREDENTIALS_DIRECTORY/NAME) ------------------------------

child_case!(child_credential, {
    let key: SecretString = secret!("SG_CRED");
    println!("value starts with {}", &key.expose_secret()[..9]);
});

/// A working directory with `.env` setting `SG_CRED`, and a credentials
/// directory holding `credential` (when given) as the file `SG_CRED`.
fn credential_tree(credential: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = temp_dir();
    std::fs::write(dir.path().join(".env"), "SG_CRED=from-dotenv-file\n").unwrap();
    let credentials = dir.path().join("credentials");
    std::fs::create_dir(&credentials).unwrap();
    if let Some(value) = credential {
        std::fs::write(credentials.join("SG_CRED"), value).unwrap();
    }
    (dir, credentials)
}

#[test]
fn a_systemd_credential_is_read_after_name_file_and_before_dotenv() {
    let (dir, credentials) = credential_tree(Some("from-the-credential\n"));
    let under_systemd = [("CREDENTIALS_DIRECTORY", credentials.as_os_str())];
    let child = run("child_credential", &under_systemd, dir.path());
    child.assert_ok();
    child.assert_stdout("value starts with from-the-");

    let name_file = dir.path().join("name-file");
    std::fs::write(&name_file, "from-name-file\n").unwrap();
    let with_name_file = [
        ("CREDENTIALS_DIRECTORY", credentials.as_os_str()),
        ("SG_CRED_FILE", name_file.as_os_str()),
    ];
    let child = run("child_credential", &with_name_file, dir.path());
    child.assert_ok();
    child.assert_stdout("value starts with from-name");
}

#[test]
fn a_missing_credential_lets_the_chain_go_on_and_is_listed() {
    let (dir, credentials) = credential_tree(None);
    std::fs::remove_file(dir.path().join(".env")).unwrap();
    let under_systemd = [("CREDENTIALS_DIRECTORY", credentials.as_os_str())];
    let child = run("child_credential", &under_systemd, dir.path());
    child.assert_failed_with("secret SG_CRED is not set\n");
    child.assert_stderr(
        "    SG_CRED_FILE: unset\n    $CREDENTIALS_DIRECTORY/SG_CRED: not found\n    .env: not found\n",
    );
    child.assert_stderr("or give the service a SG_CRED credential (`LoadCredential=SG_CRED:…`)");

    std::fs::write(dir.path().join(".env"), "SG_CRED=from-dotenv-file\n").unwrap();
    let child = run("child_credential", &under_systemd, dir.path());
    child.assert_ok();
    child.assert_stdout("value starts with from-dote");
}

#[test]
fn an_unreadable_or_empty_credential_stops_the_chain() {
    let (dir, credentials) = credential_tree(None);
    std::fs::create_dir(credentials.join("SG_CRED")).unwrap();
    let under_systemd = [("CREDENTIALS_DIRECTORY", credentials.as_os_str())];
    let child = run("child_credential", &under_systemd, dir.path());
    let shown = credentials.join("SG_CRED").display().to_string();
    child.assert_failed_with(&format!(
        "secret SG_CRED could not be read: {shown} is a directory, not a regular file\n"
    ));
    child.assert_stderr("help: check that the file exists and that this process may read it");
    assert!(
        !child.stderr.contains(".env:"),
        "went on to .env:\n{}",
        child.stderr
    );

    let (dir, credentials) = credential_tree(Some(""));
    let under_systemd = [("CREDENTIALS_DIRECTORY", credentials.as_os_str())];
    let child = run("child_credential", &under_systemd, dir.path());
    child.assert_failed_with("secret SG_CRED is empty\n");
    child.assert_stderr("    $CREDENTIALS_DIRECTORY/SG_CRED: empty\n");
}

#[test]
fn without_a_credentials_directory_no_credential_is_listed() {
    let (dir, _) = credential_tree(Some("from-the-credential\n"));
    std::fs::remove_file(dir.path().join(".env")).unwrap();
    let child = run::<&str, &str>("child_credential", &[], dir.path());
    child.assert_failed_with("secret SG_CRED is not set\n");
    child.assert_stderr("    SG_CRED_FILE: unset\n    .env: not found\n");
    assert!(!child.stderr.contains("CREDENTIAL"), "{}", child.stderr);
}

// ---- too short, bad encoding, not UTF-8, min_len ----------------------------------

child_case!(child_jwt_static, {
    #[jwt_secret(env = "SG_JWT", alg = "HS384")]
    static KEY: JwtSecret;
    println!("site={}:{}:", file!(), line!() - 1);
    println!(
        "loaded {} bytes for {}",
        KEY.expose_secret().len(),
        KEY.algorithm()
    );
});

#[test]
fn too_short_says_how_short_and_what_the_rfc_needs() {
    let dir = temp_dir();
    let child = run("child_jwt_static", &[("SG_JWT", SHORT_CANARY)], dir.path());
    child.assert_failed_with(
        "secret KEY is too short: 15 bytes, HS384 needs at least 48 (RFC 7518 §3.2)\n",
    );
    child.assert_stderr("    SG_JWT: 15 bytes\n");
    child.assert_stderr(&format!("declared at {}", expected_site(&child.stdout)));
    child.assert_stderr(
        "help: use a longer, random key, e.g. `export SG_JWT=$(openssl rand -base64 48)`",
    );
    child.assert_hidden(&[SHORT_CANARY]);
}

#[test]
fn a_long_enough_key_loads_with_its_algorithm() {
    let dir = temp_dir();
    let key = "k".repeat(48);
    let child = run("child_jwt_static", &[("SG_JWT", key.as_str())], dir.path());
    child.assert_ok();
    child.assert_stdout("loaded 48 bytes for HS384");
}

child_case!(child_encodings, {
    let b64: JwtSecret = secret!("SG_B64", encoding = "base64");
    let hex: SecretBytes = secret!("SG_HEX", encoding = "hex", min_len = 16);
    println!(
        "base64 {} bytes, hex {} bytes",
        b64.expose_secret().len(),
        hex.expose_secret().len()
    );
});

#[test]
fn encodings_decode_before_length_checks() {
    let dir = temp_dir();
    // 32 random-looking bytes as base64 (wrapped, as `openssl rand -base64` does) and 16 as hex
    let b64 = "q83vEjRWeJCrze8SNFZ4kKvN7xI0\nVniQq83vEjRWeJA=";
    let hex = "00112233445566778899AABBCCDDEEFF";
    let child = run(
        "child_encodings",
        &[("SG_B64", b64), ("SG_HEX", hex)],
        dir.path(),
    );
    child.assert_ok();
    child.assert_stdout("base64 32 bytes, hex 16 bytes");
}

#[test]
fn bad_encoding_says_where_without_the_value() {
    let dir = temp_dir();
    let bad = format!("{CANARY}*");
    let child = run("child_encodings", &[("SG_B64", bad.as_str())], dir.path());
    child.assert_failed_with("secret SG_B64 is not valid base64: invalid character at offset 2\n");
    child.assert_stderr("help: store it as base64, e.g. `openssl rand -base64 32`");
    child.assert_hidden(&[CANARY, "canary"]);
}

#[test]
fn min_len_is_checked_after_decoding() {
    let dir = temp_dir();
    let b64 = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    let child = run(
        "child_encodings",
        &[("SG_B64", b64), ("SG_HEX", "00112233")],
        dir.path(),
    );
    child.assert_failed_with("secret SG_HEX is too short: 4 bytes, min_len is 16\n");
    child.assert_stderr("export SG_HEX=$(openssl rand -hex 16)");
}

child_case!(child_text, {
    let _text: SecretString = secret!("SG_TEXT");
});

#[cfg(unix)]
#[test]
fn a_string_secret_must_be_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir();
    let value = std::ffi::OsStr::from_bytes(b"caf\xe9-latin1-secret");
    let child = run("child_text", &[("SG_TEXT", value)], dir.path());
    child.assert_failed_with("secret SG_TEXT is not valid UTF-8\n");
    child.assert_hidden(&["latin1-secret"]);
}

// ---- chains and optional ----------------------------------------------------------

child_case!(child_chain, {
    let key: SecretString = secret!(env = "SG_NEW", env = "SG_OLD");
    println!("loaded {}", key.expose_secret());
});

#[test]
fn a_chain_takes_the_first_source_that_is_set() {
    let dir = temp_dir();
    let old = run("child_chain", &[("SG_OLD", "old-value")], dir.path());
    assert!(
        old.stdout.contains("loaded old-value"),
        "{}",
        old.all_output()
    );
    let both = run(
        "child_chain",
        &[("SG_OLD", "old-value"), ("SG_NEW", "new-value")],
        dir.path(),
    );
    assert!(
        both.stdout.contains("loaded new-value"),
        "{}",
        both.all_output()
    );
}

#[test]
fn an_unset_chain_lists_every_place_in_order() {
    let dir = temp_dir();
    let child = run::<&str, &str>("child_chain", &[], dir.path());
    assert!(!child.ok);
    let e = &child.stderr;
    let order = [
        "SG_NEW: unset",
        "SG_NEW_FILE: unset",
        "SG_OLD: unset",
        "SG_OLD_FILE: unset",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|p| e.find(p).unwrap_or_else(|| panic!("{p} in {e}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{e}");
    child.assert_stderr("secret SG_NEW is not set");
}

child_case!(child_optional, {
    let key: Option<JwtSecret> = secret!("SG_OPTIONAL", optional);
    println!(
        "optional: {:?}",
        key.as_ref().map(|k| k.expose_secret().len())
    );
});

#[test]
fn optional_is_none_when_unset_and_still_checked_when_set() {
    let dir = temp_dir();
    let unset = run::<&str, &str>("child_optional", &[], dir.path());
    assert!(
        unset.stdout.contains("optional: None"),
        "{}",
        unset.all_output()
    );
    let set = run("child_optional", &[("SG_OPTIONAL", CANARY)], dir.path());
    assert!(
        set.stdout.contains("optional: Some(43)"),
        "{}",
        set.all_output()
    );
    let short = run(
        "child_optional",
        &[("SG_OPTIONAL", SHORT_CANARY)],
        dir.path(),
    );
    short.assert_failed_with("is too short: 15 bytes");
}

// ---- try_secret! and redaction, in process -------------------------------------------

child_case!(child_redaction, {
    #[jwt_secret(env = "SG_REDACT")]
    static KEY: JwtSecret;
    let text: SecretString = secret!("SG_REDACT");
    let bytes: SecretBytes = secret!("SG_REDACT");
    let short: Result<JwtSecret, secretguard::Error> = try_secret!("SG_REDACT", alg = "HS512");
    let err = short.unwrap_err();
    println!("{KEY:?} {:?} {text:?} {bytes:?}", *KEY);
    println!("{err}\n{err:?}\n{:?}", err.kind());
    for lookup in err.lookups() {
        println!("{lookup} {lookup:?}");
    }
});

#[test]
fn no_debug_display_or_error_output_contains_the_value() {
    let dir = temp_dir();
    let child = run("child_redaction", &[("SG_REDACT", CANARY)], dir.path());
    child.assert_ok();
    child.assert_stdout("JwtSecret { alg: HS256, len: 43, key: [REDACTED] }");
    child.assert_stdout("SecretBox<str>([REDACTED])");
    child.assert_stdout("secret SG_REDACT is too short: 43 bytes, HS512 needs at least 64");
    child.assert_hidden(&[CANARY, "canary", "never-print"]);
}

#[test]
fn try_secret_reports_the_same_facts_as_values() {
    let res: Result<SecretString, secretguard::Error> = try_secret!("SG_SURELY_NEVER_SET_IN_CI");
    let err = res.unwrap_err();
    assert_eq!(err.kind(), &secretguard::ErrorKind::NotSet);
    assert_eq!(err.secret(), "SG_SURELY_NEVER_SET_IN_CI");
    assert_eq!(err.site().file, file!());
    assert_eq!(err.site().line, line!() - 5);
    let places: Vec<&str> = err.lookups().iter().map(|l| l.place()).collect();
    assert_eq!(
        places[..2],
        [
            "SG_SURELY_NEVER_SET_IN_CI",
            "SG_SURELY_NEVER_SET_IN_CI_FILE"
        ]
    );
    assert_eq!(err.lookups()[0].outcome(), &secretguard::Outcome::Unset);
    assert!(err.help().starts_with("set it"));
}

#[test]
fn the_test_tree_has_no_stray_dotenv() {
    // the unset cases assume no `.env` above the temp dir; say so if one appears
    let tmp = std::env::temp_dir();
    assert!(
        !Path::new(&tmp)
            .ancestors()
            .any(|d| d.join(".env").is_file()),
        "a .env above {} would change what these tests see",
        tmp.display()
    );
}

// ---- the fn form -------------------------------------------------------------------

#[jwt_secret(env = "SG_FN_KEY")]
fn fn_key() -> JwtSecret;

#[jwt_secret(env = "SG_FN_KEY")]
fn fn_key_ref() -> &'static JwtSecret;

child_case!(child_fn_form, {
    let (a, b) = (fn_key(), fn_key());
    let same_address = std::ptr::eq(fn_key_ref(), fn_key_ref());
    println!("clones equal: {}, cached reference: {same_address}", a == b);
});

#[test]
fn a_jwt_secret_fn_returns_the_cached_value() {
    let dir = temp_dir();
    let child = run("child_fn_form", &[("SG_FN_KEY", CANARY)], dir.path());
    child.assert_ok();
    child.assert_stdout("clones equal: true, cached reference: true");
}

// ---- references in environment values ------------------------------------------------

#[test]
fn a_file_reference_in_an_env_value_is_followed() {
    let dir = temp_dir();
    let path = dir.path().join("jwt");
    std::fs::write(&path, format!("{CANARY}\n")).unwrap();
    let reference = format!("file://{}", path.display());
    let child = run(
        "child_name_file",
        &[("SG_FILE_KEY", reference.as_str())],
        dir.path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("loaded {} bytes", CANARY.len()));

    let dangling = format!("file://{}", dir.path().join("missing").display());
    let child = run(
        "child_name_file",
        &[("SG_FILE_KEY", dangling.as_str())],
        dir.path(),
    );
    child.assert_failed_with("does not exist");
    child.assert_stderr("    SG_FILE_KEY: ");
}
