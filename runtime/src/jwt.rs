//! `JwtSecret`: an HMAC key for signing JSON Web Tokens, with the RFC 7518 size floor.

use core::fmt;

use secrecy::{ExposeSecret, SecretSlice};
use subtle::ConstantTimeEq;

/// An HMAC algorithm for JSON Web Signatures (RFC 7518 §3.2).
///
/// ```
/// # extern crate secretguard_runtime as secretguard;
/// use secretguard::Algorithm;
/// assert_eq!(Algorithm::HS512.min_key_len(), 64);
/// assert_eq!("HS384".parse(), Ok(Algorithm::HS384));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[allow(clippy::upper_case_acronyms)]
pub enum Algorithm {
    /// HMAC with SHA-256; keys of at least 32 bytes.
    #[default]
    HS256,
    /// HMAC with SHA-384; keys of at least 48 bytes.
    HS384,
    /// HMAC with SHA-512; keys of at least 64 bytes.
    HS512,
}

impl Algorithm {
    /// The algorithm's name as it appears in a JWT header.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::HS256 => "HS256",
            Algorithm::HS384 => "HS384",
            Algorithm::HS512 => "HS512",
        }
    }

    /// The smallest key RFC 7518 §3.2 allows: the size of the hash output.
    pub const fn min_key_len(self) -> usize {
        match self {
            Algorithm::HS256 => 32,
            Algorithm::HS384 => 48,
            Algorithm::HS512 => 64,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The error of parsing an [`Algorithm`] from a name other than `HS256`, `HS384`, `HS512`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownAlgorithm;

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown algorithm, expected HS256, HS384 or HS512")
    }
}

impl std::error::Error for UnknownAlgorithm {}

impl core::str::FromStr for Algorithm {
    type Err = UnknownAlgorithm;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "HS256" => Ok(Algorithm::HS256),
            "HS384" => Ok(Algorithm::HS384),
            "HS512" => Ok(Algorithm::HS512),
            _ => Err(UnknownAlgorithm),
        }
    }
}

/// A key shorter than its algorithm allows; holds the lengths, never the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyTooShort {
    /// The key's length in bytes.
    pub len: usize,
    /// The algorithm it was meant for.
    pub alg: Algorithm,
}

impl fmt::Display for KeyTooShort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} bytes, {} needs at least {} (RFC 7518 §3.2)",
            self.len,
            self.alg,
            self.alg.min_key_len()
        )
    }
}

impl std::error::Error for KeyTooShort {}

/// An HMAC key for signing and verifying JSON Web Tokens, and its algorithm.
///
/// The key is at least as long as RFC 7518 §3.2 demands of the algorithm
/// (HS256 32, HS384 48, HS512 64 bytes); it is zeroized on drop, compared in
/// constant time, and its `Debug` shows the algorithm and length only. There is
/// no `Display`: reading the key is an explicit [`expose_secret`](ExposeSecret::expose_secret).
///
/// Usually loaded by `#[jwt_secret]` or `secret!`; [`JwtSecret::new`] builds one
/// from bytes you already hold.
///
/// ```
/// # extern crate secretguard_runtime as secretguard;
/// use secretguard::{Algorithm, ExposeSecret, JwtSecret};
///
/// let key = JwtSecret::new(vec![7u8; 32], Algorithm::HS256).unwrap();
/// assert_eq!(key.expose_secret().len(), 32);
/// assert_eq!(format!("{key:?}"), "JwtSecret { alg: HS256, len: 32, key: [REDACTED] }");
///
/// let short = JwtSecret::new(b"too short".to_vec(), Algorithm::HS256).unwrap_err();
/// assert_eq!(short.to_string(), "9 bytes, HS256 needs at least 32 (RFC 7518 §3.2)");
/// ```
#[derive(Clone)]
pub struct JwtSecret {
    key: SecretSlice<u8>,
    alg: Algorithm,
}

impl JwtSecret {
    /// Wraps `key` for `alg`, refusing a key shorter than RFC 7518 §3.2 allows.
    ///
    /// The bytes are moved into a zeroizing box without another copy.
    pub fn new(key: Vec<u8>, alg: Algorithm) -> Result<Self, KeyTooShort> {
        let key = crate::secret_types::boxed_bytes(zeroize::Zeroizing::new(key));
        Self::from_secret_bytes(key, alg)
    }

    pub(crate) fn from_secret_bytes(
        key: SecretSlice<u8>,
        alg: Algorithm,
    ) -> Result<Self, KeyTooShort> {
        let len = key.expose_secret().len();
        if len < alg.min_key_len() {
            return Err(KeyTooShort { len, alg });
        }
        Ok(JwtSecret { key, alg })
    }

    /// A fresh random key of the algorithm's minimum length, from the OS CSPRNG.
    ///
    /// ```
    /// # extern crate secretguard_runtime as secretguard;
    /// use secretguard::{Algorithm, ExposeSecret, JwtSecret};
    /// let a = JwtSecret::generate(Algorithm::HS384).unwrap();
    /// assert_eq!(a.expose_secret().len(), 48);
    /// assert_ne!(a, JwtSecret::generate(Algorithm::HS384).unwrap());
    /// ```
    pub fn generate(alg: Algorithm) -> Result<Self, getrandom::Error> {
        let mut key = zeroize::Zeroizing::new(vec![0u8; alg.min_key_len()]);
        getrandom::fill(&mut key)?;
        let key = crate::secret_types::boxed_bytes(key);
        Ok(JwtSecret { key, alg })
    }

