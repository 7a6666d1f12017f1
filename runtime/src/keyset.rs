//! `JwtKeySet`: the current HMAC key, which signs, and the previous one, which
//! still verifies; each named by its RFC 7638 thumbprint.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::LengthRule;
use crate::from_secret::{FromSecret, HasAlgorithm, Rejection, SecretOptions};
use crate::jwt::{Algorithm, JwtSecret};
use crate::secret_types::SecretBytes;

/// One key of a [`JwtKeySet`]: the key, its `kid`, and (feature
/// `jsonwebtoken`) its `jsonwebtoken` keys, built once.
///
/// `Debug` shows the `kid`, the algorithm and the length, never the key.
#[derive(Clone)]
pub struct JwtKey {
    secret: JwtSecret,
    kid: String,
    #[cfg(feature = "jsonwebtoken")]
    encoding: jsonwebtoken::EncodingKey,
    #[cfg(feature = "jsonwebtoken")]
    decoding: jsonwebtoken::DecodingKey,
}

impl JwtKey {
    /// Wraps `secret`, computing its `kid` (and its `jsonwebtoken` keys).
    pub fn new(secret: JwtSecret) -> JwtKey {
        JwtKey {
            kid: thumbprint(secret.expose_secret()),
            #[cfg(feature = "jsonwebtoken")]
            encoding: secret.encoding_key(),
            #[cfg(feature = "jsonwebtoken")]
            decoding: secret.decoding_key(),
            secret,
        }
    }

    /// The key's RFC 7638 JWK thumbprint: SHA-256 over `{"k":"…","kty":"oct"}`,
    /// base64url without padding.
    ///
    /// It is a hash of the key, published in every token's header: safe for a
    /// random key (as `secretguard generate` or `openssl rand` make), but a
    /// guessable key (a password, a phrase) can be found from it offline. The
    /// RFC 7518 length floor checks a key's length, not its randomness.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The key itself.
    pub fn secret(&self) -> &JwtSecret {
        &self.secret
    }

    /// The key's algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.secret.algorithm()
    }

    /// The `jsonwebtoken` signing key, built when the key was loaded (feature `jsonwebtoken`).
    #[cfg(feature = "jsonwebtoken")]
    pub fn encoding_key(&self) -> &jsonwebtoken::EncodingKey {
        &self.encoding
    }

    /// The `jsonwebtoken` verifying key, built when the key was loaded (feature `jsonwebtoken`).
    #[cfg(feature = "jsonwebtoken")]
    pub fn decoding_key(&self) -> &jsonwebtoken::DecodingKey {
        &self.decoding
    }
}

impl fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtKey")
            .field("kid", &self.kid)
            .field("alg", &self.secret.algorithm())
            .field("len", &self.secret.expose_secret().len())
            .field("key", &format_args!("[REDACTED]"))
            .finish()
    }
}

/// A JWT signing key and the key it replaced: the current key signs, the
/// current and the previous key verify, so tokens signed before a rotation
/// stay valid until they expire.
///
/// Each key is named by a `kid` derived from the key itself (its RFC 7638
/// JWK thumbprint, see [`JwtKey::kid`]); a token signed by
/// [`JwtKeySet::encode`] carries the current key's, and [`JwtKeySet::decode`]
/// verifies with the key its `kid` names.
///
/// Declared with `#[jwt_secret(…, previous)]` (where the store keeps the
/// previous version: `NAME_PREVIOUS`, the KV v2 version before, Secrets
/// Manager's `AWSPREVIOUS`) or `previous = "…"` (a source of your own). Every
/// key meets RFC 7518's floor for its algorithm, the previous one included;
/// keys are zeroized on drop, and `Debug` shows `kid`s and lengths only.
///
/// ```
/// # extern crate secretguard_runtime as secretguard;
/// use secretguard::{Algorithm, JwtKeySet, JwtSecret};
///
/// let old = JwtSecret::new(vec![1; 32], Algorithm::HS256).unwrap();
/// let new = JwtSecret::new(vec![2; 32], Algorithm::HS256).unwrap();
/// let keys = JwtKeySet::new(new, Some(old));
/// let previous_kid = keys.previous().unwrap().kid().to_owned();
/// assert_ne!(keys.current().kid(), previous_kid);
/// assert_eq!(keys.find(&previous_kid).unwrap().kid(), previous_kid);
/// assert!(!format!("{keys:?}").contains("[1, 1"));
/// ```
#[derive(Clone)]
pub struct JwtKeySet {
    current: JwtKey,
    previous: Option<JwtKey>,
}

