//! The token never leaves Vault's origin; credentials in `VAULT_ADDR` are
//! never shown; TLS failures are not retried; the CLI's TLS variables
//! (`VAULT_CACERT`, `VAULT_CAPATH`, `VAULT_TLS_SERVER_NAME`, client
//! certificates, `VAULT_SKIP_VERIFY`) work against the dev server's TLS
//! listeners. Fake servers here are plain `std::net` listeners on loopback.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::support::{run, server, temp_dir};

const TOKEN: &str = "canary-token-5b1f0c";
const SECRET_ID: &str = "canary-secret-id-77e2";

/// A fake HTTP server: `answer(path, its own address)` gives the raw
/// response, or `None` to hold the connection without answering. It keeps
/// the head of every request it read (for "was the token sent here" checks).
struct Fake {
    addr: String,
    port: u16,
    heads: Arc<Mutex<Vec<String>>>,
    connections: Arc<AtomicUsize>,
}

impl Fake {
    fn start(answer: impl Fn(&str, &str) -> Option<String> + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let addr = format!("http://127.0.0.1:{port}");
        let heads = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let (own, seen, count) = (addr.clone(), Arc::clone(&heads), Arc::clone(&connections));
        let answer = Arc::new(answer);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                let (own, seen, answer) = (own.clone(), Arc::clone(&seen), Arc::clone(&answer));
                std::thread::spawn(move || serve(stream, &own, &seen, &*answer));
            }
        });
        Fake {
            addr,
            port,
            heads,
            connections,
        }
    }

    /// A listener that writes `reply` to each connection at once, unasked:
    /// plain HTTP to a client that starts TLS.
    fn blurting(reply: &'static str) -> Fake {
        Fake::raw(move |mut stream| {
            let _ = stream.write_all(reply.as_bytes());
            std::thread::sleep(std::time::Duration::from_millis(200));
        })
    }

    /// A listener that accepts and never answers.
    fn silent() -> Fake {
        Fake::raw(|stream| {
            std::thread::sleep(std::time::Duration::from_secs(30));
            drop(stream);
        })
    }

    fn raw(each: impl Fn(TcpStream) + Send + Sync + Copy + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        let connections = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&connections);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                std::thread::spawn(move || each(stream));
            }
        });
        Fake {
            addr: format!("http://127.0.0.1:{port}"),
            port,
            heads: Arc::default(),
            connections,
        }
    }

    fn requests(&self) -> usize {
        self.heads.lock().unwrap().len()
    }

    /// How many requests carried `needle` (a header, a credential) in their head or body.
    fn requests_with(&self, needle: &str) -> usize {
        let needle = needle.to_ascii_lowercase();
        let heads = self.heads.lock().unwrap();
        heads.iter().filter(|h| h.contains(&needle)).count()
    }
}

fn serve(
    stream: TcpStream,
    own: &str,
    seen: &Mutex<Vec<String>>,
    answer: &dyn Fn(&str, &str) -> Option<String>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        head.push_str(&lower);
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    head.push_str(&String::from_utf8_lossy(&body).to_ascii_lowercase());
    let path = head.split_whitespace().nth(1).unwrap_or("").to_owned();
    seen.lock().unwrap().push(head);
    match answer(&path, own) {
        Some(response) => {
            let _ = (&stream).write_all(response.as_bytes());
        }
        None => std::thread::sleep(std::time::Duration::from_secs(30)),
    }
}

fn respond(status: u16, headers: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status} Fake\r\n{headers}content-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn redirect(location: &str) -> String {
    respond(307, &format!("location: {location}\r\n"), "")
}

const KV1_DB: &str = r#"{"data":{"password":"password-of-the-fake","user":"app"}}"#;

fn with_token(addr: &str) -> [(&str, &str); 3] {
    [
        ("VAULT_ADDR", addr),
        ("VAULT_TOKEN", TOKEN),
        ("VAULT_MAX_RETRIES", "0"),
    ]
}

// ---- redirects ----------------------------------------------------------------------

