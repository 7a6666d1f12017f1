use secretguard::{jwt_secret, JwtKeySet};

// `previous = "…"` is read in the grammar of the first source: a Vault reference
#[jwt_secret(vault = "secret/jwt#key", previous = "secret/jwt#a#b")]
static KEYS: JwtKeySet;

fn main() {
    let _ = &*KEYS;
}
