//! `FromSecret`: how loaded bytes become the type a `secret!` is assigned to.

use core::fmt;

use secrecy::ExposeSecret;

use crate::encoding::Encoding;
use crate::error::{Error, LengthRule};
use crate::jwt::{Algorithm, JwtSecret};
use crate::secret_types::{SecretBytes, SecretString};
use crate::spec::Spec;

/// A type a secret can be loaded into.
///
/// `secret!`, `try_secret!` and `#[jwt_secret]` are generic over their target
/// type through this trait: the loader finds the value, decodes it with the
/// `encoding` option, checks `min_len`, then calls [`FromSecret::from_secret`].
/// Implemented for [`SecretString`] (needs UTF-8), [`SecretBytes`] and
/// [`JwtSecret`] (needs RFC 7518's minimum for its algorithm); implement it
/// for your own types.
///
/// ```
/// # extern crate secretguard_runtime as secretguard;
/// use secretguard::{ExposeSecret, FromSecret, Rejection, SecretBytes, SecretOptions};
///
/// /// An API key that must be exactly 40 bytes.
/// struct ApiKey(SecretBytes);
///
/// impl FromSecret for ApiKey {
///     fn from_secret(value: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
///         match value.expose_secret().len() {
///             40 => Ok(ApiKey(value)),
///             n => Err(Rejection::invalid(format!("{n} bytes, an API key has 40"))),
///         }
///     }
/// }
/// ```
#[diagnostic::on_unimplemented(
    message = "a secret cannot be loaded into `{Self}`",
    label = "this loads a secret, which `{Self}` cannot hold",
    note = "to hold text, use `secretguard::SecretString`; bytes, `SecretBytes`; an HMAC key, `JwtSecret`; or implement `secretguard::FromSecret` for your type",
    note = "for a secret that may be absent, add the `optional` option and use `Option<_>`"
)]
pub trait FromSecret: Sized {
    /// The fewest bytes this type accepts under `options`, and the rule that says so.
    ///
    /// The loader checks it (with the `min_len` option) before calling
    /// [`FromSecret::from_secret`], and uses it to suggest a key in error messages.
    fn min_len(options: &SecretOptions<'_>) -> Option<(usize, LengthRule)> {
        let _ = options;
        None
    }

    /// Builds the value from the decoded secret bytes.
    fn from_secret(value: SecretBytes, options: &SecretOptions<'_>) -> Result<Self, Rejection>;
}

/// The options of the `secret!` or `#[jwt_secret]` being loaded, as [`FromSecret`] sees them.
#[derive(Clone, Copy)]
pub struct SecretOptions<'a> {
    pub(crate) spec: &'a Spec<'a>,
}

impl SecretOptions<'_> {
    /// The `alg` option, if given.
    pub fn alg(&self) -> Option<Algorithm> {
        self.spec.alg
    }

    /// The `encoding` option (default [`Encoding::Utf8`]); the value is already decoded.
    pub fn encoding(&self) -> Encoding {
        self.spec.encoding
    }

    /// The `min_len` option, if given; the loader has already checked it.
    pub fn min_len(&self) -> Option<usize> {
        self.spec.min_len
    }

    /// The name the secret is known by (its first source, or the item it declares).
    pub fn name(&self) -> &'static str {
        self.spec.label
    }
}

impl fmt::Debug for SecretOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecretOptions")
            .field("name", &self.name())
            .field("alg", &self.alg())
            .field("encoding", &self.encoding())
            .field("min_len", &self.min_len())
            .finish()
    }
}

/// Why [`FromSecret::from_secret`] refused a value. Never include the value in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection(pub(crate) RejectionKind);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RejectionKind {
    NotUtf8,
    TooShort {
        len: usize,
        min: usize,
        rule: LengthRule,
    },
    Invalid(String),
    #[cfg(feature = "jsonwebtoken")]
    NoCryptoBackend,
}

impl Rejection {
    /// The value is not valid UTF-8 but the type holds text.
    pub fn not_utf8() -> Self {
        Rejection(RejectionKind::NotUtf8)
    }

    /// The value is `len` bytes but `rule` needs `min`.
    pub fn too_short(len: usize, min: usize, rule: LengthRule) -> Self {
        Rejection(RejectionKind::TooShort { len, min, rule })
    }

    /// Any other reason, in a few words (`"40 bytes, an API key has 32"`).
    pub fn invalid(reason: impl Into<String>) -> Self {
        Rejection(RejectionKind::Invalid(reason.into()))
    }

    /// `jsonwebtoken` cannot sign: no crypto backend was selected.
    #[cfg(feature = "jsonwebtoken")]
    pub(crate) fn no_crypto_backend() -> Self {
        Rejection(RejectionKind::NoCryptoBackend)
    }
}

// listed in the note instead of rustc's "other types implement" list
#[diagnostic::do_not_recommend]
impl FromSecret for SecretBytes {
    fn from_secret(value: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
        Ok(value)
    }
}

// listed in the note instead of rustc's "other types implement" list
#[diagnostic::do_not_recommend]
impl FromSecret for SecretString {
    fn from_secret(value: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
        // one copy into the string's box; `value` is zeroized when it drops
        match core::str::from_utf8(value.expose_secret()) {
            Ok(text) => Ok(SecretString::from(text)),
            Err(_) => Err(Rejection::not_utf8()),
        }
    }
}

// listed in the note instead of rustc's "other types implement" list
#[diagnostic::do_not_recommend]
impl FromSecret for JwtSecret {
    fn min_len(options: &SecretOptions<'_>) -> Option<(usize, LengthRule)> {
        let alg = options.alg().unwrap_or_default();
        Some((alg.min_key_len(), LengthRule::Rfc7518(alg)))
    }

    fn from_secret(value: SecretBytes, options: &SecretOptions<'_>) -> Result<Self, Rejection> {
        let alg = options.alg().unwrap_or_default();
        JwtSecret::from_secret_bytes(value, alg)
            .map_err(|e| Rejection::too_short(e.len, alg.min_key_len(), LengthRule::Rfc7518(alg)))
    }
}

/// Types the `alg` option means something for; checked at compile time.
#[diagnostic::on_unimplemented(
    message = "`alg` applies to `JwtSecret`, not to `{Self}`",
    label = "`alg` chooses an HMAC algorithm, which only a `JwtSecret` carries",
    note = "load into `JwtSecret`, or remove `alg` and use `min_len = N` to require a length"
)]
pub trait HasAlgorithm {}

#[diagnostic::do_not_recommend]
impl HasAlgorithm for JwtSecret {}
#[diagnostic::do_not_recommend]
impl<T: HasAlgorithm> HasAlgorithm for Option<T> {}
#[diagnostic::do_not_recommend]
impl<T: HasAlgorithm> HasAlgorithm for Result<T, Error> {}
