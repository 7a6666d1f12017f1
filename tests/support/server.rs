//! The dev servers' side of the interface: `scripts/vault-dev.sh` and
//! `scripts/aws-dev.sh` export `SG_TEST_<KIND>_*` variables, read here.

/// `SG_TEST_<kind>_<name>`, if set.
pub fn var(kind: &str, name: &str) -> Option<String> {
    std::env::var(format!("SG_TEST_{kind}_{name}")).ok()
}

/// What a test does without its server: in CI (`CI` set) fail, since a
/// server that is not there would otherwise pass every test; elsewhere skip
/// loudly. `what` is e.g. "a Vault server", `script` the one that starts it.
pub fn missing<T>(what: &str, script: &str) -> Option<T> {
    let start = format!("source <(scripts/{script} start)");
    if std::env::var_os("CI").is_some() {
        panic!("these tests need {what}: run `{start}` first");
    }
    eprintln!("\n*** SKIPPED: no {what}. Run `{start}` to run these tests. ***\n");
    None
}

/// An `http://127.0.0.1:PORT` address nobody listens on: bound, then released.
pub fn dead_addr() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind a loopback port")
        .local_addr()
        .expect("its address")
        .port();
    format!("http://127.0.0.1:{port}")
}
