use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret]
async fn with_args<T>(tenant: &str) -> JwtSecret;

#[jwt_secret]
fn no_return_type();

#[jwt_secret]
const fn at_compile_time() -> JwtSecret;

#[jwt_secret]
fn borrowed() -> &JwtSecret;

fn main() {}
