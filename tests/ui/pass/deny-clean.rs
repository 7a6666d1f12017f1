// Secret-adjacent code that hardcodes nothing compiles unchanged; allow with a
// reason exempts an item, a statement or an expression.
use secretguard::{allow_hardcoded_secret, deny_hardcoded_secrets, jwt_secret, JwtSecret};

#[deny_hardcoded_secrets]
mod auth {
    use super::*;

    pub const JWT_SECRET_ENV: &str = "JWT_SECRET";
    pub const VAULT_PATH: &str = "secret/data/jwt#secret";

    #[jwt_secret]
    pub static JWT_SECRET: JwtSecret;

    pub struct Login {
        pub password_hint: String,
    }

    pub fn login(user: &str) -> Login {
        let token_type = "Bearer";
        let port = std::env::var("PORT").unwrap_or("8080".into());
        let _ = (token_type, port, user);
        Login { password_hint: "the name of your first pet".into() }
    }

    #[allow_hardcoded_secret(reason = "RFC 4231 test case 2, a published test key")]
    pub const RFC4231_KEY: &str = "Jefe-rfc4231-test-key";

    pub fn test_vector() -> usize {
        #[allow_hardcoded_secret(reason = "fixture for the parser test")]
        let password = "hunter22-fixture";
        password.len() + check(#[allow_hardcoded_secret(reason = "argument fixture")] "tok-fixture-value")
    }

    fn check(token: &str) -> usize {
        token.len()
    }
}

#[allow_hardcoded_secret(reason = "outside a deny scope it only checks the reason")]
const OUTSIDE: &str = "x";

fn main() {
    assert_eq!(auth::login("u").password_hint.len(), 26);
    assert_eq!(auth::test_vector(), 33);
    let _ = (auth::JWT_SECRET_ENV, auth::VAULT_PATH, auth::RFC4231_KEY, OUTSIDE);
}
