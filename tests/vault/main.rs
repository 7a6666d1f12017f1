//! The Vault source against a real Vault server (OpenBao in dev mode, started
//! by `scripts/vault-dev.sh start`, whose `SG_TEST_VAULT_*` variables point
//! here): KV v1 at `kv1/`, KV v2 at `secret/`, AppRole with a real policy, a
//! namespace, and a JSON audit log the server writes for every request.
//! Each case runs a child copy of this binary with a controlled environment;
//! faults come from a small proxy in this process.
#![cfg(feature = "vault")]

#[path = "../support/mod.rs"]
mod support;

#[cfg(feature = "jsonwebtoken")]
mod axum_rotation;
mod kv2;
mod refresh;
mod security;

use std::time::Duration;

use secretguard::{ExposeSecret, JwtSecret, SecretString, jwt_secret, secret, try_secret};
use support::proxy::{Action, Proxy};
use support::{Child, child_case, run, server, temp_dir};

// what `scripts/vault-dev.sh start` set up
use support::server::Vault as Server;

impl Server {
    fn assert_nothing_leaks(&self, child: &Child) {
        child.assert_hidden(&[
            &self.root_token,
            &self.secret_id,
            &self.jwt,
            &self.db_password,
            &self.api_token,
            &self.forbidden,
        ]);
    }

    /// A child's environment: `VAULT_ADDR=addr`, the root token, and `extra`.
    fn with_token<'a>(
        &'a self,
        addr: &'a str,
        extra: &[(&'a str, &'a str)],
    ) -> Vec<(&'a str, &'a str)> {
        let mut vars = vec![("VAULT_ADDR", addr), ("VAULT_TOKEN", &self.root_token)];
        vars.extend_from_slice(extra);
        vars
    }

    /// A child's environment: `VAULT_ADDR=addr` and the test role's AppRole credentials.
    fn with_approle<'a>(&'a self, addr: &'a str) -> [(&'a str, &'a str); 3] {
        [
            ("VAULT_ADDR", addr),
            ("VAULT_ROLE_ID", &self.role_id),
            ("VAULT_SECRET_ID", &self.secret_id),
        ]
    }

    /// How many requests for `path` (`kv1/race`, no `/v1/`) that came
    /// through `proxy` the server answered, by its audit log: one JSON
    /// object a line, a `request` entry and a `response` entry per request.
    fn audited(&self, proxy: &Proxy, path: &str) -> usize {
        let ports = proxy.upstream_ports();
        let log = std::fs::read_to_string(&self.audit_log).expect("read the audit log");
        log.lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .filter(|entry| {
                let port = entry["request"]["remote_port"].as_u64();
                entry["type"] == "response"
                    && entry["request"]["path"] == path
                    && port.is_some_and(|p| ports.iter().any(|&q| u64::from(q) == p))
            })
            .count()
    }
}

/// The server, or `None` (and a loud skip) outside CI when it is not running.
fn server() -> Option<Server> {
    server::vault()
}

// ---- happy paths --------------------------------------------------------------------

child_case!(child_kv1, {
    let password: SecretString = secret!(vault = "kv1/db#password");
    println!("kv1 password: {} bytes", password.expose_secret().len());
});

#[test]
fn kv1_with_a_token() {
    let Some(s) = server() else { return };
    let child = run("child_kv1", &s.with_token(&s.addr, &[]), temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!("kv1 password: {} bytes", s.db_password.len()));
    s.assert_nothing_leaks(&child);
}

child_case!(child_kv2_static, {
    #[jwt_secret(vault = "secret/data/jwt#secret", alg = "HS512")]
    static JWT_SECRET: JwtSecret;
    println!(
        "kv2 jwt: {} bytes, {}",
        JWT_SECRET.expose_secret().len(),
        JWT_SECRET.algorithm()
    );
});

