//! The one background thread, `secretguard-refresh`, that re-reads every
//! refreshing secret of the process when it is due, and the lease a source
//! reports while it loads.

use core::cell::Cell;
use core::time::Duration;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

/// A refreshing secret, as the thread sees it: re-read it, say when next.
pub(super) trait Job: Send + Sync {
    /// Re-reads the secret; returns how long until the next re-read.
    fn run(&self) -> Duration;
}

struct Queue {
    jobs: Vec<(Instant, Arc<dyn Job>)>,
    started: bool,
}

static QUEUE: Mutex<Queue> = Mutex::new(Queue {
    jobs: Vec::new(),
    started: false,
});
/// Woken when a job is added, which may be due before the one waited for.
static ADDED: Condvar = Condvar::new();

fn queue() -> MutexGuard<'static, Queue> {
    QUEUE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Re-reads `job` after `delay`, and every time it says after that. Starts
/// the thread on the first call.
pub(super) fn add(job: Arc<dyn Job>, delay: Duration) {
    let mut queue = queue();
    queue.jobs.push((Instant::now() + delay, job));
    if !queue.started {
        // a thread that cannot be started is tried again with the next secret;
        // until then values are served as loaded, and status shows no refresh
        queue.started = std::thread::Builder::new()
            .name("secretguard-refresh".to_owned())
            .spawn(run)
            .is_ok();
    }
    drop(queue);
    ADDED.notify_one();
}

/// Sleeps until the earliest job is due, runs it outside the lock, puts it
/// back at its next time. One job at a time: a slow source delays the others
/// by at most its own timeout.
fn run() {
    let mut queue = queue();
    loop {
        let now = Instant::now();
        let next = queue
            .jobs
            .iter()
            .enumerate()
            .min_by_key(|(_, (due, _))| *due)
            .map(|(index, (due, _))| (index, *due));
        queue = match next {
            None => ADDED.wait(queue).unwrap_or_else(PoisonError::into_inner),
            Some((index, due)) if due <= now => {
                let (_, job) = queue.jobs.swap_remove(index);
                drop(queue);
                let delay = job.run();
                let mut queue = self::queue();
                queue.jobs.push((Instant::now() + delay, job));
                queue
            }
            Some((_, due)) => {
                ADDED
                    .wait_timeout(queue, due - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0
            }
        };
    }
}

thread_local! {
    /// The shortest lease a source reported during the load running on this thread.
    static LEASE: Cell<Option<Duration>> = const { Cell::new(None) };
}

/// Called by a source that read a value with a lease (Vault's
/// `lease_duration`); the load that asked keeps the shortest.
#[cfg_attr(not(feature = "vault"), allow(dead_code))]
pub(crate) fn note_lease(lease: Duration) {
    LEASE.set(Some(LEASE.get().map_or(lease, |known| known.min(lease))));
}

/// The lease noted since the last call, and forgets it.
pub(super) fn take_lease() -> Option<Duration> {
    LEASE.take()
}
