//! Test code: files under `tests/`, `benches/`, `testdata/`, … and the
//! `#[cfg(test)]`, `#[test]` and `#[bench]` items of any Rust file.
//!
//! Test code is full of keys that are real but not leaks: RFC and NIST test
//! vectors, fixture key pairs, JWTs signed with `secret`, a password for a
//! mock server. Those are inputs the test makes up for itself, and flagging
//! them buries a real finding under hundreds (in the crates of a cargo
//! registry, 183 of 194 findings were in test code). A
//! credential an *issuer* hands out is different: an AWS key id, a GitHub,
//! Slack, Stripe, Google or OpenAI token, a Slack webhook, a password in a
//! URL, connection string or `Authorization` header, an API key in a URL's
//! query points at a live
//! service wherever it sits, so those are still reported in test code;
//! everything else (entropy, secret-named bindings, key constructors,
//! fallbacks, embeds of key files, PEM keys, JWTs, the AWS secret key's
//! bare shape, TOTP seeds) is not.

use std::path::{Component, Path};

use proc_macro2::{TokenStream, TokenTree};
use secretguard_scan::Rule;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

/// Directories whose files are tests, benchmarks or their data.
const TEST_DIRS: [&str; 12] = [
    "tests",
    "test",
    "benches",
    "bench",
    "testdata",
    "test-data",
    "test_data",
    "fixtures",
    "test-fixtures",
    "test_vectors",
    "test-vectors",
    "testvectors",
];

/// Whether `relative` (a path below the checked root, so that a checkout
/// that happens to live under `~/tests/` is not all test code) is a test,
/// benchmark or test-data file: under one of [`TEST_DIRS`], or named
/// `test.rs`, `tests.rs`, `*_test.rs`, `*_tests.rs`, `test_*.rs`,
/// `*_bench.rs` or `*test_vectors*`.
pub(crate) fn is_test_path(relative: &Path) -> bool {
    let components = path_names(relative);
    let Some((file, dirs)) = components.split_last() else {
        return false;
    };
    if dirs
        .iter()
        .any(|d| TEST_DIRS.contains(&d.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let file = file.to_ascii_lowercase();
    let stem = file.split('.').next().unwrap_or(&file);
    matches!(stem, "test" | "tests")
        || stem.ends_with("_test")
        || stem.ends_with("_tests")
        || stem.starts_with("test_")
        || stem.ends_with("_bench")
        || stem.contains("test_vectors")
        || stem.contains("testvectors")
}

/// The names a path is made of (`crates/x/src/main.rs` → `crates`, `x`,
/// `src`, `main.rs`), roots and `..` left out: the file's name last.
pub(crate) fn path_names(relative: &Path) -> Vec<&str> {
    relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect()
}

/// Whether a finding of `rule` is still reported in test code: a
/// credential an issuer hands out, or a password for a service, rather than
/// an input the test made up (see the module's documentation). `None` (an
/// allow attribute without a reason) always is.
pub(crate) fn reported_in_tests(rule: Option<Rule>) -> bool {
    rule.is_none_or(Rule::is_reported_in_tests)
}

/// The line ranges (1-based, inclusive) of the test items of `file`: items
/// under `#[cfg(test)]` (also `cfg(all(test, …))`, `cfg(any(test, …))`, but
/// not `cfg(not(test))`), and functions marked `#[test]`, `#[bench]` or a
/// runtime's `#[tokio::test]`-style attribute.
pub(crate) fn test_item_lines(file: &syn::File) -> Vec<(usize, usize)> {
    let mut finder = TestItems::default();
    finder.visit_file(file);
    finder.ranges
}

#[derive(Default)]
struct TestItems {
    ranges: Vec<(usize, usize)>,
}

impl TestItems {
    /// Records `node` when `attrs` mark it as test code; `true` if it did
    /// (its insides need no visit).
    fn record(&mut self, attrs: &[syn::Attribute], node: &impl Spanned) -> bool {
        if !attrs.iter().any(is_test_attribute) {
            return false;
        }
        let span = node.span();
        self.ranges.push((span.start().line, span.end().line));
        true
    }
}

impl<'ast> Visit<'ast> for TestItems {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Use(u) => &u.attrs,
            _ => match secretguard_scan::walk::item_attrs(item) {
                Some(attrs) => attrs,
                None => return visit::visit_item(self, item),
            },
        };
        if !self.record(attrs, item) {
            visit::visit_item(self, item);
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !self.record(&f.attrs, f) {
            visit::visit_impl_item_fn(self, f);
        }
    }
}

/// The line ranges (1-based, inclusive) of the fns of `file` whose names
/// say the credential they pass is wrong ([`names_a_rejected_credential`]):
/// a rejection test's password (`login_with_wrong_password`'s
/// `"salah-password"`, `test_signup_short_password`'s `"short"`) is meant
/// to fail, and is no credential at all. Asked of test code only.
pub(crate) fn rejection_test_lines(file: &syn::File) -> Vec<(usize, usize)> {
    #[derive(Default)]
    struct Rejections(Vec<(usize, usize)>);
    impl Rejections {
        fn record(&mut self, name: &syn::Ident, node: &impl Spanned) {
            if names_a_rejected_credential(&name.to_string()) {
                let span = node.span();
                self.0.push((span.start().line, span.end().line));
            }
        }
    }
    impl<'ast> Visit<'ast> for Rejections {
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.record(&f.sig.ident, f);
            visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.record(&f.sig.ident, f);
            visit::visit_impl_item_fn(self, f);
        }
    }
    let mut found = Rejections::default();
    found.visit_file(file);
    found.0
}