#[test]
fn kv2_static_with_approle() {
    let Some(s) = server() else { return };
    let child = run(
        "child_kv2_static",
        &s.with_approle(&s.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("kv2 jwt: {} bytes, HS512", s.jwt.len()));
    s.assert_nothing_leaks(&child);
}

child_case!(child_two_secrets, {
    let a: SecretString = secret!(vault = "kv1/db#password");
    let b: SecretString = secret!(vault = "kv1/single");
    println!(
        "two secrets: {} and {} bytes",
        a.expose_secret().len(),
        b.expose_secret().len()
    );
});

#[test]
fn one_approle_login_serves_every_secret() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "child_two_secrets",
        &s.with_approle(&proxy.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    assert_eq!(proxy.count("POST", "/v1/auth/approle/login"), 1);
    assert_eq!(
        proxy.count("GET", "/v1/kv1/db") + proxy.count("GET", "/v1/kv1/single"),
        2
    );
    // and the server's audit log agrees
    assert_eq!(s.audited(&proxy, "auth/approle/login"), 1, "logins audited");
    assert_eq!(
        s.audited(&proxy, "kv1/db") + s.audited(&proxy, "kv1/single"),
        2,
        "reads audited"
    );
    s.assert_nothing_leaks(&child);
}

child_case!(child_forbidden, {
    let _: SecretString = secret!(vault = "kv1/forbidden#token");
});

#[test]
fn the_approle_policy_is_enforced() {
    let Some(s) = server() else { return };
    let child = run(
        "child_forbidden",
        &s.with_approle(&s.addr),
        temp_dir().path(),
    );
    child.assert_failed_with(&format!(
        "was refused: {} answered 403 permission denied for kv1/forbidden",
        s.addr
    ));
    s.assert_nothing_leaks(&child);
}

#[test]
fn approle_secret_id_from_a_file() {
    let Some(s) = server() else { return };
    let d = temp_dir();
    let file = d.path().join("secret-id");
    std::fs::write(&file, format!("{}\n", s.secret_id)).unwrap();
    let file = file.display().to_string();
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID_FILE", &file),
    ];
    let child = run("child_kv2_static", &vars, d.path());
    child.assert_ok();
    s.assert_nothing_leaks(&child);
}

#[test]
fn the_cli_token_file_in_home() {
    let Some(s) = server() else { return };
    let d = temp_dir();
    std::fs::write(d.path().join(".vault-token"), &s.root_token).unwrap();
    let child = run("child_kv1", &[("VAULT_ADDR", s.addr.as_str())], d.path());
    child.assert_ok();
}

child_case!(child_chain, {
    let key: JwtSecret = secret!(env = "SG_JWT", vault = "secret/data/jwt#secret");
    let from_env = std::env::var("SG_JWT").is_ok_and(|v| v.as_bytes() == key.expose_secret());
    println!(
        "chain: {} bytes, from env: {from_env}",
        key.expose_secret().len()
    );
});

#[test]
fn env_first_then_vault() {
    let Some(s) = server() else { return };
    let from_vault = run(
        "child_chain",
        &s.with_token(&s.addr, &[]),
        temp_dir().path(),
    );
    from_vault.assert_stdout(&format!("chain: {} bytes, from env: false", s.jwt.len()));
    let env_value = "e".repeat(40);
    let from_env = run(
        "child_chain",
        &s.with_token(&s.addr, &[("SG_JWT", &env_value)]),
        temp_dir().path(),
    );
    from_env.assert_stdout("chain: 40 bytes, from env: true");
}

child_case!(child_reference, {
    let key: SecretString = secret!("SG_REF");
    println!("reference: {} bytes", key.expose_secret().len());
});

#[test]
fn a_vault_reference_in_an_env_value() {
    let Some(s) = server() else { return };
    let vars = s.with_token(&s.addr, &[("SG_REF", "vault://secret/data/jwt#secret")]);
    let child = run("child_reference", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!("reference: {} bytes", s.jwt.len()));
    let dangling = s.with_token(&s.addr, &[("SG_REF", "vault://secret/data/none#x")]);
    let child = run("child_reference", &dangling, temp_dir().path());
    child.assert_failed_with("SG_REF refers to a secret that does not exist");
}

child_case!(child_fields, {
    let single: SecretString = secret!(vault = "kv1/single");
    println!("single: {} bytes", single.expose_secret().len());
    let several: Result<SecretString, secretguard::Error> = try_secret!(vault = "kv1/db");
    println!("several: {}", several.unwrap_err());
    let missing: Result<SecretString, secretguard::Error> = try_secret!(vault = "kv1/db#nope");
    println!("missing field: {}", missing.unwrap_err());
    let no_path: Result<SecretString, secretguard::Error> = try_secret!(vault = "kv1/nowhere#x");
    println!("missing path: {}", no_path.unwrap_err());
});

#[test]
fn fields_are_chosen_or_listed_by_name_only() {
    let Some(s) = server() else { return };
    let child = run(
        "child_fields",
        &s.with_token(&s.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("single: {} bytes", s.api_token.len()));
    child.assert_stdout(
        "secret kv1/db has several fields and none was chosen; it has: password, user",
    );
    child.assert_stdout("secret kv1/db#nope has no field `nope`; it has: password, user");
    child.assert_stdout("secret kv1/nowhere#x is not set");
    child.assert_stdout(&format!("vault {} kv1/nowhere#x: not found", s.addr));
    s.assert_nothing_leaks(&child);
}

// ---- failures -------------------------------------------------------------------------

#[test]
fn a_wrong_token_is_denied() {
    let Some(s) = server() else { return };
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_TOKEN", "not-a-real-token-0000"),
    ];
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with(&format!(
        "was refused: {} answered 403 permission denied for kv1/db",
        s.addr
    ));
    child.assert_hidden(&["not-a-real-token-0000"]);
}

