//! A key set in a crate whose jsonwebtoken has no crypto backend fails at
//! load with `ErrorKind::NoCryptoBackend` and the Cargo.toml line to add,
//! not with jsonwebtoken's panic at the first signature. Every crate of this
//! workspace turns `rust_crypto` on (features unify), so this test writes a
//! small crate that depends on secretguard alone, with its `jsonwebtoken`
//! feature, and runs it offline with the workspace's lockfile, in a target
//! directory of its own under `target/tmp` (as `tests/renamed_dependency.rs`
//! does). The first run builds the dependencies once.
#![cfg(feature = "jsonwebtoken")]

use std::fs;
use std::path::Path;
use std::process::Command;

const MAIN: &str = r#"
use secretguard::{jwt_secret, JwtKeySet, LazySecret};

#[jwt_secret(env = "SG_NCB_KEY", previous)]
static KEYS: JwtKeySet;

fn main() {
    match LazySecret::try_force(&KEYS) {
        Ok(_) => println!("loaded"),
        Err(e) => println!("kind: {:?}\n{e}", e.kind()),
    }
}
"#;

#[test]
fn a_key_set_without_a_crypto_backend_fails_at_load_naming_the_line_to_add() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-crypto-backend");
    fs::create_dir_all(root.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"no-crypto-backend\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nsecretguard = {{ path = '{}', features = [\"jsonwebtoken\"] }}\n\n[workspace]\n",
        repo.display()
    );
    fs::write(root.join("Cargo.toml"), manifest).unwrap();
    fs::write(root.join("src/main.rs"), MAIN).unwrap();
    fs::copy(repo.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    // a test key: 40 bytes, never a real one
    let key = "sg-no-crypto-backend-test-key-0123456789";
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--offline", "--quiet"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("CARGO_TARGET_TMPDIR")
        .env("SG_NCB_KEY", key)
        .env_remove("SG_NCB_KEY_PREVIOUS")
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the generated crate did not build or run:\n{stderr}"
    );
    assert!(
        stdout.contains("kind: NoCryptoBackend\n"),
        "the load did not fail with NoCryptoBackend:\n{stdout}"
    );
    assert!(
        stdout.contains("jsonwebtoken has no crypto backend"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            r#"`jsonwebtoken = { version = "11", default-features = false, features = ["rust_crypto"] }`"#
        ),
        "the report does not name the Cargo.toml line to add:\n{stdout}"
    );
    assert!(
        !stdout.contains(key) && !stderr.contains(key),
        "the key appears in the output"
    );
}