/// Whether a fn's name puts a word that refuses next to a credential's
/// word, either way round and with `too` between them aside (a `fake_…` or
/// `different_…` key is still one the test runs with):
/// `login_with_wrong_password`, `password_mismatch`, `wrong_secret`,
/// `password_too_short`. Sets 29, 30, 33 and 36 labelled such tests'
/// passwords benign. Not
/// `invalid_email_valid_password` (the refusal is the e-mail's) nor
/// `login_fails` (which may log in with the right password and a wrong
/// user).
pub(crate) fn names_a_rejected_credential(name: &str) -> bool {
    const REFUSING: [&str; 12] = [
        "wrong",
        "invalid",
        "incorrect",
        "bad",
        "mismatch",
        "mismatched",
        "short",
        "weak",
        "expired",
        "revoked",
        "forged",
        "tampered",
    ];
    // (not a token or a signature: `decode_token_invalid_signature` checks
    // a bad token with the right key)
    const CREDENTIALS: [&str; 11] = [
        "password",
        "passwords",
        "passwd",
        "pass",
        "pwd",
        "passphrase",
        "secret",
        "key",
        "credential",
        "credentials",
        "creds",
    ];
    let words: Vec<String> = name
        .split('_')
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("too"))
        .map(str::to_ascii_lowercase)
        .collect();
    words.windows(2).any(|pair| {
        let is = |w: &String, list: &[&str]| list.contains(&w.as_str());
        (is(&pair[0], &REFUSING) && is(&pair[1], &CREDENTIALS))
            || (is(&pair[0], &CREDENTIALS) && is(&pair[1], &REFUSING))
    })
}

/// `#[test]`, `#[bench]`, `#[tokio::test]`: an attribute
/// whose last path segment is `test` or `bench`, or a `cfg` that needs `test`.
fn is_test_attribute(attr: &syn::Attribute) -> bool {
    let Some(last) = attr.path().segments.last() else {
        return false;
    };
    if last.ident == "test" || last.ident == "bench" {
        return true;
    }
    if !attr.path().is_ident("cfg") {
        return false;
    }
    match &attr.meta {
        syn::Meta::List(list) => mentions_test(list.tokens.clone()),
        _ => false,
    }
}

