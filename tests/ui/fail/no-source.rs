use secretguard::{secret, JwtSecret};

fn main() {
    let _key: JwtSecret = secret!(alg = "HS512");
}
