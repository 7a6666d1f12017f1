// expect: 17
// Fallbacks and defaults that ship a secret in the binary (all made up).
use clap::Parser;
use serde::Deserialize;
use std::env;

#[derive(Parser)]
struct Args {
    /// Signing key for tokens.
    #[arg(long, env = "JWT_SECRET", default_value = "dev-jwt-secret")] // secret-binding
    key: String,
    #[clap(long, default_value_t = String::from("Summer2026!"))] // secret-binding
    db_password: String,
    #[arg(long, default_value = "8080")]
    port: u16,
    // any option's default is a value: a URL with a password in it ships
    #[arg(long, default_value = "postgres://indexer:Ix-db-pw-77@localhost:5432/indexer")] // url-password
    database_url: String,
    #[arg(long, default_value = "http://localhost:8080")]
    api: String,
    // a default repeating the option's name is the password of everyone who
    // skips the option; an environment variable's name is a reference
    #[arg(long = "password", default_value = "password")] // secret-binding
    password: String,
    #[arg(long = "app-secret", default_value = "app-secret")] // secret-binding
    app_secret: String,
    #[arg(long, default_value = "ADMIN_TOKEN")]
    admin_token: String,
}

#[derive(Deserialize)]
struct Settings {
    #[serde(default = "fallback_secret")]
    api_token: String,
}

fn fallback_secret() -> String {
    "tok-7f3a9c2e-dev".into() // secret-binding
}

fn default_session_secret() -> &'static str {
    "insecure-session-secret" // secret-binding
}

fn keys() {
    let secret = env::var("JWT_SECRET").unwrap_or_else(|_| {
        eprintln!("warning: JWT_SECRET is unset, using the development key");
        "dev".into() // env-fallback
    });
    let key = EncodingKey::from_secret(env::var("JWT_SECRET").unwrap_or_default().as_bytes()); // env-fallback
    let port = env::var("PORT").unwrap_or_else(|_| "8080".into());
    // placeholder text as the program's own key or password is used as written
    let db = env::var("DB_PASSWORD").unwrap_or_else(|_| "your-db-password".into()); // env-fallback
    // the key that signs cookies, a run of hex digits or not
    let cookie = env::var("COOKIE_KEY").unwrap_or_else(|_| "0123456789abcdef0123456789abcdef".to_string()); // env-fallback
}

fn through_a_binding() {
    let secret = env::var("SESSION_SECRET").unwrap_or_default(); // env-fallback
    let decoding = DecodingKey::from_secret(secret.as_bytes());
    let encoding = EncodingKey::from_secret(secret.as_bytes());
    let unused = env::var("OTHER").unwrap_or_default();
    // a placeholder the program signs with is its key
    let signing = EncodingKey::from_secret(b"your-secret-key-here"); // key-constructor
}

// a placeholder bound to a secret the program chooses for itself (signing,
// session, cookie…) is its key; an issued key's placeholder only stands in
const OPENROUTER_API_KEY: &str = "sk-or-REPLACE_ME";

fn placeholders_by_name() -> AuthConfig {
    let session_secret = "your-session-secret"; // secret-binding
    let _ = session_secret;
    AuthConfig {
        jwt_secret: "your-secret-key-here".to_string(), // secret-binding
        api_key: "your-api-key".to_string(),
        secret: "asdfasdfasdfasdfasdfasdf".to_string(),
    }
}

// a default that makes a String of its own name is the key the program runs
// with (sets 9 and 29); a `&str` of its name, or a token's key, is a name
#[derive(Deserialize)]
pub struct JwtConfig {
    #[serde(default = "default_secret")]
    pub secret: String,
    #[serde(default = "default_token_key")]
    pub token_key: String,
}

fn default_secret() -> String {
    "secret".to_string() // secret-binding
}

fn default_token_key() -> String {
    "token".to_string()
}

pub fn session_secret() -> String {
    String::from("session_secret") // secret-binding
}

fn jwt_secret() -> &'static str {
    "jwt_secret"
}
