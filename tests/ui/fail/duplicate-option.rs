use secretguard::{secret, JwtSecret};

fn main() {
    let _a: JwtSecret = secret!("JWT_SECRET", alg = "HS256", alg = "HS512");
    let _b: JwtSecret = secret!(env = "JWT_SECRET", env = "JWT_SECRET");
}
