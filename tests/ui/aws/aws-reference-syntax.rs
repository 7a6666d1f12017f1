use secretguard::{jwt_secret, secret, JwtSecret, SecretString};

#[jwt_secret(aws = "prod/app/jwt#")]
static EMPTY_KEY: JwtSecret;

fn main() {
    let _a: SecretString = secret!(aws = "");
    let _b: SecretString = secret!(aws = "prod/app/db#user#password");
    let _c: SecretString = secret!(aws = "prod/app/db?version=3");
    let _d: SecretString = secret!(kms = "jwt-secret-encrypted");
    let _e: SecretString = secret!(kms = "JWT_SECRET_ENCRYPTED?key_id");
    let _f: SecretString = secret!(aws = "AKIAU29PC7ZL4HT2DTCB");
    let _ = &*EMPTY_KEY;
}
