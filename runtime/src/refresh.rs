//! `RefreshingSecret`: what `#[jwt_secret(refresh = "…")] static NAME: T;`
//! becomes, re-read in the background and swapped under its readers.

mod schedule;

use core::cell::RefCell;
use core::fmt;
use core::ops::Deref;
use core::time::Duration;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::thread::LocalKey;
use std::time::SystemTime;

use arc_swap::ArcSwapOption;

use crate::error::{Error, Site};

#[cfg(feature = "vault")]
pub(crate) use schedule::note_lease;

/// The shortest `refresh` interval, and the shortest wait before any re-read
/// (a lease about to end, a retry): the macros refuse anything shorter.
pub const MIN_REFRESH: Duration = Duration::from_secs(1);

/// The longest wait between retries after a failed refresh; retries start at
/// one second and double up to this, or up to the interval when it is shorter.
pub const MAX_RETRY_BACKOFF: Duration = Duration::from_secs(300);

/// A secret loaded on first access and then re-read in the background every
/// interval: what `#[jwt_secret(refresh = "15m")]` turns a `static NAME: T;` into.
///
/// [`current`](RefreshingSecret::current) returns the value as of now: no
/// lock, no clock read, no I/O and no locked instruction — a plain atomic
/// load of the value's generation, compared with the one this thread last
/// read, and a non-atomic count on this thread's copy of the `Arc`. The
/// first access loads (or [`preflight`](crate::preflight) does); from then on
/// one thread shared by every refreshing secret of the process,
/// `secretguard-refresh`, re-reads each when its interval has passed — sooner
/// when the source says its value expires (a Vault lease) — and swaps the new
/// value in. A reader never waits for a refresh and never sees half of one:
/// it holds either the old value or the new one, whole.
///
/// A refresh that fails — the source unreachable, or a value that breaks the
/// rules (too short, bad encoding) — changes nothing readers see: the last
/// good value is served, the failure is recorded in
/// [`status`](RefreshingSecret::status) (and logged as a `tracing` event with
/// the `tracing` feature; never the value), and the refresh is retried after
/// 1 s, 2 s, 4 s, … up to the interval or [`MAX_RETRY_BACKOFF`].
///
/// Unlike [`LazySecret`](crate::LazySecret) it does not dereference to `T`:
/// a `&T` that lives as long as the static would keep the old value forever.
/// [`Current`] is a short-lived handle for this thread (it is not `Send`, so
/// an `async` block holding one across an `.await` is not `Send` either: the
/// compiler stops it), and [`snapshot`](RefreshingSecret::snapshot) an
/// `Arc<T>` to keep across `.await`s or hand to another thread.
///
/// Each thread keeps the value it last read, so that the next read costs no
/// shared write: after a refresh, the old value is dropped (and wiped) once
/// every thread that read it has read again or exited, and every `Current`
/// and `snapshot` of it is gone. A thread that read the secret once and then
/// sleeps keeps the old value until it wakes.
///
/// ```ignore
/// use secretguard::{jwt_secret, ExposeSecret, JwtSecret};
///
/// #[jwt_secret(env = "JWT_SECRET", refresh = "15m")]
/// static JWT_KEY: JwtSecret;
///
/// fn sign(claims: &str) -> String {
///     let key = JWT_KEY.current(); // the value as of now, whole
///     sign_with(key.expose_secret(), claims)
/// }
///
/// // a health check
/// let status = JWT_KEY.status();
/// if status.consecutive_failures() > 0 {
///     eprintln!("JWT_KEY is stale: {}", status.last_error().unwrap());
/// }
/// ```
///
/// (The `#[jwt_secret]` docs of the `secretguard` crate have a runnable example.)
pub struct RefreshingSecret<T: 'static> {
    name: &'static str,
    site: Site,
    interval: Duration,
    load: fn() -> Result<T, Error>,
    shared: OnceLock<Arc<Shared<T>>>,
    cache: &'static LocalKey<ThreadCache<T>>,
}

/// What a thread last read of one [`RefreshingSecret`]: the value and its
/// generation. The macros declare one `thread_local!` per refreshing static.
#[doc(hidden)]
pub struct ThreadCache<T>(RefCell<Option<Cached<T>>>);

struct Cached<T> {
    generation: u64,
    #[expect(
        clippy::redundant_allocation,
        reason = "the Rc is this thread's own count on the shared Arc: no atomic per read"
    )]
    value: Rc<Arc<T>>,
}

impl<T> ThreadCache<T> {
    #[doc(hidden)]
    pub const fn new() -> Self {
        ThreadCache(RefCell::new(None))
    }
}

impl<T> Default for ThreadCache<T> {
    fn default() -> Self {
        ThreadCache::new()
    }
}

