//! Test code that reads secrets without setting variables: per-thread
//! overrides, and random keys to sign test tokens with (feature `testing`).
//!
//! ```toml
//! [dev-dependencies]
//! secretguard = { version = "0.1", features = ["testing"] }
//! ```
//!
//! [`with_secrets`] runs a closure, and [`override_secrets`] opens a scope
//! until its guard drops, in which the named secrets have the values you give.
//! Overrides belong to the **current thread only**: tests that run in parallel
//! never see each other's values, and the process environment is never
//! touched (no `set_var`, which is racy in a multi-threaded test binary and
//! `unsafe` since Rust 2024).
//!
//! # Unit-testing a handler that reads a `#[jwt_secret]`
//!
//! Sign a token with a [`random_jwt_secret`], and give the handler's static
//! that key as an override:
//!
//! ```
//! # #[cfg(feature = "jsonwebtoken")] mod doc {
//! use jsonwebtoken::{Header, Validation, decode, encode};
//! use secretguard::{Algorithm, ExposeSecret, JwtSecret, jwt_secret, testing};
//!
//! #[jwt_secret] // JWT_SECRET, HS256
//! static JWT_SECRET: JwtSecret;
//!
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Claims {
//!     sub: String,
//!     exp: u64,
//! }
//!
//! /// The handler under test: who the bearer token says the caller is.
//! fn caller(token: &str) -> Option<String> {
//!     let validation = Validation::new(JWT_SECRET.jsonwebtoken_algorithm());
//!     let token = decode::<Claims>(token, &JWT_SECRET.decoding_key(), &validation).ok()?;
//!     Some(token.claims.sub)
//! }
//!
//! // in your tests: #[test]
//! fn caller_is_read_from_a_token_signed_with_jwt_secret() {
//!     let key = testing::random_jwt_secret(Algorithm::HS256);
//!     let claims = Claims { sub: "ada".into(), exp: 4_102_444_800 };
//!     let header = Header::new(key.jsonwebtoken_algorithm());
//!     let token = encode(&header, &claims, &key.encoding_key()).unwrap();
//!
//!     testing::with_secrets(&[("JWT_SECRET", key.expose_secret())], || {
//!         assert_eq!(caller(&token).as_deref(), Some("ada"));
//!     });
//!     // a token signed with any other key is refused
//!     let other = testing::random_jwt_secret(Algorithm::HS256);
//!     testing::with_secrets(&[("JWT_SECRET", other.expose_secret())], || {
//!         assert_eq!(caller(&token), None);
//!     });
//! }
//! # pub fn run() { caller_is_read_from_a_token_signed_with_jwt_secret() }
//! # }
//! # fn main() {
//! #     #[cfg(feature = "jsonwebtoken")]
//! #     doc::run();
//! # }
//! ```
//!
//! # What an override is
//!
//! The value **as the variable would hold it**: text or bytes before
//! decoding. The secret's own rules still apply — its `encoding`, `min_len`,
//! and the RFC 7518 §3.2 floor of a [`JwtSecret`] — so a test can check that
//! a bad value is refused, and the report is the one an environment variable
//! would give: an override too short is
//! [`ErrorKind::TooShort`](crate::ErrorKind::TooShort), with the
//! lengths and never the value. For `encoding = "base64"`, override with
//! base64 text; for a `kms = "VAR"` source, with the plaintext (nothing is
//! decrypted).
//!
//! An override named `N` applies to a secret
//! - whose name is `N`, the name its report gives it: for `#[jwt_secret]`
//!   the item's name as written (`JWT_SECRET`, or `refresh_secret` for a
//!   `fn`), else the first source as written (`secret!("N")`,
//!   `secret!(env = "N", …)`, `secret!(file = "/run/secrets/n")`,
//!   `secret!(kms = "N")`); or
//! - that has an `env = "N"` source anywhere in its chain — including the
//!   variable a `#[jwt_secret]` without sources reads, its name in
//!   UPPER_SNAKE_CASE.
//!
//! It replaces the whole chain: no source is read. The innermost scope that
//! names the secret wins; within one scope, its name comes before its `env`
//! sources, in chain order. An override shows in the report's places as its
//! own line:
//!
//! ```text
//! secret JWT_SECRET is too short: 9 bytes, HS256 needs at least 32 (RFC 7518 §3.2)
//!   looked at:
//!     JWT_SECRET (overridden on this thread by secretguard::testing): 9 bytes
//! ```
//!
//! # `#[jwt_secret]` statics
//!
//! While an override applies on this thread, a static yields the override's
//! value, even when it was loaded before; when the scope ends, it behaves as
//! if the override never happened: it still holds (or loads) the real value,
//! or reports it not set. The override's value never enters the static's
//! cell, which every thread shares.
//!
//! A static hands out `&T` for as long as it lives, so the value loaded from
//! an override is leaked (`Box::leak`: never freed, never zeroized) — once per
//! static per scope, however often it is read there. Keep it to tests.
//!
//! A refreshing static (`#[jwt_secret(refresh = "…")]`, a
//! [`RefreshingSecret`](crate::RefreshingSecret)) honours overrides the same
//! way: while one applies on this thread, `current()`, `try_current()` and
//! `snapshot()` yield the override's value, loaded once per static per scope
//! and kept in an `Arc` (not leaked: dropped with the scope and the last
//! guard). The value the background refresher shares with every thread is
//! neither read nor changed, and `refresh_now()` and `status()` are about
//! that value alone.
//!
//! # Other threads do not see the overrides
//!
//! Code that runs on another thread — a spawned thread, a server started for
//! the test, a multi-threaded tokio runtime's workers — loads from the real
//! sources. Instead:
//! - prefer `#[tokio::test]`'s default current-thread runtime: every task,
//!   spawned ones too, runs on the test's thread and sees its overrides;
//! - open the overrides on the thread that reads: `std::thread::spawn(move
//!   || testing::with_secrets(&[("JWT_SECRET", key)], serve))`;
//! - for a server in another process, or one you cannot reach into, set the
//!   variable in a child process's environment (`Command::env`).
//!
//! The guard is `!Send`, so it cannot be moved to, or dropped on, another thread.
//!
//! ```
//! use secretguard::{ExposeSecret, LazySecret, SecretString, jwt_secret, testing};
//!
//! #[jwt_secret(env = "SECRETGUARD_DOC_UNSET_TOKEN")]
//! static API_TOKEN: SecretString;
//!
//! testing::with_secrets(&[("API_TOKEN", "test-token")], || {
//!     assert_eq!(API_TOKEN.expose_secret(), "test-token");
//!     let elsewhere = std::thread::spawn(|| LazySecret::try_force(&API_TOKEN).is_ok());
//!     assert!(!elsewhere.join().unwrap(), "another thread reads the real sources");
//! });
//! ```

use secretguard_runtime::testing::Scope;

use crate::{Algorithm, JwtSecret};

/// Runs `f` with `overrides` on this thread, and returns what it returns.
///
/// Each pair is a secret's name and its value as the variable would hold it
/// (see [the module](self) for what an override applies to). The previous
/// overrides are back when `f` returns or panics. To mix text and bytes,
/// pass `"…".as_bytes()`.
///
/// ```
/// use secretguard::{ErrorKind, ExposeSecret, SecretString, testing, try_secret};
///
/// fn database_password() -> Result<SecretString, secretguard::Error> {
///     try_secret!("SECRETGUARD_DOC_DB_PASSWORD")
/// }
///
/// let len = testing::with_secrets(&[("SECRETGUARD_DOC_DB_PASSWORD", "correct horse")], || {
///     assert!(std::env::var_os("SECRETGUARD_DOC_DB_PASSWORD").is_none()); // not a variable
///     database_password().unwrap().expose_secret().len()
/// });
/// assert_eq!(len, 13);
/// assert_eq!(database_password().unwrap_err().kind(), &ErrorKind::NotSet);
/// ```
///
/// # Panics
///
/// When a name appears twice in `overrides`; and with `f`'s panic, after
/// restoring the previous overrides.
#[track_caller]
pub fn with_secrets<V, R, F>(overrides: &[(&str, V)], f: F) -> R
where
    V: AsRef<[u8]>,
    F: FnOnce() -> R,
{
    let _scope = override_secrets(overrides);
    f()
}

/// Opens `overrides` on this thread until the returned guard is dropped.
///
/// Scopes nest: an inner override shadows an outer one of the same name, and
/// dropping the guard restores what was there before, also while unwinding
/// from a panic.
///
/// ```
/// use secretguard::{ErrorKind, ExposeSecret, JwtSecret, LazySecret, SecretString};
/// use secretguard::{jwt_secret, testing};
///
/// #[jwt_secret(env = "SECRETGUARD_DOC_UNSET_KEY")]
/// static API_KEY: SecretString;
///
/// let outer = testing::override_secrets(&[("SECRETGUARD_DOC_UNSET_KEY", "outer")]);
/// assert_eq!(API_KEY.expose_secret(), "outer");
/// {
///     let _inner = testing::override_secrets(&[("API_KEY", "inner")]);
///     assert_eq!(API_KEY.expose_secret(), "inner");
/// }
/// assert_eq!(API_KEY.expose_secret(), "outer");
/// drop(outer);
/// let err = LazySecret::try_force(&API_KEY).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::NotSet, "as if never overridden");
///
/// // the secret's rules apply to an override
/// #[jwt_secret(env = "SECRETGUARD_DOC_UNSET_JWT")]
/// static SIGNING_KEY: JwtSecret;
///
/// let _guard = testing::override_secrets(&[("SIGNING_KEY", "too-short")]);
/// let err = LazySecret::try_force(&SIGNING_KEY).unwrap_err();
/// assert!(matches!(err.kind(), ErrorKind::TooShort { len: 9, min: 32, .. }));
/// assert_eq!(
///     err.lookups()[0].to_string(),
///     "SIGNING_KEY (overridden on this thread by secretguard::testing): 9 bytes"
/// );
/// assert!(!err.to_string().contains("too-short"));
/// ```
///
/// # Panics
///
/// When a name appears twice in `overrides`.
#[track_caller]
pub fn override_secrets<V: AsRef<[u8]>>(overrides: &[(&str, V)]) -> OverrideGuard {
    OverrideGuard(secretguard_runtime::testing::open(overrides))
}

/// The overrides [`override_secrets`] opened; dropping it restores the
/// previous ones. Not `Send`: overrides belong to one thread.
///
/// ```
/// # use secretguard::{ExposeSecret, SecretString, secret, testing};
/// let guard = testing::override_secrets(&[("SECRETGUARD_DOC_GUARDED", "value")]);
/// let value: SecretString = secret!("SECRETGUARD_DOC_GUARDED");
/// assert_eq!(value.expose_secret(), "value");
/// drop(guard);
/// let gone: Option<SecretString> = secret!(env = "SECRETGUARD_DOC_GUARDED", optional);
/// assert!(gone.is_none());
/// ```
#[derive(Debug)]
#[must_use = "the overrides end when the guard is dropped: bind it, `let _guard = …`"]
pub struct OverrideGuard(#[allow(dead_code, reason = "held for its Drop")] Scope);

/// A random key of `alg`'s RFC 7518 §3.2 length (HS256 32, HS384 48,
/// HS512 64 bytes), from the OS random number generator.
///
/// Its bytes are base64url characters, so `key.expose_secret()` is also a
/// valid override for a `#[jwt_secret]` of the default `utf8` encoding: sign
/// a test token with the key, and the handler's static verifies it (see
/// [the module](self)). That is 6 bits per byte, 192 bits for HS256: plenty
/// for a test, short of what a production key should have — make those with
/// [`JwtSecret::generate`] or `secretguard generate`.
///
/// ```
/// use secretguard::{Algorithm, ExposeSecret, testing};
///
/// let key = testing::random_jwt_secret(Algorithm::HS384);
/// assert_eq!(key.algorithm(), Algorithm::HS384);
/// assert_eq!(key.expose_secret().len(), 48);
/// let printable = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_';
/// assert!(key.expose_secret().iter().all(printable));
/// assert_ne!(key, testing::random_jwt_secret(Algorithm::HS384));
/// ```
///
/// # Panics
///
/// When the OS random number generator fails.
pub fn random_jwt_secret(alg: Algorithm) -> JwtSecret {
    secretguard_runtime::testing::random_jwt_secret(alg)
}
