// A renamed dependency and arguments that do not parse: the macros recover
// `crate = sg` from the raw tokens, so the parse error stays the only one.
extern crate secretguard as sg;
extern crate std as secretguard;

use sg::{jwt_secret, secret, JwtSecret, SecretString};

#[jwt_secret(crate = sg, env "JWT_SECRET")]
static JWT_SECRET: JwtSecret;

fn main() {
    let _a: SecretString = secret!("API_KEY" "OTHER", crate = sg);
    let _ = &*JWT_SECRET;
}
