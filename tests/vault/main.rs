//! The Vault source against a real Vault-API server (RustyVault, started by
//! `scripts/vault-dev.sh start`, whose `SG_TEST_VAULT_*` variables point here).
//! Each case runs a child copy of this binary with a controlled environment;
//! faults come from a small proxy in this process.
#![cfg(feature = "vault")]

#[path = "../common/mod.rs"]
mod common;
mod proxy;

use std::time::Duration;

use common::{Child, is_child, run};
use proxy::{Action, Proxy};
use secretguard::{ExposeSecret, JwtSecret, SecretString, jwt_secret, secret, try_secret};

/// What `scripts/vault-dev.sh start` set up.
struct Server {
    addr: String,
    root_token: String,
    role_id: String,
    secret_id: String,
    jwt: String,
    db_password: String,
    api_token: String,
    log: String,
}

impl Server {
    /// The values and credentials no output may contain.
    fn secrets(&self) -> [&str; 5] {
        [
            &self.root_token,
            &self.secret_id,
            &self.jwt,
            &self.db_password,
            &self.api_token,
        ]
    }

    fn assert_nothing_leaks(&self, child: &Child) {
        let all = child.all_output();
        for secret in self.secrets() {
            assert!(
                !all.contains(secret),
                "a secret or credential leaked into:\n{all}"
            );
        }
    }
}

/// The server, or `None` (and a loud skip) outside CI when it is not running.
fn server() -> Option<Server> {
    let get = |name: &str| std::env::var(format!("SG_TEST_VAULT_{name}")).ok();
    match (get("ADDR"), get("TOKEN"), get("ROLE_ID"), get("SECRET_ID")) {
        (Some(addr), Some(root_token), Some(role_id), Some(secret_id)) => Some(Server {
            addr,
            root_token,
            role_id,
            secret_id,
            jwt: get("JWT").unwrap_or_default(),
            db_password: get("DB_PASSWORD").unwrap_or_default(),
            api_token: get("API_TOKEN").unwrap_or_default(),
            log: get("LOG").unwrap_or_default(),
        }),
        _ if std::env::var_os("CI").is_some() => {
            panic!(
                "the Vault tests need a server: run `source <(scripts/vault-dev.sh start)` first"
            )
        }
        _ => {
            eprintln!(
                "\n*** SKIPPED: no Vault server. Run `source <(scripts/vault-dev.sh start)` to run the Vault tests. ***\n"
            );
            None
        }
    }
}

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn with_token<'a>(
    s: &'a Server,
    addr: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut vars = vec![("VAULT_ADDR", addr), ("VAULT_TOKEN", s.root_token.as_str())];
    vars.extend_from_slice(extra);
    vars
}

// ---- happy paths --------------------------------------------------------------------

#[test]
#[ignore = "child process, run by its parent test"]
fn child_kv1() {
    if !is_child("child_kv1") {
        return;
    }
    let password: SecretString = secret!(vault = "secret/db#password");
    println!("kv1 password: {} bytes", password.expose_secret().len());
}

#[test]
fn kv1_with_a_token() {
    let Some(s) = server() else { return };
    let child = run("child_kv1", &with_token(&s, &s.addr, &[]), dir().path());
    assert!(child.ok, "{}", child.all_output());
    assert!(
        child
            .stdout
            .contains(&format!("kv1 password: {} bytes", s.db_password.len()))
    );
    s.assert_nothing_leaks(&child);
}

#[test]
#[ignore = "child process, run by its parent test"]
fn child_kv2_static() {
    if !is_child("child_kv2_static") {
        return;
    }
    #[jwt_secret(vault = "secret/data/jwt#secret", alg = "HS512")]
    static JWT_SECRET: JwtSecret;
    println!(
        "kv2 jwt: {} bytes, {}",
        JWT_SECRET.expose_secret().len(),
        JWT_SECRET.algorithm()
    );
}

#[test]
fn kv2_static_with_approle() {
    let Some(s) = server() else { return };
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID", &s.secret_id),
    ];
    let child = run("child_kv2_static", &vars, dir().path());
    assert!(child.ok, "{}", child.all_output());
    assert!(
        child
            .stdout
            .contains(&format!("kv2 jwt: {} bytes, HS512", s.jwt.len())),
        "{}",
        child.stdout
    );
    s.assert_nothing_leaks(&child);
}

