//! Values that say where the secret is (`file://…`, `vault://…`, `awssm://…`,
//! `awskms://…`): one table of schemes, and the following of a reference.

use zeroize::Zeroizing;

#[cfg(feature = "aws")]
use super::aws;
use super::file;
use super::trace::{Origin, Step, Trace};
#[cfg(feature = "vault")]
use super::vault;
use crate::error::{ErrorKind, Outcome};

/// Follows the rest of a reference (after its scheme) found in the variable `place`.
type Follow = fn(place: &'static str, rest: &str, trace: &mut Trace) -> Step;

/// A kind of reference an environment value may hold.
struct Scheme {
    prefix: &'static str,
    /// The Cargo feature that brings its source; `None` when always built.
    feature: Option<&'static str>,
    /// `None` when this build lacks the feature.
    follow: Option<Follow>,
    /// Whether the rest is ciphertext, shown by its length only.
    is_ciphertext: bool,
}

/// Every scheme; a new one is a row here.
const SCHEMES: [Scheme; 4] = [
    Scheme {
        prefix: "file://",
        feature: None,
        follow: Some(file::follow_reference),
        is_ciphertext: false,
    },
    Scheme {
        prefix: "vault://",
        feature: Some("vault"),
        follow: VAULT,
        is_ciphertext: false,
    },
    Scheme {
        prefix: "awssm://",
        feature: Some("aws"),
        follow: SECRETS_MANAGER,
        is_ciphertext: false,
    },
    Scheme {
        prefix: "awskms://",
        feature: Some("aws"),
        follow: KMS,
        is_ciphertext: true,
    },
];

#[cfg(feature = "vault")]
const VAULT: Option<Follow> = Some(vault::follow_reference);
#[cfg(not(feature = "vault"))]
const VAULT: Option<Follow> = None;
#[cfg(feature = "aws")]
const SECRETS_MANAGER: Option<Follow> = Some(aws::follow_secrets_manager_reference);
#[cfg(not(feature = "aws"))]
const SECRETS_MANAGER: Option<Follow> = None;
#[cfg(feature = "aws")]
const KMS: Option<Follow> = Some(aws::follow_kms_reference);
#[cfg(not(feature = "aws"))]
const KMS: Option<Follow> = None;

/// What a variable holds, and so what a reference in it leads to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holding {
    /// The secret: every reference is followed to it.
    Secret,
    /// KMS ciphertext (`kms = "VAR"`), for the caller to decrypt once: an
    /// `awskms://` reference is that ciphertext, any other is followed to it.
    Ciphertext,
}

/// Resolves a value that is itself a reference, found in the variable `place`;
/// any other value is returned as found.
///
/// A reference that points at nothing is a failure, not "unset": the variable
/// was set, to something broken.
pub(crate) fn follow(
    place: &'static str,
    value: Zeroizing<Vec<u8>>,
    holding: Holding,
    trace: &mut Trace,
) -> Step {
    let Ok(text) = std::str::from_utf8(&value) else {
        return Step::Found(value);
    };
    let Some((scheme, rest)) = SCHEMES
        .iter()
        .find_map(|s| Some((s, text.strip_prefix(s.prefix)?)))
    else {
        return Step::Found(value);
    };
    if let Some(last) = trace.lookups.last_mut() {
        // a reference names where the secret is; it is not the secret
        let shown = if scheme.is_ciphertext {
            format!(
                "{}… ({} characters of KMS ciphertext)",
                scheme.prefix,
                rest.len()
            )
        } else {
            text.to_owned()
        };
        last.set_outcome(Outcome::Reference(shown));
    }
    if holding == Holding::Ciphertext && scheme.is_ciphertext {
        // decrypting it here too would send its plaintext to KMS as ciphertext
        return Step::Found(Zeroizing::new(rest.as_bytes().to_vec()));
    }
    let Some(follow) = scheme.follow else {
        return without_feature(place, scheme);
    };
    match follow(place, rest, trace) {
        Step::Missing => Step::failed(ErrorKind::Unavailable {
            reason: format!("{place} refers to a secret that does not exist"),
        })
        .attributed_to(Origin::DanglingReference(place)),
        other => other,
    }
}

/// A reference this build cannot follow.
fn without_feature(place: &str, scheme: &Scheme) -> Step {
    let feature = scheme.feature.unwrap_or_default();
    Step::failed(ErrorKind::Unavailable {
        reason: format!(
            "{place} holds a {} reference, but secretguard was built without its `{feature}` feature",
            scheme.prefix
        ),
    })
    .attributed_to(Origin::Disabled(feature))
}

/// How to fix a reference that points at nothing.
pub(super) fn dangling_help(variable: &str) -> String {
    format!("create the secret it refers to, or point {variable} at one that exists")
}

/// How to build in the source a reference needs: the `Cargo.toml` line.
pub(super) fn disabled_help(feature: &str) -> String {
    format!(
        "enable the `{feature}` feature in Cargo.toml: `secretguard = {{ version = \"{}.{}\", features = [\"{feature}\"] }}`",
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_awskms_reference_where_ciphertext_is_expected_is_that_ciphertext() {
        let mut trace = Trace::default();
        trace.record("SG_KMS", Outcome::Value { len: 13 });
        let value = Zeroizing::new(b"awskms://AQID".to_vec());
        let step = follow("SG_KMS", value, Holding::Ciphertext, &mut trace);
        assert!(matches!(step, Step::Found(ref v) if v.as_slice() == b"AQID"));
        assert_eq!(
            trace.lookups[0].to_string(),
            "SG_KMS: refers to awskms://… (4 characters of KMS ciphertext)"
        );
    }
}
