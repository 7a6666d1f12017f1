//! `preflight`: load every secret the binary declares, at start-up, and report
//! every failure at once.

use core::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Site};
use crate::load::{try_load, try_load_optional};
use crate::registry::{Registered, SECRETS, Stated};

/// At most this many secrets load at once: enough that a hundred Vault
/// secrets take a few round trips rather than a hundred, few enough not to
/// flood a secret store or the process with threads.
const CONCURRENT_LOADS: usize = 32;

/// `EX_CONFIG` of BSD's `sysexits.h`: "something was found in an unconfigured
/// or misconfigured state"; what [`preflight_or_exit`] exits with.
pub const EXIT_CONFIG: i32 = 78;

/// Loads every secret this binary declares and reports every one that cannot
/// be loaded — all of them, at once, never a value.
///
/// "Declares" means every `secret!`, `try_secret!` and `#[jwt_secret]` linked
/// into the binary, whether or not the code that holds it has run: the report
/// is about what the binary may need. The list is made by the linker
/// ([`linkme`](https://docs.rs/linkme)), with no code before `main`; it works
/// on the targets linkme supports — Linux, Android, Fuchsia, macOS, iOS, tvOS,
/// Windows, UEFI, FreeBSD, OpenBSD, illumos and bare metal (`target_os =
/// "none"`) — and on any other (WebAssembly, NetBSD) secretguard fails to
/// build rather than silently checking nothing.
///
/// - A `#[jwt_secret]` is loaded with its type's rules (a `JwtSecret`'s RFC
///   7518 length) and kept: its first access afterwards is a plain read, no I/O.
/// - A `secret!`/`try_secret!` site is checked for what it states — its
///   sources, `encoding`, `min_len` and `alg` — and the value is dropped: the
///   site's type is inferred where it is used, so what only the type adds (a
///   `SecretString` must be UTF-8; a `JwtSecret` without `alg` is HS256) is
///   checked when the site runs. Give a key an `alg`, or declare it with
///   `#[jwt_secret]`, to have its length checked here. Sites that name the same
///   secret the same way are loaded once.
/// - An `optional` secret that is set nowhere is not a failure; one that is
///   set but unusable is.
///
/// Loads run concurrently, at most 32 at a time, so that many secrets in Vault
/// or AWS take about as long as the slowest few.
///
/// ```no_run
/// # extern crate secretguard_runtime as secretguard;
/// // what `preflight_or_exit()` does, for a service that reports its own way
/// if let Err(report) = secretguard::preflight() {
///     eprintln!("error: {report}");
///     std::process::exit(secretguard::EXIT_CONFIG);
/// }
/// // every secret is loaded and every `#[jwt_secret]` is cached
/// ```
pub fn preflight() -> Result<(), PreflightError> {
    check(&SECRETS)
}

/// [`preflight`], the recommended first line of `main`: prints the report to
/// standard error and exits with [`EXIT_CONFIG`] (78) when any secret cannot be
/// loaded, so an orchestrator sees a configuration error rather than a crash
/// at the first request.
///
/// ```no_run
/// # extern crate secretguard_runtime as secretguard;
/// // the first line of `main`
/// secretguard::preflight_or_exit();
/// // every `#[jwt_secret]` is loaded: using one cannot fail from here on
/// ```
pub fn preflight_or_exit() {
    if let Err(report) = preflight() {
        eprintln!("error: {report}");
        std::process::exit(EXIT_CONFIG);
    }
}

/// Every declared secret that [`preflight`] could not load, each with its full
/// report: what, where it was declared, each place looked at, the fix.
///
/// Displays as a headline then every [`Error`], separated by blank lines:
///
/// ```text
/// 2 of 5 declared secrets cannot be loaded
///
/// secret JWT_SECRET is not set
///   looked at:
///     JWT_SECRET: unset
///     JWT_SECRET_FILE: unset
///   declared at src/main.rs:4:1
///   help: set it, e.g. `export JWT_SECRET=$(openssl rand -base64 32)`, or point JWT_SECRET_FILE at a file holding it
///
/// secret STRIPE_KEY is empty
///   …
/// ```
#[derive(Clone)]
pub struct PreflightError {
    declared: usize,
    failures: Vec<Failure>,
}

