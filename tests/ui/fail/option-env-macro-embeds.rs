use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!(option_env!("JWT_SECRET"));
}