impl JwtKeySet {
    /// A set of `current` and, if given, `previous`. A `previous` equal to
    /// `current` (a store that kept the same value twice) is dropped.
    pub fn new(current: JwtSecret, previous: Option<JwtSecret>) -> JwtKeySet {
        let previous = previous.filter(|p| *p != current).map(JwtKey::new);
        JwtKeySet {
            current: JwtKey::new(current),
            previous,
        }
    }

    /// This set with `previous` as its previous key (dropped when equal to the current one).
    pub(crate) fn with_previous(self, previous: Option<JwtSecret>) -> JwtKeySet {
        let previous = previous
            .filter(|p| *p != self.current.secret)
            .map(JwtKey::new);
        JwtKeySet { previous, ..self }
    }

    /// The key that signs.
    pub fn current(&self) -> &JwtKey {
        &self.current
    }

    /// The key before it, which still verifies; `None` when the store had none.
    pub fn previous(&self) -> Option<&JwtKey> {
        self.previous.as_ref()
    }

    /// The keys that verify: the current, then the previous.
    pub fn keys(&self) -> impl Iterator<Item = &JwtKey> {
        core::iter::once(&self.current).chain(self.previous.as_ref())
    }

    /// The key whose `kid` is `kid`.
    pub fn find(&self, kid: &str) -> Option<&JwtKey> {
        self.keys().find(|key| key.kid == kid)
    }

    /// The current key's algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.current.algorithm()
    }
}

impl fmt::Debug for JwtKeySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtKeySet")
            .field("current", &self.current)
            .field("previous", &self.previous)
            .finish()
    }
}

/// RFC 7638 §3 for an `oct` key: the required members `k` and `kty`, in
/// lexicographic order, no whitespace; SHA-256; base64url without padding.
/// The JSON (which holds the key in base64url) is written into one buffer
/// sized up front and wiped on drop.
pub(crate) fn thumbprint(key: &[u8]) -> String {
    const HEAD: &[u8] = br#"{"k":""#;
    const TAIL: &[u8] = br#"","kty":"oct"}"#;
    let encoded_len = base64::encoded_len(key.len(), false).expect("a key fits in memory");
    let mut json = Zeroizing::new(vec![0u8; HEAD.len() + encoded_len + TAIL.len()]);
    json[..HEAD.len()].copy_from_slice(HEAD);
    let written = URL_SAFE_NO_PAD
        .encode_slice(key, &mut json[HEAD.len()..HEAD.len() + encoded_len])
        .expect("the buffer is sized for the encoding");
    debug_assert_eq!(written, encoded_len);
    json[HEAD.len() + encoded_len..].copy_from_slice(TAIL);
    URL_SAFE_NO_PAD.encode(Sha256::digest(json.as_slice()))
}

// listed in the note instead of rustc's "other types implement" list
#[diagnostic::do_not_recommend]
impl FromSecret for JwtKeySet {
    fn min_len(options: &SecretOptions<'_>) -> Option<(usize, LengthRule)> {
        JwtSecret::min_len(options)
    }

    /// A set of the current key alone; `previous` adds the other.
    fn from_secret(value: SecretBytes, options: &SecretOptions<'_>) -> Result<Self, Rejection> {
        let current = JwtSecret::from_secret(value, options)?;
        #[cfg(feature = "jsonwebtoken")]
        jwt_backend::check()?;
        Ok(JwtKeySet::new(current, None))
    }
}

#[diagnostic::do_not_recommend]
impl HasAlgorithm for JwtKeySet {}

/// The types `previous` applies to; checked at compile time.
#[diagnostic::on_unimplemented(
    message = "`previous` applies to `JwtKeySet`, not to `{Self}`",
    label = "`previous` loads a second key, which only a `JwtKeySet` holds",
    note = "declare the item as `JwtKeySet` (the current key signs, the previous one still verifies), or remove `previous`"
)]
pub trait HasPrevious: Sized {
    #[doc(hidden)]
    fn from_loaded(set: Option<JwtKeySet>) -> Option<Self>;
}