#[derive(Clone)]
struct Failure {
    error: Error,
    /// The other sites declaring the same secret the same way.
    also: Vec<Site>,
}

impl PreflightError {
    /// One error per secret that cannot be loaded, in source order.
    pub fn errors(&self) -> impl ExactSizeIterator<Item = &Error> {
        self.failures.iter().map(|f| &f.error)
    }

    /// How many distinct secrets the binary declares.
    pub fn declared(&self) -> usize {
        self.declared
    }
}

impl fmt::Display for PreflightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let failed = self.failures.len();
        match (failed, self.declared) {
            (1, 1) => f.write_str("the only declared secret cannot be loaded")?,
            (failed, declared) => write!(
                f,
                "{failed} of {declared} declared secrets cannot be loaded"
            )?,
        }
        for failure in &self.failures {
            write!(f, "\n\n{}", failure.error)?;
            if !failure.also.is_empty() {
                let sites: Vec<String> = failure.also.iter().map(Site::to_string).collect();
                write!(f, "\n  also declared at {}", sites.join(", "))?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for PreflightError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreflightError")
            .field("declared", &self.declared)
            .field("errors", &self.errors().collect::<Vec<_>>())
            .finish()
    }
}

impl std::error::Error for PreflightError {}

/// Loads `entries` (the registry, or a test's own list) and reports.
pub(crate) fn check(entries: &[Registered]) -> Result<(), PreflightError> {
    let mut groups = group(entries);
    let declared = groups.len();
    groups.sort_by_key(|g| site_order(g.entry.spec.site));
    let errors = load_all(&groups);
    let failures: Vec<Failure> = groups
        .into_iter()
        .zip(errors)
        .filter_map(|(group, error)| {
            Some(Failure {
                error: error?,
                also: group.also,
            })
        })
        .collect();
    if failures.is_empty() {
        return Ok(());
    }
    Err(PreflightError { declared, failures })
}

/// One secret to load, and the other sites that declare it the same way.
struct Group<'a> {
    entry: &'a Registered,
    also: Vec<Site>,
}

/// `secret!` sites that name the same secret the same way load once; every
/// `#[jwt_secret]` item loads, to fill its own cache.
fn group(entries: &[Registered]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::with_capacity(entries.len());
    for entry in entries {
        match groups.iter_mut().find(|g| same_site_secret(g.entry, entry)) {
            Some(group) => {
                let (first, other) =
                    if site_order(entry.spec.site) < site_order(group.entry.spec.site) {
                        (entry, group.entry)
                    } else {
                        (group.entry, entry)
                    };
                group.entry = first;
                group.also.push(other.spec.site);
                group.also.sort_by_key(|s| site_order(*s));
            }
            None => groups.push(Group {
                entry,
                also: Vec::new(),
            }),
        }
    }
    groups
}

fn same_site_secret(a: &Registered, b: &Registered) -> bool {
    let (x, y) = (&a.spec, &b.spec);
    a.item.is_none()
        && b.item.is_none()
        && a.optional == b.optional
        && x.label == y.label
        && x.sources == y.sources
        && x.encoding == y.encoding
        && x.min_len == y.min_len
        && x.alg == y.alg
        && x.dotenv == y.dotenv
}

fn site_order(site: Site) -> (&'static str, u32, u32) {
    (site.file, site.line, site.column)
}

