//! The link-time list of every secret a binary declares: one entry per
//! `secret!`, `try_secret!` and `#[jwt_secret]`, reached or not.

use crate::error::Error;
use crate::error::LengthRule;
use crate::from_secret::{FromSecret, Rejection, SecretOptions};
use crate::secret_types::SecretBytes;
use crate::spec::Spec;

/// One declared secret, placed in [`SECRETS`] by the macros.
#[doc(hidden)]
pub struct Registered {
    /// What the declaration says; its load reads this same spec.
    pub spec: Spec<'static>,
    /// Declared `optional`: unset anywhere is not a failure.
    pub optional: bool,
    /// A `#[jwt_secret]` item: loads it with its type's rules and keeps the
    /// value in its cache. A `secret!` site has none: its type is inferred
    /// where it is used, out of reach of a link-time entry.
    pub item: Option<fn() -> Result<(), Error>>,
}

impl Registered {
    /// A `secret!` or `try_secret!` site.
    pub const fn site(spec: Spec<'static>, optional: bool) -> Registered {
        Registered {
            spec,
            optional,
            item: None,
        }
    }

    /// A `#[jwt_secret]` item, loaded by `force`.
    pub const fn item(
        spec: Spec<'static>,
        optional: bool,
        force: fn() -> Result<(), Error>,
    ) -> Registered {
        Registered {
            spec,
            optional,
            item: Some(force),
        }
    }
}

/// Every secret of the binary, gathered by the linker (`linkme`): no code runs
/// before `main` to build it.
#[doc(hidden)]
#[linkme::distributed_slice]
pub static SECRETS: [Registered];

/// What preflight loads a `secret!` site as: the site's own type is unknown
/// here, so only the rules the invocation states are checked — its sources,
/// `encoding`, `min_len` and `alg` — and the value is dropped (and wiped) at once.
pub(crate) struct Stated;

impl FromSecret for Stated {
    fn min_len(options: &SecretOptions<'_>) -> Option<(usize, LengthRule)> {
        options
            .alg()
            .map(|alg| (alg.min_key_len(), LengthRule::Rfc7518(alg)))
    }

    fn from_secret(_: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
        Ok(Stated)
    }
}
