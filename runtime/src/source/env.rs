//! `env = "NAME"`: the variable, else the file `NAME_FILE` names, else the systemd credential `NAME`, else `.env` in development.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

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
///
/// The order: the variable `NAME`, the file `NAME_FILE` names, the systemd
/// credential `$CREDENTIALS_DIRECTORY/NAME`, then (where allowed) `NAME` and
/// `NAME_FILE` in `.env`. `NAME` and `NAME_FILE` both set
/// in one place is refused, as the Docker images' `file_env` refuses it: which
/// one was meant cannot be known.
pub(crate) fn read(
    name: &'static str,
    dotenv_allowed: bool,
    holding: Holding,
    trace: &mut Trace,
) -> Step {
    let file_var = format!("{name}_FILE");
    match (std::env::var_os(name), std::env::var_os(&file_var)) {
        (Some(value), Some(path)) => return both_set(name, file_var, value, &path, trace),
        (Some(value), None) => {
            return follow(name, os_value(name, value, trace), holding, trace);
        }
        (None, Some(path)) => {
            trace.record(name, Outcome::Unset);
            return read_name_file(file_var, path, trace);
        }
        (None, None) => {
            trace.record(name, Outcome::Unset);
            trace.record(file_var, Outcome::Unset);
        }
    }
    match read_credential(name, trace) {
        Step::Missing => {}
        found_or_failed => return found_or_failed,
    }
    if dotenv::allowed(dotenv_allowed) {
        dotenv::lookup(name, holding, trace)
    } else {
        trace.record(".env", Outcome::Skipped(dotenv::NOT_IN_RELEASE));
        Step::Missing
    }
}

/// `NAME_FILE` set in the environment: a missing or unreadable file is a broken deployment.
fn read_name_file(file_var: String, path: OsString, trace: &mut Trace) -> Step {
    if path.is_empty() {
        trace.record(file_var, Outcome::Empty);
        return Step::failed(ErrorKind::Empty);
    }
    let path = PathBuf::from(path);
    let place = format!("{file_var}={}", path.display());
    file::read_into_trace(place, &path, false, trace)
}

/// Where systemd puts a service's credentials (`LoadCredential=`, `SetCredential=`).
const CREDENTIALS_DIRECTORY: &str = "CREDENTIALS_DIRECTORY";

/// The credentials directory, when this process runs as a systemd service that has one.
fn credentials_directory() -> Option<OsString> {
    std::env::var_os(CREDENTIALS_DIRECTORY).filter(|dir| !dir.is_empty())
}

/// `$CREDENTIALS_DIRECTORY/NAME`, read like a secret file: a missing one lets
/// the chain go on, an unreadable one stops it. Without a credentials
/// directory nothing is looked at, and nothing is listed: outside systemd the
/// line would only lengthen every report.
fn read_credential(name: &'static str, trace: &mut Trace) -> Step {
    let Some(dir) = credentials_directory() else {
        return Step::Missing;
    };
    // `name` is a checked variable name (no `/`, no `..`), so it stays inside `dir`
    let path = Path::new(&dir).join(name);
    let place = format!("${CREDENTIALS_DIRECTORY}/{name}");
    file::read_into_trace(place, &path, true, trace)
}

/// `NAME` and `NAME_FILE` both set: refused, the value wiped unread.
fn both_set(
    name: &'static str,
    file_var: String,
    value: OsString,
    path: &OsStr,
    trace: &mut Trace,
) -> Step {
    trace.record(name, Outcome::Value { len: value.len() });
    drop(Zeroizing::new(os_bytes(value)));
    let place = format!("{file_var}={}", Path::new(path).display());
    trace.record(place, Outcome::Skipped("both are set"));
    let reason = format!("both {name} and {file_var} are set (but are exclusive)");
    Step::failed(ErrorKind::Invalid { reason })
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
    #[cfg(not(unix))]
    if value.to_str().is_none() {
        trace.record(place, Outcome::Unreadable("not valid Unicode".to_owned()));
        return Step::failed(ErrorKind::NotUtf8);
    }
    trace.value(place, Zeroizing::new(os_bytes(value)))
}

/// The variable's bytes, moved out of the `OsString` (on Windows, its UTF-8).
fn os_bytes(value: OsString) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        value.into_vec()
    }
    #[cfg(not(unix))]
    {
        value
            .into_string()
            .map(String::into_bytes)
            .unwrap_or_default()
    }
}

/// How to fix a failure of the variable `name`, its `NAME_FILE` or `.env`.
pub(super) fn help(name: &str, kind: &ErrorKind, shape: &KeyShape, dotenv: bool) -> String {
    match kind {
        ErrorKind::Unreadable { .. } => file::help(kind),
        // the only `Invalid` an env lookup itself raises: `NAME` and `NAME_FILE` both set
        ErrorKind::Invalid { .. } => format!(
            "keep one of them: {name} holds the secret itself, {name}_FILE names a file holding it"
        ),
        _ => set_help(name, shape, dotenv),
    }
}

/// How to set `name`: an `export` line, `NAME_FILE`, a systemd credential
/// when running as a service that has some, or `.env` where it is read.
pub(crate) fn set_help(name: &str, shape: &KeyShape, dotenv: bool) -> String {
    let credential = match credentials_directory() {
        Some(_) => format!(", or give the service a {name} credential (`LoadCredential={name}:…`)"),
        None => String::new(),
    };
    let dotenv = if dotenv::allowed(dotenv) {
        ", or add it to .env"
    } else {
        ""
    };
    format!(
        "set it, e.g. {}, or point {name}_FILE at a file holding it{credential}{dotenv}",
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