/// Loads every group, at most [`CONCURRENT_LOADS`] at a time; the error of
/// each, in order.
fn load_all(groups: &[Group<'_>]) -> Vec<Option<Error>> {
    let workers = groups.len().min(CONCURRENT_LOADS);
    if workers <= 1 {
        return groups.iter().map(|g| load(g.entry).err()).collect();
    }
    let results: Vec<Mutex<Option<Error>>> = groups.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(group) = groups.get(i) else { break };
                    let error = load(group.entry).err();
                    *results[i].lock().unwrap_or_else(|e| e.into_inner()) = error;
                }
            });
        }
    });
    results
        .into_iter()
        .map(|slot| slot.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

/// Loads one secret; a load that panics (a user's `FromSecret`) is reported
/// as a failure of that secret, its message left to the panic hook.
fn load(entry: &Registered) -> Result<(), Error> {
    let spec = &entry.spec;
    let attempt = catch_unwind(AssertUnwindSafe(|| match entry.item {
        Some(force) => force(),
        None if entry.optional => try_load_optional::<Stated>(spec).map(drop),
        None => try_load::<Stated>(spec).map(drop),
    }));
    attempt.unwrap_or_else(|_| Err(Error::load_panicked(spec.label, spec.site)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::Encoding;
    use crate::jwt::Algorithm;
    use crate::spec::{Source, Spec};

    /// A `secret!(file = PATH)` at `line`: files, so no test touches the environment.
    fn file_site(path: &str, line: u32, optional: bool) -> Registered {
        let path: &'static str = Box::leak(path.to_owned().into_boxed_str());
        let sources: &'static [Source] = Box::leak(Box::new([Source::File(path)]));
        Registered::site(spec(path, sources, line), optional)
    }

    fn spec(label: &'static str, sources: &'static [Source], line: u32) -> Spec<'static> {
        Spec {
            label,
            sources,
            encoding: Encoding::Utf8,
            min_len: None,
            alg: None,
            dotenv: false,
            site: Site {
                file: "src/main.rs",
                line,
                column: 5,
            },
        }
    }

    fn messages(report: &PreflightError) -> Vec<String> {
        report.errors().map(|e| e.to_string()).collect()
    }

    #[test]
    fn every_failure_is_reported_in_source_order() {
        let entries = [
            file_site("/nonexistent/sg-c", 30, false),
            file_site("/nonexistent/sg-a", 10, false),
            file_site("/nonexistent/sg-b", 20, false),
        ];
        let report = check(&entries).unwrap_err();
        let secrets: Vec<&str> = report.errors().map(|e| e.secret()).collect();
        assert_eq!(
            secrets,
            [
                "/nonexistent/sg-a",
                "/nonexistent/sg-b",
                "/nonexistent/sg-c"
            ]
        );
        assert_eq!(report.declared(), 3);
        assert!(report.to_string().starts_with(
            "3 of 3 declared secrets cannot be loaded\n\nsecret /nonexistent/sg-a is not set"
        ));
    }

    #[test]
    fn an_unset_optional_secret_is_not_a_failure_but_an_unusable_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "").unwrap();
        let entries = [
            file_site("/nonexistent/sg-optional", 1, true),
            file_site(empty.to_str().unwrap(), 2, true),
        ];
        let report = check(&entries).unwrap_err();
        assert_eq!(report.errors().len(), 1);
        assert_eq!(
            report.to_string().lines().next(),
            Some("1 of 2 declared secrets cannot be loaded")
        );
        assert!(messages(&report)[0].contains("is empty"), "{report}");
        assert!(check(&entries[..1]).is_ok());
    }

    #[test]
    fn sites_naming_the_same_secret_the_same_way_load_once_and_report_once() {
        let entries = [
            file_site("/nonexistent/sg-shared", 40, false),
            file_site("/nonexistent/sg-shared", 7, false),
            file_site("/nonexistent/sg-shared", 12, false),
        ];
        let report = check(&entries).unwrap_err();
        assert_eq!(report.errors().len(), 1);
        assert_eq!(report.declared(), 1);
        let text = report.to_string();
        assert!(
            text.starts_with("the only declared secret cannot be loaded"),
            "{text}"
        );
        assert!(text.contains("declared at src/main.rs:7:5"), "{text}");
        assert!(
            text.ends_with("\n  also declared at src/main.rs:12:5, src/main.rs:40:5"),
            "{text}"
        );
        // optional and required are different declarations
        let mixed = [
            file_site("/nonexistent/sg-shared", 1, false),
            file_site("/nonexistent/sg-shared", 2, true),
        ];
        assert_eq!(check(&mixed).unwrap_err().declared(), 2);
    }

    #[test]
    fn a_site_is_checked_for_the_rules_it_states() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("key");
        std::fs::write(&key, "k".repeat(40)).unwrap();
        let path: &'static str = Box::leak(key.to_str().unwrap().to_owned().into_boxed_str());
        let sources: &'static [Source] = Box::leak(Box::new([Source::File(path)]));
        // no rule stated: 40 bytes are fine, whatever type the site has
        assert!(check(&[Registered::site(spec(path, sources, 1), false)]).is_ok());
        let mut hs384 = spec(path, sources, 1);
        hs384.alg = Some(Algorithm::HS384);
        let mut min_len = spec(path, sources, 2);
        min_len.min_len = Some(41);
        let mut hex = spec(path, sources, 3);
        hex.encoding = Encoding::Hex;
        let entries = [
            Registered::site(hs384, false),
            Registered::site(min_len, false),
            Registered::site(hex, false),
        ];
        let report = check(&entries).unwrap_err();
        let kinds: Vec<String> = report.errors().map(|e| e.kind().to_string()).collect();
        assert_eq!(
            kinds,
            [
                "too short: 40 bytes, HS384 needs at least 48 (RFC 7518 §3.2)",
                "too short: 40 bytes, min_len is 41",
                "not valid hex: invalid character at offset 0",
            ]
        );
    }

    fn failing_item() -> Result<(), Error> {
        let spec = spec("SIGNING", &[Source::File("/nonexistent/sg-item")], 9);
        crate::load::try_load::<crate::JwtSecret>(&spec).map(drop)
    }

    fn panicking_item() -> Result<(), Error> {
        panic!("a FromSecret that panics")
    }

    #[test]
    fn items_load_through_their_own_function_and_a_panic_is_a_failure() {
        let entries = [
            Registered::item(
                spec("SIGNING", &[Source::File("/nonexistent/sg-item")], 9),
                false,
                failing_item,
            ),
            Registered::item(spec("PANICS", &[], 3), false, panicking_item),
            // an item is loaded even when a site names the same source
            file_site("/nonexistent/sg-item", 9, false),
        ];
        let report = check(&entries).unwrap_err();
        let secrets: Vec<&str> = report.errors().map(|e| e.secret()).collect();
        assert_eq!(secrets, ["PANICS", "SIGNING", "/nonexistent/sg-item"]);
        let panicked = report.errors().next().unwrap();
        assert_eq!(
            panicked.to_string().lines().next(),
            Some("secret PANICS is invalid: loading it panicked (the panic message is above)")
        );
    }

    #[test]
    fn many_secrets_load_on_a_bounded_pool_with_every_result_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let entries: Vec<Registered> = (0..100u32)
            .map(|i| {
                let path = dir.path().join(i.to_string());
                if i % 3 != 0 {
                    std::fs::write(&path, "v").unwrap();
                }
                file_site(path.to_str().unwrap(), i + 1, false)
            })
            .collect();
        let report = check(&entries).unwrap_err();
        let lines: Vec<u32> = report.errors().map(|e| e.site().line).collect();
        let expected: Vec<u32> = (0..100u32).filter(|i| i % 3 == 0).map(|i| i + 1).collect();
        assert_eq!(lines, expected);
        assert_eq!(report.declared(), 100);
    }

    #[test]
    fn nothing_declared_is_nothing_to_report() {
        assert!(check(&[]).is_ok());
    }
}