/// What the static and the refresher share: the value and its record.
struct Shared<T> {
    name: &'static str,
    site: Site,
    interval: Duration,
    load: fn() -> Result<T, Error>,
    value: ArcSwapOption<T>,
    /// Bumped after each store into `value` (0: nothing stored yet); a
    /// thread whose cached generation is this one has the current value.
    generation: AtomicU64,
    /// Also held for the whole of the first load, so there is one at a time.
    record: Mutex<Record>,
}

#[derive(Clone, Default)]
struct Record {
    loads: u64,
    last_success: Option<SystemTime>,
    last_attempt: Option<SystemTime>,
    consecutive_failures: u32,
    last_error: Option<Error>,
    next_attempt: Option<SystemTime>,
    lease: Option<Duration>,
    scheduled: bool,
}

impl<T: Send + Sync + 'static> RefreshingSecret<T> {
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        site: Site,
        interval_secs: u64,
        load: fn() -> Result<T, Error>,
        cache: &'static LocalKey<ThreadCache<T>>,
    ) -> Self {
        RefreshingSecret {
            name,
            site,
            interval: Duration::from_secs(interval_secs),
            load,
            shared: OnceLock::new(),
            cache,
        }
    }

    /// The value as of now; the first call loads it.
    ///
    /// # Panics
    ///
    /// With the full [`Error`] report when no value has been loaded yet and
    /// this first load fails (the next call tries again). Once a value is
    /// loaded it never panics: a failed refresh keeps serving it.
    #[inline]
    #[track_caller]
    pub fn current(&self) -> Current<T> {
        match self.try_current() {
            Ok(current) => current,
            Err(e) => failed(e),
        }
    }

    /// The value as of now, or the [`Error`] of a failed first load; a later
    /// call tries again.
    #[inline]
    pub fn try_current(&self) -> Result<Current<T>, Error> {
        #[cfg(feature = "testing")]
        if let Some(overridden) = crate::testing::refreshing(self, self.load) {
            // this thread's override; the shared value is neither read nor touched
            return overridden.map(|value| Current(Rc::new(value)));
        }
        if let Some(shared) = self.shared.get() {
            // Acquire: the value stored before this generation is visible
            let generation = shared.generation.load(Ordering::Acquire);
            if generation != 0 {
                let cached = self.cache.try_with(|cache| match &*cache.0.borrow() {
                    Some(cached) if cached.generation == generation => {
                        Some(Current(Rc::clone(&cached.value)))
                    }
                    _ => None,
                });
                if let Ok(Some(current)) = cached {
                    return Ok(current);
                }
                return Ok(self.reread(shared, generation));
            }
        }
        self.first_load()
    }

    /// This thread's first read, or its first since a refresh: the shared
    /// value, kept for this thread's next reads. (Also a read while this
    /// thread's locals are being destroyed, which keeps nothing.)
    #[cold]
    #[inline(never)]
    fn reread(&self, shared: &Shared<T>, generation: u64) -> Current<T> {
        // stored before `generation` was published: this or a newer value
        let value = match shared.value.load_full() {
            Some(value) => Rc::new(value),
            None => unreachable!("a generation is published after its value"),
        };
        let old = self.cache.try_with(|cache| {
            let cached = Cached {
                generation,
                value: Rc::clone(&value),
            };
            // the old value is dropped outside the borrow: its Drop is the user's
            cache.0.borrow_mut().replace(cached)
        });
        drop(old);
        Current(value)
    }

    /// The value as of now as an `Arc`, to keep across an `.await` or hand to
    /// another thread; the first call loads it.
    ///
    /// # Panics
    ///
    /// As [`current`](RefreshingSecret::current).
    #[track_caller]
    pub fn snapshot(&self) -> Arc<T> {
        Current::into_arc(self.current())
    }

    /// Re-reads the secret now, on this thread, and swaps it in; on failure
    /// the value is kept and the failure recorded, as for a background
    /// refresh. Loads it for the first time if needed. The background
    /// schedule is not changed.
    pub fn refresh_now(&self) -> Result<(), Error> {
        let shared = self.shared();
        if shared.generation.load(Ordering::Acquire) == 0 {
            return self.first_load().map(drop);
        }
        shared.refresh().map(drop)
    }

    /// How the refreshes have gone: loads, failures, the last error. A lock
    /// and a copy: for health checks and metrics, not for the request path.
    pub fn status(&self) -> RefreshStatus {
        let record = match self.shared.get() {
            Some(shared) => shared.record().clone(),
            None => Record::default(),
        };
        RefreshStatus {
            interval: self.interval,
            record,
        }
    }

    /// The declared `refresh` interval.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// [`RefreshingSecret::try_current`] for `preflight`, through the registry.
    #[doc(hidden)]
    pub fn preflight(this: &Self) -> Result<(), Error> {
        this.try_current().map(drop)
    }

    fn shared(&self) -> &Arc<Shared<T>> {
        self.shared.get_or_init(|| {
            Arc::new(Shared {
                name: self.name,
                site: self.site,
                interval: self.interval,
                load: self.load,
                value: ArcSwapOption::const_empty(),
                generation: AtomicU64::new(0),
                record: Mutex::new(Record::default()),
            })
        })
    }

    /// The first access, or one after a failed first load. One at a time:
    /// those who waited find the value loaded.
    #[cold]
    #[inline(never)]
    fn first_load(&self) -> Result<Current<T>, Error> {
        let shared = self.shared();
        let mut record = shared.record();
        let generation = shared.generation.load(Ordering::Acquire);
        if generation != 0 {
            return Ok(self.reread(shared, generation));
        }
        let (result, lease) = shared.attempt();
        let value = shared.settle(&mut record, result, lease)?;
        let generation = shared.publish(value);
        let delay = shared.next_delay(&record);
        record.next_attempt = Some(SystemTime::now() + delay);
        if !record.scheduled {
            record.scheduled = true;
            drop(record);
            schedule::add(Arc::clone(shared) as Arc<dyn schedule::Job>, delay);
        }
        Ok(self.reread(shared, generation))
    }
}

