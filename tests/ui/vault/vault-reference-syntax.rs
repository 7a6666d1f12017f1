use secretguard::{jwt_secret, secret, JwtSecret, SecretString};

#[jwt_secret(vault = "secret/data/jwt#")]
static EMPTY_FIELD: JwtSecret;

fn main() {
    let _a: SecretString = secret!(vault = "");
    let _b: SecretString = secret!(vault = "secret/db#pass#word");
    let _c: SecretString = secret!(vault = "secret/ db#password");
    let _d: SecretString = secret!(vault = "secret#password");
    let _e: SecretString = secret!(vault = "vault://secret/db#password");
    let _f: SecretString = secret!(vault = "secret/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");
    let _g: SecretString = secret!(vault = "secret/jwt?version=0#key");
    let _h: SecretString = secret!(vault = "secret/jwt#key?version=2");
    let _ = &*EMPTY_FIELD;
}
