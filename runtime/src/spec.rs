//! What a macro invocation says about one secret: its sources, in order, and its options.

use crate::encoding::Encoding;
use crate::error::Site;
use crate::jwt::Algorithm;
#[cfg(feature = "aws")]
pub use secretguard_scan::reference::AwsSecretRef;
#[cfg(feature = "vault")]
pub use secretguard_scan::reference::VaultRef;

/// Everything a macro invocation says about one secret; built by the macros.
#[doc(hidden)]
#[derive(Debug)]
pub struct Spec<'a> {
    /// The name in messages: the declared item, else the first source.
    pub label: &'static str,
    /// The fallback chain, in order.
    pub sources: &'a [Source],
    /// How the stored value is encoded.
    pub encoding: Encoding,
    /// The `min_len = N` option.
    pub min_len: Option<usize>,
    /// The `alg = "…"` option.
    pub alg: Option<Algorithm>,
    /// Whether the application is a debug build, which reads `.env` (a release
    /// build does with `--cfg secretguard_dotenv`).
    pub dotenv: bool,
    /// Where the macro was written.
    pub site: Site,
}

impl<'a> Spec<'a> {
    /// `secret!("NAME")`: the variable `name`, which `sources` holds alone,
    /// with default options. The macros' shortest form, for the most common
    /// invocation.
    pub const fn env(
        name: &'static str,
        sources: &'a [Source],
        dotenv: bool,
        file: &'static str,
        line: u32,
        column: u32,
    ) -> Spec<'a> {
        Spec {
            label: name,
            sources,
            encoding: Encoding::Utf8,
            min_len: None,
            alg: None,
            dotenv,
            site: Site { file, line, column },
        }
    }
}

/// One source of a `secret!` fallback chain, as the macros write it: every
/// reference already parsed and checked at compile time.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// `env = "NAME"`: the variable, then `NAME_FILE`, then the systemd credential
    /// `$CREDENTIALS_DIRECTORY/NAME`, then `.env` where allowed.
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

/// A `JwtKeySet`'s `previous` option, as the macros wrote it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct PreviousSpec {
    /// The name in messages about the previous key.
    pub label: &'static str,
    /// Where it is read.
    pub from: Previous,
}

/// Where a key set's previous key is read.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Previous {
    /// `previous = "…"`: this source, whichever source held the current key.
    Named(Source),
    /// Bare `previous`: for each source of the chain, in order, where that
    /// store keeps the version before; the one that held the current key is read.
    Stored(&'static [Stored]),
}

/// Where one store keeps the version before the current one.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum Stored {
    /// A source of its own: `NAME_PREVIOUS`, the `AWSPREVIOUS` stage, a
    /// pinned `?version=N` minus one.
    Source(Source),
    /// Vault KV v2: the version before the one that was read.
    #[cfg(feature = "vault")]
    VaultVersionBefore(VaultRef<'static>),
    /// There is none (a pinned `?version=1`).
    Nothing,
}
