//! secretguard makes a hardcoded secret a compile error, and turns every
//! reference to a secret into a typed loader that fails clearly at run time.
//!
//! ```no_run
//! use secretguard::{jwt_secret, secret, ExposeSecret, JwtSecret, SecretString};
//!
//! #[jwt_secret] // JWT_SECRET from the environment, HS256, at least 32 bytes
//! static JWT_SECRET: JwtSecret;
//!
//! fn main() {
//!     let api_key: SecretString = secret!("API_KEY");
//!     sign_with(JWT_SECRET.expose_secret());
//!     call_with(api_key.expose_secret());
//! }
//! # fn sign_with(_: &[u8]) {}
//! # fn call_with(_: &str) {}
//! ```
//!
//! The literal secret a reviewer fears does not compile:
//!
//! ```compile_fail
//! let key: secretguard::SecretString = secretguard::secret!("my-super-secret-key-1234");
//! ```
//!
//! ```text
//! error: expected the name of an environment variable, not a secret
//!        help: keep the value out of the source code and name the variable that holds it, …
//! ```
//!
//! # Where a secret is read from
//!
//! `env = "NAME"` (or just `"NAME"`) reads, in order:
//! 1. the environment variable `NAME`;
//! 2. else the file that `NAME_FILE` names (Docker and Kubernetes secrets),
//!    one trailing newline trimmed;
//! 3. else, in a systemd service given credentials (`LoadCredential=`,
//!    `SetCredential=`), the file `$CREDENTIALS_DIRECTORY/NAME`, read like
//!    `NAME_FILE`'s; a missing one is unset, an unreadable one an error;
//! 4. else, in debug builds, `NAME` and then `NAME_FILE` in a `.env` file: the
//!    nearest in the current directory or a parent, up to the project root
//!    (the nearest directory holding `Cargo.toml` or `.git`; outside a project,
//!    the current directory only). It never overrides the real environment,
//!    and the process environment is never modified.
//!
//! `NAME` and `NAME_FILE` both set (in the environment, or both in `.env`) is
//! an error, as in the Docker images' `file_env`: which one was meant cannot
//! be known.
//!
//! `.env` values are read literally, never expanded: a `$` outside single
//! quotes is an error that says so (`KEY='pa$sword'` is literal), as are `\`
//! and quotes inside an unquoted value. The grammar is the one dotenvy and
//! Docker Compose share: `KEY=value`, `export KEY=value`, `# comments`, `'…'`,
//! `"…"` with `\n`-style escapes.
//!
//! A release build reads `.env` only if the application opts in by compiling
//! with `--cfg secretguard_dotenv`, in its own `.cargo/config.toml`:
//!
//! ```toml
//! [build]
//! rustflags = ["--cfg", "secretguard_dotenv"]
//! ```
//!
//! A flag, not a Cargo feature: features are unified across the dependency
//! graph, so any dependency could turn one on for the application; rustflags
//! come only from the one building it.
//!
//! `file = "PATH"` reads a file; `vault = "mount/path#field"` reads HashiCorp
//! Vault (feature `vault`); `aws = "secret-id#key"` AWS Secrets Manager and
//! `kms = "VAR"` KMS-encrypted ciphertext (feature `aws`). Several sources make a fallback chain: the first
//! that is set wins; one that is set but unusable (empty, unreadable, denied)
//! stops the chain with an error rather than silently falling back.
//!
//! An environment value may itself be a reference, followed without a code
//! change: `file:///run/secrets/jwt`, or with the `vault` feature
//! `vault://secret/data/jwt#secret`.
//!
//! # Options
//!
//! | option | meaning |
//! |---|---|
//! | `alg = "HS256" \| "HS384" \| "HS512"` | the HMAC algorithm of a [`JwtSecret`] (default HS256); sets the RFC 7518 §3.2 minimum key size |
//! | `encoding = "utf8" \| "base64" \| "base64url" \| "hex"` | how the stored text becomes key bytes (default utf8) |
//! | `min_len = N` | refuse a secret shorter than N bytes (after decoding) |
//! | `optional` | yield `Option<T>`: `None` when no source is set |
//! | `refresh = "15m"` | `#[jwt_secret]` only: re-read in the background every interval (`s`, `m`, `h`; 1 s to 24 h), see [`RefreshingSecret`] |
//! | `crate = path` | where `secretguard` is, if you renamed the dependency |
//!
//! # When it fails
//!
//! A missing or unusable secret panics (or, with [`try_secret!`], returns an
//! [`Error`]) with every place looked at, what was found there, the
//! declaration site and a fix — never the value:
//!
//! ```text
//! secret JWT_SECRET is not set
//!   looked at:
//!     JWT_SECRET: unset
//!     JWT_SECRET_FILE: unset
//!     .env: not found
//!   declared at src/main.rs:3:8
//!   help: set it, e.g. `export JWT_SECRET=$(openssl rand -base64 32)`, or point JWT_SECRET_FILE at a file holding it, or add it to .env
//! ```
//!
//! # Checking every secret at start-up
//!
//! Every `secret!`, `try_secret!` and `#[jwt_secret]` in the binary is
//! registered at link time, whether or not its code runs. [`preflight`] loads
//! them all, fills the `#[jwt_secret]` caches and returns one report of every
//! failure; [`preflight_or_exit`] prints it and exits with [`EXIT_CONFIG`]
//! (78). Make it the first line of `main`:
//!
//! ```no_run
//! use secretguard::{jwt_secret, JwtSecret};
//!
//! #[jwt_secret]
//! static JWT_SECRET: JwtSecret;
//!
//! fn main() {
//!     secretguard::preflight_or_exit();
//!     // serve requests: JWT_SECRET is loaded, and every other secret was found
//! }
//! ```
//!
//! # Features
//!
//! - `jsonwebtoken` (jsonwebtoken 11.x): [`JwtSecret::encoding_key`] and
//!   [`JwtSecret::decoding_key`]; [`JwtKeySet::encode`] and
//!   [`JwtKeySet::decode`], which set and pick by `kid`, with each key's
//!   `EncodingKey`/`DecodingKey` built once at load. Choose jsonwebtoken's
//!   crypto backend (`rust_crypto` or `aws_lc_rs`) in your own dependency on
//!   it; without one, loading a [`JwtKeySet`] fails (at [`preflight`] or the
//!   first access) with [`ErrorKind::NoCryptoBackend`] and the Cargo.toml line
//!   to add, instead of jsonwebtoken's panic at the first signature.
//! - `vault`: `vault = "…"` sources and `vault://` references, over HTTPS
//!   (ureq, rustls), configured by `VAULT_ADDR`, `VAULT_TOKEN` or AppRole as
//!   the Vault CLI is.
//! - `aws`: `aws = "…"` (Secrets Manager) and `kms = "…"` (KMS envelope
//!   decryption) sources and `awssm://`/`awskms://` references, through the
//!   official AWS SDK and its standard configuration.
//! - `serde`: `Deserialize` for `SecretString` (secrecy's own) and
//!   `JwtSecret`, so that a config file can hold them. A `JwtSecret` is read
//!   from a string, its UTF-8 bytes, as an HS256 key of at least 32 bytes;
//!   `#[serde(deserialize_with = "JwtSecret::deserialize_hs384")]` (or `_hs512`)
//!   picks another algorithm. A key too short is refused with the lengths,
//!   never the key, and a value of another type by its type alone
//!   (`SecretString` is secrecy's `String` read: a number where it expected
//!   text is quoted by serde_json's error). `SecretBytes` has no `Deserialize` (secrecy gives it none,
//!   and none can be added here): load raw bytes as a `JwtSecret`, or read the
//!   config's string into a `SecretString`. Nothing is `Serialize`: a secret
//!   is never written back out. The config's text and the parser's buffers
//!   are not secretguard's to wipe: drop the text once it is parsed.
//! - `testing`: the [`testing`] module, for unit tests of code that reads
//!   secrets: `testing::with_secrets(&[("JWT_SECRET", value)], || …)`
//!   overrides secrets on the current thread only (never the process
//!   environment), `#[jwt_secret]` statics included, and
//!   `testing::random_jwt_secret(alg)` makes a key to sign test tokens with.
//!   Without the feature nothing of it is compiled in. Enable it in
//!   `[dev-dependencies]`.
//! - `tracing`: a `tracing` event for each background refresh of a
//!   [`RefreshingSecret`] — `debug` when it worked, `warn` with the report
//!   when it failed; never the value.
//!
//! # Guarding the rest of the code
//!
//! [`#[deny_hardcoded_secrets]`](macro@deny_hardcoded_secrets) runs the same
//! detection engine over a fn, impl or module at compile time; the
//! `secretguard check` command (crate `secretguard-cli`) over a whole tree.

