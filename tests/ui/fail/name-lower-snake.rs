// A name in the wrong case gets the UPPER_SNAKE_CASE it most likely meant.
use secretguard::{secret, SecretString};

fn main() {
    let _a: SecretString = secret!("database_password");
    let _b: SecretString = secret!(env = "DATABASE-PASSWORD");
}