#[test]
fn a_redirect_to_another_origin_never_gets_the_token() {
    let other = Fake::start(|_, _| Some(respond(200, "", KV1_DB)));
    let location = format!(
        "http://intruder:canary-location-pass@127.0.0.1:{}/v1/kv1/db?canary-query=1",
        other.port
    );
    let vault = Fake::start(move |_, _| Some(redirect(&location)));
    let child = run("child_kv1", &with_token(&vault.addr), temp_dir().path());
    child.assert_failed_with(&format!(
        "{} redirected to http://127.0.0.1:{}, another origin",
        vault.addr, other.port
    ));
    assert_eq!(other.requests(), 0, "the other origin was asked");
    assert_eq!(
        other.requests_with(TOKEN),
        0,
        "the other origin got the token"
    );
    child.assert_hidden(&[
        TOKEN,
        "canary-location-pass",
        "canary-query",
        "password-of-the-fake",
    ]);
}

#[test]
fn a_redirected_approle_login_never_sends_the_secret_id_away() {
    let other = Fake::start(|_, _| Some(respond(200, "", r#"{"auth":{"client_token":"t"}}"#)));
    let location = format!("http://127.0.0.1:{}/v1/auth/approle/login", other.port);
    let vault = Fake::start(move |_, _| Some(redirect(&location)));
    let vars = [
        ("VAULT_ADDR", vault.addr.as_str()),
        ("VAULT_ROLE_ID", "role"),
        ("VAULT_SECRET_ID", SECRET_ID),
    ];
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with(&format!(
        "redirected to http://127.0.0.1:{}, another origin",
        other.port
    ));
    assert_eq!(other.requests(), 0, "the other origin was asked");
    child.assert_hidden(&[SECRET_ID]);
}

#[test]
fn a_redirect_to_another_port_of_the_same_host_is_another_origin() {
    // (a scheme change, https to http, is another origin too: see config's unit tests)
    let other = Fake::start(|_, _| Some(respond(200, "", KV1_DB)));
    let location = format!("http://127.0.0.1:{}/v1/kv1/db", other.port);
    let vault = Fake::start(move |_, _| Some(redirect(&location)));
    let child = run("child_kv1", &with_token(&vault.addr), temp_dir().path());
    child.assert_failed_with("another origin");
    assert_eq!(other.requests(), 0, "the other port was asked");
}

#[test]
fn a_redirect_within_the_origin_is_followed_with_the_token() {
    let vault = Fake::start(|path, own| match path {
        "/v1/kv1/db" => Some(redirect("/v1/kv1/moved")),
        "/v1/kv1/moved" => Some(redirect(&format!("{own}/v1/kv1/here"))),
        "/v1/kv1/here" => Some(respond(200, "", KV1_DB)),
        _ => Some(respond(404, "", "{}")),
    });
    let child = run("child_kv1", &with_token(&vault.addr), temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!(
        "kv1 password: {} bytes",
        "password-of-the-fake".len()
    ));
    assert_eq!(vault.requests(), 3);
    assert_eq!(vault.requests_with(&format!("x-vault-token: {TOKEN}")), 3);
}

#[test]
fn a_redirect_loop_ends() {
    let vault = Fake::start(|_, _| Some(redirect("/v1/kv1/db")));
    let child = run("child_kv1", &with_token(&vault.addr), temp_dir().path());
    child.assert_failed_with("redirected more than 3 times");
    assert_eq!(vault.requests(), 4);
}

// ---- credentials in VAULT_ADDR ------------------------------------------------------

#[test]
fn credentials_in_vault_addr_are_never_shown() {
    const PASSWORD: &str = "canary-addr-pass-31c9";
    let with_userinfo = |addr: &str| addr.replace("http://", &format!("http://admin:{PASSWORD}@"));
    let denied = Fake::start(|_, _| Some(respond(403, "", r#"{"errors":["permission denied"]}"#)));
    let odd = Fake::start(|_, _| Some(respond(400, "", "{}")));
    let failing = Fake::start(|_, _| Some(respond(503, "", "{}")));
    let dead = server::dead_addr();
    let cases = [
        (dead.clone(), format!("{dead} is unreachable")),
        (denied.addr.clone(), format!("{} answered 403", denied.addr)),
        (odd.addr.clone(), format!("{} answered HTTP 400", odd.addr)),
        (
            failing.addr.clone(),
            format!("{} answered 503", failing.addr),
        ),
    ];
    for (addr, expected) in cases {
        let shown = with_userinfo(&addr);
        let child = run("child_kv1", &with_token(&shown), temp_dir().path());
        child.assert_failed_with(&expected);
        child.assert_hidden(&[PASSWORD, TOKEN]);
    }
    // the AppRole login's URL is shown too
    let login = with_userinfo(&odd.addr);
    let vars = [
        ("VAULT_ADDR", login.as_str()),
        ("VAULT_ROLE_ID", "role"),
        ("VAULT_SECRET_ID", SECRET_ID),
    ];
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with(&format!(
        "the AppRole login at {}/v1/auth/approle/login was refused",
        odd.addr
    ));
    child.assert_hidden(&[PASSWORD, SECRET_ID]);
}

// ---- what is retried ----------------------------------------------------------------

#[test]
fn a_tls_failure_is_not_retried() {
    let plain = Fake::blurting("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
    let https = plain.addr.replace("http://", "https://");
    let vars = [
        ("VAULT_ADDR", https.as_str()),
        ("VAULT_TOKEN", TOKEN),
        ("VAULT_MAX_RETRIES", "2"),
    ];
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with(&format!("TLS failure talking to {https}"));
    assert_eq!(plain.connections.load(Ordering::SeqCst), 1, "connections");
}

#[test]
fn a_timeout_names_the_attempts_and_the_time() {
    let silent = Fake::silent();
    let vars = [
        ("VAULT_ADDR", silent.addr.as_str()),
        ("VAULT_TOKEN", TOKEN),
        ("VAULT_MAX_RETRIES", "1"),
        ("VAULT_CLIENT_TIMEOUT", "1"),
    ];
    let child = run("child_kv1", &vars, temp_dir().path());
    child.assert_failed_with(&format!(
        "{} did not answer: timed out after 1 s, 2 attempts in 2.",
        silent.addr
    ));
    assert_eq!(silent.connections.load(Ordering::SeqCst), 2, "connections");
}

// ---- TLS against the dev server -----------------------------------------------------

/// The dev server's TLS listeners (`localhost` only) and its test CA's files.
struct Tls {
    vault: super::Server,
    port: String,
    mtls_port: String,
    dir: String,
}

impl Tls {
    fn file(&self, name: &str) -> String {
        format!("{}/{name}", self.dir)
    }

    /// Reads kv1/db through `addr` with the root token and `extra`.
    fn read(&self, addr: &str, extra: &[(&str, &str)]) -> super::Child {
        let mut vars = vec![
            ("VAULT_ADDR", addr),
            ("VAULT_TOKEN", self.vault.root_token.as_str()),
            ("VAULT_MAX_RETRIES", "0"),
        ];
        vars.extend_from_slice(extra);
        let child = run("child_kv1", &vars, temp_dir().path());
        self.vault.assert_nothing_leaks(&child);
        child
    }

    fn read_ok(&self, addr: &str, extra: &[(&str, &str)]) {
        let child = self.read(addr, extra);
        child.assert_ok();
        child.assert_stdout(&format!(
            "kv1 password: {} bytes",
            self.vault.db_password.len()
        ));
    }
}

fn tls() -> Option<Tls> {
    let vault = super::server()?;
    let get = |name: &str| server::var("VAULT", name);
    match (get("TLS_PORT"), get("MTLS_PORT"), get("TLS_DIR")) {
        (Some(port), Some(mtls_port), Some(dir)) => Some(Tls {
            vault,
            port,
            mtls_port,
            dir,
        }),
        _ => server::missing("the Vault server's TLS listeners", "vault-dev.sh"),
    }
}

#[test]
fn vault_cacert_is_trusted_and_the_web_roots_are_not_enough() {
    let Some(t) = tls() else { return };
    let addr = format!("https://localhost:{}", t.port);
    t.read_ok(&addr, &[("VAULT_CACERT", &t.file("ca.pem"))]);
    let child = t.read(&addr, &[("VAULT_MAX_RETRIES", "2")]);
    child.assert_failed_with(&format!("TLS failure talking to {addr}"));
}

#[test]
fn vault_skip_verify_reads_booleans_as_vault_does() {
    let Some(t) = tls() else { return };
    let addr = format!("https://localhost:{}", t.port);
    for yes in ["t", "TRUE", "1"] {
        t.read_ok(&addr, &[("VAULT_SKIP_VERIFY", yes)]);
    }
    let child = t.read(&addr, &[("VAULT_SKIP_VERIFY", "F")]);
    child.assert_failed_with("TLS failure talking to");
    let child = t.read(&addr, &[("VAULT_SKIP_VERIFY", "canary-yes")]);
    child.assert_failed_with("VAULT_SKIP_VERIFY is not a boolean");
    child.assert_hidden(&["canary-yes"]);
}

#[test]
fn vault_capath_is_a_directory_of_ca_certificates() {
    let Some(t) = tls() else { return };
    let d = temp_dir();
    std::fs::copy(t.file("ca.pem"), d.path().join("test-ca.pem")).unwrap();
    std::fs::write(d.path().join("README"), "not a certificate").unwrap();
    let capath = d.path().display().to_string();
    t.read_ok(
        &format!("https://localhost:{}", t.port),
        &[("VAULT_CAPATH", &capath)],
    );
    let empty = temp_dir();
    let child = t.read(
        &format!("https://localhost:{}", t.port),
        &[("VAULT_CAPATH", &empty.path().display().to_string())],
    );
    child.assert_failed_with("no PEM certificate in it");
}

#[test]
fn vault_tls_server_name_is_the_name_checked() {
    let Some(t) = tls() else { return };
    // the certificate names `localhost`, not 127.0.0.1
    let addr = format!("https://127.0.0.1:{}", t.port);
    let ca = t.file("ca.pem");
    let child = t.read(&addr, &[("VAULT_CACERT", &ca)]);
    child.assert_failed_with(&format!("TLS failure talking to {addr}"));
    t.read_ok(
        &addr,
        &[
            ("VAULT_CACERT", &ca),
            ("VAULT_TLS_SERVER_NAME", "localhost"),
        ],
    );
}

#[test]
fn a_client_certificate_for_a_server_that_requires_one() {
    let Some(t) = tls() else { return };
    let addr = format!("https://localhost:{}", t.mtls_port);
    let (ca, cert, key) = (
        t.file("ca.pem"),
        t.file("client.pem"),
        t.file("client-key.pem"),
    );
    t.read_ok(
        &addr,
        &[
            ("VAULT_CACERT", &ca),
            ("VAULT_CLIENT_CERT", &cert),
            ("VAULT_CLIENT_KEY", &key),
        ],
    );
    let child = t.read(&addr, &[("VAULT_CACERT", &ca)]);
    child.assert_failed_with(&format!("TLS failure talking to {addr}"));
    // the CA's key is a valid key, but not the certificate's
    let wrong = t.file("ca-key.pem");
    let child = t.read(
        &addr,
        &[
            ("VAULT_CACERT", &ca),
            ("VAULT_CLIENT_CERT", &cert),
            ("VAULT_CLIENT_KEY", &wrong),
        ],
    );
    child.assert_failed_with("are not a pair: the key does not match the certificate");
    let child = t.read(
        &addr,
        &[("VAULT_CACERT", &ca), ("VAULT_CLIENT_CERT", &cert)],
    );
    child.assert_failed_with("VAULT_CLIENT_CERT is set but VAULT_CLIENT_KEY is not");
    let child = t.read(
        &addr,
        &[
            ("VAULT_CACERT", &ca),
            ("VAULT_CLIENT_CERT", &ca),
            ("VAULT_CLIENT_KEY", &cert),
        ],
    );
    child.assert_failed_with("no PEM private key in it");
}

// ---- response bodies ----------------------------------------------------------------

#[test]
fn a_body_without_a_length_is_read_whole_and_a_huge_one_is_refused() {
    // no Content-Length: the client's buffer starts small and is replaced as it fills
    let padding = "p".repeat(40 * 1024);
    let long = format!(r#"{{"data":{{"password":"password-of-the-fake","pad":"{padding}"}}}}"#);
    let unknown_length = Fake::start(move |_, _| {
        Some(format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{long}"
        ))
    });
    let child = run(
        "child_kv1",
        &with_token(&unknown_length.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!(
        "kv1 password: {} bytes",
        "password-of-the-fake".len()
    ));

    let huge = "h".repeat(1024 * 1024 + 1);
    let flood = Fake::start(move |_, _| {
        Some(format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n{huge}"
        ))
    });
    let child = run("child_kv1", &with_token(&flood.addr), temp_dir().path());
    child.assert_failed_with("sent a response larger than 1 MiB, which is not a secret");
}
