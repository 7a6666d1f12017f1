//! `secretguard`: check Rust sources for hardcoded secrets, or generate a key.

use std::path::PathBuf;
use std::process::ExitCode;

use base64::Engine as _;
use secretguard_cli::{Format, check_paths, render};
use secretguard_runtime::{Algorithm, ExposeSecret, JwtSecret};

const USAGE: &str = "\
usage:
  secretguard check [--format human|json|sarif] [PATH...]
      Find hardcoded secrets in the .rs files under each PATH (default: .),
      honouring .gitignore. Exit status: 0 nothing found, 1 secrets found,
      2 a file could not be checked or the command line is wrong.
  secretguard generate [--alg HS256|HS384|HS512] [--encoding base64|base64url|hex]
      Print a fresh random key, as long as the algorithm needs (RFC 7518 §3.2),
      from the operating system's CSPRNG, and nothing else.
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("generate") => generate(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(0)
        }
        Some("-V" | "--version") => {
            println!("secretguard {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        Some(other) => Err(format!("unknown command `{other}`")),
        None => Err("a command is needed".to_owned()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &[String]) -> Result<u8, String> {
    let mut format = Format::Human;
    let mut paths = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => {
                format = iter.next().ok_or("`--format` needs a value")?.parse()?;
            }
            flag if flag.starts_with("--format=") => format = flag["--format=".len()..].parse()?,
            flag if flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown option `{flag}`"));
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let summary = check_paths(&paths);
    print!("{}", render(&summary, format));
    Ok(summary.exit_code() as u8)
}

fn generate(args: &[String]) -> Result<u8, String> {
    let mut alg = Algorithm::HS256;
    let mut encoding = "base64".to_owned();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = || iter.next().cloned().ok_or(format!("`{arg}` needs a value"));
        match arg.as_str() {
            "--alg" => alg = value()?.parse().map_err(|e| format!("{e}"))?,
            "--encoding" => encoding = value()?,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    let key = JwtSecret::generate(alg)
        .map_err(|e| format!("the OS random number generator failed: {e}"))?;
    let bytes = key.expose_secret();
    let text = match encoding.as_str() {
        "base64" => base64::engine::general_purpose::STANDARD.encode(bytes),
        "base64url" => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes),
        "hex" => bytes.iter().map(|b| format!("{b:02x}")).collect(),
        other => {
            return Err(format!(
                "unknown encoding `{other}`: expected base64, base64url or hex"
            ));
        }
    };
    println!("{text}");
    Ok(0)
}
