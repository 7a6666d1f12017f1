use secretguard::{secret, SecretString};

fn main() {
    let _pin: SecretString = secret!(12345678);
}
