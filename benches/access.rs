//! What a secret costs: steady-state access of a loaded `#[jwt_secret]` static
//! against a hand-written `LazyLock<SecretString>` read from the environment,
//! and a first load through `secret!` against `std::env::var` plus a length check;
//! and the reader of a `refresh = "…"` static, `current()`.
//!
//!     cargo bench --bench access
//!
//! The process re-runs itself with `SG_BENCH_KEY` set, so no secret is needed.

use std::hint::black_box;
use std::process::Command;
use std::sync::LazyLock;

use criterion::{Criterion, criterion_group};
use secretguard::{ExposeSecret, JwtSecret, SecretString, jwt_secret, secret};

const VAR: &str = "SG_BENCH_KEY";

#[jwt_secret(env = "SG_BENCH_KEY")]
static MACRO_STATIC: JwtSecret;

#[jwt_secret(env = "SG_BENCH_KEY")]
static MACRO_STATIC_STRING: SecretString;

#[jwt_secret(env = "SG_BENCH_KEY", refresh = "1h")]
static REFRESHING: JwtSecret;

static HAND_WRITTEN: LazyLock<SecretString> =
    LazyLock::new(|| SecretString::from(std::env::var(VAR).expect("SG_BENCH_KEY is set by main")));

fn steady_state(c: &mut Criterion) {
    // load both before measuring: this group times access after the first load
    let _ = MACRO_STATIC.expose_secret().len() + MACRO_STATIC_STRING.expose_secret().len();
    let _ = HAND_WRITTEN.expose_secret().len();
    let mut group = c.benchmark_group("steady_state_access");
    group.bench_function("jwt_secret_static", |b| {
        b.iter(|| black_box(&MACRO_STATIC).expose_secret().len())
    });
    group.bench_function("jwt_secret_static_secret_string", |b| {
        b.iter(|| black_box(&MACRO_STATIC_STRING).expose_secret().len())
    });
    group.bench_function("hand_written_lazylock", |b| {
        b.iter(|| black_box(&HAND_WRITTEN).expose_secret().len())
    });
    // `refresh = "…"`: the generation check against this thread's copy, and an `Rc` count
    let _ = REFRESHING.current().expose_secret().len();
    group.bench_function("refreshing_static_current", |b| {
        b.iter(|| black_box(&REFRESHING).current().expose_secret().len())
    });
    group.finish();
}

fn first_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_load");
    group.bench_function("secret_macro_jwt_secret", |b| {
        b.iter(|| {
            let key: JwtSecret = secret!("SG_BENCH_KEY");
            black_box(key)
        })
    });
    group.bench_function("env_var_and_length_check", |b| {
        b.iter(|| {
            let value = std::env::var(black_box(VAR)).expect("set by main");
            assert!(value.len() >= 32);
            black_box(value)
        })
    });
    group.finish();
}

criterion_group!(benches, steady_state, first_load);

fn main() {
    if std::env::var_os(VAR).is_none() {
        // a fixed, obviously-not-a-secret benchmark key, only in this child's environment
        let exe = std::env::current_exe().expect("bench binary path");
        let status = Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(VAR, "b".repeat(44))
            .status()
            .expect("re-run the benchmark with its key set");
        std::process::exit(status.code().unwrap_or(1));
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