#[diagnostic::do_not_recommend]
impl HasPrevious for JwtKeySet {
    fn from_loaded(set: Option<JwtKeySet>) -> Option<Self> {
        set
    }
}

#[diagnostic::do_not_recommend]
impl HasPrevious for Option<JwtKeySet> {
    fn from_loaded(set: Option<JwtKeySet>) -> Option<Self> {
        Some(set)
    }
}

/// jsonwebtoken 11 signs through a process-wide `CryptoProvider` chosen by
/// its features (`rust_crypto` or `aws_lc_rs`); with neither, it panics at
/// the first signature. A key set probes once per process, at load, so that
/// panic becomes a load error naming the Cargo.toml line.
#[cfg(feature = "jsonwebtoken")]
mod jwt_backend {
    use std::sync::OnceLock;

    use crate::from_secret::Rejection;

    static PROBE: OnceLock<bool> = OnceLock::new();

    pub(super) fn check() -> Result<(), Rejection> {
        if *PROBE.get_or_init(probe) {
            Ok(())
        } else {
            Err(Rejection::no_crypto_backend())
        }
    }

    /// Signs with a throwaway key; jsonwebtoken's panic (its message goes to
    /// stderr through the panic hook) is caught. Under `panic = "abort"` the
    /// process ends with jsonwebtoken's own message instead.
    fn probe() -> bool {
        let key = jsonwebtoken::EncodingKey::from_secret(&[0u8; 32]);
        std::panic::catch_unwind(|| {
            jsonwebtoken::crypto::sign(b"secretguard", &key, jsonwebtoken::Algorithm::HS256)
        })
        .is_ok_and(|signed| signed.is_ok())
    }
}

#[cfg(feature = "jsonwebtoken")]
mod with_jsonwebtoken {
    use jsonwebtoken::errors::{Error, ErrorKind};
    use jsonwebtoken::{DecodingKey, Header, TokenData, Validation};
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::{JwtKey, JwtKeySet};

    impl JwtKeySet {
        /// Signs `claims` with the current key: `header.alg` is set to its
        /// algorithm and `header.kid` to its `kid`, whatever they were.
        ///
        /// ```
        /// # extern crate secretguard_runtime as secretguard;
        /// use jsonwebtoken::{Header, Validation};
        /// use secretguard::{Algorithm, JwtKeySet, JwtSecret};
        ///
        /// let keys = JwtKeySet::new(JwtSecret::generate(Algorithm::HS256).unwrap(), None);
        /// let claims = serde_json::json!({ "sub": "ada", "exp": 4_102_444_800u64 });
        /// let token = keys.encode(&Header::default(), &claims).unwrap();
        ///
        /// let header = jsonwebtoken::decode_header(&token).unwrap();
        /// assert_eq!(header.kid.as_deref(), Some(keys.current().kid()));
        /// let data = keys.decode::<serde_json::Value>(&token, &keys.validation()).unwrap();
        /// assert_eq!(data.claims["sub"], "ada");
        /// ```
        pub fn encode<T: Serialize>(&self, header: &Header, claims: &T) -> Result<String, Error> {
            let mut header = header.clone();
            header.alg = self.current.secret.jsonwebtoken_algorithm();
            header.kid = Some(self.current.kid.clone());
            jsonwebtoken::encode(&header, claims, &self.current.encoding)
        }

