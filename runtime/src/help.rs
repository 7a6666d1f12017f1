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
        // nothing set anywhere: the first variable in the chain is the easiest place
        _ => match env_name.map(Source::Env).as_ref().or(spec.sources.first()) {
            Some(source) => source::not_set_help(source, &shape, spec.dotenv),
            None => "name a source".to_owned(),
        },
    }
}
