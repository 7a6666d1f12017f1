//! A value found once and repeated in the file's other string literals is
//! reported at each repetition: a seed script prints the password it just
//! created. Values are made up.

use secretguard_cli::{check_source, check_source_parsed};

const SRC: &str = r#"
const ADMIN_PASSWORD: &str = "Tq7vXw2pLm1";

fn main() {
    create_user("admin@example.com", ADMIN_PASSWORD);
    println!("Sign in as admin@example.com / Tq7vXw2pLm1");
    println!("{}", "Tq7vXw2pLm12 is another value");
    println!("{}", " Tq7vXw2pLm1 ");
    let word = "password";
    println!("Enter your password");
}
"#;

#[test]
fn a_value_found_once_is_reported_where_it_is_repeated() {
    let result = check_source("src/bin/seed.rs", SRC);
    assert_eq!(result, check_source_parsed("src/bin/seed.rs", SRC));
    let found: Vec<(usize, &str)> = result.findings.iter().map(|f| (f.line, f.id())).collect();
    assert_eq!(found, [(2, "secret-binding"), (6, "secret-binding")]);
    assert_eq!(
        result.findings[1].message,
        "hardcoded secret: the same value as at line 2"
    );
    for f in &result.findings {
        assert!(!f.message.contains("Tq7vXw2pLm1"), "{f:?}");
    }
}

#[test]
fn a_repetition_in_test_code_is_a_tests_input() {
    let src = format!("{SRC}\n#[test]\nfn t() {{ login(\"Tq7vXw2pLm1\"); }}\n");
    let result = check_source("src/bin/seed.rs", &src);
    let last = result.findings.last().unwrap();
    assert_eq!((last.line, last.test_input), (14, true));
    assert!(
        last.message
            .starts_with("hardcoded secret: the same value as at line 2")
    );
}
