use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret]
static mut JWT_SECRET: JwtSecret;

fn main() {}
