//! The help line of a report: the value's own problems are fixed here, a
//! source's by the source that failed.

use crate::error::ErrorKind;
use crate::from_secret::{FromSecret, SecretOptions};
use crate::source::{self, Failure, KeyShape};
use crate::spec::{Source, Spec};

/// One line on how to fix `failure`, with a key-generating command when a length is known.
pub(crate) fn line<T: FromSecret>(spec: &Spec, failure: &Failure) -> String {
    let options = SecretOptions { spec };
    let shape = KeyShape {
        encoding: spec.encoding,
        min_len: [spec.min_len, T::min_len(&options).map(|(min, _)| min)]
            .into_iter()
            .flatten()
            .max(),
    };
    if let Some(origin) = failure.origin {
        return source::help(origin, &failure.kind, &shape, spec.dotenv);
    }
    let env_name = spec.sources.iter().find_map(|s| match s {
        Source::Env(name) => Some(*name),
        _ => None,
    });
    match &failure.kind {
        ErrorKind::TooShort { .. } => match env_name {
            Some(name) => format!(
                "use a longer, random key, e.g. {}",
                source::export_example(name, &shape)
            ),
            None => "use a longer, random key".to_owned(),
        },
        ErrorKind::BadEncoding { encoding, .. } => format!(
            "store it as {}, e.g. `{}`, or change `encoding`",
            encoding.name(),
            encoding.generate_command(shape.min_len.unwrap_or(32))
        ),
        ErrorKind::NotUtf8 => "this type holds text: load raw key bytes as `SecretBytes` or `JwtSecret`, or store them with `encoding = \"base64\"`".to_owned(),
        ErrorKind::Invalid { .. } => "check the value stored there".to_owned(),
        ErrorKind::NoCryptoBackend => "choose jsonwebtoken's backend in Cargo.toml: `jsonwebtoken = { version = \"11\", default-features = false, features = [\"rust_crypto\"] }` (or `\"aws_lc_rs\"`), or install a `jsonwebtoken::crypto::CryptoProvider` before the first load".to_owned(),
        // nothing set anywhere: the first variable in the chain is the easiest place
        _ => match env_name.map(Source::Env).as_ref().or(spec.sources.first()) {
            Some(source) => source::not_set_help(source, &shape, spec.dotenv),
            None => "name a source".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::Encoding;
    use crate::error::{LengthRule, Site};
    use crate::jwt::{Algorithm, JwtSecret};
    use crate::source::Origin;

    static SPEC: Spec = Spec {
        label: "JWT_SECRET",
        sources: &[Source::File("/run/secrets/jwt"), Source::Env("JWT_SECRET")],
        encoding: Encoding::Hex,
        min_len: None,
        alg: Some(Algorithm::HS384),
        dotenv: false,
        site: Site {
            file: "src/main.rs",
            line: 1,
            column: 1,
        },
    };

    fn value_help(kind: ErrorKind) -> String {
        line::<JwtSecret>(&SPEC, &Failure::value(kind))
    }

    #[test]
    fn value_problems_suggest_a_key_of_the_types_length() {
        let too_short = ErrorKind::TooShort {
            len: 3,
            min: 48,
            rule: LengthRule::Rfc7518(Algorithm::HS384),
        };
        assert_eq!(
            value_help(too_short),
            "use a longer, random key, e.g. `export JWT_SECRET=$(openssl rand -hex 48)`"
        );
        let bad_hex = ErrorKind::BadEncoding {
            encoding: Encoding::Hex,
            reason: "odd length".into(),
        };
        assert_eq!(
            value_help(bad_hex),
            "store it as hex, e.g. `openssl rand -hex 48`, or change `encoding`"
        );
    }

    #[test]
    fn not_set_anywhere_is_fixed_in_the_first_variable_of_the_chain() {
        assert_eq!(
            value_help(ErrorKind::NotSet),
            "set it, e.g. `export JWT_SECRET=$(openssl rand -hex 48)`, or point JWT_SECRET_FILE at a file holding it"
        );
    }

    #[test]
    fn a_source_failure_is_fixed_by_that_source() {
        let failure = Failure {
            kind: ErrorKind::Empty,
            origin: Some(Origin::File),
        };
        assert_eq!(
            line::<JwtSecret>(&SPEC, &failure),
            "create the file, holding only the secret"
        );
    }
}
