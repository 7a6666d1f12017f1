use secretguard::{secret, SecretString};

fn main() {
    let _key: Option<SecretString> = secret!("API_KEY", optional = true);
}
