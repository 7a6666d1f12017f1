use secretguard::{secret, SecretString};

fn main() {
    // upper snake case, but an AWS access key id
    let _key: SecretString = secret!("AKIAIOSFODNN7EXAMPLE");
}
