//! Where secrets live: each source looks in its places, records what it found,
//! and says how to fix what it could not use.

#[cfg(feature = "aws")]
mod aws;
mod dotenv;
mod env;
mod file;
mod reference;
#[cfg(any(feature = "vault", feature = "aws"))]
mod remote;
mod trace;
#[cfg(feature = "vault")]
mod vault;

pub(crate) use env::{KeyShape, export_example};
#[cfg(feature = "aws")]
use reference::Holding;
pub(crate) use trace::{Failure, Origin, Step, Trace};

use crate::error::ErrorKind;
use crate::spec::Source;

/// Tries each source in order; the first that is set wins.
pub(crate) fn resolve(sources: &[Source], dotenv: bool, trace: &mut Trace) -> Step {
    resolve_located(sources, dotenv, trace).0
}

/// Which source of a chain answered, and (Vault KV v2) the version it read.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Answered {
    pub(crate) index: usize,
    #[cfg_attr(not(feature = "vault"), allow(dead_code))]
    pub(crate) version: Option<u64>,
}

/// [`resolve`], saying which source answered (`None`: none did).
pub(crate) fn resolve_located(
    sources: &[Source],
    dotenv: bool,
    trace: &mut Trace,
) -> (Step, Option<Answered>) {
    for (index, source) in sources.iter().enumerate() {
        #[allow(unused_mut)]
        let mut version = None;
        let step = match *source {
            Source::Env(name) => env::lookup(name, dotenv, trace),
            Source::File(path) => file::lookup(path, trace),
            #[cfg(feature = "vault")]
            Source::Vault(vault_ref) => {
                let (step, read) = vault::lookup_versioned(&vault_ref, trace);
                version = read;
                step
            }
            #[cfg(feature = "aws")]
            Source::Aws(secret_ref) => aws::secrets_manager(&secret_ref, trace),
            #[cfg(feature = "aws")]
            Source::Kms(kms) => {
                let ciphertext = env::read(kms.variable, dotenv, Holding::Ciphertext, trace);
                aws::kms(&kms, ciphertext, trace)
            }
        };
        if !matches!(step, Step::Missing) {
            return (step, Some(Answered { index, version }));
        }
    }
    (Step::Missing, None)
}

/// One line on how to fix a failure of the source `origin`.
pub(crate) fn help(origin: Origin, kind: &ErrorKind, shape: &KeyShape, dotenv: bool) -> String {
    match origin {
        Origin::Env(name) => env::help(name, kind, shape, dotenv),
        Origin::Dotenv(name) => dotenv::help(name, kind),
        Origin::File => file::help(kind),
        #[cfg(feature = "vault")]
        Origin::Vault => vault::help(kind),
        #[cfg(feature = "aws")]
        Origin::SecretsManager => aws::secrets_manager_help(kind),
        #[cfg(feature = "aws")]
        Origin::Kms(variable) => aws::kms_help(variable, kind),
        Origin::DanglingReference(variable) => reference::dangling_help(variable),
        Origin::Disabled(feature) => reference::disabled_help(feature),
    }
}

/// One line on how to put a secret into `source`, where nothing was found.
pub(crate) fn not_set_help(source: &Source, shape: &KeyShape, dotenv: bool) -> String {
    match source {
        Source::Env(name) => env::set_help(name, shape, dotenv),
        Source::File(_) => file::help(&ErrorKind::NotSet),
        #[cfg(feature = "vault")]
        Source::Vault(vault_ref) => vault::not_set_help(vault_ref),
        #[cfg(feature = "aws")]
        Source::Aws(secret_ref) => aws::create_help(secret_ref),
        #[cfg(feature = "aws")]
        Source::Kms(kms) => aws::kms_help(kms.variable, &ErrorKind::NotSet),
    }
}

#[cfg(test)]
mod tests {
    use zeroize::Zeroizing;

    use super::*;
    use crate::encoding::Encoding;

    const SHAPE: KeyShape = KeyShape {
        encoding: Encoding::Base64,
        min_len: Some(32),
    };

    fn unavailable() -> ErrorKind {
        ErrorKind::Unavailable {
            reason: "connection refused".into(),
        }
    }

    #[cfg(any(feature = "vault", feature = "aws"))]
    fn denied() -> ErrorKind {
        ErrorKind::Denied {
            reason: "403".into(),
        }
    }

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
    fn an_empty_file_stops_the_chain_and_is_the_files_failure() {
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
        let Step::Failed(failure) = step else {
            panic!("an empty file is a failure");
        };
        assert_eq!(failure.kind, ErrorKind::Empty);
        assert_eq!(failure.origin, Some(Origin::File));
        assert_eq!(trace.lookups.len(), 1);
    }

    #[test]
    fn file_help_says_create_or_check_the_file() {
        assert_eq!(
            help(Origin::File, &ErrorKind::Empty, &SHAPE, false),
            "create the file, holding only the secret"
        );
        let unreadable = ErrorKind::Unreadable {
            reason: "permission denied".into(),
        };
        assert_eq!(
            help(Origin::File, &unreadable, &SHAPE, false),
            "check that the file exists and that this process may read it"
        );
    }

