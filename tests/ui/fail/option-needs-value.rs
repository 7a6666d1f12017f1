use secretguard::{secret, JwtSecret};

fn main() {
    let _key: JwtSecret = secret!("JWT_SECRET", alg);
}
