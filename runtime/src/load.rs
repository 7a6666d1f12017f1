//! The load functions the macros call: resolve the sources, decode, check the length, convert.

use crate::error::{Error, ErrorKind, LengthRule};
use crate::from_secret::{FromSecret, RejectionKind, SecretOptions};
use crate::help;
use crate::jwt::JwtSecret;
use crate::keyset::{HasPrevious, JwtKeySet};
use crate::secret_types::boxed_bytes;
use crate::source::{self, Failure, Step, Trace};
use crate::spec::{Previous, PreviousSpec, Spec, Stored};
#[cfg(feature = "vault")]
use crate::spec::{Source, VaultRef};

/// Loads the secret or panics with the full [`Error`] report.
#[doc(hidden)]
#[track_caller]
pub fn load<T: FromSecret>(spec: &Spec<'_>) -> T {
    match try_load(spec) {
        Ok(value) => value,
        Err(e) => panic!("{e}"),
    }
}

/// Loads the secret, `None` when no source has it, panics when one has it unusable.
#[doc(hidden)]
#[track_caller]
pub fn load_optional<T: FromSecret>(spec: &Spec<'_>) -> Option<T> {
    match try_load_optional(spec) {
        Ok(value) => value,
        Err(e) => panic!("{e}"),
    }
}

/// Loads the secret; not set anywhere is [`ErrorKind::NotSet`].
#[doc(hidden)]
pub fn try_load<T: FromSecret>(spec: &Spec<'_>) -> Result<T, Error> {
    let mut trace = Trace::default();
    match load_traced(spec, &mut trace)? {
        Some(value) => Ok(value),
        None => Err(report::<T>(spec, Failure::value(ErrorKind::NotSet), trace)),
    }
}

/// Loads the secret; not set anywhere is `Ok(None)`.
#[doc(hidden)]
pub fn try_load_optional<T: FromSecret>(spec: &Spec<'_>) -> Result<Option<T>, Error> {
    load_traced(spec, &mut Trace::default())
}

/// The sources in order; with the `testing` feature, this thread's override first.
fn resolve(spec: &Spec<'_>, trace: &mut Trace) -> Step {
    #[cfg(feature = "testing")]
    if let Some(step) = crate::testing::resolve(spec, trace) {
        return step;
    }
    source::resolve(spec.sources, spec.dotenv, trace)
}

fn load_traced<T: FromSecret>(spec: &Spec<'_>, trace: &mut Trace) -> Result<Option<T>, Error> {
    let step = resolve(spec, trace);
    convert(spec, step, trace)
}

/// Loads a `JwtKeySet` with `previous`: the current key from the chain, then
/// the previous one from where `previous` says. A previous key that is not
/// set is no error (the set holds the current key alone); one that is set but
/// unusable is, reported under the previous key's own name.
#[doc(hidden)]
pub fn try_load_with_previous<T: HasPrevious>(
    spec: &Spec<'_>,
    previous: &PreviousSpec,
) -> Result<T, Error> {
    let mut trace = Trace::default();
    #[cfg(feature = "testing")]
    let overridden = crate::testing::resolve(spec, &mut trace);
    #[cfg(not(feature = "testing"))]
    let overridden = None;
    // an override answers for the chain as a whole: the previous key's place is the first source's
    let (step, answered) = match overridden {
        Some(step) => (step, Some(source::Answered::default())),
        None => source::resolve_located(spec.sources, spec.dotenv, &mut trace),
    };
    let Some(current) = convert::<JwtKeySet>(spec, step, &mut trace)? else {
        return match T::from_loaded(None) {
            Some(none) => Ok(none),
            None => Err(report::<JwtKeySet>(
                spec,
                Failure::value(ErrorKind::NotSet),
                trace,
            )),
        };
    };
    let source = match (previous.from, answered) {
        (Previous::Named(source), _) => Some(source),
        (Previous::Stored(stored), Some(answered)) => match stored.get(answered.index) {
            Some(Stored::Source(source)) => Some(*source),
            #[cfg(feature = "vault")]
            Some(Stored::VaultVersionBefore(vault_ref)) => answered
                .version
                .and_then(|v| u32::try_from(v).ok())
                .filter(|&v| v > 1)
                .map(|v| {
                    Source::Vault(VaultRef {
                        version: Some(v - 1),
                        ..*vault_ref
                    })
                }),
            Some(Stored::Nothing) | None => None,
        },
        (Previous::Stored(_), None) => None,
    };
    let previous_key = match source {
        Some(source) => {
            let previous_spec = Spec {
                label: previous.label,
                sources: core::slice::from_ref(&source),
                ..*spec
            };
            try_load_optional::<JwtSecret>(&previous_spec)?
        }
        None => None,
    };
    Ok(T::from_loaded(Some(current.with_previous(previous_key)))
        .expect("a loaded set is always a value"))
}

fn convert<T: FromSecret>(
    spec: &Spec<'_>,
    step: Step,
    trace: &mut Trace,
) -> Result<Option<T>, Error> {
    let raw = match step {
        Step::Found(raw) => raw,
        Step::Missing => return Ok(None),
        Step::Failed(failure) => return Err(report::<T>(spec, failure, core::mem::take(trace))),
    };
    let fail =
        |kind, trace: &mut Trace| report::<T>(spec, Failure::value(kind), core::mem::take(trace));

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
                #[cfg(feature = "jsonwebtoken")]
                RejectionKind::NoCryptoBackend => ErrorKind::NoCryptoBackend,
            };
            fail(kind, trace)
        })
}

fn report<T: FromSecret>(spec: &Spec, failure: Failure, trace: Trace) -> Error {
    let help = help::line::<T>(spec, &failure);
    Error::new(spec.label, spec.site, failure.kind, trace.lookups, help)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::SecretString;
    use crate::encoding::Encoding;
    use crate::error::Site;
    use crate::jwt::Algorithm;
    use crate::spec::Source;

    const SITE: Site = Site {
        file: "src/main.rs",
        line: 3,
        column: 8,
    };

    /// `secret!("SG_UNIT_NEVER_SET")` in a release build.
    static UNSET: Spec = Spec {
        label: "SG_UNIT_NEVER_SET",
        sources: &[Source::Env("SG_UNIT_NEVER_SET")],
        encoding: Encoding::Utf8,
        min_len: None,
        alg: None,
        dotenv: false,
        site: SITE,
    };

    #[test]
    fn release_builds_do_not_read_dotenv_and_say_so() {
        let err = try_load::<SecretString>(&UNSET).unwrap_err();
        let shown: Vec<String> = err.lookups().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "SG_UNIT_NEVER_SET: unset",
                "SG_UNIT_NEVER_SET_FILE: unset",
                ".env: not read (release build; the application opts in with `--cfg secretguard_dotenv`)"
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
