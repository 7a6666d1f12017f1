use secretguard::{secret, SecretString};

fn main() {
    let _key: SecretString = secret!(dotenv!("JWT_SECRET"));
}
