//! The loader behind the macros: resolve the sources, decode, check, convert.

use core::fmt;
use core::ops::Deref;
use std::sync::LazyLock;

use crate::encoding::Encoding;
use crate::error::{Error, ErrorKind, Site};
use crate::from_secret::{FromSecret, LengthRule, RejectionKind, SecretOptions};
use crate::jwt::Algorithm;
use crate::secret_types::boxed_bytes;
use crate::source::{self, Source, Step, Trace};

/// Everything a macro invocation says about one secret; built by the macros.
#[doc(hidden)]
#[derive(Debug)]
pub struct Spec {
    /// The name in messages: the declared item, else the first source.
    pub label: &'static str,
    /// The fallback chain, in order.
    pub sources: &'static [Source],
    pub encoding: Encoding,
    pub min_len: Option<usize>,
    pub alg: Option<Algorithm>,
    /// Whether `.env` may be read: the user crate's debug build, or the `dotenv` feature.
    pub dotenv: bool,
    pub site: Site,
}

/// Loads the secret or panics with the full [`Error`] report.
#[doc(hidden)]
#[track_caller]
pub fn load<T: FromSecret>(spec: &'static Spec) -> T {
    match try_load(spec) {
        Ok(value) => value,
        Err(e) => panic!("{e}"),
    }
}

/// Loads the secret, `None` when no source has it, panics when one has it unusable.
#[doc(hidden)]
#[track_caller]
pub fn load_optional<T: FromSecret>(spec: &'static Spec) -> Option<T> {
    match try_load_optional(spec) {
        Ok(value) => value,
        Err(e) => panic!("{e}"),
    }
}

/// Loads the secret; not set anywhere is [`ErrorKind::NotSet`].
#[doc(hidden)]
pub fn try_load<T: FromSecret>(spec: &'static Spec) -> Result<T, Error> {
    let mut trace = Trace::default();
    match load_traced(spec, &mut trace)? {
        Some(value) => Ok(value),
        None => Err(report::<T>(spec, ErrorKind::NotSet, trace)),
    }
}

/// Loads the secret; not set anywhere is `Ok(None)`.
#[doc(hidden)]
pub fn try_load_optional<T: FromSecret>(spec: &'static Spec) -> Result<Option<T>, Error> {
    load_traced(spec, &mut Trace::default())
}

fn load_traced<T: FromSecret>(spec: &'static Spec, trace: &mut Trace) -> Result<Option<T>, Error> {
    let raw = match source::resolve(spec.sources, spec.dotenv, trace) {
        Step::Found(raw) => raw,
        Step::Missing => return Ok(None),
        Step::Failed(kind) => return Err(report::<T>(spec, kind, core::mem::take(trace))),
    };
    let fail = |kind, trace: &mut Trace| report::<T>(spec, kind, core::mem::take(trace));

    let bytes = spec.encoding.decode(raw).map_err(|e| {
        let kind = ErrorKind::BadEncoding {
            encoding: spec.encoding,
            reason: e.0,
        };
        fail(kind, trace)
    })?;
    let options = SecretOptions { spec };
    let len = bytes.len();
    let floors = [
        spec.min_len.map(|min| (min, LengthRule::MinLen)),
        T::min_len(&options),
    ];
    if let Some((min, rule)) = floors.into_iter().flatten().find(|&(min, _)| len < min) {
        return Err(fail(ErrorKind::TooShort { len, min, rule }, trace));
    }
    T::from_secret(boxed_bytes(bytes), &options)
        .map(Some)
        .map_err(|rejection| {
            let kind = match rejection.0 {
                RejectionKind::NotUtf8 => ErrorKind::NotUtf8,
                RejectionKind::TooShort { len, min, rule } => {
                    ErrorKind::TooShort { len, min, rule }
                }
                RejectionKind::Invalid(reason) => ErrorKind::Invalid { reason },
            };
            fail(kind, trace)
        })
}

fn report<T: FromSecret>(spec: &Spec, kind: ErrorKind, trace: Trace) -> Error {
    let help = help::<T>(spec, &kind);
    Error::new(spec, kind, trace.lookups, help)
}

/// One line on how to fix `kind`, with a key-generating command when a length is known.
fn help<T: FromSecret>(spec: &Spec, kind: &ErrorKind) -> String {
    let options = SecretOptions { spec };
    let floor = [spec.min_len, T::min_len(&options).map(|(min, _)| min)]
        .into_iter()
        .flatten()
        .max();
    let env_name = spec.sources.iter().find_map(|s| match s {
        Source::Env(name) => Some(*name),
        _ => None,
    });
    let example = match (env_name, floor) {
        (Some(name), Some(len)) => {
            format!("`export {name}=$({})`", spec.encoding.generate_command(len))
        }
        (Some(name), None) => format!("`export {name}=…`"),
        (None, _) => String::new(),
    };
    match kind {
        ErrorKind::NotSet | ErrorKind::Empty => match (env_name, spec.sources.first()) {
            (Some(name), _) => {
                let dotenv = if spec.dotenv { ", or add it to .env" } else { "" };
                format!("set it, e.g. {example}, or point {name}_FILE at a file holding it{dotenv}")
            }
            (None, Some(source)) => not_set_help(source),
            (None, None) => "name a source".to_owned(),
        },
        ErrorKind::TooShort { .. } if !example.is_empty() => {
            format!("use a longer, random key, e.g. {example}")
        }
        ErrorKind::TooShort { .. } => "use a longer, random key".to_owned(),
        ErrorKind::BadEncoding { encoding, .. } => {
            let len = floor.unwrap_or(32);
            format!(
                "store it as {}, e.g. `{}`, or change `encoding`",
                encoding.name(),
                encoding.generate_command(len)
            )
        }
        ErrorKind::NotUtf8 => {
            "this type holds text: load raw key bytes as `SecretBytes` or `JwtSecret`, or store them with `encoding = \"base64\"`".to_owned()
        }
        ErrorKind::Unreadable { .. } => {
            "check that the file exists and that this process may read it".to_owned()
        }
        ErrorKind::Invalid { .. } => "check the value stored there".to_owned(),
        ErrorKind::Denied { .. } => {
            "check the credentials (VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID) and that their policy allows reading this path".to_owned()
        }
        ErrorKind::Unavailable { .. } => {
            "check that the store is running and reachable (VAULT_ADDR, VAULT_CACERT), then retry".to_owned()
        }
        ErrorKind::FieldMissing { .. } => "name one of the fields after `#`, e.g. `path#field`".to_owned(),
        ErrorKind::InvalidReference { scheme, .. } => match *scheme {
            "awssm://" => "write it as `awssm://secret-id[?stage=STAGE][#json_key]`".to_owned(),
            _ => "write it as `vault://mount/path#field`".to_owned(),
        },
    }
}

