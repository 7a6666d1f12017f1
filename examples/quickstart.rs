//! secretguard in one minute: what a service that starts without its secret
//! reports, then a freshly generated development key, checked at start-up,
//! loaded, redacted, and used to sign and verify an HS256 token.
//!
//!     cargo run --example quickstart
//!
//! Nothing secret is committed: the key is generated at run time and handed to
//! a second run of this program through its environment, the way a deployment
//! hands one to a service.

use std::process::{Command, ExitCode};

use base64::Engine as _;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use secretguard::{ExposeSecret, JwtSecret, jwt_secret};

/// The variable this example reads; a name of its own so your shell's
/// `JWT_SECRET`, if any, does not change what you see.
const VAR: &str = "QUICKSTART_JWT_SECRET";

#[jwt_secret(env = "QUICKSTART_JWT_SECRET", encoding = "base64")]
static JWT_SECRET: JwtSecret;

fn main() -> ExitCode {
    if std::env::var_os(VAR).is_some() {
        // the first line of a service's `main`: every secret the binary
        // declares is loaded here, or the process exits 78 with one report
        secretguard::preflight_or_exit();
        return demo();
    }

    println!("1. Starting without {VAR}: `secretguard::preflight()` loads every secret");
    println!("   this binary declares and reports every failure at once, never a value:\n");
    match secretguard::preflight() {
        Err(report) => println!("{}\n", indent(&report.to_string())),
        Ok(()) => unreachable!("{VAR} is unset in this branch"),
    }
    println!("   `preflight_or_exit()`, the first line of `main` in the run below, prints");
    println!("   this and exits with 78 (EX_CONFIG) instead of failing at the first request.\n");

    println!("2. Generating a random HS256 development key (32 bytes from the OS) and");
    println!("   running this example again with {VAR} set to it, base64-encoded.\n");
    let key = JwtSecret::generate(secretguard::Algorithm::HS256).expect("OS random numbers");
    let encoded = base64::engine::general_purpose::STANDARD.encode(key.expose_secret());
    let exe = std::env::current_exe().expect("path of this example");
    match Command::new(exe).env(VAR, encoded).status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("the second run failed: {status}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("could not start the second run: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The second run: a service whose secret is set.
fn demo() -> ExitCode {
    // preflight has loaded it: this is a plain read
    let key: &JwtSecret = &JWT_SECRET;
    println!("3. Checked at start-up and loaded: {key:?}");
    println!("   (Debug shows the algorithm and length, never the key)\n");

    let claims = serde_json::json!({ "sub": "user-42", "role": "reader", "exp": 4_102_444_800u64 });
    let token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(JWT_SECRET.expose_secret()),
    )
    .expect("signing with an HS256 key");
    println!("4. Signed an HS256 token:\n   {token}\n");

    let verified = jsonwebtoken::decode::<serde_json::Value>(
        &token,
        &DecodingKey::from_secret(JWT_SECRET.expose_secret()),
        &Validation::new(Algorithm::HS256),
    )
    .expect("verifying with the same key");
    println!(
        "5. Verified it with the same key; claims: {}",
        verified.claims
    );

    let tampered = format!("{token}x");
    let rejected = jsonwebtoken::decode::<serde_json::Value>(
        &tampered,
        &DecodingKey::from_secret(JWT_SECRET.expose_secret()),
        &Validation::new(Algorithm::HS256),
    );
    println!("   A tampered token is rejected: {}", rejected.is_err());

    println!("\nIn your service: `export JWT_SECRET=$(openssl rand -base64 32)` and");
    println!("    #[jwt_secret(encoding = \"base64\")]");
    println!("    static JWT_SECRET: JwtSecret;");
    println!("    fn main() {{ secretguard::preflight_or_exit(); … }}");
    ExitCode::SUCCESS
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("   {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
