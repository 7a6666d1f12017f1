//! 100 distinct secrets read from a local Vault-API server: through
//! secretguard's loader (the code `secret!(vault = …)` expands to) against
//! the same reads written by hand with the same HTTP client (one ureq agent,
//! GET, serde_json, pick the field): the least any Vault client does. Both
//! keep one client and its connection pool across iterations.
//!
//! The `vaultrs` crate was the intended baseline, but vaultrs 0.8 requires a
//! `request_id` in every response and RustyVault 0.2.1, the only Vault-API
//! server installable here, omits it, so vaultrs cannot read from it.
//!
//!     source <(bash scripts/vault-dev.sh start)
//!     cd benches/vault-compare && cargo bench
//!
//! The secrets are written by this bench (with the dev server's root token)
//! before measuring.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use secretguard::__private::{Encoding, Site, Source, Spec, try_load};
use secretguard::{ExposeSecret, SecretString};

const SECRETS: usize = 100;

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
        let body = serde_json::json!({ "value": value }).to_string();
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
    // the first load creates secretguard's client; both sides measure warm clients
    let _ = try_load::<SecretString>(specs[0]).unwrap();

    let mut group = c.benchmark_group("vault_100_reads");
    group.sample_size(20);
    group.bench_function("by_hand_ureq_serde_json", |b| {
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
criterion_main!(benches);
