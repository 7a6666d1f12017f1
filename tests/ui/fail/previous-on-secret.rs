use secretguard::{secret, JwtKeySet};

fn main() {
    let _keys: JwtKeySet = secret!("JWT_KEYS", previous);
}