/// Whether a `cfg` predicate names `test` outside a `not(…)`.
fn mentions_test(tokens: TokenStream) -> bool {
    let mut after_not = false;
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => {
                if ident == "test" {
                    return true;
                }
                after_not = ident == "not";
            }
            TokenTree::Group(group) => {
                if !after_not && mentions_test(group.stream()) {
                    return true;
                }
                after_not = false;
            }
            TokenTree::Punct(_) | TokenTree::Literal(_) => after_not = false,
        }
    }
    false
}

/// Whether 1-based `line` falls in one of `ranges`.
pub(crate) fn in_ranges(ranges: &[(usize, usize)], line: usize) -> bool {
    ranges
        .iter()
        .any(|&(start, end)| (start..=end).contains(&line))
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_fn_named_for_a_rejected_credential() {
        for name in [
            "login_with_wrong_password_is_unauthorized",
            "test_reset_password_mismatch",
            "test_signup_short_password",
            "password_too_short",
            "verify_with_wrong_secret",
            "rejects_bad_credentials",
        ] {
            assert!(names_a_rejected_credential(name), "{name}");
        }
        for name in [
            "login_fails",
            "invalid_email_valid_password",
            "decode_token_invalid_signature",
            "rejects_expired_token",
            "signs_with_a_different_key",
            "test_wrong_user",
            "password_is_hashed",
        ] {
            assert!(!names_a_rejected_credential(name), "{name}");
        }
    }
    use super::*;

    #[test]
    fn test_paths() {
        for yes in [
            "tests/hmac.rs",
            "benches/jwt.rs",
            "src/test/keys.rs",
            "crates/x/testdata/config.yml",
            "fixtures/app.toml",
            "src/test_vectors.rs",
            "src/alg_tests.rs",
            "src/client/test.rs",
            "src/tests.rs",
            "src/test_util.rs",
            "src/kdf_bench.rs",
        ] {
            assert!(is_test_path(Path::new(yes)), "{yes}");
        }
        for no in [
            "src/main.rs",
            "src/testing_guide.rs",
            "src/attestation.rs",
            "examples/client.rs",
            "config/prod.yml",
            "src/contest.rs",
        ] {
            assert!(!is_test_path(Path::new(no)), "{no}");
        }
    }

    fn lines(src: &str) -> Vec<(usize, usize)> {
        test_item_lines(&syn::parse_file(src).unwrap())
    }

    #[test]
    fn test_items() {
        let src = "fn main() {}\n\
                   #[cfg(test)]\n\
                   mod tests {\n\
                       const K: &str = \"k\";\n\
                   }\n\
                   #[test]\n\
                   fn t() {}\n\
                   #[cfg(not(test))]\n\
                   fn real() {}\n\
                   #[cfg(all(test, feature = \"x\"))]\n\
                   fn helper() {}\n\
                   struct S;\n\
                   impl S {\n\
                       #[tokio::test]\n\
                       async fn t2() {}\n\
                   }\n";
        assert_eq!(lines(src), [(2, 5), (6, 7), (10, 11), (14, 15)]);
        assert_eq!(lines("#[cfg(feature = \"testing\")]\nfn f() {}\n"), []);
    }

    #[test]
    fn issuer_credentials_are_still_reported_in_tests() {
        assert!(reported_in_tests(Some(Rule::GitHubToken)));
        assert!(reported_in_tests(Some(Rule::UrlPassword)));
        assert!(reported_in_tests(Some(Rule::UrlApiKey)));
        assert!(reported_in_tests(None));
        assert!(!reported_in_tests(Some(Rule::HighEntropy)));
        assert!(!reported_in_tests(Some(Rule::PemPrivateKey)));
        assert!(!reported_in_tests(Some(Rule::JwkPrivateKey)));
        assert!(!reported_in_tests(Some(Rule::BuildTimeEmbed)));
        assert!(!reported_in_tests(Some(Rule::KeyConstructor)));
    }
}