#[test]
fn no_credentials_says_which_to_set() {
    let Some(s) = server() else { return };
    let child = run(
        "child_kv1",
        &[("VAULT_ADDR", s.addr.as_str())],
        temp_dir().path(),
    );
    child.assert_failed_with("no Vault credentials: set VAULT_TOKEN");
}

#[test]
fn a_wrong_secret_id_fails_the_login() {
    let Some(s) = server() else { return };
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID", "wrong-secret-id-1234"),
    ];
    let child = run("child_kv2_static", &vars, temp_dir().path());
    child.assert_failed_with("the AppRole login at");
    child.assert_hidden(&["wrong-secret-id-1234", &s.role_id]);
}

#[test]
fn a_stopped_server_is_unreachable_with_the_os_error() {
    let Some(s) = server() else { return };
    let addr = server::dead_addr();
    let vars = s.with_token(&addr, &[("VAULT_MAX_RETRIES", "1")]);
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with(&format!("{addr} is unreachable: "));
    assert!(
        child.stderr.to_lowercase().contains("connection refused"),
        "{}",
        child.stderr
    );
    s.assert_nothing_leaks(&child);
}

#[test]
fn server_errors_are_retried_then_reported() {
    let Some(s) = server() else { return };
    // two 500s, then the real answer: succeeds on the third attempt
    let flaky = Proxy::start(&s.addr, |_, n| {
        if n < 2 {
            Action::Respond(500)
        } else {
            Action::Forward
        }
    });
    let child = run(
        "child_kv1",
        &s.with_token(&flaky.addr, &[("VAULT_MAX_RETRIES", "2")]),
        temp_dir().path(),
    );
    child.assert_ok();
    assert_eq!(flaky.count("GET", "/v1/kv1/db"), 3);

    let broken = Proxy::start(&s.addr, |_, _| Action::Respond(503));
    let child = run(
        "child_kv1",
        &s.with_token(&broken.addr, &[("VAULT_MAX_RETRIES", "2")]),
        temp_dir().path(),
    );
    child.assert_failed_with("answered 503 for kv1/db after 3 attempts");
    assert_eq!(broken.count("GET", "/v1/kv1/db"), 3);
}

#[test]
fn client_errors_are_not_retried() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Respond(400));
    let child = run(
        "child_kv1",
        &s.with_token(&proxy.addr, &[]),
        temp_dir().path(),
    );
    child.assert_failed_with("answered HTTP 400 for kv1/db");
    assert_eq!(proxy.count("GET", "/v1/kv1/db"), 1);
}

#[test]
fn a_slow_server_times_out() {
    let Some(s) = server() else { return };
    let slow = Proxy::start(&s.addr, |_, _| Action::Delay(Duration::from_secs(3)));
    let vars = s.with_token(
        &slow.addr,
        &[("VAULT_CLIENT_TIMEOUT", "1"), ("VAULT_MAX_RETRIES", "0")],
    );
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with("timed out after 1 s");
}

#[test]
fn a_dropped_connection_is_retried_then_reported() {
    let Some(s) = server() else { return };
    let dropping = Proxy::start(&s.addr, |_, _| Action::Drop);
    let child = run(
        "child_kv1",
        &s.with_token(&dropping.addr, &[("VAULT_MAX_RETRIES", "1")]),
        temp_dir().path(),
    );
    child.assert_failed_with("secret kv1/db#password could not be loaded");
    assert_eq!(dropping.count("GET", "/v1/kv1/db"), 2);
}

#[test]
fn a_malformed_response_is_reported_without_its_body() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| {
        Action::RespondWith(200, "<html>not-json-secret-ish</html>")
    });
    let child = run(
        "child_kv1",
        &s.with_token(&proxy.addr, &[]),
        temp_dir().path(),
    );
    child.assert_failed_with("malformed response from Vault: not JSON");
    child.assert_hidden(&["not-json-secret-ish"]);
}

#[test]
fn tls_to_a_plain_http_server_is_a_tls_failure() {
    let Some(s) = server() else { return };
    let https = s.addr.replace("http://", "https://");
    let child = run(
        "child_kv1",
        &s.with_token(&https, &[("VAULT_MAX_RETRIES", "0")]),
        temp_dir().path(),
    );
    child.assert_failed_with(&format!("TLS failure talking to {https}"));
    s.assert_nothing_leaks(&child);
}

