// `refresh` on every form that takes it; nothing here is loaded.
use std::sync::Arc;

use secretguard::{jwt_secret, Current, ExposeSecret, JwtSecret, RefreshingSecret, SecretString};

#[jwt_secret(refresh = "15m")] // env JWT_SECRET, re-read every 15 minutes
static JWT_SECRET: JwtSecret;

#[jwt_secret(env = "API_TOKEN", file = "/run/secrets/api", refresh = "1h30m")]
pub static API_TOKEN: SecretString;

#[jwt_secret(optional, refresh = "30s")]
static MAYBE_KEY: Option<JwtSecret>;

#[jwt_secret(env = "JWT_SECRET", alg = "HS512", refresh = "1s")]
fn jwt_secret() -> JwtSecret; // a clone of the current value

#[allow(dead_code)]
fn every_use() {
    let current: Current<JwtSecret> = JWT_SECRET.current();
    let _: &[u8] = current.expose_secret();
    let _: Arc<SecretString> = API_TOKEN.snapshot();
    let _: Option<usize> = MAYBE_KEY.current().as_ref().map(|k| k.expose_secret().len());
    let _: JwtSecret = jwt_secret();
    let _: &RefreshingSecret<JwtSecret> = &JWT_SECRET;
    let _ = (JWT_SECRET.status().consecutive_failures(), JWT_SECRET.try_current().is_ok());
}

fn main() {}