        /// Verifies `token` and decodes its claims, with the key its `kid`
        /// names. A `kid` naming no key of the set is
        /// [`ErrorKind::InvalidSignature`]. A token without a `kid` (signed
        /// before the set was used, e.g. with [`JwtSecret::encoding_key`](crate::JwtSecret::encoding_key))
        /// is tried with the current key, then the previous one.
        ///
        /// `validation` decides the algorithms, expiry and claims accepted, as
        /// in [`jsonwebtoken::decode`]; [`JwtKeySet::validation`] is its
        /// default for this set's algorithm.
        pub fn decode<C: DeserializeOwned>(
            &self,
            token: &str,
            validation: &Validation,
        ) -> Result<TokenData<C>, Error> {
            let header = jsonwebtoken::decode_header(token)?;
            match header.kid {
                Some(kid) => match self.find(&kid) {
                    Some(key) => jsonwebtoken::decode(token, &key.decoding, validation),
                    None => Err(ErrorKind::InvalidSignature.into()),
                },
                None => {
                    let current = jsonwebtoken::decode(token, &self.current.decoding, validation);
                    match (&current, &self.previous) {
                        (Err(e), Some(previous))
                            if matches!(e.kind(), ErrorKind::InvalidSignature) =>
                        {
                            jsonwebtoken::decode(token, &previous.decoding, validation)
                        }
                        _ => current,
                    }
                }
            }
        }

        /// `jsonwebtoken`'s default [`Validation`] for the current key's algorithm.
        pub fn validation(&self) -> Validation {
            Validation::new(self.current.secret.jsonwebtoken_algorithm())
        }

        /// The verifying key for `kid`, for code that calls `jsonwebtoken` itself.
        pub fn decoding_key(&self, kid: &str) -> Option<&DecodingKey> {
            self.find(kid).map(JwtKey::decoding_key)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprint_matches_an_independent_computation() {
        // computed with Python 3:
        //   k = base64.urlsafe_b64encode(b"0123456789abcdef0123456789abcdef").rstrip(b"=")
        //   j = b'{"k":"' + k + b'","kty":"oct"}'
        //   base64.urlsafe_b64encode(hashlib.sha256(j).digest()).rstrip(b"=")
        assert_eq!(
            thumbprint(b"0123456789abcdef0123456789abcdef"),
            "XOBEfwKZzZgziWfq7yZzhEKNQfihBMioCzRbNmqUH0Y"
        );
    }

    #[test]
    fn thumbprints_differ_by_key_and_have_no_padding() {
        let a = thumbprint(&[1; 32]);
        let b = thumbprint(&[2; 32]);
        assert_ne!(a, b);
        for kid in [&a, &b, &thumbprint(&[3; 64])] {
            assert_eq!(kid.len(), 43, "{kid}"); // 32 bytes of SHA-256, unpadded
            assert!(!kid.contains(['=', '+', '/']), "{kid}");
        }
    }

    #[test]
    fn debug_shows_kids_and_lengths_never_key_bytes() {
        let current = JwtSecret::new(b"c".repeat(40), Algorithm::HS256).unwrap();
        let previous = JwtSecret::new(b"p".repeat(33), Algorithm::HS256).unwrap();
        let keys = JwtKeySet::new(current, Some(previous));
        let shown = format!("{keys:?} {keys:#?}");
        assert!(
            !shown.contains("cccc") && !shown.contains("pppp"),
            "{shown}"
        );
        assert!(!shown.contains("99") && !shown.contains("112"), "{shown}"); // b'c', b'p'
        assert!(shown.contains(keys.current().kid()), "{shown}");
        assert!(shown.contains(keys.previous().unwrap().kid()), "{shown}");
        assert!(
            shown.contains("len: 40") && shown.contains("len: 33"),
            "{shown}"
        );
    }

    #[test]
    fn every_key_meets_the_rfc7518_floor() {
        // a set holds `JwtSecret`s, which cannot be built below the floor
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            assert!(JwtSecret::new(vec![1; alg.min_key_len() - 1], alg).is_err());
        }
        let spec = crate::spec::Spec::env("K", &[], false, "f", 1, 1);
        let options = SecretOptions { spec: &spec };
        assert_eq!(
            JwtKeySet::min_len(&options),
            Some((32, LengthRule::Rfc7518(Algorithm::HS256)))
        );
        let short = JwtKeySet::from_secret(SecretBytes::from(vec![1; 31]), &options);
        assert!(short.is_err());
    }

    #[test]
    fn a_previous_equal_to_the_current_key_is_dropped() {
        let key = || JwtSecret::new(vec![9; 32], Algorithm::HS256).unwrap();
        let keys = JwtKeySet::new(key(), Some(key()));
        assert!(keys.previous().is_none());
        assert_eq!(keys.keys().count(), 1);
    }
}