#[test]
#[ignore = "child process, run by its parent test"]
fn child_two_secrets() {
    if !is_child("child_two_secrets") {
        return;
    }
    let a: SecretString = secret!(vault = "secret/db#password");
    let b: SecretString = secret!(vault = "secret/single");
    println!(
        "two secrets: {} and {} bytes",
        a.expose_secret().len(),
        b.expose_secret().len()
    );
}

#[test]
fn one_approle_login_serves_every_secret() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let vars = [
        ("VAULT_ADDR", proxy.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID", &s.secret_id),
    ];
    let child = run("child_two_secrets", &vars, dir().path());
    assert!(child.ok, "{}", child.all_output());
    assert_eq!(proxy.count("POST", "/v1/auth/approle/login"), 1);
    assert_eq!(
        proxy.count("GET", "/v1/secret/db") + proxy.count("GET", "/v1/secret/single"),
        2
    );
    s.assert_nothing_leaks(&child);
}

#[test]
fn approle_secret_id_from_a_file() {
    let Some(s) = server() else { return };
    let d = dir();
    let file = d.path().join("secret-id");
    std::fs::write(&file, format!("{}\n", s.secret_id)).unwrap();
    let file = file.display().to_string();
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID_FILE", &file),
    ];
    let child = run("child_kv2_static", &vars, d.path());
    assert!(child.ok, "{}", child.all_output());
    s.assert_nothing_leaks(&child);
}

#[test]
fn the_cli_token_file_in_home() {
    let Some(s) = server() else { return };
    let d = dir();
    std::fs::write(d.path().join(".vault-token"), &s.root_token).unwrap();
    let child = run("child_kv1", &[("VAULT_ADDR", s.addr.as_str())], d.path());
    assert!(child.ok, "{}", child.all_output());
}

#[test]
#[ignore = "child process, run by its parent test"]
fn child_chain() {
    if !is_child("child_chain") {
        return;
    }
    let key: JwtSecret = secret!(env = "SG_JWT", vault = "secret/data/jwt#secret");
    let from_env = std::env::var("SG_JWT").is_ok_and(|v| v.as_bytes() == key.expose_secret());
    println!(
        "chain: {} bytes, from env: {from_env}",
        key.expose_secret().len()
    );
}

#[test]
fn env_first_then_vault() {
    let Some(s) = server() else { return };
    let from_vault = run("child_chain", &with_token(&s, &s.addr, &[]), dir().path());
    assert!(
        from_vault
            .stdout
            .contains(&format!("chain: {} bytes, from env: false", s.jwt.len())),
        "{}",
        from_vault.all_output()
    );
    let env_value = "e".repeat(40);
    let from_env = run(
        "child_chain",
        &with_token(&s, &s.addr, &[("SG_JWT", &env_value)]),
        dir().path(),
    );
    assert!(
        from_env.stdout.contains("chain: 40 bytes, from env: true"),
        "{}",
        from_env.all_output()
    );
}

#[test]
#[ignore = "child process, run by its parent test"]
fn child_reference() {
    if !is_child("child_reference") {
        return;
    }
    let key: SecretString = secret!("SG_REF");
    println!("reference: {} bytes", key.expose_secret().len());
}

#[test]
fn a_vault_reference_in_an_env_value() {
    let Some(s) = server() else { return };
    let vars = with_token(&s, &s.addr, &[("SG_REF", "vault://secret/data/jwt#secret")]);
    let child = run("child_reference", &vars, dir().path());
    assert!(child.ok, "{}", child.all_output());
    assert!(
        child
            .stdout
            .contains(&format!("reference: {} bytes", s.jwt.len()))
    );
    let dangling = with_token(&s, &s.addr, &[("SG_REF", "vault://secret/data/none#x")]);
    let child = run("child_reference", &dangling, dir().path());
    assert!(!child.ok);
    assert!(
        child
            .stderr
            .contains("SG_REF refers to a secret that does not exist"),
        "{}",
        child.stderr
    );
}

#[test]
#[ignore = "child process, run by its parent test"]
fn child_fields() {
    if !is_child("child_fields") {
        return;
    }
    let single: SecretString = secret!(vault = "secret/single");
    println!("single: {} bytes", single.expose_secret().len());
    let several: Result<SecretString, secretguard::Error> = try_secret!(vault = "secret/db");
    println!("several: {}", several.unwrap_err());
    let missing: Result<SecretString, secretguard::Error> = try_secret!(vault = "secret/db#nope");
    println!("missing field: {}", missing.unwrap_err());
    let no_path: Result<SecretString, secretguard::Error> = try_secret!(vault = "secret/nowhere#x");
    println!("missing path: {}", no_path.unwrap_err());
}

