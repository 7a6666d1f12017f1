use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret(optional)]
static JWT_SECRET: JwtSecret;

#[jwt_secret(optional)]
fn signing_key() -> &'static JwtSecret;

#[jwt_secret]
static MAYBE_KEY: Option<JwtSecret>;

fn main() {}
