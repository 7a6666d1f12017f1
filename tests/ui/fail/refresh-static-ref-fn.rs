use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret(refresh = "15m")]
fn jwt_secret() -> &'static JwtSecret;

// a refreshing static does not dereference to its value: `.current()` does
#[jwt_secret(refresh = "15m")]
static JWT_SECRET: JwtSecret;

fn main() {
    let _: &JwtSecret = &*JWT_SECRET;
}
