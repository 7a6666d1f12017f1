//! The command line of `secretguard` and `cargo secretguard`: arguments,
//! usage text, and the three commands.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::Engine as _;
use secretguard_runtime::{Algorithm, ExposeSecret, JwtSecret};

use crate::manifest::{self, manifest_paths};
use crate::{Baseline, Format, Scope, check_paths_scoped, check_staged, default_workers, render};

const USAGE: &str = "\
usage:
  secretguard check [--format human|json|sarif] [--baseline FILE] [--staged]
                    [--include-tests] [PATH...]
      Find hardcoded secrets under each PATH (default: .), honouring .gitignore:
      in .rs files, and in .env files (.env, .env.*, *.env, .envrc), *.toml
      (.cargo/credentials too), *.yml/*.yaml (docker-compose files) and JSON
      where configuration lives (config*, settings*, secrets*, config/…).
      Exit status: 0 nothing found, 1 secrets found, 2 a file could not be
      checked or the command line is wrong.
      --baseline FILE  report only findings that FILE does not list; record
                       one with `secretguard check --format json > FILE`
      --staged         check what is staged for commit (the git index, not
                       the working tree), limited to PATHs if given; for a
                       pre-commit hook
      --include-tests  also report the keys, tokens and passwords tests make
                       up for themselves (under tests/, benches/, …, and in
                       #[cfg(test)] and #[test] items), marked (in test
                       code); issuer credentials and service passwords in
                       test code are always reported
  secretguard manifest [--format table|json|env-example|kubernetes|external-secret]
                       [--name NAME] [--check FILE] [PATH...]
      List every secret the .rs files under each PATH (default: .) declare with
      `secret!`, `try_secret!` or `#[jwt_secret]`: sources, type, algorithm,
      encoding, minimum length and site, read from the source (never from the
      environment). `env-example` writes a .env.example, `kubernetes` a Secret
      and `external-secret` External Secrets Operator ExternalSecrets, both
      named NAME (default: app-secrets). `--check FILE` compares FILE with the
      .env.example that would be written: exit 0 when equal, 1 when stale.
      Exit status 2: a file could not be read or the command line is wrong.
  secretguard generate [--alg HS256|HS384|HS512] [--encoding base64|base64url|hex]
      Print a fresh random key, as long as the algorithm needs (RFC 7518 §3.2),
      from the operating system's CSPRNG: the key alone on stdout, the
      `#[jwt_secret(…)]` line that reads it back on stderr.
Options take their value as `--opt value` or `--opt=value`. Installed as
`cargo-secretguard`, the same commands run as `cargo secretguard check …`.
";

/// Why a command did not run: a command line to correct (shown with the
/// usage), or a problem to fix (its message ends in a `help:` line).
enum Failure {
    Usage(String),
    Problem(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

/// Runs `secretguard` with `args`, the arguments after the program name.
pub fn run(args: &[String]) -> ExitCode {
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("manifest") => manifest(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("-h" | "--help" | "help") => emit(USAGE).map(|()| 0),
        Some("-V" | "--version") => {
            emit(&format!("secretguard {}\n", env!("CARGO_PKG_VERSION"))).map(|()| 0)
        }
        Some(other) => Err(Failure::Usage(format!("unknown command `{other}`"))),
        None => Err(Failure::Usage("a command is needed".to_owned())),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Problem(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs `cargo-secretguard` with `args`, the arguments after the program
/// name: cargo passes the subcommand's own name first (`cargo secretguard
/// check` runs `cargo-secretguard secretguard check`), which is dropped.
pub fn run_cargo_subcommand(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("secretguard") => run(&args[1..]),
        _ => run(args),
    }
}

fn check(args: &[String]) -> Result<u8, Failure> {
    let mut format = Format::Human;
    let mut baseline = None;
    let mut staged = false;
    let mut include_tests = false;
    let mut paths = Vec::new();
    for arg in parse_args(
        args,
        &["--format", "--baseline"],
        &["--staged", "--include-tests"],
    )? {
        match arg {
            Arg::Option("--format", value) => format = value.parse()?,
            Arg::Option("--baseline", value) => baseline = Some(value),
            Arg::Flag("--staged") => staged = true,
            Arg::Flag("--include-tests") => include_tests = true,
            Arg::Option(name, _) | Arg::Flag(name) => unreachable!("`{name}` is not in the list"),
            Arg::Positional(path) => paths.push(PathBuf::from(path)),
        }
    }
    // read first: a broken baseline is reported before a long walk
    let baseline = baseline
        .map(|file| Baseline::read(Path::new(file)))
        .transpose()
        .map_err(Failure::Problem)?;
    let mut summary = if staged {
        check_staged(&paths).map_err(Failure::Problem)?
    } else {
        if paths.is_empty() {
            paths.push(PathBuf::from("."));
        }
        // (test inputs left out are not looked for)
        let scope = if include_tests {
            Scope::WithTestInputs
        } else {
            Scope::WithoutTestInputs
        };
        check_paths_scoped(&paths, default_workers(), scope)
    };
    if !include_tests {
        summary.drop_test_inputs();
    }
    if let Some(baseline) = &baseline {
        summary.remove_baselined(baseline);
    }
    emit(&render(&summary, format))?;
    Ok(summary.exit_code() as u8)
}

fn manifest(args: &[String]) -> Result<u8, Failure> {
    let (mut format, mut name, mut check) = ("table", "app-secrets", None);
    let mut paths = Vec::new();
    for arg in parse_args(args, &["--format", "--name", "--check"], &[])? {
        match arg {
            Arg::Option("--format", value) => format = value,
            Arg::Option("--name", value) => name = value,
            Arg::Option("--check", value) => check = Some(value),
            Arg::Option(name, _) | Arg::Flag(name) => unreachable!("`{name}` is not in the list"),
            Arg::Positional(path) => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let found = manifest_paths(&paths);
    if let Some(file) = check {
        if let Some(e) = found.errors.first() {
            return Err(Failure::Usage(format!(
                "cannot read every source, so `{file}` cannot be checked: {}: {}",
                e.path, e.message
            )));
        }
        warn_unresolved(&found);
        return Ok(check_env_example(&manifest::env_example(&found), file)?);
    }
    let text = match format {
        "table" => manifest::table(&found),
        "json" => manifest::json(&found),
        "env-example" => manifest::env_example(&found),
        "kubernetes" => manifest::kubernetes_secret(&found, name),
        "external-secret" => manifest::external_secrets(&found, name),
        other => {
            return Err(Failure::Usage(format!(
                "unknown format `{other}`: expected table, json, env-example, kubernetes or external-secret"
            )));
        }
    };
    emit(&text)?;
    if format != "table" && format != "json" {
        // the generated file has no room for them; stderr keeps them from going unseen
        warn_unresolved(&found);
        for e in &found.errors {
            eprintln!(
                "error: {}\n  --> {}:{}:{}",
                e.message, e.path, e.line, e.column
            );
        }
    }
    Ok(if found.errors.is_empty() { 0 } else { 2 })
}

/// The forms the manifest could not read, on stderr.
fn warn_unresolved(found: &manifest::Manifest) {
    for u in &found.unresolved {
        eprintln!(
            "warning: `{}` not read statically: {}\n  --> {}:{}",
            u.form, u.reason, u.path, u.line
        );
    }
}

/// Writes a command's output to stdout. A reader that has gone away
/// (`secretguard check | head`) ends the output quietly, and the command
/// keeps its exit status; `print!` would panic there.
fn emit(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure::Problem(format!(
            "cannot write to standard output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// `--check FILE`: 0 when FILE is exactly what would be written, 1 when not.
fn check_env_example(expected: &str, file: &str) -> Result<u8, String> {
    let committed =
        std::fs::read_to_string(file).map_err(|e| format!("cannot read `{file}`: {e}"))?;
    if committed == expected {
        return Ok(0);
    }
    eprintln!(
        "error: `{file}` is out of date with the secrets the code declares\n\
         help: regenerate it: `secretguard manifest --format env-example > {file}`"
    );
    Ok(1)
}

fn generate(args: &[String]) -> Result<u8, Failure> {
    let mut alg = Algorithm::HS256;
    let mut encoding = "base64";
    for arg in parse_args(args, &["--alg", "--encoding"], &[])? {
        match arg {
            Arg::Option("--alg", value) => alg = value.parse().map_err(|e| format!("{e}"))?,
            Arg::Option("--encoding", value) => encoding = value,
            Arg::Option(name, _) | Arg::Flag(name) => unreachable!("`{name}` is not in the list"),
            Arg::Positional(other) => {
                return Err(Failure::Usage(format!("unexpected argument `{other}`")));
            }
        }
    }
    let key = JwtSecret::generate(alg)
        .map_err(|e| format!("the OS random number generator failed: {e}"))?;
    let bytes = key.expose_secret();
    let text = match encoding {
        "base64" => base64::engine::general_purpose::STANDARD.encode(bytes),
        "base64url" => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
        "hex" => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        other => {
            return Err(Failure::Usage(format!(
                "unknown encoding `{other}`: expected base64, base64url or hex"
            )));
        }
    };
    emit(&format!("{text}\n"))?;
    // `#[jwt_secret]` reads utf8 by default: without `encoding` the key
    // would silently be its own text, not the random bytes
    eprintln!("declare it with: #[jwt_secret(alg = \"{alg}\", encoding = \"{encoding}\")]");
    Ok(0)
}

/// One command-line argument: an option with its value, a flag, or anything else.
enum Arg<'a> {
    Option(&'a str, &'a str),
    Flag(&'a str),
    Positional(&'a str),
}

/// Splits `args` into the `options` (each taking a value, written
/// `--opt value` or `--opt=value` alike), the `flags` (no value) and
/// positional arguments; `-` alone is positional, any other unknown `-…` an error.
fn parse_args<'a>(
    args: &'a [String],
    options: &[&'static str],
    flags: &[&'static str],
) -> Result<Vec<Arg<'a>>, String> {
    let mut parsed = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if !arg.starts_with('-') || arg == "-" {
            parsed.push(Arg::Positional(arg));
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg.as_str(), None),
        };
        if let Some(&flag) = flags.iter().find(|&&f| f == name) {
            if inline.is_some() {
                return Err(format!("`{flag}` takes no value"));
            }
            parsed.push(Arg::Flag(flag));
            continue;
        }
        let Some(&option) = options.iter().find(|&&o| o == name) else {
            return Err(format!("unknown option `{name}`"));
        };
        let value = match inline {
            Some(value) => value,
            None => iter.next().ok_or(format!("`{option}` needs a value"))?,
        };
        parsed.push(Arg::Option(option, value));
    }
    Ok(parsed)
}
