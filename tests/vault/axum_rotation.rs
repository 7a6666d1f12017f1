//! `examples/axum_jwt.rs` (its routes and its `KEYS`, compiled in here)
//! served in a child process against OpenBao while the child rotates the key:
//! a token signed before the rotation still verifies, new tokens carry the new
//! key's `kid`, and a token of an unrelated key is refused. The child seeds
//! `secret/axum-example/jwt` with a key of its own first, so it knows both
//! keys; `secret/app/jwt`, which other tests read, is not touched.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use base64::Engine as _;
use secretguard::{Algorithm, JwtKey, JwtSecret};

use crate::support::{run, temp_dir};

#[path = "../../examples/axum_jwt.rs"]
#[allow(dead_code)] // its `main` is the example's, not called here
mod example;

/// `child_case!` for this module: the child is named by its path.
macro_rules! axum_case {
    ($name:ident, $body:block) => {
        #[test]
        #[ignore = "child process, run by its parent test"]
        fn $name() {
            if crate::support::child::is_child(concat!("axum_rotation::", stringify!($name))) {
                $body
            }
        }
    };
}

/// A fresh printable key: 32 random bytes, base64url (43 bytes, over HS256's 32).
fn random_key() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).unwrap();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The `kid` `JwtKeySet` gives `key` (its RFC 7638 thumbprint).
fn kid_of(key: &str) -> String {
    let secret = JwtSecret::new(key.as_bytes().to_vec(), Algorithm::HS256).unwrap();
    JwtKey::new(secret).kid().to_owned()
}

/// Writes a new version of KV v2 `secret/axum-example/jwt` with `key` at the
/// server's own address (`SG_AX_DIRECT`) and the child's root token.
fn rotate_to(key: &str) {
    let addr = std::env::var("SG_AX_DIRECT").expect("the parent sets SG_AX_DIRECT");
    let token = std::env::var("VAULT_TOKEN").expect("the parent sets VAULT_TOKEN");
    let host = addr.trim_start_matches("http://");
    let body = format!("{{\"data\":{{\"key\":\"{key}\"}}}}");
    let (status, _) = http(
        host,
        "POST /v1/secret/data/axum-example/jwt",
        &[
            ("X-Vault-Token", &token),
            ("Content-Type", "application/json"),
        ],
        &body,
    );
    assert!(
        (200..300).contains(&status),
        "the write was refused: {status}"
    );
}

/// One HTTP/1.1 request (`request` is "METHOD /path"), `Connection: close`;
/// the status and the body.
fn http(host: &str, request: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!("{request} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

/// `POST /login` as `user`: the token.
fn login(service: &str, user: &str) -> String {
    let (status, body) = http(
        service,
        "POST /login",
        &[("Content-Type", "application/json")],
        &format!("{{\"username\":\"{user}\"}}"),
    );
    assert_eq!(status, 200, "login: {body}");
    serde_json::from_str::<example::Token>(&body).unwrap().token
}

/// `GET /me` with `token`: the status, and the claims' `sub` when 200.
fn me(service: &str, token: &str) -> (u16, Option<String>) {
    let bearer = format!("Bearer {token}");
    let (status, body) = http(service, "GET /me", &[("Authorization", &bearer)], "");
    let sub = serde_json::from_str::<example::Claims>(&body)
        .ok()
        .map(|claims| claims.sub);
    (status, sub)
}

fn kid(token: &str) -> String {
    jsonwebtoken::decode_header(token)
        .unwrap()
        .kid
        .expect("a kid")
}

/// The example's service on a free loopback port, on its own thread.
fn start_service() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()
            .unwrap()
            .block_on(async {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                example::serve(listener).await
            })
    });
    addr
}

axum_case!(child_rotation, {
    let first = random_key();
    rotate_to(&first);
    let service = start_service().to_string();

    let token_a = login(&service, "ada");
    println!(
        "token A kid is the first key's: {}",
        kid(&token_a) == kid_of(&first)
    );
    println!("token A at /me: {:?}", me(&service, &token_a));

    let second = random_key();
    rotate_to(&second);
    // the service re-reads every 2 s: poll logins until one carries a new kid
    let start = Instant::now();
    let token_b = loop {
        let token = login(&service, "grace");
        if kid(&token) != kid(&token_a) {
            break Some(token);
        }
        if start.elapsed() > Duration::from_secs(20) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let token_b = token_b.expect("a token of the new key within 20 s");
    println!("rotation seen after {} ms", start.elapsed().as_millis());
    println!(
        "token B kid is the second key's: {}",
        kid(&token_b) == kid_of(&second)
    );
    println!("token A after the rotation: {:?}", me(&service, &token_a));
    println!("token B: {:?}", me(&service, &token_b));

    // an unrelated key, claiming to be the current one, and without a kid
    let stranger = jsonwebtoken::EncodingKey::from_secret(random_key().as_bytes());
    let claims = serde_json::json!({ "sub": "mallory", "iat": 0, "exp": 4_102_444_800u64 });
    let header = jsonwebtoken::Header {
        kid: Some(kid(&token_b)),
        ..Default::default()
    };
    let forged = jsonwebtoken::encode(&header, &claims, &stranger).unwrap();
    println!("forged with the current kid: {:?}", me(&service, &forged));
    let forged =
        jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &stranger).unwrap();
    println!("forged without a kid: {:?}", me(&service, &forged));
    let (status, _) = http(&service, "GET /me", &[], "");
    println!("no token: {status}");
});

#[test]
fn the_axum_example_verifies_old_tokens_and_signs_with_the_rotated_key() {
    let Some(s) = super::server() else { return };
    let vars = [
        ("VAULT_ADDR", s.addr.as_str()),
        ("VAULT_TOKEN", &s.root_token),
        ("SG_AX_DIRECT", &s.addr),
    ];
    let child = run("axum_rotation::child_rotation", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout("token A kid is the first key's: true");
    child.assert_stdout("token A at /me: (200, Some(\"ada\"))");
    child.assert_stdout("token B kid is the second key's: true");
    child.assert_stdout("token A after the rotation: (200, Some(\"ada\"))");
    child.assert_stdout("token B: (200, Some(\"grace\"))");
    child.assert_stdout("forged with the current kid: (401, None)");
    child.assert_stdout("forged without a kid: (401, None)");
    child.assert_stdout("no token: 401");
    s.assert_nothing_leaks(&child);
}
