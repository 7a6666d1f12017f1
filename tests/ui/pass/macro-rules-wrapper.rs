// `macro_rules!` wrappers hand `secret!` their fragment in an invisible group:
// a name passes through `$e:expr` and `$e:literal` as if written in place.
use secretguard::{jwt_secret, secret, try_secret, JwtSecret, SecretString};

macro_rules! load_expr {
    ($e:expr) => {
        secret!($e)
    };
}

macro_rules! load_literal {
    ($e:literal) => {
        secret!($e)
    };
}

macro_rules! load_env_optional {
    ($e:expr) => {
        try_secret!(env = $e, optional)
    };
}

macro_rules! declare {
    ($name:ident, $env:literal) => {
        #[jwt_secret(env = $env)]
        static $name: JwtSecret;
    };
}

declare!(WRAPPED, "JWT_SECRET");

#[allow(dead_code)]
fn every_form() {
    let _a: SecretString = load_expr!("API_KEY");
    let _b: SecretString = load_literal!("API_KEY");
    let _c: Result<Option<SecretString>, secretguard::Error> = load_env_optional!("API_KEY");
    let _ = &*WRAPPED;
}

fn main() {}
