// With the `vault` feature, Vault sources compile (nothing is loaded here).
#![allow(dead_code)]
use secretguard::{jwt_secret, secret, JwtSecret, SecretString};

#[jwt_secret(vault = "secret/data/jwt#secret")]
static JWT_SECRET: JwtSecret;

fn forms() {
    let _db: SecretString = secret!(vault = "secret/db#password");
    let _k: JwtSecret = secret!(env = "JWT_SECRET", vault = "secret/data/jwt#secret");
    let _only: SecretString = secret!(vault = "secret/data/single");
    let _cli: SecretString = secret!(vault = "secret/jwt?version=2#key");
    let _ = &*JWT_SECRET;
}

fn main() {}