#![forbid(unsafe_code)]

#[cfg(feature = "testing")]
pub mod testing;

pub use secretguard_runtime::{
    Algorithm, EXIT_CONFIG, Encoding, Error, ErrorKind, ExposeSecret, FromSecret, HasAlgorithm,
    HasPrevious, JwtKey, JwtKeySet, JwtSecret, KeyTooShort, LazySecret, LengthRule, Lookup,
    Outcome, PreflightError, Rejection, SecretBytes, SecretOptions, SecretString, Site,
    UnknownAlgorithm, preflight, preflight_or_exit,
};
pub use secretguard_runtime::{
    Current, MAX_RETRY_BACKOFF, MIN_REFRESH, RefreshStatus, RefreshingSecret,
};

/// Loads a secret where it is used, and panics with a full report when it is
/// missing or unusable.
///
/// The target type is inferred: [`SecretString`], [`SecretBytes`],
/// [`JwtSecret`], or any [`FromSecret`] type; with `optional`, `Option<T>`.
/// Every use loads afresh: for a secret read once per process, use
/// [`#[jwt_secret]`](macro@jwt_secret).
///
/// ```
/// use secretguard::{secret, SecretBytes, SecretString};
///
/// fn connect() {
///     let password: SecretString = secret!("DATABASE_PASSWORD");
///     let same: SecretString = secret!(env = "DATABASE_PASSWORD");
///     let renamed: SecretString = secret!(env = "DB_PASSWORD", env = "DATABASE_PASSWORD");
///     let key: SecretBytes = secret!(env = "RAW_KEY", encoding = "hex", min_len = 16);
/// }
///
/// // absent is fine here: `None`
/// let proxy: Option<SecretString> = secret!(env = "SECRETGUARD_DOC_UNSET_PROXY", optional);
/// assert!(proxy.is_none());
/// ```
///
/// What is rejected at compile time, each with its own message: a string that
/// is not an UPPER_SNAKE_CASE name, or that looks like a credential (known
/// formats, high entropy); byte strings, numbers, arrays, consts and other
/// non-literals; `env!`, `option_env!`, `include_str!`, `include_bytes!`,
/// `concat!`, `dotenv!`; unknown or repeated options; unknown `alg` or
/// `encoding` values; `min_len = 0`.
///
/// ```compile_fail
/// let key: secretguard::SecretString = secretguard::secret!(env!("API_KEY"));
/// ```
pub use secretguard_macros::secret;

