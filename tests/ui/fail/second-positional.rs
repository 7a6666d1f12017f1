use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!("NEW_NAME", "OLD_NAME");
}
