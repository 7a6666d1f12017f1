//! Compile-time behaviour: every rejected form fails with the committed
//! message, every accepted form compiles (and runs, loading nothing).
//!
//! trybuild builds the cases in a project of its own (under
//! `target/tests/trybuild`) with the features this test was built with. Each
//! feature-dependent directory runs in the pass that has its feature, and no
//! pass makes trybuild build the AWS SDK: with `aws`, only compile-fail cases
//! run, for which trybuild runs `cargo check`. `scripts/test.sh` runs them all:
//!
//! | directory | runs in |
//! |---|---|
//! | `fail/`, `pass/`, `no-vault/`, `no-aws/` | `cargo test --test ui` (no features) |
//! | `vault/`, `vault-pass/` | `cargo test --test ui --features vault` |
//! | `aws/` | `cargo test --workspace --all-features` (or `--features aws`) |
//! | `aws-pass/` | not here: compiled as a module of `tests/aws` (its `main` is empty), under `--all-features` |

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    if cfg!(feature = "aws") {
        // compile-fail only: a pass case would make trybuild build the SDK
        t.compile_fail("tests/ui/aws/*.rs");
    } else if cfg!(feature = "vault") {
        t.compile_fail("tests/ui/vault/*.rs");
        t.pass("tests/ui/vault-pass/*.rs");
    } else {
        t.compile_fail("tests/ui/fail/*.rs");
        t.pass("tests/ui/pass/*.rs");
        t.compile_fail("tests/ui/no-vault/*.rs");
        t.compile_fail("tests/ui/no-aws/*.rs");
    }
}
