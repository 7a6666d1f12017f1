use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret]
static JWT_SECRET: JwtSecret = include_bytes!("../../../secrets/jwt.key");

fn main() {
    let _ = &*JWT_SECRET;
}
