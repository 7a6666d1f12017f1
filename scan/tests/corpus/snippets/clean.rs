// expect: 0
// Secret-adjacent code that hardcodes nothing.
use secretguard::{jwt_secret, secret, JwtSecret, SecretString};

const JWT_SECRET_ENV: &str = "JWT_SECRET";
const VAULT_PATH: &str = "secret/data/jwt#secret";
const BUILD: &str = env!("CARGO_PKG_VERSION");
// an address is public; a header's name is no key
pub const TOKEN_PROGRAM_ADDRESS: &str = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
pub(crate) const HDR_SECRET: &str = "APCA-API-SECRET-KEY";
const INTEGRITY: &str = "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==";
// a stored password's hash, checked when no user matches so a login takes
// as long either way (zero2prod's; set 33)
fn fallback_hash() -> SecretString {
    SecretString::from("$argon2id$v=19$m=15000,t=2,p=1$gZiV/M1gPc22ElAH/Jh1Hw$CWOrkoo7oJBQ/iyh7uJ0LO2aLEfrHwTWllSAxT0zRno".to_string())
}

#[jwt_secret]
static JWT_SECRET: JwtSecret;

struct Login {
    password_hint: String,
}

fn handler(user: &str) -> Result<(), String> {
    let password: SecretString = secret!("DATABASE_PASSWORD");
    let token_type = "Bearer";
    let request_id = "123e4567-e89b-12d3-a456-426614174000";
    let commit = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    let port = std::env::var("PORT").unwrap_or("8080".into());
    let login = Login { password_hint: "the name of your first pet".into() };
    let template = "<your-api-key>";
    log::warn!("invalid password for {}", user);
    println!("wrong password: accepted?!");
    Err(format!("token expired for {user}, refreshing"))
}

#[allow_hardcoded_secret(reason = "RFC 4231 test case 2 key, public")]
const RFC4231_KEY: &[u8] = b"Jefe";

// only whether the key was set at build time is kept, not the key
fn updater_enabled() -> bool {
    option_env!("TAURI_SIGNING_PRIVATE_KEY").is_some()
}

// local OpenAI-compatible servers take any key; their documentation's
fn local_llm() {
    let lm = OpenAIConfig::new().with_api_key("lm-studio");
    let ol = OpenAIConfig::new().with_api_key("ollama");
    let cpp = OpenAIConfig::new().with_api_key("sk-no-key-required");
    let pg = tokio_postgres::connect("host=localhost user=postgres dbname=app", NoTls);
}

// public by its type; header names beside a secret's name
fn public_and_names() {
    let program_id = Pubkey::from_str("9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin").unwrap();
    const REDACTED_HEADERS: &[&str] = &["x-api-key", "authorization"];
}

// placeholders where an issuer's key goes: the fallback only stands in
fn issued_fallbacks() {
    let openai = std::env::var("OPENAI_API_KEY").unwrap_or_else(|_| "sk-placeholder".into());
    let gh = std::env::var("GITHUB_TOKEN").unwrap_or_else(|_| "dummy_token".to_string());
    const WIFI_PASSWORD: &str = "YourPassword";
}

// a custom base64 encoder's table: the alphabet shuffled, no key
const ENCODER_TABLE: &[u8] = b"INmadDKujAH0itYG4UZSrx5l1JncQXvVq8gh67wfpP+2WFEbB9eko/3RLMzOsyCT";
// Pass `--target` with the LLVM target when cross-compiling.
