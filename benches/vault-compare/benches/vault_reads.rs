//! 100 distinct KV v2 secrets read from a local OpenBao server, three ways, all
//! keeping one client across iterations as a service would:
//! - `secretguard`: the loader `secret!(vault = "secret/bench/N#value")` expands
//!   to (the `vault kv` CLI's name; the mount is discovered once, before timing);
//! - `vaultrs`: the `vaultrs` crate's `kv2::read`, one client, on a tokio runtime;
//! - `by_hand`: one ureq agent, GET `secret/data/bench/N`, serde_json, pick the
//!   field: the least any Vault client does;
//! - `preflight`: `secretguard::preflight()` over this binary's 100
//!   `secret!(vault = "secret/bench/N#value")` sites (written by build.rs),
//!   loaded concurrently — against `vaultrs`, 100 sequential reads, the issue's
//!   bar is half the time;
//! - `refreshing_static`: 100 reads of one `#[jwt_secret(vault = …, refresh =
//!   "1h")]` static, `current()`: what a request handler pays instead of a
//!   `secret!(vault = …)` per request.
//!
//!     source <(bash scripts/vault-dev.sh start)
//!     cd benches/vault-compare && cargo bench
//!
//! All three talk to the server directly, each over its own kept-alive connection.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use secretguard::__private::{Encoding, None, Site, Some, Source, Spec, VaultRef, try_load};
use secretguard::{ExposeSecret, SecretString};
use vaultrs::client::{VaultClient, VaultClientSettingsBuilder};

const SECRETS: usize = 100;

#[secretguard::jwt_secret(vault = "secret/bench/0#value", refresh = "1h")]
static REFRESHING: SecretString;

// the 100 registered sites `preflight` loads
include!(concat!(env!("OUT_DIR"), "/sites.rs"));

fn spec(i: usize) -> Spec<'static> {
    let path: &'static str = Box::leak(format!("secret/bench/{i}").into_boxed_str());
    let sources: &'static [Source] = Box::leak(Box::new([Source::Vault(VaultRef {
        path,
        version: None,
        field: Some("value"),
    })]));
    Spec {
        label: path,
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
    }
}

fn reads(c: &mut Criterion) {
    let addr = std::env::var("VAULT_ADDR")
        .expect("start the dev server: source <(bash scripts/vault-dev.sh start)");
    let token = std::env::var("VAULT_TOKEN").expect("VAULT_TOKEN from scripts/vault-dev.sh");
    let agent = ureq::Agent::new_with_config(
        ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build(),
    );
    for i in 0..SECRETS {
        let value = format!("bench-secret-{i:03}-{}", "x".repeat(32));
        let body = serde_json::json!({ "data": { "value": value } }).to_string();
        let response = agent
            .post(&format!("{addr}/v1/secret/data/bench/{i}"))
            .header("X-Vault-Token", &token)
            .send(body.as_str())
            .unwrap();
        assert!(
            response.status().is_success(),
            "seeding failed: {}",
            response.status()
        );
    }
    let specs: Vec<Spec<'static>> = (0..SECRETS).map(spec).collect();
    // creates secretguard's client and finds the mount
    let _ = try_load::<SecretString>(&specs[0]).unwrap();
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

    let mut group = c.benchmark_group("vault_100_kv2_reads");
    group.sample_size(20);
    group.bench_function("by_hand", |b| {
        b.iter(|| {
            (0..SECRETS)
                .map(|i| {
                    let mut response = agent
                        .get(&format!("{addr}/v1/secret/data/bench/{i}"))
                        .header("X-Vault-Token", &token)
                        .call()
                        .unwrap();
                    let json: serde_json::Value =
                        serde_json::from_slice(&response.body_mut().read_to_vec().unwrap())
                            .unwrap();
                    black_box(json["data"]["data"]["value"].as_str().unwrap()).len()
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
                        vaultrs::kv2::read(&vaultrs_client, "secret", &format!("bench/{i}"))
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
    let _ = REFRESHING.current();
    group.bench_function("refreshing_static", |b| {
        b.iter(|| {
            (0..SECRETS)
                .map(|_| black_box(&REFRESHING).current().expose_secret().len())
                .sum::<usize>()
        })
    });
    group.bench_function("preflight", |b| {
        b.iter(|| secretguard::preflight().unwrap())
    });
    group.finish();
}

criterion_group!(benches, reads);
criterion_main!(benches);
