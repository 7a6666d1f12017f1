//! A program's doc comments (an example's, a binary's) tell how to run that
//! program and are read for credentials as plain comments are; a library's
//! document an API for its readers and stay unread. Values are made up.

use secretguard_cli::{check_source, check_source_parsed};

/// An example's module documentation, as set 8's and set 11's hold-outs
/// have it, above code with nothing in it.
const SRC: &str = r#"//! Seeds the first administrator.
//!
//! Configure it in `.env`:
//!     ADMIN_EMAIL=admin@example.com
//!     ADMIN_PASSWORD=Tq7vXw2pLm
//!     DATABASE_URL="postgres://app:Zr4kW9pQ@localhost:5432/app"
//! The token comes from the environment.

/// Basic authorization
///
/// - User: `test`
/// - Password: `123456`
struct MyBasicAuthorization;

fn main() {
    let url = std::env::var("DATABASE_URL").unwrap();
}
"#;

fn found(path: &str) -> Vec<(usize, &'static str)> {
    let result = check_source(path, SRC);
    // the pre-pass clears no file whose doc comments hold a finding
    assert_eq!(result, check_source_parsed(path, SRC), "{path}");
    for f in &result.findings {
        assert!(f.message.ends_with("(in a doc comment)"), "{f:?}");
        assert!(!f.message.contains("Tq7vXw2pLm"), "{f:?}");
    }
    result.findings.iter().map(|f| (f.line, f.id())).collect()
}

#[test]
fn a_programs_doc_comments_are_read() {
    for path in [
        "examples/seed.rs",
        "crates/api/examples/auth/src/main.rs",
        "src/bin/seed.rs",
        "src/main.rs",
    ] {
        assert_eq!(
            found(path),
            [
                (5, "secret-binding"),
                (6, "url-password"),
                (12, "secret-binding")
            ],
            "{path}"
        );
    }
}

#[test]
fn a_librarys_doc_comments_are_documentation() {
    for path in ["src/lib.rs", "src/seed.rs", "crates/bin-utils/src/lib.rs"] {
        assert_eq!(found(path), [], "{path}");
    }
}
