//! Compile-time behaviour: every rejected form fails with the committed
//! message, every accepted form compiles (and runs, loading nothing).
//!
//! Feature-dependent cases sit in their own directories: `vault/` and
//! `vault-pass/` run with the `vault` feature, `no-vault/` without it, and the
//! same for `aws`. `scripts/test.sh` runs this test with all features and
//! with none.

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
    if cfg!(feature = "aws") {
        t.compile_fail("tests/ui/aws/*.rs");
        t.pass("tests/ui/aws-pass/*.rs");
    } else {
        t.compile_fail("tests/ui/no-aws/*.rs");
    }
}
