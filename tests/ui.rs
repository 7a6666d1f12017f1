//! Compile-time behaviour: every rejected form fails with the committed
//! message, every accepted form compiles (and runs, loading nothing).
//!
//! Feature-dependent cases sit in their own directories: `vault/` runs with
//! the `vault` feature, `no-vault/` without it (`.ci/run` runs both).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
    if cfg!(feature = "vault") {
        t.compile_fail("tests/ui/vault/*.rs");
        t.pass("tests/ui/vault-pass/*.rs");
    } else {
        t.compile_fail("tests/ui/no-vault/*.rs");
    }
}
