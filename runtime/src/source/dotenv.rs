//! Development `.env` files: found within the project, read literally, never changing the environment.

mod parse;

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use super::reference::Holding;
use super::trace::{Failure, Origin, Step, Trace};
use super::{file, reference};
use crate::error::{ErrorKind, Outcome};
use parse::{Entry, NotLiteral, ParseError};

/// What a release build's report says instead of reading `.env`.
pub(super) const NOT_IN_RELEASE: &str =
    "release build; the application opts in with `--cfg secretguard_dotenv`";

/// Whether `.env` is read: in the application's debug builds (`debug_build`,
/// evaluated in its crate by the expansion), or in any build it compiles with
/// `--cfg secretguard_dotenv`. Only the application's own rustflags set that;
/// a dependency cannot, unlike a Cargo feature.
pub(super) fn allowed(debug_build: bool) -> bool {
    debug_build || cfg!(secretguard_dotenv)
}

/// Looks `name` up in the project's `.env`, then `NAME_FILE` there; the real
/// environment, consulted first, always wins.
pub(super) fn lookup(name: &'static str, holding: Holding, trace: &mut Trace) -> Step {
    let Some(path) = find() else {
        trace.record(".env", Outcome::NotFound);
        return Step::Missing;
    };
    let place = path.display().to_string();
    let text = match file::read_capped(&path) {
        Ok(text) => text,
        Err(e) => {
            let reason = e.to_string();
            trace.record(place, Outcome::Unreadable(reason.clone()));
            return failed(ErrorKind::Unreadable { reason }, Origin::File);
        }
    };
    let file_key = format!("{name}_FILE");
    let [value, file] = match parse::find(&text, [name.as_bytes(), file_key.as_bytes()]) {
        Ok(found) => found,
        Err(e) => {
            let reason = parse_failure(e, [name, &file_key]);
            trace.record(place, Outcome::Unreadable(reason.clone()));
            return failed(ErrorKind::Unreadable { reason }, Origin::Dotenv(name));
        }
    };
    match (value, file) {
        (Some(value), None) => match literal(&value, name, &place, trace) {
            Ok(value) => match trace.value(place, value) {
                Step::Found(value) => reference::follow(name, value, holding, trace),
                other => other,
            },
            Err(step) => step,
        },
        (None, Some(file)) => read_file(&path, &file, name, &file_key, trace),
        (Some(value), Some(file)) => {
            trace.record(place, Outcome::Skipped("both are set"));
            let reason = format!(
                "both {name} and {file_key} are set in .env, lines {} and {} (but are exclusive)",
                value.line, file.line
            );
            failed(ErrorKind::Invalid { reason }, Origin::Env(name))
        }
        (None, None) => {
            trace.record(place, Outcome::NoEntry(name));
            Step::Missing
        }
    }
}

/// `NAME_FILE` set in `.env`: a relative path is relative to the `.env` file's
/// directory, so the same line works from every directory below it.
fn read_file(
    env_path: &Path,
    entry: &Entry<'_>,
    name: &'static str,
    file_key: &str,
    trace: &mut Trace,
) -> Step {
    let place = format!("{}: {file_key}", env_path.display());
    let raw = match literal(entry, name, &place, trace) {
        Ok(raw) => raw,
        Err(step) => return step,
    };
    let Ok(relative) = std::str::from_utf8(&raw) else {
        trace.record(place, Outcome::Unreadable("not valid UTF-8".to_owned()));
        return failed(ErrorKind::NotUtf8, Origin::Dotenv(name));
    };
    let dir = env_path.parent().unwrap_or(Path::new("."));
    let path = dir.join(relative);
    let place = format!(
        "{file_key}={} (from {})",
        path.display(),
        env_path.display()
    );
    file::read_into_trace(place, &path, false, trace)
}

