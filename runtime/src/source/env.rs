//! `env = "NAME"`: the variable, else the file `NAME_FILE` names, else `.env` in development.

use std::ffi::OsString;
use std::path::PathBuf;

use zeroize::Zeroizing;

use super::reference::{self, Holding};
use super::trace::{Origin, Step, Trace};
use super::{dotenv, file};
use crate::encoding::Encoding;
use crate::error::{ErrorKind, Outcome};

/// What a suggested key must look like: how it is stored and how long it must be.
pub(crate) struct KeyShape {
    pub(crate) encoding: Encoding,
    /// The longest of the `min_len` option and the type's own minimum.
    pub(crate) min_len: Option<usize>,
}

/// Looks `name` up; its failures are the variable's.
pub(crate) fn lookup(name: &'static str, dotenv_allowed: bool, trace: &mut Trace) -> Step {
    read(name, dotenv_allowed, Holding::Secret, trace).attributed_to(Origin::Env(name))
}

/// Looks `name` up, leaving failures for the caller to attribute (KMS reads
/// its ciphertext variable this way).
pub(crate) fn read(
    name: &'static str,
    dotenv_allowed: bool,
    holding: Holding,
    trace: &mut Trace,
) -> Step {
    match std::env::var_os(name) {
        Some(value) => return follow(name, os_value(name, value, trace), holding, trace),
        None => trace.record(name, Outcome::Unset),
    }

    let file_var = format!("{name}_FILE");
    match std::env::var_os(&file_var) {
        Some(path) if path.is_empty() => {
            trace.record(file_var, Outcome::Empty);
            return Step::failed(ErrorKind::Empty);
        }
        Some(path) => {
            let path = PathBuf::from(path);
            let place = format!("{file_var}={}", path.display());
            return file::read_into_trace(place, &path, false, trace);
        }
        None => trace.record(file_var, Outcome::Unset),
    }

    if dotenv_allowed {
        follow(name, dotenv::lookup(name, trace), holding, trace)
    } else {
        trace.record(".env", Outcome::Skipped("release build"));
        Step::Missing
    }
}

/// A value found for `name` may be a reference to where the secret really is.
fn follow(name: &'static str, step: Step, holding: Holding, trace: &mut Trace) -> Step {
    match step {
        Step::Found(value) => reference::follow(name, value, holding, trace),
        other => other,
    }
}

/// Takes the variable's bytes without a copy, into a buffer zeroized on drop.
fn os_value(place: &'static str, value: OsString, trace: &mut Trace) -> Step {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        trace.value(place, Zeroizing::new(value.into_vec()))
    }
    #[cfg(not(unix))]
    {
        match value.into_string() {
            Ok(text) => trace.value(place, Zeroizing::new(text.into_bytes())),
            Err(_) => {
                trace.record(place, Outcome::Unreadable("not valid Unicode".to_owned()));
                Step::failed(ErrorKind::NotUtf8)
            }
        }
    }
}

/// How to fix a failure of the variable `name`, its `NAME_FILE` or `.env`.
pub(super) fn help(name: &str, kind: &ErrorKind, shape: &KeyShape, dotenv: bool) -> String {
    match kind {
        ErrorKind::Unreadable { .. } => file::help(kind),
        _ => set_help(name, shape, dotenv),
    }
}

/// How to set `name`: an `export` line, `NAME_FILE`, or `.env` where it is read.
pub(crate) fn set_help(name: &str, shape: &KeyShape, dotenv: bool) -> String {
    let dotenv = if dotenv { ", or add it to .env" } else { "" };
    format!(
        "set it, e.g. {}, or point {name}_FILE at a file holding it{dotenv}",
        export_example(name, shape)
    )
}

/// `` `export NAME=$(openssl rand -base64 32)` ``, or `` `export NAME=…` `` when no length is known.
pub(crate) fn export_example(name: &str, shape: &KeyShape) -> String {
    match shape.min_len {
        Some(len) => format!(
            "`export {name}=$({})`",
            shape.encoding.generate_command(len)
        ),
        None => format!("`export {name}=…`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_suggests_a_key_of_the_right_shape() {
        let shape = KeyShape {
            encoding: Encoding::Base64,
            min_len: Some(32),
        };
        assert_eq!(
            help("JWT_SECRET", &ErrorKind::Empty, &shape, true),
            "set it, e.g. `export JWT_SECRET=$(openssl rand -base64 32)`, or point JWT_SECRET_FILE at a file holding it, or add it to .env"
        );
        let unreadable = ErrorKind::Unreadable {
            reason: "permission denied".into(),
        };
        assert_eq!(
            help("JWT_SECRET", &unreadable, &shape, false),
            "check that the file exists and that this process may read it"
        );
    }
}
