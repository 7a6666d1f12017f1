use secretguard::{secret, JwtSecret, SecretString};

fn main() {
    let _a: SecretString = secret!("NEW_NAME", "OLD_NAME");
    let _b: JwtSecret = secret!(alg = "HS512", "JWT_SECRET");
}
