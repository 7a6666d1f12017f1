use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!("my-super-secret-key-1234");
}
