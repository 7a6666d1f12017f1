//! `env = "NAME"`: the variable, else the file `NAME_FILE` names, else `.env` in development.

use std::ffi::OsString;
use std::path::PathBuf;

use zeroize::Zeroizing;

use super::{Step, Trace, dotenv, file};
use crate::error::{ErrorKind, Outcome};

pub(crate) fn lookup(name: &'static str, dotenv_allowed: bool, trace: &mut Trace) -> Step {
    match std::env::var_os(name) {
        Some(value) => return follow(name, os_value(name, value, trace), trace),
        None => trace.record(name, Outcome::Unset),
    }

    let file_var = format!("{name}_FILE");
    match std::env::var_os(&file_var) {
        Some(path) if path.is_empty() => {
            trace.record(file_var, Outcome::Empty);
            return Step::Failed(ErrorKind::Empty);
        }
        Some(path) => {
            let path = PathBuf::from(path);
            let place = format!("{file_var}={}", path.display());
            return file::read_into_trace(place, &path, false, trace);
        }
        None => trace.record(file_var, Outcome::Unset),
    }

    if dotenv_allowed {
        follow(name, dotenv::lookup(name, trace), trace)
    } else {
        trace.record(".env", Outcome::Skipped("release build"));
        Step::Missing
    }
}

/// A value found for `name` may be a reference to where the secret really is.
fn follow(name: &str, step: Step, trace: &mut Trace) -> Step {
    match step {
        Step::Found(value) => super::follow_reference(name, value, trace),
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
                Step::Failed(ErrorKind::NotUtf8)
            }
        }
    }
}