/// How to create a secret that lives somewhere other than an environment variable.
fn not_set_help(source: &Source) -> String {
    match source {
        Source::Env(name) => format!("set {name}"),
        Source::File(_) => "create the file, holding only the secret".to_owned(),
        #[cfg(feature = "vault")]
        Source::Vault(vault_ref) => format!(
            "write it to Vault, e.g. `vault kv put` at the path of {}",
            vault_ref.path
        ),
        #[cfg(feature = "aws")]
        Source::Aws(secret_ref) => format!(
            "create it, e.g. `aws secretsmanager create-secret --name {}`",
            secret_ref.id
        ),
        #[cfg(feature = "aws")]
        Source::Kms(kms) => format!(
            "set {} to base64 ciphertext, e.g. from `aws kms encrypt --key-id <key> --plaintext fileb://key.bin --query CiphertextBlob --output text`",
            kms.variable
        ),
    }
}

/// A secret loaded on first access, once per process: what `#[jwt_secret]` turns a
/// `static NAME: T;` into.
///
/// Dereferences to `T`. Concurrent first accesses load once; later accesses are a
/// plain read. A load that fails panics with the [`Error`] report, on that and
/// every later access.
///
/// Call [`LazySecret::force`] at start-up to fail there rather than at the
/// first request; see `#[jwt_secret]` for an example.
pub struct LazySecret<T: 'static> {
    cell: LazyLock<T, fn() -> T>,
}

impl<T> LazySecret<T> {
    #[doc(hidden)]
    pub const fn new(load: fn() -> T) -> Self {
        LazySecret {
            cell: LazyLock::new(load),
        }
    }

    /// Loads the secret now if it is not loaded yet, and returns it.
    #[inline]
    pub fn force(this: &Self) -> &T {
        LazyLock::force(&this.cell)
    }
}

impl<T> Deref for LazySecret<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        &self.cell
    }
}

impl<T: fmt::Debug> fmt::Debug for LazySecret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazySecret").field(&self.cell).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SecretString;

    const SITE: Site = Site {
        file: "src/main.rs",
        line: 3,
        column: 8,
    };

    #[test]
    fn release_builds_do_not_read_dotenv_and_say_so() {
        static SPEC: Spec = Spec {
            label: "SG_UNIT_NEVER_SET",
            sources: &[Source::Env("SG_UNIT_NEVER_SET")],
            encoding: Encoding::Utf8,
            min_len: None,
            alg: None,
            dotenv: false,
            site: SITE,
        };
        let err = try_load::<SecretString>(&SPEC).unwrap_err();
        let shown: Vec<String> = err.lookups().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "SG_UNIT_NEVER_SET: unset",
                "SG_UNIT_NEVER_SET_FILE: unset",
                ".env: not read (release build)"
            ]
        );
        assert_eq!(
            err.help(),
            "set it, e.g. `export SG_UNIT_NEVER_SET=…`, or point SG_UNIT_NEVER_SET_FILE at a file holding it"
        );
    }

    #[test]
    fn optional_unset_is_none_not_an_error() {
        static SPEC: Spec = Spec {
            label: "SG_UNIT_NEVER_SET",
            sources: &[
                Source::Env("SG_UNIT_NEVER_SET"),
                Source::File("/nonexistent/sg"),
            ],
            encoding: Encoding::Hex,
            min_len: Some(16),
            alg: None,
            dotenv: false,
            site: SITE,
        };
        assert!(try_load_optional::<SecretString>(&SPEC).unwrap().is_none());
    }

    #[test]
    fn the_report_reads_top_to_bottom() {
        static SPEC: Spec = Spec {
            label: "JWT_SECRET",
            sources: &[Source::File("/nonexistent/jwt")],
            encoding: Encoding::Base64,
            min_len: None,
            alg: Some(Algorithm::HS512),
            dotenv: true,
            site: SITE,
        };
        let err = try_load::<crate::JwtSecret>(&SPEC).unwrap_err();
        assert_eq!(
            err.to_string(),
            "secret JWT_SECRET is not set\n  looked at:\n    /nonexistent/jwt: not found\n  \
             declared at src/main.rs:3:8\n  help: create the file, holding only the secret"
        );
    }
}
