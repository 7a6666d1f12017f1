use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!("API_KEY", default = "dev-key-do-not-use");
}
