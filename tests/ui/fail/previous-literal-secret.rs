use secretguard::{jwt_secret, JwtKeySet};

#[jwt_secret(env = "JWT_KEYS", previous = "my-super-secret-key-1234")]
static KEYS: JwtKeySet;

fn main() {
    let _ = &*KEYS;
}
