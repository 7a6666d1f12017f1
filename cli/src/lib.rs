//! The library behind the `secretguard` command: find hardcoded secrets in
//! Rust files and report them as text, JSON or SARIF; list the secrets they
//! declare (the manifest).
//!
//! ```
//! use secretguard_cli::check_source;
//!
//! let result = check_source("src/db.rs", r#"fn f() { let db_password = "hunter22"; }"#);
//! assert_eq!(result.findings.len(), 1);
//! assert_eq!(result.findings[0].id(), "secret-binding");
//! assert_eq!((result.findings[0].line, result.findings[0].column), (1, 28));
//! ```

pub mod manifest;
mod report;
mod tree;

pub use report::{Format, render};
pub use tree::{
    ALLOW_WITHOUT_REASON, FileFinding, FileResult, Summary, UncheckedPath, check_paths,
    check_source,
};
