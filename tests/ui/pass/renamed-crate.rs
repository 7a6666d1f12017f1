// `crate = path` for a user who renamed the dependency or re-exports it.
mod deps {
    pub use secretguard as sg;
}

use deps::sg::{jwt_secret, secret, JwtSecret, SecretString};

#[jwt_secret(crate = deps::sg)]
static JWT_SECRET: JwtSecret;

#[allow(dead_code)]
fn load() -> SecretString {
    let _ = &*JWT_SECRET;
    secret!("API_KEY", crate = crate::deps::sg)
}

fn main() {}
