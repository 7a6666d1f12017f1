use secretguard::{secret, try_secret, SecretString};

fn main() {
    let _a: SecretString = secret!("API_KEY", refresh = "15m");
    let _b: Result<SecretString, secretguard::Error> = try_secret!(env = "API_KEY", refresh = "1m");
}
