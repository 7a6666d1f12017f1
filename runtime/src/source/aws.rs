//! AWS: Secrets Manager (`aws = "secret-id[?stage=STAGE][#json_key]"`) and KMS
//! envelope decryption (`kms = "VAR[?key_id=…&context_key=value…]"`), through
//! the official SDK so the standard credential chain, region and endpoint
//! settings apply (`AWS_REGION`, `AWS_ENDPOINT_URL`, profiles, roles).
//!
//! The SDK is async; loaders are not. It runs on a private runtime, driven
//! from a scoped thread, so a loader called inside someone's tokio runtime
//! neither panics nor blocks that runtime's own machinery.

use std::error::Error as StdError;
use std::sync::OnceLock;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};
use base64::Engine as _;
use zeroize::Zeroizing;

use super::{AwsSecretRef, KmsSource, Step, Trace};
use crate::error::{ErrorKind, Outcome};

struct Aws {
    runtime: tokio::runtime::Runtime,
    config: SdkConfig,
    secrets: aws_sdk_secretsmanager::Client,
    kms: aws_sdk_kms::Client,
}

impl Aws {
    /// Runs `future` to completion on the private runtime, from a thread of its own.
    fn run<F: Future + Send>(&self, future: F) -> F::Output
    where
        F::Output: Send,
    {
        std::thread::scope(
            |scope| match scope.spawn(|| self.runtime.block_on(future)).join() {
                Ok(output) => output,
                Err(panic) => std::panic::resume_unwind(panic),
            },
        )
    }

    /// `region eu-west-1, endpoint http://127.0.0.1:5000` for messages.
    fn whereabouts(&self) -> String {
        let region = self
            .config
            .region()
            .map_or("no region".to_owned(), |r| format!("region {r}"));
        let endpoint = self.config.endpoint_url().unwrap_or("the default endpoint");
        format!("{region}, {endpoint}")
    }
}

fn aws() -> Result<&'static Aws, String> {
    static AWS: OnceLock<Result<Aws, String>> = OnceLock::new();
    AWS.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("secretguard-aws")
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the AWS SDK's runtime: {e}"))?;
        let config = std::thread::scope(|scope| {
            scope
                .spawn(|| runtime.block_on(aws_config::defaults(BehaviorVersion::latest()).load()))
                .join()
        })
        .map_err(|_| "loading the AWS configuration panicked".to_owned())?;
        let secrets = aws_sdk_secretsmanager::Client::new(&config);
        let kms = aws_sdk_kms::Client::new(&config);
        Ok(Aws {
            runtime,
            config,
            secrets,
            kms,
        })
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// Reads a Secrets Manager secret, a JSON key of it when `#key` is given.
pub(crate) fn secrets_manager(r: &AwsSecretRef<'_>, trace: &mut Trace) -> Step {
    let aws = match aws() {
        Ok(aws) => aws,
        Err(reason) => {
            return failed(
                trace,
                format!("aws secretsmanager {}", r.id),
                ErrorKind::Unavailable { reason },
            );
        }
    };
    let place = format!("aws secretsmanager {} ({})", r.id, aws.whereabouts());
    let request = aws
        .secrets
        .get_secret_value()
        .secret_id(r.id)
        .version_stage(r.stage.unwrap_or("AWSCURRENT"));
    let mut output = match aws.run(request.send()) {
        Ok(output) => output,
        Err(e) => {
            return match classify(&e, &format!("GetSecretValue of {}", r.id), aws) {
                None => {
                    trace.record(place, Outcome::NotFound);
                    Step::Missing
                }
                Some(kind) => failed(trace, place, kind),
            };
        }
    };
    // move the value out of the SDK's structs into buffers that are zeroized
    let raw: Zeroizing<Vec<u8>> = match (output.secret_string.take(), output.secret_binary.take()) {
        (Some(text), _) => Zeroizing::new(text.into_bytes()),
        (None, Some(blob)) => Zeroizing::new(blob.into_inner()),
        (None, None) => {
            let kind = ErrorKind::Unavailable {
                reason: format!("{} has neither SecretString nor SecretBinary", r.id),
            };
            return failed(trace, place, kind);
        }
    };
    match r.json_key {
        None => trace.value(place, raw),
        Some(key) => match json_key(&raw, key) {
            Ok(value) => trace.value(place, value),
            Err(kind) => failed(trace, place, kind),
        },
    }
}

