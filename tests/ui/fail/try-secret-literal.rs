use secretguard::{try_secret, SecretString};

fn main() {
    let _key: Result<SecretString, secretguard::Error> = try_secret!("correct horse battery staple");
}
