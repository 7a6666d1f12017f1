// Every form the README promises compiles. Nothing here is loaded: the
// loaders sit in functions `main` does not call.
use secretguard::{
    jwt_secret, secret, try_secret, ExposeSecret, JwtSecret, LazySecret, SecretBytes, SecretString,
};

#[jwt_secret] // env JWT_SECRET, HS256
static JWT_SECRET: JwtSecret;

#[jwt_secret(env = "AUTH_SIGNING_KEY", alg = "HS512", encoding = "base64")]
static SIGNING_KEY: JwtSecret;

/// Doc comments and visibility carry over.
#[jwt_secret("REFRESH_SECRET", alg = "HS384", min_len = 64)]
pub static REFRESH_SECRET: JwtSecret;

#[jwt_secret(file = "/run/secrets/jwt", env = "JWT_SECRET", encoding = "base64url")]
static FROM_FILE_FIRST: JwtSecret;

#[jwt_secret(optional)]
static MAYBE_KEY: Option<JwtSecret>;

#[jwt_secret] // env API_TOKEN
static API_TOKEN: SecretString;

#[jwt_secret] // env JWT_SECRET, cached after first call
fn jwt_secret() -> JwtSecret;

#[jwt_secret(env = "JWT_SECRET")]
pub(crate) fn jwt_secret_ref() -> &'static JwtSecret;

#[allow(dead_code)]
fn every_form() {
    let api: SecretString = secret!("API_KEY");
    let same: SecretString = secret!(env = "API_KEY");
    let chain: SecretString = secret!(env = "NEW_NAME", env = "OLD_NAME");
    let opt: Option<SecretString> = secret!(env = "MAYBE", optional);
    let res: Result<SecretString, secretguard::Error> = try_secret!("API_KEY");
    let res_opt: Result<Option<SecretBytes>, secretguard::Error> = try_secret!("RAW", optional);
    let bytes: SecretBytes = secret!(env = "RAW_KEY", encoding = "hex", min_len = 16);
    let jwt: JwtSecret = secret!("JWT_SECRET", alg = "HS256");
    let jwt_opt: Option<JwtSecret> = secret!("JWT_SECRET", alg = "HS512", optional);
    let file: SecretString = secret!(file = "/run/secrets/db_password");
    let _ = (api, same, chain, opt, res, res_opt, bytes, jwt, jwt_opt, file);

    let _: &[u8] = JWT_SECRET.expose_secret();
    let _: &[u8] = SIGNING_KEY.expose_secret();
    let _: &[u8] = REFRESH_SECRET.expose_secret();
    let _: &[u8] = FROM_FILE_FIRST.expose_secret();
    let _: Option<&JwtSecret> = MAYBE_KEY.as_ref();
    let _: &str = API_TOKEN.expose_secret();
    let _: JwtSecret = jwt_secret();
    let _: &'static JwtSecret = jwt_secret_ref();
    let _: &JwtSecret = LazySecret::force(&JWT_SECRET);
}

fn main() {
    // the one load that is safe to run: optional and unset
    let absent: Option<SecretString> = secret!(env = "SECRETGUARD_UI_SURELY_UNSET", optional);
    assert!(absent.is_none());
}
