//! The library behind the `secretguard` command: find hardcoded secrets in
//! Rust files and in the configuration files beside them (`.env`, TOML,
//! YAML, JSON), report them as text, JSON or SARIF, and list the secrets the
//! code declares (the manifest).
//!
//! ```
//! use secretguard_cli::{check_file, check_source, FileKind};
//!
//! let result = check_source("src/db.rs", r#"fn f() { let db_password = "hunter22"; }"#);
//! assert_eq!(result.findings.len(), 1);
//! assert_eq!(result.findings[0].id(), "secret-binding");
//! assert_eq!((result.findings[0].line, result.findings[0].column), (1, 28));
//!
//! let result = check_file(".env", FileKind::Dotenv, "PORT=8080\nJWT_SECRET=changeme\n");
//! assert_eq!(result.findings[0].id(), "secret-binding");
//! assert_eq!((result.findings[0].line, result.findings[0].column), (2, 12));
//! ```
//!
//! A finding never carries the value: not in its message, not in its
//! [fingerprint](FINGERPRINT_KEY), not in any output format.
#![doc = include_str!("rules.md")]

mod baseline;
pub mod command;
mod fingerprint;
mod frontmatter;
mod kind;
pub mod manifest;
mod repeats;
mod report;
mod staged;
mod testcode;
mod text;
mod tree;

pub use baseline::Baseline;
pub use fingerprint::FINGERPRINT_KEY;
pub use kind::FileKind;
pub use report::{Format, INFORMATION_URI, help_uri, render};
pub use staged::check_staged;
pub use tree::{
    ALLOW_WITHOUT_REASON, FileFinding, FileResult, NO_PREFILTER_VAR, Scope, Summary, UncheckedPath,
    check_all, check_all_scoped, check_bytes, check_file, check_paths, check_paths_scoped,
    check_paths_with, check_source, check_source_parsed, check_source_scoped, default_workers,
};
