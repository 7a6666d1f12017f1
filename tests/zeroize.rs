//! Every copy of a secret is zeroized before it is freed: each case loads a
//! secret that holds a random marker, drops it, and counts the freed blocks
//! that still held the marker (`secretguard_alloc_probe`, the global
//! allocator of this test binary). Each case runs in a child process, so the
//! count is that load's alone. Run a case with `SG_ZEROIZE_TRACE=1` to see a
//! backtrace of each leaked block's free (never its contents).

#[path = "support/mod.rs"]
mod support;

use std::path::Path;

use secretguard::{JwtSecret, SecretBytes, SecretString, secret};
use secretguard_alloc_probe::{self as probe, FreedMemoryScanner, MARKERS_VAR, TRACE_VAR};
use support::{child_case, run, temp_dir};

#[global_allocator]
static ALLOC: FreedMemoryScanner = FreedMemoryScanner;

/// The line a child prints: `zeroize hits: label=N …`.
const HITS_LINE: &str = "zeroize hits:";

/// In the child: arms the scanner, runs `load`, drops what it loaded, and
/// prints each marker's count of freed copies (labels and counts only).
fn probe_load<T>(load: impl FnOnce() -> T) {
    probe::arm_from_env();
    drop(load());
    probe::disarm();
    let counts: Vec<String> = probe::hits()
        .iter()
        .map(|(label, n)| format!("{label}={n}"))
        .collect();
    println!("{HITS_LINE} {}", counts.join(" "));
}

/// In the parent: runs `case` with `vars` and the markers to scan for, and
/// asserts that no freed block held any of them. Messages name the case and
/// the counts, never a marker.
#[track_caller]
fn assert_no_copy_freed(case: &str, vars: &[(&str, &str)], cwd: &Path, markers: &[(&str, &[u8])]) {
    let (counts, traces) = freed_copies(case, vars, cwd, markers);
    assert!(
        counts.split_whitespace().all(|count| count.ends_with("=0")),
        "{case}: copies of a secret were freed without being zeroized (freed blocks \
         holding each marker):{counts}\nhelp: rerun with {TRACE_VAR}=1 for a backtrace of each\n{traces}"
    );
}

/// Runs `case` scanning for `markers`: its `label=N …` counts, and its
/// trace when [`TRACE_VAR`] is set here (backtraces and sizes only, safe to show).
#[track_caller]
fn freed_copies(
    case: &str,
    vars: &[(&str, &str)],
    cwd: &Path,
    markers: &[(&str, &[u8])],
) -> (String, String) {
    let markers_env = probe::markers_env(markers);
    let mut all = vars.to_vec();
    all.push((MARKERS_VAR, &markers_env));
    let trace = std::env::var(TRACE_VAR).unwrap_or_default();
    if !trace.is_empty() {
        all.push((TRACE_VAR, &trace));
    }
    let child = run(case, &all, cwd);
    let shown: Vec<String> = markers
        .iter()
        .map(|(_, m)| String::from_utf8_lossy(m).into_owned())
        .collect();
    child.assert_hidden(&shown.iter().map(String::as_str).collect::<Vec<_>>());
    child.assert_ok();
    let counts = child
        .stdout
        .lines()
        // libtest prints `test name ... ` first, on the same line
        .find_map(|l| l.split_once(HITS_LINE).map(|(_, counts)| counts.to_owned()))
        .unwrap_or_else(|| panic!("{case}: the child printed no counts:\n{}", child.stdout));
    let traces = if trace.is_empty() {
        String::new()
    } else {
        child.stderr
    };
    (counts, traces)
}

/// 24 random URL-safe characters: a marker no other allocation will hold.
fn canary() -> String {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).expect("random bytes");
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    bytes
        .iter()
        .map(|b| ALPHABET[usize::from(b & 63)] as char)
        .collect()
}

/// A 48-character secret (long enough for any HS256 key) holding `canary`.
fn secret_holding(canary: &str) -> String {
    format!("sg-zeroize-{canary}-padding-to-48")
}

// ---- the instrument ------------------------------------------------------------------

child_case!(child_plain_string, {
    probe_load(|| std::env::var("SG_Z_SECRET").expect("set by the parent"));
});

