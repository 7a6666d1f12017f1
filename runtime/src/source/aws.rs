//! AWS: Secrets Manager (`aws = "secret-id[?stage=STAGE][#json_key]"`) and KMS
//! envelope decryption (`kms = "VAR[?key_id=…&context_key=value…]"`), through
//! the official SDK so the standard credential chain, region and endpoint
//! settings apply (`AWS_REGION`, `AWS_ENDPOINT_URL`, profiles, roles).

mod client;

use base64::Engine as _;
use secretguard_scan::reference::AwsSecretRef;
use zeroize::Zeroizing;

use super::remote::{self, FieldError, failed};
use super::trace::{Origin, Step, Trace};
use crate::error::{ErrorKind, Outcome};
use crate::spec::KmsSource;
use client::{aws, classify};

/// Reads a Secrets Manager secret, a JSON key of it when `#key` is given.
pub(crate) fn secrets_manager(r: &AwsSecretRef<'_>, trace: &mut Trace) -> Step {
    get_secret_value(r, trace).attributed_to(Origin::SecretsManager)
}

/// `awssm://secret-id[?stage=STAGE][#json_key]` held in the variable `place`,
/// parsed by the same parser as the macros' `aws = "…"`.
pub(super) fn follow_secrets_manager_reference(
    _: &'static str,
    rest: &str,
    trace: &mut Trace,
) -> Step {
    let step = match AwsSecretRef::parse(rest) {
        Ok(secret_ref) => get_secret_value(&secret_ref, trace),
        Err(e) => remote::invalid_reference("awssm://", e),
    };
    step.attributed_to(Origin::SecretsManager)
}

fn get_secret_value(r: &AwsSecretRef<'_>, trace: &mut Trace) -> Step {
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

/// `kms = "VAR…"`: `found` is what the variable (or `VAR_FILE`, or `.env`)
/// held, base64 KMS ciphertext, a reference in it already resolved to that
/// ciphertext (`Holding::Ciphertext`), so it is decrypted here, once, with
/// this source's key and context; the plaintext goes straight into a zeroizing buffer.
pub(crate) fn kms(source: &KmsSource, found: Step, trace: &mut Trace) -> Step {
    let variable = source.variable;
    let step = match found {
        Step::Found(ciphertext) => {
            decrypt(&ciphertext, source.key_id, source.context, variable, trace)
        }
        other => other,
    };
    step.attributed_to(Origin::Kms(variable))
}

/// An `awskms://<base64>` reference held in the variable `place`.
pub(super) fn follow_kms_reference(place: &'static str, rest: &str, trace: &mut Trace) -> Step {
    decrypt(rest.as_bytes(), None, &[], place, trace).attributed_to(Origin::Kms(place))
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
        return Step::failed(ErrorKind::BadEncoding {
            encoding: crate::encoding::Encoding::Base64,
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

/// Picks `key` out of a JSON object secret; the error lists the keys, never values.
fn json_key(raw: &[u8], key: &str) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    let not_an_object = || ErrorKind::Unavailable {
        reason: format!("the secret is not a JSON object, so `#{key}` cannot select from it"),
    };
    remote::read_json(raw, |json| {
        let fields = json.as_object().ok_or_else(not_an_object)?;
        remote::pick_field(fields, Some(key)).map_err(|e| match e {
            FieldError::Missing(kind) => kind,
            FieldError::NotText => ErrorKind::Unavailable {
                reason: format!("the value of `{key}` is not a string"),
            },
        })
    })
    .unwrap_or_else(|| Err(not_an_object()))
}

/// The credential chain, as the SDK reads it.
const CREDENTIALS: &str =
    "AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the role this process runs as";

/// How to fix a failed Secrets Manager read.
pub(super) fn secrets_manager_help(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Denied { .. } => format!(
            "check the AWS credentials ({CREDENTIALS}) and that they allow `secretsmanager:GetSecretValue` on this secret"
        ),
        ErrorKind::FieldMissing { .. } => {
            "name one of the keys after `#`, e.g. `secret-id#json_key`".to_owned()
        }
        ErrorKind::InvalidReference { .. } => {
            "write it as `awssm://secret-id[?stage=STAGE][#json_key]`, e.g. `awssm://prod/app/db#password`".to_owned()
        }
        ErrorKind::Empty => {
            "store a value in it, e.g. with `aws secretsmanager put-secret-value`".to_owned()
        }
        _ => "check the region (AWS_REGION) and that the endpoint is reachable (AWS_ENDPOINT_URL), then retry".to_owned(),
    }
}

/// How to create a secret that is not in Secrets Manager yet.
pub(super) fn create_help(secret_ref: &AwsSecretRef<'_>) -> String {
    format!(
        "create it, e.g. `aws secretsmanager create-secret --name {}`",
        secret_ref.id
    )
}

/// How to fix KMS ciphertext in `variable` that is missing, malformed or refused.
pub(super) fn kms_help(variable: &str, kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Denied { .. } => format!(
            "check the AWS credentials ({CREDENTIALS}) and that they allow `kms:Decrypt` with the key that encrypted {variable}"
        ),
        ErrorKind::Unavailable { .. } => format!(
            "check that {variable} was encrypted under this key and encryption context, and that KMS is reachable (AWS_REGION, AWS_ENDPOINT_URL)"
        ),
        ErrorKind::Unreadable { .. } => {
            "check that the file exists and that this process may read it".to_owned()
        }
        _ => format!(
            "set {variable} to base64 ciphertext, e.g. from `aws kms encrypt --key-id <key> --plaintext fileb://key.bin --query CiphertextBlob --output text`"
        ),
    }
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
