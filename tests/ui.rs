//! Compile-time behaviour: every rejected form fails with the committed
//! message, every accepted form compiles (and runs, loading nothing).
//!
//! trybuild builds the cases in a project of its own (under
//! `target/tests/trybuild`) with the features this test was built with, so
//! each feature-dependent directory runs in the pass that has its feature,
//! and no pass makes trybuild build the AWS SDK. `scripts/test.sh` runs them all:
//!
//! | directory     | runs in                                                        |
//! |---------------|----------------------------------------------------------------|
//! | `fail/`, `pass/`, `no-vault/`, `no-aws/` | `cargo test --test ui` (no features) |
//! | `vault/`, `vault-pass/` | `cargo test --test ui --features vault`              |
//! | `aws/`        | `cargo test --test ui --features aws`: compile-fail cases only, so trybuild only type-checks the SDK (`cargo check`), never builds it |
//! | `aws-pass/`   | not here: compiled as a module of `tests/aws` (its `main` is empty), under `cargo test --all-features` |
//!
//! With both `vault` and `aws` (`cargo test --workspace --all-features`)
//! this test does nothing: that build would make trybuild build the SDK a
//! second time, for cases the passes above already run.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    match (cfg!(feature = "vault"), cfg!(feature = "aws")) {
        (false, false) => {
            t.compile_fail("tests/ui/fail/*.rs");
            t.pass("tests/ui/pass/*.rs");
            t.compile_fail("tests/ui/no-vault/*.rs");
            t.compile_fail("tests/ui/no-aws/*.rs");
        }
        (true, false) => {
            t.compile_fail("tests/ui/vault/*.rs");
            t.pass("tests/ui/vault-pass/*.rs");
        }
        (false, true) => t.compile_fail("tests/ui/aws/*.rs"),
        (true, true) => eprintln!(
            "ui: skipped with both `vault` and `aws`; run it without features, with \
             `--features vault` and with `--features aws` (scripts/test.sh does)"
        ),
    }
}
