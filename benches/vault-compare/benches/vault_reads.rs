//! 100 distinct secrets read from a local Vault-API server, three ways, all
//! keeping one client across iterations as a service would:
//! - `secretguard`: the loader `secret!(vault = …)` expands to;
//! - `vaultrs`: the `vaultrs` crate's `kv1::get`;
//! - `by_hand`: one ureq agent, GET, serde_json, pick the field — the least
//!   any Vault client does.
//!
//!     source <(bash scripts/vault-dev.sh start)
//!     cd benches/vault-compare && cargo bench
//!
//! vaultrs 0.8 requires a `request_id` in every response and RustyVault 0.2.1
//! omits it, so all three read through a small shim in this process that adds
//! one (and closes each connection, so no client gets pooled connections the
//! others lack). The shim costs every client the same.

use std::hint::black_box;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;

use criterion::{Criterion, criterion_group};
use secretguard::__private::{Encoding, Site, Source, Spec, try_load};
use secretguard::{ExposeSecret, SecretString};
use vaultrs::client::{VaultClient, VaultClientSettingsBuilder};

const SECRETS: usize = 100;
const SHIM: &str = "SG_BENCH_SHIM_ADDR";

fn specs() -> Vec<&'static Spec> {
    (0..SECRETS)
        .map(|i| {
            let reference: &'static str =
                Box::leak(format!("secret/bench/{i}#value").into_boxed_str());
            let sources: &'static [Source] = Box::leak(Box::new([Source::Vault(reference)]));
            &*Box::leak(Box::new(Spec {
                label: reference,
                sources,
                encoding: Encoding::Utf8,
                min_len: None,
                alg: None,
                dotenv: false,
                site: Site {
                    file: file!(),
                    line: line!(),
                    column: column!(),
                },
            }))
        })
        .collect()
}

fn reads(c: &mut Criterion) {
    // VAULT_ADDR is the shim here (set by `main` for this child process)
    let addr = std::env::var("VAULT_ADDR").unwrap();
    let token = std::env::var("VAULT_TOKEN").expect("VAULT_TOKEN from scripts/vault-dev.sh");
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    );
    for i in 0..SECRETS {
        let body =
            serde_json::json!({ "value": format!("bench-secret-{i:03}-{}", "x".repeat(32)) })
                .to_string();
        let response = agent
            .post(&format!("{addr}/v1/secret/bench/{i}"))
            .header("X-Vault-Token", &token)
            .send(body.as_str())
            .unwrap();
        assert!(
            response.status().is_success(),
            "seeding failed: {}",
            response.status()
        );
    }
    let specs = specs();
    let _ = try_load::<SecretString>(specs[0]).unwrap(); // creates secretguard's client
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let vaultrs_client = VaultClient::new(
        VaultClientSettingsBuilder::default()
            .address(&addr)
            .token(&token)
            .build()
            .unwrap(),
    )
    .unwrap();

    let mut group = c.benchmark_group("vault_100_reads");
    group.sample_size(20);
    group.bench_function("by_hand", |b| {
        b.iter(|| {
            (0..SECRETS)
                .map(|i| {
                    let mut response = agent
                        .get(&format!("{addr}/v1/secret/bench/{i}"))
                        .header("X-Vault-Token", &token)
                        .call()
                        .unwrap();
                    let json: serde_json::Value =
                        serde_json::from_slice(&response.body_mut().read_to_vec().unwrap())
                            .unwrap();
                    black_box(json["data"]["value"].as_str().unwrap()).len()
                })
                .sum::<usize>()
        })
    });
    group.bench_function("vaultrs", |b| {
        b.iter(|| {
            runtime.block_on(async {
                let mut total = 0;
                for i in 0..SECRETS {
                    let secret: std::collections::HashMap<String, String> =
                        vaultrs::kv1::get(&vaultrs_client, "secret", &format!("bench/{i}"))
                            .await
                            .unwrap();
                    total += black_box(&secret["value"]).len();
                }
                total
            })
        })
    });
    group.bench_function("secretguard", |b| {
        b.iter(|| {
            specs
                .iter()
                .map(|spec| {
                    try_load::<SecretString>(spec)
                        .unwrap()
                        .expose_secret()
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, reads);

fn main() {
    if std::env::var_os(SHIM).is_some() {
        benches();
        criterion::Criterion::default()
            .configure_from_args()
            .final_summary();
        return;
    }
    let upstream = std::env::var("VAULT_ADDR")
        .expect("start the dev server: source <(bash scripts/vault-dev.sh start)");
    let shim = start_shim(upstream.trim_start_matches("http://").to_owned());
    let status = Command::new(std::env::current_exe().unwrap())
        .args(std::env::args_os().skip(1))
        .env(SHIM, &shim)
        .env("VAULT_ADDR", &shim)
        .status()
        .unwrap();
    std::process::exit(status.code().unwrap_or(1));
}

/// Forwards each request (one per connection) and adds `"request_id"` to JSON answers.
fn start_shim(upstream: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let upstream = upstream.clone();
            std::thread::spawn(move || relay(client, &upstream));
        }
    });
    addr
}

fn relay(mut client: TcpStream, upstream: &str) {
    let mut reader = BufReader::new(client.try_clone().unwrap());
    let mut request = Vec::new();
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
        if line == "\r\n" {
            request.extend_from_slice(b"connection: close\r\n\r\n");
            break;
        }
        if !lower.starts_with("connection:") {
            request.extend_from_slice(line.as_bytes());
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    request.extend_from_slice(&body);
    let mut server = TcpStream::connect(upstream).unwrap();
    server.write_all(&request).unwrap();
    let mut response = Vec::new();
    server.read_to_end(&mut response).unwrap();
    let text = String::from_utf8_lossy(&response);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let body = match body.strip_prefix('{') {
        Some(rest) if !body.contains("\"request_id\"") => {
            format!("{{\"request_id\":\"shim\",{rest}")
        }
        _ => body.to_owned(),
    };
    let mut out: String = head
        .lines()
        .filter(|l| {
            let l = l.to_ascii_lowercase();
            !l.starts_with("connection:")
                && !l.starts_with("content-length:")
                && !l.starts_with("transfer-encoding:")
        })
        .map(|l| format!("{l}\r\n"))
        .collect();
    out.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    ));
    let _ = client.write_all(out.as_bytes());
}