/// `kms = "VAR…"`: the variable (or `VAR_FILE`, or `.env`) holds base64 KMS
/// ciphertext; the plaintext goes straight into a zeroizing buffer.
pub(crate) fn kms(source: &KmsSource, dotenv: bool, trace: &mut Trace) -> Step {
    match super::env::lookup(source.variable, dotenv, trace) {
        Step::Found(ciphertext) => decrypt(
            &ciphertext,
            source.key_id,
            source.context,
            source.variable,
            trace,
        ),
        other => other,
    }
}

/// An `awskms://<base64>` reference held in `place`.
pub(crate) fn decrypt_reference(base64_ciphertext: &str, place: &str, trace: &mut Trace) -> Step {
    decrypt(base64_ciphertext.as_bytes(), None, &[], place, trace)
}

fn decrypt(
    base64_ciphertext: &[u8],
    key_id: Option<&str>,
    context: &[(&str, &str)],
    source: &str,
    trace: &mut Trace,
) -> Step {
    let compact: Vec<u8> = base64_ciphertext
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let Ok(blob) = base64::engine::general_purpose::STANDARD.decode(&compact) else {
        return Step::Failed(ErrorKind::BadEncoding {
            encoding: crate::Encoding::Base64,
            reason: format!("{source} must hold base64 KMS ciphertext"),
        });
    };
    let aws = match aws() {
        Ok(aws) => aws,
        Err(reason) => {
            return failed(
                trace,
                format!("aws kms decrypt {source}"),
                ErrorKind::Unavailable { reason },
            );
        }
    };
    let place = format!("aws kms decrypt {source} ({})", aws.whereabouts());
    let mut request = aws
        .kms
        .decrypt()
        .ciphertext_blob(aws_sdk_kms::primitives::Blob::new(blob))
        .set_key_id(key_id.map(str::to_owned));
    for &(k, v) in context {
        request = request.encryption_context(k, v);
    }
    match aws.run(request.send()) {
        Ok(mut output) => match output.plaintext.take() {
            Some(plaintext) => trace.value(place, Zeroizing::new(plaintext.into_inner())),
            None => failed(
                trace,
                place,
                ErrorKind::Unavailable {
                    reason: "KMS returned no plaintext".to_owned(),
                },
            ),
        },
        Err(e) => {
            let kind =
                classify(&e, &format!("KMS Decrypt of {source}"), aws).unwrap_or_else(|| {
                    ErrorKind::Unavailable {
                        reason: format!("KMS Decrypt of {source} failed: the key was not found"),
                    }
                });
            failed(trace, place, kind)
        }
    }
}

fn failed(trace: &mut Trace, place: String, kind: ErrorKind) -> Step {
    let shown = match &kind {
        ErrorKind::Denied { reason } | ErrorKind::Unavailable { reason } => reason.clone(),
        other => other.to_string(),
    };
    trace.record(place, Outcome::Unreadable(shown));
    Step::Failed(kind)
}

/// Picks `key` out of a JSON object secret; the error lists the keys, never values.
fn json_key(raw: &[u8], key: &str) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    let mut json: serde_json::Value =
        serde_json::from_slice(raw).map_err(|_| ErrorKind::Unavailable {
            reason: format!("the secret is not a JSON object, so `#{key}` cannot select from it"),
        })?;
    let result = match json.as_object() {
        None => Err(ErrorKind::Unavailable {
            reason: format!("the secret is not a JSON object, so `#{key}` cannot select from it"),
        }),
        Some(map) => match map.get(key) {
            Some(serde_json::Value::String(s)) => Ok(Zeroizing::new(s.as_bytes().to_vec())),
            Some(serde_json::Value::Number(n)) => Ok(Zeroizing::new(n.to_string().into_bytes())),
            Some(_) => Err(ErrorKind::Unavailable {
                reason: format!("the value of `{key}` is not a string"),
            }),
            None => Err(ErrorKind::FieldMissing {
                field: Some(key.to_owned()),
                available: map.keys().cloned().collect(),
            }),
        },
    };
    super::wipe_json(&mut json);
    result
}

