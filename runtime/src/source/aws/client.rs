//! The AWS SDK behind blocking calls: one private runtime, one configuration,
//! and its errors classified in our words (AWS's own messages are not quoted).
//!
//! The SDK is async; loaders are not. It runs on a private runtime, driven
//! from a scoped thread, so a loader called inside someone's tokio runtime
//! neither panics nor blocks that runtime's own machinery.

use std::error::Error as StdError;
use std::sync::OnceLock;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};

use crate::error::ErrorKind;

/// The SDK clients and the private runtime that drives them.
pub(super) struct Aws {
    runtime: tokio::runtime::Runtime,
    config: SdkConfig,
    pub(super) secrets: aws_sdk_secretsmanager::Client,
    pub(super) kms: aws_sdk_kms::Client,
}

impl Aws {
    /// Runs `future` to completion on the private runtime, from a thread of its own.
    pub(super) fn run<F: Future + Send>(&self, future: F) -> F::Output
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
    pub(super) fn whereabouts(&self) -> String {
        let region = self
            .config
            .region()
            .map_or("no region".to_owned(), |r| format!("region {r}"));
        let endpoint = self.config.endpoint_url().unwrap_or("the default endpoint");
        format!("{region}, {endpoint}")
    }
}

/// The process-wide SDK, configured on first use.
pub(super) fn aws() -> Result<&'static Aws, String> {
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

/// What went wrong, in our words; `None` for "not found" (a chain may go on).
pub(super) fn classify<E, R>(e: &SdkError<E, R>, what: &str, aws: &Aws) -> Option<ErrorKind>
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
