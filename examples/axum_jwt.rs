//! An axum service whose JWT signing key lives in Vault and rotates without a
//! restart: `POST /login` signs a token with the current key (its header
//! names the key by `kid`), `GET /me` verifies a `Authorization: Bearer`
//! token with the current or the previous key and returns its claims.
//!
//!     source <(bash scripts/vault-dev.sh start)
//!     cargo run --example axum_jwt --features vault,jsonwebtoken
//!
//!     curl -s -X POST localhost:PORT/login -H 'content-type: application/json' -d '{"username":"ada"}'
//!     curl -s localhost:PORT/me -H "authorization: Bearer $TOKEN"
//!
//! Rotate while it runs (`bao kv put secret/axum-example/jwt key=$(openssl
//! rand -base64 32)`): within the refresh interval new tokens carry the new
//! key's `kid`, and tokens signed before still verify with the previous key.
//!
//! There is no password store: `/login` believes any username. A real service
//! checks a credential there; the key handling is what this shows.
//! `tests/vault/axum_rotation.rs` runs this service against OpenBao and
//! rotates the key under it.

use std::time::{SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, StatusCode, header::AUTHORIZATION};
use axum::routing::{get, post};
use axum::{Json, Router};
use jsonwebtoken::Header;
use secretguard::{JwtKeySet, jwt_secret};
use serde::{Deserialize, Serialize};

/// The signing keys: KV v2 `secret/axum-example/jwt`, field `key` (HS256,
/// at least 32 bytes). The latest version signs; it and the version before
/// (`previous`) verify. Re-read from Vault every 2 s in the background so the
/// demo (and its test) see a rotation at once; a production service would say
/// `refresh = "15m"` or so — a rotation needs to be seen well within the
/// lifetime of the tokens, not within seconds, and each refresh is a Vault
/// read.
#[jwt_secret(vault = "secret/axum-example/jwt#key", previous, refresh = "2s")]
pub static KEYS: JwtKeySet;

/// How long a token issued by `/login` is valid.
const TOKEN_LIFETIME_SECS: u64 = 15 * 60;

/// The body of `POST /login`.
#[derive(Deserialize)]
pub struct Login {
    /// Who logs in; believed as is (no password store in this example).
    pub username: String,
}

/// What a token says, and what `GET /me` returns.
#[derive(Serialize, Deserialize)]
pub struct Claims {
    /// The username given at login.
    pub sub: String,
    /// Issued at, seconds since the epoch.
    pub iat: u64,
    /// Expires at, seconds since the epoch.
    pub exp: u64,
}

/// The answer of `POST /login`.
#[derive(Serialize, Deserialize)]
pub struct Token {
    /// The signed JWT; its header's `kid` names the key that signed it.
    pub token: String,
}

async fn login(Json(login): Json<Login>) -> Result<Json<Token>, StatusCode> {
    let iat = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?
        .as_secs();
    let claims = Claims {
        sub: login.username,
        iat,
        exp: iat + TOKEN_LIFETIME_SECS,
    };
    // `current()` is an atomic load, no lock: fine in a handler; the guard is
    // not `Send`, so the compiler stops it being held across an `.await`
    let token = KEYS
        .current()
        .encode(&Header::default(), &claims)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    Ok(Json(Token { token }))
}

async fn me(headers: HeaderMap) -> Result<Json<Claims>, StatusCode> {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    // `snapshot()` is an `Arc<JwtKeySet>`: `Send`, and may be kept across an
    // `.await` (a database lookup after the check, say) while a refresh
    // swaps in a newer set for the next request
    let keys = KEYS.snapshot();
    let data = keys
        .decode::<Claims>(token, &keys.validation())
        .map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(Json(data.claims))
}

/// The service's routes.
pub fn app() -> Router {
    Router::new()
        .route("/login", post(login))
        .route("/me", get(me))
}

/// Serves [`app`] on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app()).await
}

fn main() -> std::io::Result<()> {
    // every secret the binary declares (here: both keys), loaded now, or one
    // report and exit 78 — not a 500 at the first request
    secretguard::preflight_or_exit();
    // `PORT`, or a free port the OS picks
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(std::io::Error::other)?,
        Err(_) => 0,
    };
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            println!("listening on http://{}", listener.local_addr()?);
            serve(listener).await
        })
}
