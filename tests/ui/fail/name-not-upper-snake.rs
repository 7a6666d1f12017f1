use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!("jwt secret");
    let _b: SecretString = secret!(env = "jwtSecret");
}
