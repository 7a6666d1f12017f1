//! A dependency renamed in Cargo.toml (`sg = { package = "secretguard", … }`)
//! works without `crate = …`: the macros find the name the way derive crates
//! do. trybuild cannot rename a dependency, so this test writes a small crate
//! that does and runs `cargo check` on it, offline, with the workspace's
//! lockfile, in a target directory of its own under `target/tmp` (the outer
//! `cargo test` holds the lock of the shared one). The first run builds the
//! dependencies once; later runs check one file.

use std::fs;
use std::path::Path;
use std::process::Command;

const MAIN: &str = r#"
use sg::{jwt_secret, JwtSecret, SecretString};

#[jwt_secret]
static JWT_SECRET: JwtSecret;

#[jwt_secret(env = "SIGNING_KEY", alg = "HS512")]
fn signing_key() -> &'static JwtSecret;

#[allow(dead_code)]
fn load() -> Option<SecretString> {
    let _ = (&*JWT_SECRET, signing_key());
    let _: Result<SecretString, sg::Error> = sg::try_secret!("API_KEY", encoding = "hex");
    sg::secret!("API_KEY", optional)
}

fn main() {}
"#;

#[test]
fn renamed_dependency_needs_no_crate_option() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("renamed-dependency");
    fs::create_dir_all(root.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"renamed-dependency\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\nsg = {{ package = \"secretguard\", path = '{}' }}\n\n[workspace]\n",
        repo.display()
    );
    fs::write(root.join("Cargo.toml"), manifest).unwrap();
    fs::write(root.join("src/main.rs"), MAIN).unwrap();
    fs::copy(repo.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();

    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["check", "--offline", "--quiet", "--message-format=short"])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", root.join("target"))
        .env_remove("CARGO_TARGET_TMPDIR")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo check of a crate that renames secretguard to `sg` failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
