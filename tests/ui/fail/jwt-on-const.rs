use secretguard::{jwt_secret, ExposeSecret, JwtSecret};

#[jwt_secret]
const JWT_SECRET: JwtSecret;

fn main() {
    let _ = JWT_SECRET.expose_secret();
}
