use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!("KEY_9F86D081884C7D659A2FEAA0");
}
