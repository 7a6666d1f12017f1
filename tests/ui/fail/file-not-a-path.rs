use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!(file = "my-super-secret-key-1234");
    let _b: SecretString = secret!(file = "");
}