/// Like [`secret!`], but returns `Result<T, secretguard::Error>` instead of panicking.
///
/// ```
/// use secretguard::{try_secret, ErrorKind, SecretString};
///
/// let err = try_secret!("SECRETGUARD_DOC_UNSET").map(|_: SecretString| ()).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::NotSet);
/// assert_eq!(err.secret(), "SECRETGUARD_DOC_UNSET");
/// assert_eq!(err.lookups()[0].to_string(), "SECRETGUARD_DOC_UNSET: unset");
/// assert!(err.to_string().contains("help: set it"));
/// ```
pub use secretguard_macros::try_secret;

/// Declares a secret that is loaded on first use, once per process.
///
/// On `static NAME: T;` the static becomes a [`LazySecret<T>`] that
/// dereferences to `T`; on `fn name() -> T;` the function returns a clone of
/// the cached value (or, declared `-> &'static T`, the cached value itself).
/// With no source the environment variable is the item's name in
/// UPPER_SNAKE_CASE. It takes the options of [`secret!`]; the default `alg`
/// of a [`JwtSecret`] is HS256. A load that fails panics with the full report
/// on that access and is tried again on the next one; nothing is cached but
/// success.
///
/// ```no_run
/// use secretguard::{jwt_secret, ExposeSecret, JwtSecret, LazySecret};
///
/// #[jwt_secret] // env JWT_SECRET, HS256: at least 32 bytes
/// static JWT_SECRET: JwtSecret;
///
/// #[jwt_secret(env = "AUTH_SIGNING_KEY", alg = "HS512", encoding = "base64")]
/// static SIGNING_KEY: JwtSecret;
///
/// #[jwt_secret] // env REFRESH_SECRET
/// fn refresh_secret() -> JwtSecret;
///
/// fn main() {
///     LazySecret::force(&JWT_SECRET); // fail at start-up, not at the first request
///     // or handle it: `LazySecret::try_force(&JWT_SECRET)` returns the `Error`
///     let key: &[u8] = JWT_SECRET.expose_secret();
///     # let _ = (key, refresh_secret());
/// }
/// ```
///
/// # Key sets: rotating a JWT key
///
/// A [`JwtKeySet`] holds the current key, which signs, and the previous one,
/// which still verifies, so tokens signed before a rotation stay valid.
/// `previous` says where the previous key is:
///
/// - bare `previous`: where the store that held the current key keeps the
///   version before it — `env = "NAME"`: the variable `NAME_PREVIOUS` (read
///   like `NAME`: its `_FILE`, the systemd credential, `.env`); `vault`: the
///   KV v2 version before the one read (`?version=N-1`; a pinned
///   `?version=N` reads `N-1`); `aws`: the same secret's `AWSPREVIOUS` stage;
///   `kms = "VAR"`: `VAR_PREVIOUS`. A `file` keeps no versions, so it needs:
/// - `previous = "…"`: one source, in the grammar of the chain's first source
///   (an environment variable when the chain is the item's own name).
///
/// With a chain, the previous key is read where the current one was found.
/// A previous key that is absent (no `NAME_PREVIOUS`, a first KV version, no
/// `AWSPREVIOUS` yet) is no error: the set holds the current key alone. One
/// that is present but unusable (too short, badly encoded) is, like any
/// other secret's, and [`preflight`] loads both.
///
/// ```no_run
/// use secretguard::{jwt_secret, JwtKeySet};
///
/// #[jwt_secret(previous)] // JWT_KEYS signs; JWT_KEYS and JWT_KEYS_PREVIOUS verify
/// static JWT_KEYS: JwtKeySet;
///
/// #[jwt_secret(env = "SIGNING_KEY", previous = "SIGNING_KEY_OLD", alg = "HS512")]
/// static SIGNING_KEYS: JwtKeySet;
///
/// fn main() {
///     secretguard::preflight_or_exit();
///     println!("signing with kid {}", JWT_KEYS.current().kid());
///     # let _ = &SIGNING_KEYS;
/// }
/// ```
///
/// `previous` is for a key set only:
///
/// ```compile_fail
/// #[secretguard::jwt_secret(previous)]
/// static JWT_SECRET: secretguard::JwtSecret;
/// ```
///
/// With `refresh = "15m"` the item is a [`RefreshingSecret<T>`] instead,
/// re-read in the background every interval and read with
/// [`current`](RefreshingSecret::current); a failed refresh keeps the last
/// good value and shows in [`status`](RefreshingSecret::status). On a `fn`
/// it returns a clone of the current value (`-> &'static T` is refused: a
/// refresh replaces what it would point to).
///
/// ```
/// use secretguard::{jwt_secret, ExposeSecret, JwtSecret};
///
/// #[jwt_secret(env = "SECRETGUARD_DOC_UNSET_KEY", optional, refresh = "15m")]
/// static SIGNING_KEY: Option<JwtSecret>;
///
/// // no lock, no clock: the value as of now (here: unset, so `None`)
/// let key = SIGNING_KEY.current();
/// assert!(key.as_ref().map(|k| k.expose_secret().len()).is_none());
///
/// let status = SIGNING_KEY.status();
/// assert_eq!(status.loads(), 1);
/// assert_eq!(status.consecutive_failures(), 0);
/// assert_eq!(status.interval(), std::time::Duration::from_secs(15 * 60));
/// ```
///
/// An initializer does not compile; a literal one is told why it must not be there:
///
/// ```compile_fail
/// #[secretguard::jwt_secret]
/// static JWT_SECRET: secretguard::JwtSecret = "my-super-secret-key-1234";
/// ```
pub use secretguard_macros::jwt_secret;

