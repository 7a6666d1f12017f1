use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret(previous)]
static JWT_SECRET: JwtSecret;

fn main() {
    let _ = &*JWT_SECRET;
}