#[test]
fn fields_are_chosen_or_listed_by_name_only() {
    let Some(s) = server() else { return };
    let child = run("child_fields", &with_token(&s, &s.addr, &[]), dir().path());
    assert!(child.ok, "{}", child.all_output());
    let out = &child.stdout;
    assert!(
        out.contains(&format!("single: {} bytes", s.api_token.len())),
        "{out}"
    );
    assert!(
        out.contains(
            "secret secret/db has several fields and none was chosen; it has: password, user"
        ),
        "{out}"
    );
    assert!(
        out.contains("secret secret/db#nope has no field `nope`; it has: password, user"),
        "{out}"
    );
    assert!(out.contains("secret secret/nowhere#x is not set"), "{out}");
    assert!(
        out.contains(&format!("vault {} secret/nowhere#x: not found", s.addr)),
        "{out}"
    );
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
    let child = run("child_kv1", &vars, dir().path());
    assert!(!child.ok);
    assert!(
        child.stderr.contains(&format!(
            "was refused: {} answered 403 permission denied for secret/db",
            s.addr
        )),
        "{}",
        child.stderr
    );
    assert!(!child.all_output().contains("not-a-real-token-0000"));
}

#[test]
fn no_credentials_says_which_to_set() {
    let Some(s) = server() else { return };
    let child = run(
        "child_kv1",
        &[("VAULT_ADDR", s.addr.as_str())],
        dir().path(),
    );
    assert!(!child.ok);
    assert!(
        child
            .stderr
            .contains("no Vault credentials: set VAULT_TOKEN"),
        "{}",
        child.stderr
    );
}

#[test]
fn a_wrong_secret_id_fails_the_login() {
    let Some(s) = server() else { return };
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID", "wrong-secret-id-1234"),
    ];
    let child = run("child_kv2_static", &vars, dir().path());
    assert!(!child.ok);
    assert!(
        child.stderr.contains("the AppRole login at"),
        "{}",
        child.stderr
    );
    assert!(!child.all_output().contains("wrong-secret-id-1234"));
    assert!(!child.all_output().contains(&s.role_id));
}

#[test]
fn a_stopped_server_is_unreachable_with_the_os_error() {
    let Some(s) = server() else { return };
    // a port nobody listens on: bound, then released
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("http://127.0.0.1:{port}");
    let vars = with_token(&s, &addr, &[("VAULT_MAX_RETRIES", "1")]);
    let child = run("child_kv1", &vars, dir().path());
    assert!(!child.ok);
    assert!(
        child.stderr.contains(&format!("{addr} is unreachable: ")),
        "{}",
        child.stderr
    );
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
        &with_token(&s, &flaky.addr, &[("VAULT_MAX_RETRIES", "2")]),
        dir().path(),
    );
    assert!(child.ok, "{}", child.all_output());
    assert_eq!(flaky.count("GET", "/v1/secret/db"), 3);

    let broken = Proxy::start(&s.addr, |_, _| Action::Respond(503));
    let child = run(
        "child_kv1",
        &with_token(&s, &broken.addr, &[("VAULT_MAX_RETRIES", "2")]),
        dir().path(),
    );
    assert!(!child.ok);
    assert!(
        child
            .stderr
            .contains("answered 503 for secret/db after 3 attempts"),
        "{}",
        child.stderr
    );
    assert_eq!(broken.count("GET", "/v1/secret/db"), 3);
}

#[test]
fn client_errors_are_not_retried() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Respond(400));
    let child = run("child_kv1", &with_token(&s, &proxy.addr, &[]), dir().path());
    assert!(!child.ok);
    assert!(
        child.stderr.contains("answered HTTP 400 for secret/db"),
        "{}",
        child.stderr
    );
    assert_eq!(proxy.count("GET", "/v1/secret/db"), 1);
}

#[test]
fn a_slow_server_times_out() {
    let Some(s) = server() else { return };
    let slow = Proxy::start(&s.addr, |_, _| Action::Delay(Duration::from_secs(3)));
    let vars = with_token(
        &s,
        &slow.addr,
        &[("VAULT_CLIENT_TIMEOUT", "1"), ("VAULT_MAX_RETRIES", "0")],
    );
    let child = run("child_kv1", &vars, dir().path());
    assert!(!child.ok);
    assert!(
        child.stderr.contains("timed out after 1 s"),
        "{}",
        child.stderr
    );
}

