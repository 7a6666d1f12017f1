use secretguard::{secret, try_secret, SecretString};

fn main() {
    let _a: SecretString = secret!();
    let _b: Result<SecretString, secretguard::Error> = try_secret!();
}
