use secretguard::{secret, SecretString};

mod names {
    pub const API_KEY: &str = "API_KEY";
}

fn main() {
    let _key: SecretString = secret!(names::API_KEY);
    let _other: SecretString = secret!(env = names::API_KEY);
}
