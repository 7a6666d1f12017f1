use secretguard::{secret, SecretString};

const API_KEY: &str = "API_KEY";

fn main() {
    let _key: SecretString = secret!(API_KEY);
}
