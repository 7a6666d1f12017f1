use secretguard::{jwt_secret, JwtKeySet};

#[jwt_secret(vault = "secret/jwt#key", previous)]
static KEYS: JwtKeySet;

#[jwt_secret(vault = "secret/jwt?version=3#key", previous)]
static PINNED: JwtKeySet;

#[jwt_secret(vault = "secret/jwt#key", previous = "secret/jwt-old#key")]
static NAMED: JwtKeySet;

fn main() {
    let _ = (&KEYS, &PINNED, &NAMED);
}
