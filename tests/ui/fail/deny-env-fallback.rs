use secretguard::deny_hardcoded_secrets;

#[deny_hardcoded_secrets]
fn jwt_secret() -> String {
    // PORT's fallback is fine; JWT_SECRET's ships a secret in every binary
    let _port = std::env::var("PORT").unwrap_or("8080".into());
    std::env::var("JWT_SECRET").unwrap_or_else(|_| "dev-jwt-secret".to_string())
}

fn main() {
    jwt_secret();
}
