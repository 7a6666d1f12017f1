use secretguard::{jwt_secret, ExposeSecret, JwtSecret};

#[jwt_secret(alg = "HS1024", encoding = "base65", min_len = 0, colour = "blue")]
static JWT_SECRET: JwtSecret = "my-super-secret-key-1234";

fn main() {
    // one mistake gives its errors, not one more at every use
    let _ = JWT_SECRET.expose_secret();
    let _ = JWT_SECRET.algorithm();
}
