use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!(include_str!("../../../secrets/jwt.key"));
}