impl<T: Send + Sync + 'static> Shared<T> {
    /// Swaps `value` in, then publishes a new generation, which sends every
    /// thread back to the shared value on its next read.
    fn publish(&self, value: Arc<T>) -> u64 {
        self.value.store(Some(value));
        // Release: a reader that sees this generation sees the value stored above
        self.generation.fetch_add(1, Ordering::Release) + 1
    }

    fn record(&self) -> MutexGuard<'_, Record> {
        // a panicking loader is caught; nothing is left half-done behind the lock
        self.record.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// One re-read: the new value swapped in, or the failure recorded.
    fn refresh(&self) -> Result<Duration, Error> {
        let (result, lease) = self.attempt();
        let mut record = self.record();
        let outcome = self.settle(&mut record, result, lease);
        let delay = match &outcome {
            Ok(_) => self.next_delay(&record),
            Err(_) => backoff(record.consecutive_failures, self.interval),
        };
        record.next_attempt = Some(SystemTime::now() + delay);
        drop(record);
        match outcome {
            Ok(value) => {
                self.publish(value);
                #[cfg(feature = "tracing")]
                tracing::debug!(secret = self.name, "secretguard: secret refreshed");
                Ok(delay)
            }
            Err(e) => {
                #[cfg(feature = "tracing")]
                tracing::warn!(
                    secret = self.name,
                    consecutive_failures = self.record().consecutive_failures,
                    retry_in_s = delay.as_secs(),
                    error = %e,
                    "secretguard: refresh failed; serving the last good value"
                );
                Err(e)
            }
        }
    }

    /// Runs the loader; a panic in it (a user's `FromSecret`) is a failed
    /// attempt, not the end of the refresher thread, and its message (which
    /// the panic hook printed) is not repeated. Also returns the lease a
    /// source reported during the load.
    fn attempt(&self) -> (Result<T, Error>, Option<Duration>) {
        schedule::take_lease();
        // with `testing`, this thread's overrides do not answer a load every thread shares
        #[cfg(feature = "testing")]
        let load = || crate::testing::unscoped(self.load);
        #[cfg(not(feature = "testing"))]
        let load = self.load;
        let result = catch_unwind(AssertUnwindSafe(load))
            .unwrap_or_else(|_| Err(Error::load_panicked(self.name, self.site)));
        (result, schedule::take_lease())
    }

    /// Records one attempt's outcome; the value, ready to swap in, on success.
    fn settle(
        &self,
        record: &mut Record,
        result: Result<T, Error>,
        lease: Option<Duration>,
    ) -> Result<Arc<T>, Error> {
        let now = SystemTime::now();
        record.last_attempt = Some(now);
        match result {
            Ok(value) => {
                record.loads += 1;
                record.last_success = Some(now);
                record.consecutive_failures = 0;
                record.last_error = None;
                record.lease = lease;
                Ok(Arc::new(value))
            }
            Err(e) => {
                record.consecutive_failures = record.consecutive_failures.saturating_add(1);
                record.last_error = Some(e.clone());
                Err(e)
            }
        }
    }

    /// After a success: the interval, or two thirds of the source's lease if
    /// that is sooner, never under [`MIN_REFRESH`].
    fn next_delay(&self, record: &Record) -> Duration {
        let before_lease_ends = record.lease.map(|lease| lease * 2 / 3);
        before_lease_ends
            .map_or(self.interval, |l| l.min(self.interval))
            .max(MIN_REFRESH)
    }
}