    /// The algorithm this key is for.
    #[inline]
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// A `jsonwebtoken` signing key (feature `jsonwebtoken`).
    #[cfg(feature = "jsonwebtoken")]
    pub fn encoding_key(&self) -> jsonwebtoken::EncodingKey {
        jsonwebtoken::EncodingKey::from_secret(self.key.expose_secret())
    }

    /// A `jsonwebtoken` verifying key (feature `jsonwebtoken`).
    #[cfg(feature = "jsonwebtoken")]
    pub fn decoding_key(&self) -> jsonwebtoken::DecodingKey {
        jsonwebtoken::DecodingKey::from_secret(self.key.expose_secret())
    }

    /// The `jsonwebtoken` algorithm matching [`JwtSecret::algorithm`] (feature `jsonwebtoken`).
    #[cfg(feature = "jsonwebtoken")]
    pub fn jsonwebtoken_algorithm(&self) -> jsonwebtoken::Algorithm {
        match self.alg {
            Algorithm::HS256 => jsonwebtoken::Algorithm::HS256,
            Algorithm::HS384 => jsonwebtoken::Algorithm::HS384,
            Algorithm::HS512 => jsonwebtoken::Algorithm::HS512,
        }
    }
}

impl ExposeSecret<[u8]> for JwtSecret {
    #[inline]
    fn expose_secret(&self) -> &[u8] {
        self.key.expose_secret()
    }
}

impl PartialEq for JwtSecret {
    /// Constant time in the key's contents (lengths are not secret).
    fn eq(&self, other: &Self) -> bool {
        self.alg == other.alg
            && bool::from(self.key.expose_secret().ct_eq(other.key.expose_secret()))
    }
}

impl Eq for JwtSecret {}

impl fmt::Debug for JwtSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtSecret")
            .field("alg", &self.alg)
            .field("len", &self.key.expose_secret().len())
            .field("key", &format_args!("[REDACTED]"))
            .finish()
    }
}

/// Reading a `JwtSecret` from a config file (feature `serde`); there is no
/// `Serialize`, so a key is never written back out.
#[cfg(feature = "serde")]
mod deserialize {
    use core::fmt;

    use serde::de::{self, Deserializer, Unexpected, Visitor};
    use zeroize::Zeroizing;

    use super::{Algorithm, JwtSecret};
    use crate::secret_types::boxed_bytes;

