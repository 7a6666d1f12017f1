//! Secrets from AWS: a JWT key from Secrets Manager, and a key kept only as
//! KMS ciphertext in the environment, decrypted when first used.
//!
//!     source <(bash scripts/aws-dev.sh start)      # moto, a local AWS-API emulator
//!     export APP_KEY_ENCRYPTED=$(aws --endpoint-url "$AWS_ENDPOINT_URL" kms encrypt \
//!         --key-id "$SG_TEST_AWS_KEY_ID" --plaintext fileb://<(openssl rand 32) \
//!         --query CiphertextBlob --output text)      # optional: the KMS half
//!     cargo run --example aws --features aws
//!
//! The standard AWS configuration applies: `AWS_REGION`, `AWS_ENDPOINT_URL`,
//! credentials from the environment, profiles, SSO, or instance/task roles.

use secretguard::{ExposeSecret, JwtSecret, LazySecret, SecretBytes, jwt_secret, try_secret};

/// The SecretString of a Secrets Manager secret (the emulator's test secret).
#[jwt_secret(aws = "secretguard/test/jwt")]
static JWT_SECRET: JwtSecret;

fn main() {
    // fails here, at start-up, with every place it looked if the secret is missing
    let key = LazySecret::force(&JWT_SECRET);
    println!("JWT key from Secrets Manager: {key:?}");
    println!(
        "signs with {} bytes of key material",
        key.expose_secret().len()
    );

    // envelope encryption: only ciphertext is configured; plaintext exists in memory only
    let app_key: Result<Option<SecretBytes>, secretguard::Error> =
        try_secret!(kms = "APP_KEY_ENCRYPTED", optional);
    match app_key {
        Ok(Some(k)) => println!(
            "APP_KEY decrypted by KMS: {} bytes",
            k.expose_secret().len()
        ),
        Ok(None) => println!(
            "APP_KEY_ENCRYPTED is not set: see the top of examples/aws.rs for the KMS half"
        ),
        Err(e) => println!("{e}"),
    }
}