#[test]
fn a_dropped_connection_is_retried_then_reported() {
    let Some(s) = server() else { return };
    let dropping = Proxy::start(&s.addr, |_, _| Action::Drop);
    let child = run(
        "child_kv1",
        &with_token(&s, &dropping.addr, &[("VAULT_MAX_RETRIES", "1")]),
        dir().path(),
    );
    assert!(!child.ok);
    assert!(
        child
            .stderr
            .contains("secret secret/db#password could not be loaded"),
        "{}",
        child.stderr
    );
    assert_eq!(dropping.count("GET", "/v1/secret/db"), 2);
}

#[test]
fn a_malformed_response_is_reported_without_its_body() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| {
        Action::RespondWith(200, "<html>not-json-secret-ish</html>")
    });
    let child = run("child_kv1", &with_token(&s, &proxy.addr, &[]), dir().path());
    assert!(!child.ok);
    assert!(
        child
            .stderr
            .contains("malformed response from Vault: not JSON"),
        "{}",
        child.stderr
    );
    assert!(!child.all_output().contains("not-json-secret-ish"));
}

#[test]
fn tls_to_a_plain_http_server_is_a_tls_failure() {
    let Some(s) = server() else { return };
    let https = s.addr.replace("http://", "https://");
    let child = run(
        "child_kv1",
        &with_token(&s, &https, &[("VAULT_MAX_RETRIES", "0")]),
        dir().path(),
    );
    assert!(!child.ok);
    assert!(
        child
            .stderr
            .contains(&format!("TLS failure talking to {https}")),
        "{}",
        child.stderr
    );
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
    let vars = [
        ("VAULT_ADDR", proxy.addr.as_str()),
        ("VAULT_ROLE_ID", &s.role_id),
        ("VAULT_SECRET_ID", &s.secret_id),
    ];
    let child = run("child_kv2_static", &vars, dir().path());
    assert!(child.ok, "{}", child.all_output());
    assert_eq!(proxy.count("POST", "/v1/auth/approle/login"), 2);
    assert_eq!(proxy.count("GET", "/v1/secret/data/jwt"), 2);
}

#[test]
fn the_namespace_is_sent_as_a_header() {
    let Some(s) = server() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "child_kv1",
        &with_token(&s, &proxy.addr, &[("VAULT_NAMESPACE", "team-a")]),
        dir().path(),
    );
    assert!(child.ok, "{}", child.all_output());
    assert!(
        proxy
            .seen()
            .iter()
            .all(|r| r.namespace.as_deref() == Some("team-a"))
    );
}

// ---- one read for many threads; inside an async runtime ------------------------------

#[test]
#[ignore = "child process, run by its parent test"]
fn child_race() {
    if !is_child("child_race") {
        return;
    }
    #[jwt_secret(vault = "secret/race#key")]
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
}

fn server_reads(log: &str, path: &str) -> usize {
    let needle = format!("\"GET {path} HTTP/1.1\" 200");
    std::fs::read_to_string(log).map_or(0, |text| text.matches(&needle).count())
}

#[test]
fn sixty_four_threads_make_one_read_on_the_server() {
    let Some(s) = server() else { return };
    let before = server_reads(&s.log, "/v1/secret/race");
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "child_race",
        &with_token(&s, &proxy.addr, &[]),
        dir().path(),
    );
    assert!(child.ok, "{}", child.all_output());
    assert!(
        child
            .stdout
            .contains("race: 64 threads, all 64 bytes: true"),
        "{}",
        child.stdout
    );
    assert_eq!(
        proxy.count("GET", "/v1/secret/race"),
        1,
        "reads that left the process"
    );
    // and the server's own request log agrees
    let mut after = server_reads(&s.log, "/v1/secret/race");
    for _ in 0..50 {
        if after > before {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
        after = server_reads(&s.log, "/v1/secret/race");
    }
    assert_eq!(after - before, 1, "reads the server logged");
}

#[test]
#[ignore = "child process, run by its parent test"]
fn child_in_tokio() {
    if !is_child("child_in_tokio") {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let len = runtime.block_on(async {
        let key: SecretString = secret!(vault = "secret/db#password");
        key.expose_secret().len()
    });
    println!("inside tokio: {len} bytes");
}

#[test]
fn a_loader_inside_a_tokio_runtime_does_not_panic() {
    let Some(s) = server() else { return };
    let child = run(
        "child_in_tokio",
        &with_token(&s, &s.addr, &[]),
        dir().path(),
    );
    assert!(child.ok, "{}", child.all_output());
    assert!(
        child
            .stdout
            .contains(&format!("inside tokio: {} bytes", s.db_password.len()))
    );
}
