use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!("API_KEY", optional);
    let _b: Option<SecretString> = secret!("API_KEY");
}
