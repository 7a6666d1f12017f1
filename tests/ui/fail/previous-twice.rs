use secretguard::{jwt_secret, JwtKeySet};

#[jwt_secret(previous, previous = "JWT_KEYS_OLD")]
static JWT_KEYS: JwtKeySet;

fn main() {
    let _ = &*JWT_KEYS;
}
