use secretguard::{jwt_secret, ExposeSecret, JwtSecret};

#[jwt_secret]
static JWT_SECRET: JwtSecret = "my-super-secret-key-1234";

fn main() {
    // the stub keeps this use from failing too
    let _ = JWT_SECRET.expose_secret();
}
