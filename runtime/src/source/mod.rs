//! Where secrets live: each source looks in its places and records what it found.

#[cfg(feature = "aws")]
mod aws;
mod dotenv;
mod env;
mod file;
#[cfg(feature = "vault")]
pub(crate) mod vault;

use std::borrow::Cow;

use zeroize::Zeroizing;

use crate::error::{ErrorKind, Lookup, Outcome};
#[cfg(feature = "aws")]
pub use secretguard_scan::reference::AwsSecretRef;
#[cfg(feature = "vault")]
pub use secretguard_scan::reference::VaultRef;

/// One source of a `secret!` fallback chain, as the macros write it: every
/// reference already parsed and checked at compile time.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `env = "NAME"`: the variable, then `NAME_FILE`, then `.env` where allowed.
    Env(&'static str),
    /// `file = "PATH"`: the file's contents, one trailing newline trimmed.
    File(&'static str),
    /// `vault = "mount/path#field"`: a HashiCorp Vault KV secret (feature `vault`).
    #[cfg(feature = "vault")]
    Vault(VaultRef<'static>),
    /// `aws = "secret-id[?stage=STAGE][#json_key]"`: AWS Secrets Manager (feature `aws`).
    #[cfg(feature = "aws")]
    Aws(AwsSecretRef<'static>),
    /// `kms = "VAR[?key_id=…&k=v]"`: base64 KMS ciphertext in `VAR`, decrypted (feature `aws`).
    #[cfg(feature = "aws")]
    Kms(KmsSource),
}

/// `kms = "VAR[?key_id=…&context_key=value…]"`, as the macros parsed it.
#[doc(hidden)]
#[cfg(feature = "aws")]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KmsSource {
    /// The variable holding the base64 ciphertext, read like an `env` source.
    pub variable: &'static str,
    /// The key the ciphertext must have been encrypted under, if given.
    pub key_id: Option<&'static str>,
    /// The encryption context, every query pair but `key_id`.
    pub context: &'static [(&'static str, &'static str)],
}

/// What one source came back with.
pub(crate) enum Step {
    /// A value, recorded as the last lookup.
    Found(Zeroizing<Vec<u8>>),
    /// Nothing set here; the chain goes on.
    Missing,
    /// Something is there but unusable; the chain stops so a mistake is not
    /// papered over by a fallback.
    Failed(ErrorKind),
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
    fn value(&mut self, place: impl Into<Cow<'static, str>>, value: Zeroizing<Vec<u8>>) -> Step {
        if value.is_empty() {
            self.record(place, Outcome::Empty);
            return Step::Failed(ErrorKind::Empty);
        }
        self.record(place, Outcome::Value { len: value.len() });
        Step::Found(value)
    }
}

/// Resolves a value that is itself a reference (`vault://…`, `file://…`),
/// found at `place`; any other value is returned as found.
///
/// A reference that points at nothing is a failure, not "unset": the variable
/// was set, to something broken.
pub(crate) fn follow_reference(place: &str, value: Zeroizing<Vec<u8>>, trace: &mut Trace) -> Step {
    let Some(text) = std::str::from_utf8(&value).ok() else {
        return Step::Found(value);
    };
    let is_reference = ["file://", "vault://", "awssm://", "awskms://"]
        .iter()
        .any(|p| text.starts_with(p));
    if is_reference && let Some(last) = trace.lookups.last_mut() {
        // a reference names where the secret is; it is not the secret
        let shown = match text.strip_prefix("awskms://") {
            Some(ciphertext) => format!(
                "awskms://… ({} characters of KMS ciphertext)",
                ciphertext.len()
            ),
            None => text.to_owned(),
        };
        last.set_outcome(Outcome::Reference(shown));
    }
    let step = if let Some(path) = text.strip_prefix("file://") {
        file::read_into_trace(path.to_owned(), std::path::Path::new(path), false, trace)
    } else if let Some(reference) = text.strip_prefix("vault://") {
        #[cfg(feature = "vault")]
        match VaultRef::parse(reference) {
            Ok(vault_ref) => vault::lookup(&vault_ref, trace),
            Err(e) => return invalid_reference("vault://", e),
        }
        #[cfg(not(feature = "vault"))]
        {
            let _ = reference;
            return without_feature(place, "vault://", "vault");
        }
    } else if let Some(reference) = text.strip_prefix("awssm://") {
        #[cfg(feature = "aws")]
        match AwsSecretRef::parse(reference) {
            Ok(secret_ref) => aws::secrets_manager(&secret_ref, trace),
            Err(e) => return invalid_reference("awssm://", e),
        }
        #[cfg(not(feature = "aws"))]
        {
            let _ = reference;
            return without_feature(place, "awssm://", "aws");
        }
    } else if let Some(ciphertext) = text.strip_prefix("awskms://") {
        #[cfg(feature = "aws")]
        {
            aws::decrypt_reference(ciphertext, place, trace)
        }
        #[cfg(not(feature = "aws"))]
        {
            let _ = ciphertext;
            return without_feature(place, "awskms://", "aws");
        }
    } else {
        return Step::Found(value);
    };
    match step {
        Step::Missing => Step::Failed(ErrorKind::Unavailable {
            reason: format!("{place} refers to a secret that does not exist"),
        }),
        other => other,
    }
}

/// Zeroizes every string of a parsed JSON response before it is dropped
/// (shared by the Vault and AWS sources).
#[cfg(any(feature = "vault", feature = "aws"))]
pub(crate) fn wipe_json(value: &mut serde_json::Value) {
    use zeroize::Zeroize;
    match value {
        serde_json::Value::String(s) => s.zeroize(),
        serde_json::Value::Array(items) => items.iter_mut().for_each(wipe_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(wipe_json),
        _ => {}
    }
}

/// A reference that does not parse: the variable holds something broken.
#[cfg(any(feature = "vault", feature = "aws"))]
fn invalid_reference(scheme: &'static str, e: secretguard_scan::reference::RefError) -> Step {
    Step::Failed(ErrorKind::InvalidReference {
        scheme,
        reason: e.0.to_owned(),
    })
}

/// A reference this build cannot follow.
#[allow(dead_code)] // unused when every source feature is on
fn without_feature(place: &str, scheme: &str, feature: &str) -> Step {
    Step::Failed(ErrorKind::Unavailable {
        reason: format!(
            "{place} holds a {scheme} reference, but secretguard was built without its `{feature}` feature"
        ),
    })
}

/// Tries each source in order; the first that is set wins.
pub(crate) fn resolve(sources: &[Source], dotenv: bool, trace: &mut Trace) -> Step {
    for source in sources {
        let step = match *source {
            Source::Env(name) => env::lookup(name, dotenv, trace),
            Source::File(path) => file::lookup(path, trace),
            #[cfg(feature = "vault")]
            Source::Vault(vault_ref) => vault::lookup(&vault_ref, trace),
            #[cfg(feature = "aws")]
            Source::Aws(secret_ref) => aws::secrets_manager(&secret_ref, trace),
            #[cfg(feature = "aws")]
            Source::Kms(kms) => aws::kms(&kms, dotenv, trace),
        };
        if !matches!(step, Step::Missing) {
            return step;
        }
    }
    Step::Missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_chain_stops_at_the_first_file_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let present = dir.path().join("present");
        std::fs::write(&present, "value\n").unwrap();
        let missing: &'static str = dir.path().join("missing").display().to_string().leak();
        let present: &'static str = present.display().to_string().leak();

        let mut trace = Trace::default();
        let step = resolve(
            &[Source::File(missing), Source::File(present)],
            false,
            &mut trace,
        );
        assert!(matches!(step, Step::Found(ref v) if v.as_slice() == b"value"));
        let shown: Vec<String> = trace.lookups.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                format!("{missing}: not found"),
                format!("{present}: 5 bytes")
            ]
        );
    }

    #[test]
    fn an_empty_file_stops_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "\n").unwrap();
        let empty: &'static str = empty.display().to_string().leak();
        let mut trace = Trace::default();
        let step = resolve(
            &[Source::File(empty), Source::File("/nonexistent")],
            false,
            &mut trace,
        );
        assert!(matches!(step, Step::Failed(ErrorKind::Empty)));
        assert_eq!(trace.lookups.len(), 1);
    }

    #[cfg(feature = "vault")]
    #[test]
    fn an_invalid_vault_reference_is_named_as_one() {
        let mut trace = Trace::default();
        let value = Zeroizing::new(b"vault://".to_vec());
        let step = follow_reference("JWT_SECRET", value, &mut trace);
        assert!(
            matches!(
                step,
                Step::Failed(ErrorKind::InvalidReference {
                    scheme: "vault://",
                    ..
                })
            ),
            "a parse failure is not a protocol error"
        );
    }

    #[cfg(feature = "aws")]
    #[test]
    fn an_invalid_awssm_reference_is_named_as_one() {
        let mut trace = Trace::default();
        let value = Zeroizing::new(b"awssm://".to_vec());
        let step = follow_reference("DB_PASSWORD", value, &mut trace);
        assert!(matches!(
            step,
            Step::Failed(ErrorKind::InvalidReference {
                scheme: "awssm://",
                ..
            })
        ));
    }
}