    #[test]
    fn a_reference_without_its_feature_names_the_cargo_line() {
        assert_eq!(
            help(Origin::Disabled("vault"), &unavailable(), &SHAPE, false),
            "enable the `vault` feature in Cargo.toml: `secretguard = { version = \"0.1\", features = [\"vault\"] }`"
        );
    }

    #[cfg(not(feature = "vault"))]
    #[test]
    fn a_vault_reference_without_the_feature_is_the_features_failure() {
        let mut trace = Trace::default();
        let value = Zeroizing::new(b"vault://secret/data/jwt#key".to_vec());
        let Step::Failed(failure) =
            reference::follow("SG_REF", value, reference::Holding::Secret, &mut trace)
        else {
            panic!("a reference this build cannot follow is a failure");
        };
        assert_eq!(failure.origin, Some(Origin::Disabled("vault")));
        assert!(
            failure
                .kind
                .to_string()
                .contains("without its `vault` feature")
        );
    }

    #[test]
    fn a_dangling_reference_says_to_create_it_or_repoint_the_variable() {
        assert_eq!(
            help(
                Origin::DanglingReference("SG_REF"),
                &unavailable(),
                &SHAPE,
                false
            ),
            "create the secret it refers to, or point SG_REF at one that exists"
        );
    }

    #[cfg(feature = "vault")]
    #[test]
    fn an_invalid_vault_reference_is_named_as_one() {
        let mut trace = Trace::default();
        let value = Zeroizing::new(b"vault://jwt#a#b".to_vec());
        let Step::Failed(failure) =
            reference::follow("JWT_SECRET", value, reference::Holding::Secret, &mut trace)
        else {
            panic!("a reference that does not parse is a failure");
        };
        assert_eq!(
            failure.kind,
            ErrorKind::InvalidReference {
                scheme: "vault://",
                reason: "`#` appears more than once: a Vault reference is `mount/path#field`"
                    .into()
            },
            "a parse failure is not a protocol error"
        );
        assert_eq!(failure.origin, Some(Origin::Vault));
        assert_eq!(
            help(Origin::Vault, &failure.kind, &SHAPE, false),
            "write it as `vault://mount/path#field`, e.g. `vault://secret/data/jwt#secret`"
        );
    }

    #[cfg(feature = "vault")]
    #[test]
    fn vault_help_names_vaults_settings() {
        let vault = |kind: &ErrorKind| help(Origin::Vault, kind, &SHAPE, false);
        assert_eq!(
            vault(&denied()),
            "check the Vault credentials (VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID) and that their policy allows reading this path"
        );
        assert_eq!(
            vault(&unavailable()),
            "check that Vault is running and reachable (VAULT_ADDR, VAULT_CACERT), then retry"
        );
        let missing = ErrorKind::FieldMissing {
            field: Some("x".into()),
            available: vec!["a".into()],
        };
        assert_eq!(
            vault(&missing),
            "name one of the fields after `#`, e.g. `path#field`"
        );
    }

    #[cfg(feature = "aws")]
    #[test]
    fn an_invalid_awssm_reference_is_named_as_one() {
        let mut trace = Trace::default();
        let value = Zeroizing::new(b"awssm://prod/jwt?version=2".to_vec());
        let Step::Failed(failure) =
            reference::follow("DB_PASSWORD", value, reference::Holding::Secret, &mut trace)
        else {
            panic!("a reference that does not parse is a failure");
        };
        assert!(matches!(
            failure.kind,
            ErrorKind::InvalidReference {
                scheme: "awssm://",
                ..
            }
        ));
        assert_eq!(failure.origin, Some(Origin::SecretsManager));
    }

    #[cfg(feature = "aws")]
    #[test]
    fn aws_help_names_the_credential_chain_region_and_permission() {
        let sm = |kind: &ErrorKind| help(Origin::SecretsManager, kind, &SHAPE, false);
        assert_eq!(
            sm(&denied()),
            "check the AWS credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the role this process runs as) and that they allow `secretsmanager:GetSecretValue` on this secret"
        );
        assert_eq!(
            sm(&unavailable()),
            "check the region (AWS_REGION) and that the endpoint is reachable (AWS_ENDPOINT_URL), then retry"
        );
        let kms = |kind: &ErrorKind| help(Origin::Kms("JWT_CIPHERTEXT"), kind, &SHAPE, false);
        assert!(
            kms(&denied()).contains("`kms:Decrypt`"),
            "{}",
            kms(&denied())
        );
        assert!(kms(&denied()).contains("AWS_PROFILE"));
        assert!(kms(&unavailable()).contains("AWS_REGION"));
        assert!(kms(&ErrorKind::Empty).starts_with("set JWT_CIPHERTEXT to base64 ciphertext"));
        for text in [sm(&denied()), sm(&unavailable()), kms(&denied())] {
            assert!(!text.contains("VAULT"), "{text}");
        }
    }
}
