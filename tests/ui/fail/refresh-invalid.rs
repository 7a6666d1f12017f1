use secretguard::{jwt_secret, JwtSecret};

#[jwt_secret(refresh = "500ms")]
static TOO_SHORT: JwtSecret;

#[jwt_secret(refresh = "0s")]
static ZERO: JwtSecret;

#[jwt_secret(refresh = "2d")]
static UNIT: JwtSecret;

#[jwt_secret(refresh = "25h")]
static TOO_LONG: JwtSecret;

#[jwt_secret(refresh = 900)]
static NOT_A_STRING: JwtSecret;

#[jwt_secret(refresh = "15m", refresh = "1h")]
static TWICE: JwtSecret;

fn main() {}
