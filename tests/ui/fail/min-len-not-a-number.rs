use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!("API_KEY", min_len = "32");
}
