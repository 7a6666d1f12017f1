use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!("API_KEY"hunter2);
    let _b: SecretString = secret!(env = "API_KEY"hunter2);
}
