use secretguard::{jwt_secret, JwtKeySet};

#[jwt_secret(previous)]
static JWT_KEYS: JwtKeySet;

#[jwt_secret(env = "SIGNING_KEY", previous = "SIGNING_KEY_OLD", alg = "HS512", encoding = "base64")]
static SIGNING_KEYS: JwtKeySet;

#[jwt_secret(file = "/run/secrets/jwt", previous = "/run/secrets/jwt.previous")]
static FILE_KEYS: JwtKeySet;

#[jwt_secret(previous, optional)]
static MAYBE_KEYS: Option<JwtKeySet>;

// without `previous`, a set of the current key alone
#[jwt_secret]
static ONE_KEY: JwtKeySet;

#[jwt_secret(env = "FN_KEYS", previous)]
fn fn_keys() -> &'static JwtKeySet;

fn main() {
    // declared, never loaded: the pass cases run with no secrets set
    let _ = (&JWT_KEYS, &SIGNING_KEYS, &FILE_KEYS, &MAYBE_KEYS, &ONE_KEY, fn_keys as fn() -> _);
}
