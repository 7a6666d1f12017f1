use secretguard::{jwt_secret, JwtKeySet};

#[jwt_secret(file = "/run/secrets/jwt", previous)]
static KEYS: JwtKeySet;

fn main() {
    let _ = &*KEYS;
}