/// The entry's value, or the failure that refuses it because another reader would change it.
fn literal(
    entry: &Entry<'_>,
    name: &'static str,
    place: &str,
    trace: &mut Trace,
) -> Result<Zeroizing<Vec<u8>>, Step> {
    entry.value().map_err(|NotLiteral(c)| {
        let reason = format!(
            "line {} of .env holds `{c}` outside single quotes, which .env readers expand or strip",
            entry.line
        );
        trace.record(place.to_owned(), Outcome::Unreadable(reason.clone()));
        failed(ErrorKind::Invalid { reason }, Origin::Dotenv(name))
    })
}

fn failed(kind: ErrorKind, origin: Origin) -> Step {
    Step::Failed(Failure {
        kind,
        origin: Some(origin),
    })
}

/// A parse failure by line number; never the line, which may hold a secret.
fn parse_failure(e: ParseError, names: [&str; 2]) -> String {
    match e {
        ParseError::Malformed { line, expected } => {
            format!("line {line} is malformed: expected {expected}")
        }
        ParseError::Duplicate {
            index,
            lines: (first, second),
        } => format!(
            "{} is set twice, on lines {first} and {second}",
            names[index]
        ),
    }
}

/// How to fix a `.env` that could not be used for `name`.
pub(super) fn help(name: &str, kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Invalid { .. } => format!(
            "write the value in single quotes, e.g. `{name}='…'`: between them every character is literal"
        ),
        _ => "make each line of .env `NAME=value`, `export NAME=value`, a `# comment` or blank, with each name once; quote a value that holds blanks".to_owned(),
    }
}

/// The `.env` in the current directory or an ancestor, up to the project root.
fn find() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    find_from(&cwd)
}

/// Searches from `start` up to the nearest directory holding `Cargo.toml` or
/// `.git`, inclusive; outside any project, `start` alone. A `.env` above the
/// project (a shared or planted one in a parent directory) is never read.
fn find_from(start: &Path) -> Option<PathBuf> {
    let is_root = |dir: &Path| dir.join("Cargo.toml").exists() || dir.join(".git").exists();
    let depth = match start.ancestors().position(is_root) {
        Some(root) => root + 1,
        None => 1,
    };
    start
        .ancestors()
        .take(depth)
        .map(|dir| dir.join(".env"))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_builds_read_dotenv_only_with_the_applications_cfg() {
        assert!(allowed(true));
        // `RUSTFLAGS="--cfg secretguard_dotenv" cargo test` turns this around
        assert_eq!(allowed(false), cfg!(secretguard_dotenv));
    }

    #[test]
    fn finds_the_nearest_env_file_upward_within_the_project() {
        let root = tempfile::tempdir().unwrap();
        let project = root.path().join("project");
        let nested = project.join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(project.join("Cargo.toml"), "").unwrap();
        std::fs::write(project.join(".env"), "X=1\n").unwrap();
        assert_eq!(find_from(&nested), Some(project.join(".env")));
        std::fs::write(project.join("a/.env"), "X=2\n").unwrap();
        assert_eq!(find_from(&nested), Some(project.join("a/.env")));
    }

    #[test]
    fn an_env_file_above_the_project_root_is_not_read() {
        let root = tempfile::tempdir().unwrap();
        let project = root.path().join("project");
        let nested = project.join("src");
        std::fs::create_dir_all(project.join(".git")).unwrap();
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.path().join(".env"), "X=planted\n").unwrap();
        assert_eq!(find_from(&nested), None);
        assert_eq!(find_from(&project), None);
    }

    #[test]
    fn outside_any_project_only_the_current_directory_is_searched() {
        let root = tempfile::tempdir().unwrap();
        let nested = root.path().join("a");
        std::fs::create_dir_all(&nested).unwrap();
        std::fs::write(root.path().join(".env"), "X=1\n").unwrap();
        assert_eq!(find_from(&nested), None);
        assert_eq!(find_from(root.path()), Some(root.path().join(".env")));
    }
}
