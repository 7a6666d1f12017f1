use secretguard::{secret, JwtSecret};

fn main() {
    let _a: JwtSecret = secret!("JWT_SECRET", alg = "hs256");
    let _b: JwtSecret = secret!("JWT_SECRET", alg = "HS1024");
}
