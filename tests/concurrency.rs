//! First access of a `#[jwt_secret]` static from many threads loads it once.

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::time::Duration;

use secretguard::{ExposeSecret, FromSecret, Rejection, SecretBytes, SecretOptions, jwt_secret};
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
