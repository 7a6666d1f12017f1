//! The runtime of [secretguard](https://docs.rs/secretguard): redacted secret types,
//! the sources a secret is read from, and the loader that `secret!`,
//! `try_secret!` and `#[jwt_secret]` expand into.
//!
//! Depend on `secretguard`, not on this crate: it re-exports everything here
//! together with the macros.

mod encoding;
mod error;
mod from_secret;
mod help;
mod jwt;
mod keyset;
mod lazy;
mod load;
mod preflight;
mod refresh;
mod registry;
mod secret_types;
mod source;
mod spec;
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

pub use encoding::Encoding;
pub use error::{Error, ErrorKind, LengthRule, Lookup, Outcome, Site};
pub use from_secret::{FromSecret, HasAlgorithm, Rejection, SecretOptions};
pub use jwt::{Algorithm, JwtSecret, KeyTooShort, UnknownAlgorithm};
pub use keyset::{HasPrevious, JwtKey, JwtKeySet};
pub use lazy::LazySecret;
pub use preflight::{EXIT_CONFIG, PreflightError, preflight, preflight_or_exit};
pub use refresh::{Current, MAX_RETRY_BACKOFF, MIN_REFRESH, RefreshStatus, RefreshingSecret};
pub use secret_types::{ExposeSecret, SecretBytes, SecretString};

/// What expanded macro code names; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::encoding::Encoding;
    pub use crate::error::Site;
    pub use crate::jwt::Algorithm;
    pub use crate::lazy::LazySecret;
    pub use crate::load::{
        load, load_optional, try_load, try_load_optional, try_load_with_previous,
    };
    pub use crate::refresh::{RefreshingSecret, ThreadCache};
    pub use crate::registry::{Registered, SECRETS};
    #[cfg(feature = "vault")]
    pub use crate::spec::VaultRef;
    #[cfg(feature = "aws")]
    pub use crate::spec::{AwsSecretRef, KmsSource};
    pub use crate::spec::{Previous, PreviousSpec, Source, Spec, Stored};
    pub use core::option::Option::{None, Some};
    pub use linkme;
    pub use std::thread_local;

    /// Compile-time check that the `alg` option fits the loaded type.
    #[inline(always)]
    pub fn check_alg<V: crate::HasAlgorithm>(_: &V) {}

    /// Stands in for a rejected `secret!`, whose errors are already reported.
    pub fn rejected<T>() -> T {
        unreachable!("a rejected secret! does not compile")
    }

    /// Returns a clone of a `#[jwt_secret] fn`'s cached value.
    #[inline]
    pub fn clone_secret<T: Clone>(value: &T) -> T {
        value.clone()
    }
}
