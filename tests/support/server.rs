//! The dev servers' side of the interface: `scripts/vault-dev.sh` and
//! `scripts/aws-dev.sh` export `SG_TEST_<KIND>_*` variables, read here.

/// `SG_TEST_<kind>_<name>`, if set.
pub fn var(kind: &str, name: &str) -> Option<String> {
    std::env::var(format!("SG_TEST_{kind}_{name}")).ok()
}

/// What `scripts/vault-dev.sh start` set up (its `SG_TEST_VAULT_*` variables).
pub struct Vault {
    pub addr: String,
    pub root_token: String,
    pub role_id: String,
    pub secret_id: String,
    /// The value at `secret/data/jwt#secret`.
    pub jwt: String,
    /// The value at `kv1/db#password`.
    pub db_password: String,
    /// The value at `kv1/single#token`.
    pub api_token: String,
    /// The value at `kv1/forbidden#token`, outside the role's policy.
    pub forbidden: String,
    /// The server's JSON audit log.
    pub audit_log: String,
}

/// The Vault dev server, or `None` (and a loud skip) outside CI when it is not running.
pub fn vault() -> Option<Vault> {
    let get = |name: &str| var("VAULT", name);
    match (get("ADDR"), get("TOKEN"), get("ROLE_ID"), get("SECRET_ID")) {
        (Some(addr), Some(root_token), Some(role_id), Some(secret_id)) => Some(Vault {
            addr,
            root_token,
            role_id,
            secret_id,
            jwt: get("JWT").unwrap_or_default(),
            db_password: get("DB_PASSWORD").unwrap_or_default(),
            api_token: get("API_TOKEN").unwrap_or_default(),
            forbidden: get("FORBIDDEN").unwrap_or_default(),
            audit_log: get("LOG").unwrap_or_default(),
        }),
        _ => missing("a Vault server", "vault-dev.sh"),
    }
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