impl<T: Send + Sync + 'static> schedule::Job for Shared<T> {
    fn run(&self) -> Duration {
        match self.refresh() {
            Ok(delay) => delay,
            Err(_) => backoff(self.record().consecutive_failures, self.interval),
        }
    }
}

/// 1 s, 2 s, 4 s, … after the first, second, third failure, up to the
/// interval or [`MAX_RETRY_BACKOFF`], whichever is shorter.
fn backoff(failures: u32, interval: Duration) -> Duration {
    let doubled = MIN_REFRESH.saturating_mul(1 << failures.saturating_sub(1).min(16));
    doubled
        .min(interval)
        .min(MAX_RETRY_BACKOFF)
        .max(MIN_REFRESH)
}

#[cold]
#[inline(never)]
#[track_caller]
fn failed(e: Error) -> ! {
    panic!("{e}")
}

/// The value of a [`RefreshingSecret`] as of the call that returned it;
/// dereferences to `T`.
///
/// It keeps that value alive, whole, while a refresh swaps in a newer one;
/// the old value is dropped (and wiped) when nothing holds it any more. It
/// is not `Send`: it belongs to the thread that read it, so holding one
/// across an `.await` makes the future `!Send` — take a
/// [`snapshot`](RefreshingSecret::snapshot) there, or call [`Current::into_arc`].
/// One kept for hours keeps an old secret in memory.
///
/// ```compile_fail
/// # fn is_send<T: Send>(_: T) {}
/// # fn check(current: secretguard_runtime::Current<String>) {
/// is_send(current);
/// # }
/// ```
pub struct Current<T>(
    #[expect(
        clippy::redundant_allocation,
        reason = "a count on this thread's copy of the shared Arc: no atomic per read"
    )]
    Rc<Arc<T>>,
);

impl<T> Current<T> {
    /// The value as an `Arc<T>`, to keep or to send to another thread.
    pub fn into_arc(this: Self) -> Arc<T> {
        Arc::clone(&this.0)
    }
}

impl<T> Deref for Current<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for Current<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// How the refreshes of a [`RefreshingSecret`] have gone, from
/// [`RefreshingSecret::status`]. Holds no value; its `Debug` and the
/// [`Error`] in it never show one.
#[derive(Clone)]
pub struct RefreshStatus {
    interval: Duration,
    record: Record,
}

impl RefreshStatus {
    /// The declared `refresh` interval.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Whether a value has been loaded (and is being served).
    pub fn is_loaded(&self) -> bool {
        self.record.loads > 0
    }

    /// Successful loads so far, the first one included.
    pub fn loads(&self) -> u64 {
        self.record.loads
    }

    /// When the value being served was read.
    pub fn last_success(&self) -> Option<SystemTime> {
        self.record.last_success
    }

    /// When a load was last tried, successful or not.
    pub fn last_attempt(&self) -> Option<SystemTime> {
        self.record.last_attempt
    }

    /// Failed attempts since the last success; 0 when the last one worked.
    pub fn consecutive_failures(&self) -> u32 {
        self.record.consecutive_failures
    }

    /// The report of the last attempt, if it failed: the same [`Error`] a
    /// failed load gives (names, places, help; never the value).
    pub fn last_error(&self) -> Option<&Error> {
        self.record.last_error.as_ref()
    }

    /// When the background refresher will next re-read the secret; `None`
    /// before the first load.
    pub fn next_attempt(&self) -> Option<SystemTime> {
        self.record.next_attempt
    }

    /// The lease the source gave the value being served (Vault's
    /// `lease_duration`), if any; refreshes come at two thirds of it when
    /// that is sooner than the interval.
    pub fn lease(&self) -> Option<Duration> {
        self.record.lease
    }
}

impl fmt::Debug for RefreshStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.record;
        f.debug_struct("RefreshStatus")
            .field("interval", &self.interval)
            .field("loads", &r.loads)
            .field("last_success", &r.last_success)
            .field("last_attempt", &r.last_attempt)
            .field("consecutive_failures", &r.consecutive_failures)
            .field("last_error", &r.last_error.as_ref().map(Error::kind))
            .field("next_attempt", &r.next_attempt)
            .field("lease", &r.lease)
            .finish()
    }
}

impl<T: fmt::Debug + Send + Sync + 'static> fmt::Debug for RefreshingSecret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.shared.get().and_then(|s| s.value.load_full());
        let mut f = f.debug_struct("RefreshingSecret");
        f.field("name", &self.name)
            .field("interval", &self.interval);
        match &value {
            Some(value) => f.field("value", value),
            None => f.field("value", &format_args!("<not loaded>")),
        };
        f.field("status", &self.status()).finish()
    }
}