/// What went wrong, in our words; `None` for "not found" (a chain may go on).
fn classify<E, R>(e: &SdkError<E, R>, what: &str, aws: &Aws) -> Option<ErrorKind>
where
    E: ProvideErrorMetadata + StdError + 'static,
    R: std::fmt::Debug + 'static,
{
    let whereabouts = aws.whereabouts();
    let chain = chain_text(e);
    let kind = match e {
        SdkError::ServiceError(service) => {
            let code = service.err().code().unwrap_or("an unknown error");
            match code {
                "ResourceNotFoundException" | "NotFoundException" => return None,
                "AccessDeniedException"
                | "AccessDenied"
                | "UnrecognizedClientException"
                | "InvalidSignatureException"
                | "ExpiredTokenException" => ErrorKind::Denied {
                    reason: format!("{what}: {code} ({whereabouts})"),
                },
                "ThrottlingException" | "TooManyRequestsException" | "LimitExceededException" => {
                    ErrorKind::Unavailable {
                        reason: format!(
                            "{what}: throttled ({code}) after the SDK's retries ({whereabouts})"
                        ),
                    }
                }
                "IncorrectKeyException"
                | "InvalidCiphertextException"
                | "DecryptionFailure"
                | "DisabledException"
                | "KeyUnavailableException"
                | "InvalidKeyUsageException" => ErrorKind::Unavailable {
                    reason: format!("{what}: decryption failed ({code})"),
                },
                _ => ErrorKind::Unavailable {
                    reason: format!("{what} failed: {code} ({whereabouts})"),
                },
            }
        }
        _ if chain.contains("credential") => ErrorKind::Denied {
            reason: format!(
                "{what}: no AWS credentials (looked in the environment, profiles, web identity, container and instance roles)"
            ),
        },
        _ if chain.contains("region") && aws.config.region().is_none() => ErrorKind::Unavailable {
            reason: format!("{what}: no AWS region; set AWS_REGION"),
        },
        SdkError::TimeoutError(_) => ErrorKind::Unavailable {
            reason: format!("{what}: timed out ({whereabouts})"),
        },
        SdkError::DispatchFailure(_) => {
            let cause = io_cause(e).unwrap_or_else(|| "connection failed".to_owned());
            ErrorKind::Unavailable {
                reason: format!("{what}: endpoint unreachable: {cause} ({whereabouts})"),
            }
        }
        _ => ErrorKind::Unavailable {
            reason: format!("{what}: malformed response or request ({whereabouts})"),
        },
    };
    Some(kind)
}

/// The error chain as text, lower case, only to classify it (never shown).
fn chain_text(e: &(dyn StdError + 'static)) -> String {
    let mut text = String::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = current {
        text.push_str(&err.to_string().to_lowercase());
        text.push('\n');
        current = err.source();
    }
    text
}

/// The operating system's error, if one is in the chain (`Connection refused (os error 111)`).
fn io_cause(e: &(dyn StdError + 'static)) -> Option<String> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.to_string());
        }
        current = err.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keys_are_selected_and_missing_ones_listed() {
        let raw = br#"{"username":"app","password":"hunter22"}"#;
        assert_eq!(json_key(raw, "password").unwrap().as_slice(), b"hunter22");
        let err = json_key(raw, "pass").unwrap_err();
        assert_eq!(
            err,
            ErrorKind::FieldMissing {
                field: Some("pass".into()),
                available: vec!["password".into(), "username".into()]
            }
        );
        assert!(!err.to_string().contains("hunter22"));
        assert!(json_key(b"plain text", "k").is_err());
    }
}
