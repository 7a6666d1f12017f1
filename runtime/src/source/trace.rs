//! What one source came back with, which source a failure came from, and every place looked at.

use std::borrow::Cow;

use zeroize::Zeroizing;

use crate::error::{ErrorKind, Lookup, Outcome};

/// What one source came back with.
pub(crate) enum Step {
    /// A value, recorded as the last lookup.
    Found(Zeroizing<Vec<u8>>),
    /// Nothing set here; the chain goes on.
    Missing,
    /// Something is there but unusable; the chain stops so a mistake is not
    /// papered over by a fallback.
    Failed(Failure),
}

impl Step {
    /// A failure not yet attributed to a source; its source's entry point names it.
    pub(crate) fn failed(kind: ErrorKind) -> Step {
        Step::Failed(Failure { kind, origin: None })
    }

    /// Names `origin` as the source of a failure, unless a source it referred
    /// to already did (a `vault://` value's failure is Vault's, not the variable's).
    pub(crate) fn attributed_to(self, origin: Origin) -> Step {
        match self {
            Step::Failed(Failure { kind, origin: None }) => Step::Failed(Failure {
                kind,
                origin: Some(origin),
            }),
            other => other,
        }
    }
}

/// Why a load failed, and the source whose help fixes it.
#[derive(Debug)]
pub(crate) struct Failure {
    pub(crate) kind: ErrorKind,
    /// `None`: the value itself is wrong (encoding, length, type), or nothing was set.
    pub(crate) origin: Option<Origin>,
}

impl Failure {
    /// A problem of the value itself, found after a source returned it.
    pub(crate) fn value(kind: ErrorKind) -> Failure {
        Failure { kind, origin: None }
    }
}

/// The source a failure came from, so that the help says that source's fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// The variable or its `NAME_FILE` (or both at once).
    Env(&'static str),
    /// A `.env` line that cannot be read as written, for this variable.
    Dotenv(&'static str),
    /// A file named by `file = …` or `file://…`.
    File,
    /// HashiCorp Vault.
    #[cfg(feature = "vault")]
    Vault,
    /// AWS Secrets Manager.
    #[cfg(feature = "aws")]
    SecretsManager,
    /// KMS ciphertext held in this variable.
    #[cfg(feature = "aws")]
    Kms(&'static str),
    /// A reference held in this variable points at nothing.
    DanglingReference(&'static str),
    /// A reference needs a source this build was compiled without; the
    /// Cargo feature that brings it.
    Disabled(&'static str),
}

/// The places looked at so far.
#[derive(Default)]
pub(crate) struct Trace {
    pub(crate) lookups: Vec<Lookup>,
}

impl Trace {
    pub(crate) fn record(&mut self, place: impl Into<Cow<'static, str>>, outcome: Outcome) {
        self.lookups.push(Lookup::new(place, outcome));
    }

    /// Records a value found at `place`: empty is a failure, anything else a find.
    pub(crate) fn value(
        &mut self,
        place: impl Into<Cow<'static, str>>,
        value: Zeroizing<Vec<u8>>,
    ) -> Step {
        if value.is_empty() {
            self.record(place, Outcome::Empty);
            return Step::failed(ErrorKind::Empty);
        }
        self.record(place, Outcome::Value { len: value.len() });
        Step::Found(value)
    }
}