/// The scanner sees a copy that is dropped as it is, so a zero elsewhere means something.
#[test]
fn a_plain_string_is_seen() {
    let canary = canary();
    let dir = temp_dir();
    let secret = secret_holding(&canary);
    let (counts, _) = freed_copies(
        "child_plain_string",
        &[("SG_Z_SECRET", &secret)],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
    assert_eq!(counts.trim(), "secret=1", "child_plain_string");
}

// ---- env -----------------------------------------------------------------------------

// `SG_Z_SECRET` into a `SecretString`: the variable, `NAME_FILE`, a `file://`
// reference or `.env`, whichever the parent sets up
child_case!(child_string, {
    probe_load(|| -> SecretString { secret!("SG_Z_SECRET") });
});

#[test]
fn env_var_into_secret_string() {
    let canary = canary();
    let dir = temp_dir();
    let secret = secret_holding(&canary);
    assert_no_copy_freed(
        "child_string",
        &[("SG_Z_SECRET", &secret)],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
}

child_case!(child_env_jwt, {
    probe_load(|| -> JwtSecret { secret!("SG_Z_SECRET") });
});

#[test]
fn env_var_into_jwt_secret() {
    let canary = canary();
    let dir = temp_dir();
    let secret = secret_holding(&canary);
    assert_no_copy_freed(
        "child_env_jwt",
        &[("SG_Z_SECRET", &secret)],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
}

// ---- NAME_FILE -----------------------------------------------------------------------

#[test]
fn name_file_regular() {
    let canary = canary();
    let dir = temp_dir();
    let path = dir.path().join("secret");
    std::fs::write(&path, format!("{}\n", secret_holding(&canary))).unwrap();
    assert_no_copy_freed(
        "child_string",
        &[("SG_Z_SECRET_FILE", path.to_str().unwrap())],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
}

// A `NAME_FILE` that is a pipe used to be read into a growing buffer; pipes
// are now refused before anything is read (tests/env_loader.rs).

/// `NAME=file:///path`: a reference followed at run time, read like `file =`.
#[test]
fn env_var_holding_a_file_reference() {
    let canary = canary();
    let dir = temp_dir();
    let path = dir.path().join("secret");
    std::fs::write(&path, format!("{}\n", secret_holding(&canary))).unwrap();
    let reference = format!("file://{}", path.display());
    assert_no_copy_freed(
        "child_string",
        &[("SG_Z_SECRET", &reference)],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
}

// ---- .env ----------------------------------------------------------------------------

#[test]
fn dotenv_plain() {
    let (canary, other) = (canary(), canary());
    let dir = temp_dir();
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "SG_Z_OTHER={}\nSG_Z_SECRET={}\n",
            secret_holding(&other),
            secret_holding(&canary)
        ),
    )
    .unwrap();
    assert_no_copy_freed(
        "child_string",
        &[],
        dir.path(),
        &[
            ("secret", canary.as_bytes()),
            ("other-entry", other.as_bytes()),
        ],
    );
}

child_case!(child_dotenv_refused, {
    probe_load(|| {
        let refused: Result<SecretString, _> = secretguard::try_secret!("SG_Z_SECRET");
        assert!(refused.is_err(), "a `$` in a .env value is refused");
    });
});

/// A `$` in a `.env` value is refused, not expanded; the refusal strands no
/// copy of the part a substitution would have pulled in, nor of the line.
#[test]
fn dotenv_with_a_dollar_is_refused_and_leaves_nothing() {
    let canary = canary();
    let dir = temp_dir();
    std::fs::write(
        dir.path().join(".env"),
        format!(
            "SG_Z_PART={}\nSG_Z_SECRET=\"${{SG_Z_PART}}-and-more-{}\"\n",
            secret_holding(&canary),
            canary
        ),
    )
    .unwrap();
    assert_no_copy_freed(
        "child_dotenv_refused",
        &[],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
}

// ---- file = --------------------------------------------------------------------------

child_case!(child_file, {
    probe_load(|| -> SecretString { secret!(file = "./secret.txt") });
});

#[test]
fn file_source() {
    let canary = canary();
    let dir = temp_dir();
    std::fs::write(dir.path().join("secret.txt"), secret_holding(&canary)).unwrap();
    assert_no_copy_freed(
        "child_file",
        &[],
        dir.path(),
        &[("secret", canary.as_bytes())],
    );
}

// ---- encodings -----------------------------------------------------------------------

/// A 4 KiB random key whose bytes at `at` are `canary`.
fn key_holding(canary: &str, at: usize) -> Vec<u8> {
    let mut key = vec![0u8; 4096];
    getrandom::fill(&mut key).expect("random bytes");
    key[at..at + canary.len()].copy_from_slice(canary.as_bytes());
    key
}

child_case!(child_base64, {
    probe_load(|| -> SecretBytes { secret!("SG_Z_KEY", encoding = "base64") });
});

#[test]
fn base64_wrapped_4k_key() {
    use base64::Engine as _;

    let canary = canary();
    let dir = temp_dir();
    // 48 bytes are one 64-character line, as `openssl rand -base64` wraps:
    // the canary starts line 10, so its encoding is whole on that line
    let key = key_holding(&canary, 48 * 10);
    let text = base64::engine::general_purpose::STANDARD.encode(&key);
    let encoded_canary = base64::engine::general_purpose::STANDARD.encode(canary.as_bytes());
    assert!(text.contains(&encoded_canary));
    let wrapped: String = text
        .as_bytes()
        .chunks(64)
        .map(|line| format!("{}\n", std::str::from_utf8(line).unwrap()))
        .collect();
    assert_no_copy_freed(
        "child_base64",
        &[("SG_Z_KEY", &wrapped)],
        dir.path(),
        &[
            ("key", canary.as_bytes()),
            ("base64-text", encoded_canary.as_bytes()),
        ],
    );
}

child_case!(child_hex, {
    probe_load(|| -> SecretBytes { secret!("SG_Z_KEY", encoding = "hex") });
});

#[test]
fn hex_4k_key() {
    let canary = canary();
    let dir = temp_dir();
    let hex = |bytes: &[u8]| -> String { bytes.iter().map(|b| format!("{b:02x}")).collect() };
    let key = key_holding(&canary, 1000);
    let encoded_canary = hex(canary.as_bytes());
    assert_no_copy_freed(
        "child_hex",
        &[("SG_Z_KEY", &hex(&key))],
        dir.path(),
        &[
            ("key", canary.as_bytes()),
            ("hex-text", encoded_canary.as_bytes()),
        ],
    );
}

// ---- Vault ---------------------------------------------------------------------------

// a child case must be at the top level: `run` names it exactly
#[cfg(feature = "vault")]
child_case!(child_vault_kv2, {
    probe_load(|| -> SecretString { secret!(vault = "secret/data/jwt#secret") });
});

#[cfg(feature = "vault")]
mod vault {
    use super::*;
    use support::server;

    /// `secret/data/jwt#secret`, readable by the test role.
    fn server() -> Option<server::Vault> {
        server::vault()
    }

    /// The secret read from Vault and the token that read it (whose header
    /// ureq keeps per request over our zeroizing buffer).
    #[test]
    fn kv2_value_and_token_with_vault_token() {
        let Some(s) = server() else { return };
        let dir = temp_dir();
        assert_no_copy_freed(
            "child_vault_kv2",
            &[("VAULT_ADDR", &s.addr), ("VAULT_TOKEN", &s.root_token)],
            dir.path(),
            &[
                ("vault-value", s.jwt.as_bytes()),
                ("vault-token", s.root_token.as_bytes()),
            ],
        );
    }

    #[test]
    fn kv2_value_and_secret_id_with_approle() {
        let Some(s) = server() else { return };
        let dir = temp_dir();
        assert_no_copy_freed(
            "child_vault_kv2",
            &[
                ("VAULT_ADDR", &s.addr),
                ("VAULT_ROLE_ID", &s.role_id),
                ("VAULT_SECRET_ID", &s.secret_id),
            ],
            dir.path(),
            &[
                ("vault-value", s.jwt.as_bytes()),
                ("secret_id", s.secret_id.as_bytes()),
            ],
        );
    }

    #[test]
    fn value_and_token_with_the_token_file() {
        let Some(s) = server() else { return };
        let dir = temp_dir();
        std::fs::write(
            dir.path().join(".vault-token"),
            format!("{}\n", s.root_token),
        )
        .unwrap();
        assert_no_copy_freed(
            "child_vault_kv2",
            &[("VAULT_ADDR", &s.addr)],
            dir.path(),
            &[
                ("vault-value", s.jwt.as_bytes()),
                ("vault-token", s.root_token.as_bytes()),
            ],
        );
    }
}

// ---- AWS -----------------------------------------------------------------------------

#[cfg(feature = "aws")]
child_case!(child_aws_sm, {
    probe_load(|| -> SecretString { secret!(aws = "secretguard/test/jwt") });
});

#[cfg(feature = "aws")]
mod aws {
    use super::*;
    use support::server;

    #[test]
    #[ignore = "known leak, out of reach: the AWS SDK's response body and deserialized output (SecretString) are its own buffers, freed unzeroized"]
    fn secrets_manager_string() {
        let get = |name: &str| server::var("AWS", name);
        let (Some(endpoint), Some(jwt)) = (get("ENDPOINT"), get("JWT")) else {
            return server::missing("the AWS emulator", "aws-dev.sh").unwrap_or(());
        };
        let dir = temp_dir();
        assert_no_copy_freed(
            "child_aws_sm",
            &[
                ("AWS_ENDPOINT_URL", endpoint.as_str()),
                ("AWS_REGION", "us-east-1"),
                ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7TESTING"),
                ("AWS_SECRET_ACCESS_KEY", "dummy-secret-access-key-for-moto"),
                ("AWS_EC2_METADATA_DISABLED", "true"),
                ("AWS_CONFIG_FILE", "/nonexistent/aws-config"),
                (
                    "AWS_SHARED_CREDENTIALS_FILE",
                    "/nonexistent/aws-credentials",
                ),
            ],
            dir.path(),
            &[("aws-value", jwt.as_bytes())],
        );
    }
}
