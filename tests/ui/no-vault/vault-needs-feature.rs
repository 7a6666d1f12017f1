use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!(vault = "secret/data/jwt#secret");
}
