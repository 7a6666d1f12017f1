//! Development `.env` files, found the way dotenvy finds them, never overriding the environment.

use std::path::{Path, PathBuf};

use zeroize::{Zeroize, Zeroizing};

use super::trace::{Step, Trace};
use crate::error::{ErrorKind, Outcome};

/// Looks `name` up in the nearest `.env`, reading it without touching the
/// process environment (the real environment always wins: it was consulted first).
pub(super) fn lookup(name: &'static str, trace: &mut Trace) -> Step {
    let Some(path) = find() else {
        trace.record(".env", Outcome::NotFound);
        return Step::Missing;
    };
    let place = path.display().to_string();
    let entries = match dotenvy::from_path_iter(&path) {
        Ok(entries) => entries,
        Err(e) => return unreadable(place, &e, trace),
    };
    for entry in entries {
        match entry {
            Ok((key, value)) if key == name => {
                return trace.value(place, Zeroizing::new(value.into_bytes()));
            }
            Ok((_, mut other)) => other.zeroize(),
            Err(e) => return unreadable(place, &e, trace),
        }
    }
    trace.record(place, Outcome::NoEntry(name));
    Step::Missing
}

fn unreadable(place: String, e: &dotenvy::Error, trace: &mut Trace) -> Step {
    // dotenvy's parse error quotes the offending line, which may hold a secret
    let reason = match e {
        dotenvy::Error::LineParse(_, index) => {
            format!(
                "malformed near character {index} (the line is not shown: it may hold a secret)"
            )
        }
        dotenvy::Error::Io(io) => io.to_string(),
        dotenvy::Error::EnvVar(var) => var.to_string(),
        _ => "malformed".to_owned(),
    };
    trace.record(place, Outcome::Unreadable(reason.clone()));
    Step::failed(ErrorKind::Unreadable { reason })
}

/// The first `.env` in the current directory or one of its parents.
fn find() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    find_from(&cwd)
}

fn find_from(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(".env"))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_env_file_upward() {
        let root = tempfile::tempdir().unwrap();
        let nested = root.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.path().join(".env"), "X=1\n").unwrap();
        assert_eq!(find_from(&nested), Some(root.path().join(".env")));
        std::fs::write(root.path().join("a/.env"), "X=2\n").unwrap();
        assert_eq!(find_from(&nested), Some(root.path().join("a/.env")));
    }
}
