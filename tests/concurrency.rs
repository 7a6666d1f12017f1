//! First access of a `#[jwt_secret]` static from many threads: loaded once, a failure reported to each and retried.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use secretguard::{
    ExposeSecret, FromSecret, LazySecret, Rejection, SecretBytes, SecretOptions, SecretString,
    jwt_secret,
};
use support::{child_case, run, temp_dir};

/// How many times the loader produced a value.
static LOADS: AtomicUsize = AtomicUsize::new(0);

/// A secret type whose loading is counted, and slow enough that every thread
/// arrives while the first load is still running.
struct Counted(SecretBytes);

impl FromSecret for Counted {
    fn from_secret(value: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
        LOADS.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(50));
        Ok(Counted(value))
    }
}

#[jwt_secret(env = "SG_RACE")]
static RACED: Counted;

const THREADS: usize = 16;

child_case!(child_race, {
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let value: &Counted = &RACED;
                (
                    value as *const Counted as usize,
                    value.0.expose_secret().len(),
                )
            })
        })
        .collect();
    let seen: Vec<(usize, usize)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let mut addresses: Vec<usize> = seen.iter().map(|&(a, _)| a).collect();
    addresses.dedup();
    println!(
        "threads={} loads={} distinct_addresses={} len={}",
        seen.len(),
        LOADS.load(Ordering::SeqCst),
        addresses.len(),
        seen[0].1
    );
});

#[test]
fn sixteen_threads_racing_on_first_access_load_exactly_once() {
    let dir = temp_dir();
    let child = run("child_race", &[("SG_RACE", "r".repeat(40))], dir.path());
    child.assert_ok();
    child.assert_stdout("threads=16 loads=1 distinct_addresses=1 len=40");
}

// ---- a load that fails ---------------------------------------------------------------

#[jwt_secret(env = "SG_FLAKY")]
static FLAKY: SecretString;

const FAILING_THREADS: usize = 8;

/// Each of `FAILING_THREADS` threads dereferences `secret` at once; the panic
/// message each one got.
fn race_to_panic<T: Send + Sync>(secret: &'static LazySecret<T>) -> Vec<String> {
    let barrier = Arc::new(Barrier::new(FAILING_THREADS));
    let threads: Vec<_> = (0..FAILING_THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let _: &T = secret;
                }))
                .expect_err("the load fails");
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .unwrap_or_else(|| format!("{:?}", panic.downcast_ref::<&str>()))
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

child_case!(child_failed_load, {
    std::panic::set_hook(Box::new(|_| {}));
    let reports = race_to_panic(&FLAKY);
    let full = reports
        .iter()
        .filter(|r| {
            r.starts_with("secret FLAKY could not be read")
                && r.contains("looked at:")
                && r.contains("help:")
        })
        .count();
    let poisoned = reports.iter().filter(|r| r.contains("poisoned")).count();
    println!("full reports={full} poisoned={poisoned}");
    let err = LazySecret::try_force(&FLAKY).expect_err("still failing");
    println!("try_force: {:?}", err.kind());
    // the deployment is fixed while the process runs: the file appears
    let path = std::env::var("SG_FLAKY_FILE").unwrap();
    std::fs::write(&path, "now-present\n").unwrap();
    let len = FLAKY.expose_secret().len();
    let again = LazySecret::try_force(&FLAKY).map(|s| s.expose_secret().len());
    println!("after the fix: len={len} try_force={again:?}");
});

#[test]
fn a_failed_load_reports_in_full_to_every_thread_and_is_retried() {
    let dir = temp_dir();
    let file = dir.path().join("flaky");
    let child = run("child_failed_load", &[("SG_FLAKY_FILE", &file)], dir.path());
    child.assert_ok();
    child.assert_stdout("full reports=8 poisoned=0");
    child.assert_stdout("try_force: Unreadable");
    child.assert_stdout("after the fix: len=11 try_force=Ok(11)");
}

/// Load attempts of `SLOW_FAILING`.
static ATTEMPTS: AtomicUsize = AtomicUsize::new(0);

/// A secret type whose conversion fails slowly, so every thread waits on the first attempt.
struct SlowlyRejected;

impl FromSecret for SlowlyRejected {
    fn from_secret(_: SecretBytes, _: &SecretOptions<'_>) -> Result<Self, Rejection> {
        ATTEMPTS.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(200));
        Err(Rejection::invalid("rejected for the test"))
    }
}

#[jwt_secret(env = "SG_SLOW")]
static SLOW_FAILING: SlowlyRejected;

child_case!(child_shared_failure, {
    std::panic::set_hook(Box::new(|_| {}));
    let reports = race_to_panic(&SLOW_FAILING);
    let full = reports
        .iter()
        .filter(|r| r.contains("rejected for the test") && r.contains("help:"))
        .count();
    let attempts = ATTEMPTS.load(Ordering::SeqCst);
    println!("full reports={full} shared={}", attempts < FAILING_THREADS);
    let _ = LazySecret::try_force(&SLOW_FAILING);
    println!(
        "a later access tries again: {}",
        ATTEMPTS.load(Ordering::SeqCst) == attempts + 1
    );
});

#[test]
fn threads_waiting_on_a_failed_load_share_its_report_and_the_next_access_retries() {
    let dir = temp_dir();
    let child = run("child_shared_failure", &[("SG_SLOW", "value")], dir.path());
    child.assert_ok();
    child.assert_stdout("full reports=8 shared=true");
    child.assert_stdout("a later access tries again: true");
}