#[test]
fn an_expired_approle_token_logs_in_again_once() {
    let Some(s) = server() else { return };
    // the first read is refused as if the token had expired
    let proxy = Proxy::start(&s.addr, |seen, _| {
        if seen.path == "/v1/secret/data/jwt" && seen.method == "GET" {
            static REFUSED: std::sync::atomic::AtomicBool =
                std::sync::atomic::AtomicBool::new(false);
            if !REFUSED.swap(true, std::sync::atomic::Ordering::SeqCst) {
                return Action::Respond(403);
            }
        }
        Action::Forward
    });
    let child = run(
        "child_kv2_static",
        &s.with_approle(&proxy.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    assert_eq!(proxy.count("POST", "/v1/auth/approle/login"), 2);
    assert_eq!(proxy.count("GET", "/v1/secret/data/jwt"), 2);
}

child_case!(child_two_reads_apart, {
    let first: SecretString = secret!(vault = "kv1/db#password");
    // the role's tokens live 2 s: the second read needs a new login
    std::thread::sleep(Duration::from_secs(3));
    let second: SecretString = secret!(vault = "kv1/db#password");
    assert_eq!(first.expose_secret(), second.expose_secret());
    println!("both reads: {} bytes", second.expose_secret().len());
});

#[test]
fn a_really_expired_approle_token_is_replaced_by_one_new_login() {
    let Some(s) = server() else { return };
    let short = |name: &str| std::env::var(format!("SG_TEST_VAULT_SHORT_{name}")).ok();
    let (Some(role_id), Some(secret_id)) = (short("ROLE_ID"), short("SECRET_ID")) else {
        panic!("scripts/vault-dev.sh exports SG_TEST_VAULT_SHORT_ROLE_ID and _SECRET_ID")
    };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let vars = [
        ("VAULT_ADDR", proxy.addr.as_str()),
        ("VAULT_ROLE_ID", role_id.as_str()),
        ("VAULT_SECRET_ID", secret_id.as_str()),
    ];
    let child = run("child_two_reads_apart", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!("both reads: {} bytes", s.db_password.len()));
    child.assert_hidden(&[&secret_id]);
    s.assert_nothing_leaks(&child);
    // OpenBao itself refused the expired token: 3 reads (one refused), 2 logins
    assert_eq!(proxy.count("POST", "/v1/auth/approle/login"), 2);
    assert_eq!(proxy.count("GET", "/v1/kv1/db"), 3);
    assert_eq!(s.audited(&proxy, "auth/approle/login"), 2, "logins audited");
}

child_case!(child_malformed_reference, {
    let error = try_secret!("SG_V_REFERENCE")
        .map(|_: SecretString| ())
        .unwrap_err();
    println!("{error}");
});

#[test]
fn a_malformed_run_time_reference_is_an_invalid_reference() {
    // no server needed: the reference is refused before any request
    let child = run(
        "child_malformed_reference",
        &[("SG_V_REFERENCE", "vault://secret/my app#value")],
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("holds an invalid vault:// reference: a Vault reference has no whitespace");
    assert!(!child.stdout.contains("protocol"), "{}", child.stdout);
}

#[test]
fn the_namespace_is_sent_as_a_header() {
    let Some(s) = server() else { return };
    // team-a has its own kv1/ mount holding its own copy of kv1/db
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "child_kv1",
        &s.with_token(&proxy.addr, &[("VAULT_NAMESPACE", "team-a")]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("kv1 password: {} bytes", s.db_password.len()));
    assert!(
        proxy
            .seen()
            .iter()
            .all(|r| r.namespace.as_deref() == Some("team-a"))
    );
}

// ---- one read for many threads; inside an async runtime ------------------------------

child_case!(child_race, {
    #[jwt_secret(vault = "kv1/race#key")]
    static RACED: JwtSecret;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(64));
    let threads: Vec<_> = (0..64)
        .map(|_| {
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                RACED.expose_secret().len()
            })
        })
        .collect();
    let lens: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    println!(
        "race: {} threads, all {} bytes: {}",
        lens.len(),
        lens[0],
        lens.iter().all(|&l| l == lens[0])
    );
});

#[test]
fn sixty_four_threads_make_one_read_on_the_server() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "child_race",
        &s.with_token(&proxy.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("race: 64 threads, all 64 bytes: true");
    assert_eq!(
        proxy.count("GET", "/v1/kv1/race"),
        1,
        "reads that left the process"
    );
    // and the server's audit log agrees
    assert_eq!(
        s.audited(&proxy, "kv1/race"),
        1,
        "reads the server answered"
    );
}

child_case!(child_in_tokio, {
    let len = support::in_tokio(async {
        let key: SecretString = secret!(vault = "kv1/db#password");
        key.expose_secret().len()
    });
    println!("inside tokio: {len} bytes");
});

#[test]
fn a_loader_inside_a_tokio_runtime_does_not_panic() {
    let Some(s) = server() else { return };
    let child = run(
        "child_in_tokio",
        &s.with_token(&s.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("inside tokio: {} bytes", s.db_password.len()));
}
