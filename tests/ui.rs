//! Compile-time behaviour: every rejected form fails with the committed
//! message, every accepted form compiles (and runs, loading nothing).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