    /// An HS256 key: the string's UTF-8 bytes, at least 32 of them. For
    /// HS384 or HS512, name [`JwtSecret::deserialize_hs384`] or
    /// [`JwtSecret::deserialize_hs512`] in `#[serde(deserialize_with = …)]`.
    ///
    /// A key too short fails with the lengths, never the key:
    ///
    /// ```
    /// # extern crate secretguard_runtime as secretguard;
    /// use secretguard::JwtSecret;
    /// let err = serde_json::from_str::<JwtSecret>(r#""hunter2""#).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "key too short for a JwtSecret: 7 bytes, HS256 needs at least 32 (RFC 7518 §3.2) at line 1 column 9"
    /// );
    /// ```
    impl<'de> serde::Deserialize<'de> for JwtSecret {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read_key(deserializer, Algorithm::HS256)
        }
    }

    impl JwtSecret {
        /// Reads an HS384 key (at least 48 bytes), for `#[serde(deserialize_with = …)]`.
        pub fn deserialize_hs384<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            read_key(deserializer, Algorithm::HS384)
        }

        /// Reads an HS512 key (at least 64 bytes), for `#[serde(deserialize_with = …)]`.
        ///
        /// ```
        /// # extern crate secretguard_runtime as secretguard;
        /// use secretguard::{Algorithm, JwtSecret};
        ///
        /// #[derive(serde::Deserialize)]
        /// struct Config {
        ///     #[serde(deserialize_with = "JwtSecret::deserialize_hs512")]
        ///     signing_key: JwtSecret,
        /// }
        /// let json = format!(r#"{{"signing_key": "{}"}}"#, "k".repeat(64));
        /// let config: Config = serde_json::from_str(&json).unwrap();
        /// assert_eq!(config.signing_key.algorithm(), Algorithm::HS512);
        /// ```
        pub fn deserialize_hs512<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Self, D::Error> {
            read_key(deserializer, Algorithm::HS512)
        }
    }

    /// A config file's format (JSON, TOML, YAML) is asked for whatever value
    /// is there, not for a string: asked for a string, serde_json reports a
    /// number it found by quoting it, before the visitor could name it by its
    /// type alone. A binary format, which cannot say what is there, is asked
    /// for a string.
    fn read_key<'de, D: Deserializer<'de>>(
        deserializer: D,
        alg: Algorithm,
    ) -> Result<JwtSecret, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(KeyVisitor(alg))
        } else {
            deserializer.deserialize_str(KeyVisitor(alg))
        }
    }

    /// Takes a string as the key for its algorithm.
    struct KeyVisitor(Algorithm);

    impl KeyVisitor {
        fn key<E: de::Error>(self, bytes: Zeroizing<Vec<u8>>) -> Result<JwtSecret, E> {
            JwtSecret::from_secret_bytes(boxed_bytes(bytes), self.0)
                .map_err(|short| E::custom(format_args!("key too short for a JwtSecret: {short}")))
        }

        /// A value of another type is named by its type alone: serde's default
        /// error would quote a number, and a numeric key is still a key.
        fn not_a_string<E: de::Error>(self, what: &'static str) -> Result<JwtSecret, E> {
            Err(E::invalid_type(Unexpected::Other(what), &self))
        }
    }

    impl<'de> Visitor<'de> for KeyVisitor {
        type Value = JwtSecret;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(
                f,
                "a string of at least {} bytes, an {} key",
                self.0.min_key_len(),
                self.0
            )
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<JwtSecret, E> {
            // exactly as long as it holds: boxed without another copy
            self.key(Zeroizing::new(v.as_bytes().to_vec()))
        }

        fn visit_string<E: de::Error>(self, v: String) -> Result<JwtSecret, E> {
            self.key(Zeroizing::new(v.into_bytes()))
        }

        fn visit_bool<E: de::Error>(self, _: bool) -> Result<JwtSecret, E> {
            self.not_a_string("a boolean")
        }

        fn visit_i64<E: de::Error>(self, _: i64) -> Result<JwtSecret, E> {
            self.not_a_string("a number")
        }

        fn visit_u64<E: de::Error>(self, _: u64) -> Result<JwtSecret, E> {
            self.not_a_string("a number")
        }

        fn visit_i128<E: de::Error>(self, _: i128) -> Result<JwtSecret, E> {
            self.not_a_string("a number")
        }

        fn visit_u128<E: de::Error>(self, _: u128) -> Result<JwtSecret, E> {
            self.not_a_string("a number")
        }

        fn visit_f64<E: de::Error>(self, _: f64) -> Result<JwtSecret, E> {
            self.not_a_string("a number")
        }

        fn visit_char<E: de::Error>(self, _: char) -> Result<JwtSecret, E> {
            self.not_a_string("a character")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7518_minimums_are_enforced_at_the_boundary() {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let min = alg.min_key_len();
            assert!(JwtSecret::new(vec![1; min], alg).is_ok());
            assert_eq!(
                JwtSecret::new(vec![1; min - 1], alg).unwrap_err(),
                KeyTooShort { len: min - 1, alg }
            );
        }
    }

    #[test]
    fn equality_needs_same_key_and_algorithm() {
        let a = JwtSecret::new(vec![1; 64], Algorithm::HS256).unwrap();
        assert_eq!(a, JwtSecret::new(vec![1; 64], Algorithm::HS256).unwrap());
        assert_ne!(a, JwtSecret::new(vec![1; 64], Algorithm::HS512).unwrap());
        assert_ne!(a, JwtSecret::new(vec![2; 64], Algorithm::HS256).unwrap());
        assert_ne!(a, JwtSecret::new(vec![1; 65], Algorithm::HS256).unwrap());
    }

    #[test]
    fn debug_never_shows_key_bytes() {
        let key = JwtSecret::new(b"k".repeat(40), Algorithm::HS256).unwrap();
        let shown = format!("{key:?} {key:#?}");
        assert!(!shown.contains("kkkk"), "{shown}");
        assert!(!shown.contains("107"), "{shown}"); // b'k' as a number
        assert!(shown.contains("len: 40"));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserializing_checks_the_floor_and_never_quotes_the_value() {
        use serde::de::{Deserialize, IntoDeserializer, value::Error};

        let long = "k".repeat(48);
        let key = JwtSecret::deserialize(long.as_str().into_deserializer()).map_err(|e: Error| e);
        assert_eq!(key.unwrap().algorithm(), Algorithm::HS256);
        let hs384 = JwtSecret::deserialize_hs384(long.clone().into_deserializer());
        assert_eq!(
            hs384.map_err(|e: Error| e).unwrap().expose_secret().len(),
            48
        );
        let short = JwtSecret::deserialize_hs512(long.as_str().into_deserializer());
        let short: Error = short.unwrap_err();
        assert_eq!(
            short.to_string(),
            "key too short for a JwtSecret: 48 bytes, HS512 needs at least 64 (RFC 7518 §3.2)"
        );
        let number = JwtSecret::deserialize(12345678901234567_u64.into_deserializer());
        let number: Error = number.unwrap_err();
        assert_eq!(
            number.to_string(),
            "invalid type: a number, expected a string of at least 32 bytes, an HS256 key"
        );
    }

    #[test]
    fn clones_are_equal_and_independent() {
        let a = JwtSecret::generate(Algorithm::HS256).unwrap();
        let b = a.clone();
        drop(a);
        assert_eq!(b.expose_secret().len(), 32);
    }
}
