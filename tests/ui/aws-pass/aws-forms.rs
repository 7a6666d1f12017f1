// With the `aws` feature, Secrets Manager and KMS sources compile (nothing is loaded here).
#![allow(dead_code)]
use secretguard::{jwt_secret, secret, JwtSecret, SecretString};

#[jwt_secret(aws = "prod/app/jwt-secret")]
static JWT_SECRET: JwtSecret;

fn forms() {
    let _pw: SecretString = secret!(aws = "prod/app/db#password");
    let _old: SecretString = secret!(aws = "prod/app/db?stage=AWSPREVIOUS#password");
    let _k: JwtSecret = secret!(kms = "JWT_SECRET_ENCRYPTED");
    let _c: JwtSecret = secret!(kms = "JWT_SECRET_ENCRYPTED?purpose=jwt&key_id=alias/app");
    let _chain: JwtSecret = secret!(env = "JWT_SECRET", aws = "prod/app/jwt-secret");
    let _ = &*JWT_SECRET;
}

fn main() {}