/// Rejects every hardcoded secret in a fn, impl block or inline module.
///
/// Runs secretguard's detection engine over every string literal inside the
/// item and makes each finding a compile error spanned on the literal, with
/// its rule id and what to write instead. It finds known credential formats
/// (AWS, GitHub, Slack, Stripe, Google, OpenAI keys, JWTs, PEM private keys,
/// URLs with passwords), random-looking tokens, and secrets by their context:
/// a literal bound to a secret-named binding, field, const or static; passed
/// to a key constructor such as `EncodingKey::from_secret`; the fallback of
/// `env::var("SECRET").unwrap_or(…)`; `env!`/`include_bytes!` of a secret.
/// The item compiles unchanged when nothing is found.
///
/// ```
/// #[secretguard::deny_hardcoded_secrets]
/// mod auth {
///     use secretguard::{jwt_secret, JwtSecret};
///
///     pub const JWT_SECRET_ENV: &str = "JWT_SECRET"; // a name, not a secret
///
///     #[jwt_secret]
///     pub static JWT_SECRET: JwtSecret;
/// }
/// # fn main() {}
/// ```
///
/// ```compile_fail
/// #[secretguard::deny_hardcoded_secrets]
/// fn connect() {
///     let db_password = "hunter22"; // error: hardcoded secret [secret-binding]
/// }
/// ```
///
/// Exempt one item, statement or expression with
/// [`#[allow_hardcoded_secret(reason = "…")]`](macro@allow_hardcoded_secret);
/// the reason is required.
pub use secretguard_macros::deny_hardcoded_secrets;

/// Exempts one item, statement or expression from
/// [`#[deny_hardcoded_secrets]`](macro@deny_hardcoded_secrets) and from
/// `secretguard check`. A reason is required: it is what a reviewer reads.
///
/// ```
/// #[secretguard::deny_hardcoded_secrets]
/// fn hmac_test_vector() -> &'static [u8] {
///     #[allow_hardcoded_secret(reason = "RFC 4231 test case 2, a published test key")]
///     let key: &'static [u8] = b"Jefe-and-more-test-key-bytes";
///     key
/// }
/// # fn main() { assert_eq!(hmac_test_vector().len(), 28); }
/// ```
///
/// ```compile_fail
/// #[secretguard::allow_hardcoded_secret]
/// const TEST_KEY: &str = "not-a-secret";
/// ```
pub use secretguard_macros::allow_hardcoded_secret;

/// What expanded macro code names; not a public API, no semver guarantees.
///
/// The macros and runtime crates are pinned to this crate's exact version, so
/// expanded code always meets the runtime it was written for.
#[doc(hidden)]
pub mod __private {
    pub use secretguard_runtime::__private::*;
}
