//! `LazySecret`: what `#[jwt_secret] static NAME: T;` becomes, loaded on first access and kept once loaded.

use core::fmt;
use core::ops::Deref;
use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::error::Error;

/// A secret loaded on first access and kept for the life of the process: what
/// `#[jwt_secret]` turns a `static NAME: T;` into.
///
/// Dereferences to `T`. Concurrent first accesses load once; later accesses are a
/// plain read. A load that fails is not kept: dereferencing panics with the full
/// [`Error`] report, and the next access loads again, so a source that was down
/// at the first request does not fail the process for good. Threads that were
/// waiting on a load that failed get that load's report rather than each
/// waiting out a load of its own.
///
/// Call [`LazySecret::force`] at start-up to fail there rather than at the
/// first request, or [`LazySecret::try_force`] to handle the error yourself;
/// see `#[jwt_secret]` for an example.
pub struct LazySecret<T: 'static> {
    value: OnceLock<T>,
    load: fn() -> Result<T, Error>,
    /// Held while a load runs; keeps the last failure for those who waited on it.
    loading: Mutex<Option<Error>>,
    /// Failed loads so far, read before waiting for `loading` to tell a
    /// failure that happened while waiting from one that happened before.
    failures: AtomicUsize,
}

impl<T> LazySecret<T> {
    #[doc(hidden)]
    pub const fn new(load: fn() -> Result<T, Error>) -> Self {
        LazySecret {
            value: OnceLock::new(),
            load,
            loading: Mutex::new(None),
            failures: AtomicUsize::new(0),
        }
    }

    /// Loads the secret now if it is not loaded yet, and returns it.
    ///
    /// # Panics
    ///
    /// With the full [`Error`] report when the load fails.
    #[inline]
    #[track_caller]
    pub fn force(this: &Self) -> &T {
        #[cfg(feature = "testing")]
        if let Some(overridden) = crate::testing::lazy(this, this.load) {
            // a match, not a closure: the panic is located at the caller
            return match overridden {
                Ok(value) => value,
                Err(e) => failed(e),
            };
        }
        // the loaded case is a plain atomic read; everything else is out of line
        match this.value.get() {
            Some(value) => value,
            None => this.load_or_panic(),
        }
    }

    /// Loads the secret now if it is not loaded yet, and returns it, or the
    /// [`Error`] of this attempt; a later call tries again.
    #[inline]
    pub fn try_force(this: &Self) -> Result<&T, Error> {
        #[cfg(feature = "testing")]
        if let Some(overridden) = crate::testing::lazy(this, this.load) {
            return overridden;
        }
        match this.value.get() {
            Some(value) => Ok(value),
            None => this.load_once(),
        }
    }

    /// [`LazySecret::try_force`] for `preflight`, through the registry.
    #[doc(hidden)]
    pub fn preflight(this: &Self) -> Result<(), Error> {
        Self::try_force(this).map(drop)
    }

    /// The first access, or one after a failed load: loads, or panics with the report.
    #[cold]
    #[inline(never)]
    #[track_caller]
    fn load_or_panic(&self) -> &T {
        match self.load_once() {
            Ok(value) => value,
            Err(e) => failed(e),
        }
    }

    /// One load at a time; those who waited on a failed one share its report.
    #[cold]
    #[inline(never)]
    fn load_once(&self) -> Result<&T, Error> {
        let failures_before = self.failures.load(Ordering::Acquire);
        // a panicking `FromSecret` leaves nothing half-done behind the lock
        let mut last_failure = self.loading.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(value) = self.value.get() {
            return Ok(value);
        }
        if self.failures.load(Ordering::Acquire) != failures_before
            && let Some(e) = &*last_failure
        {
            return Err(e.clone());
        }
        match (self.load)() {
            Ok(value) => {
                *last_failure = None;
                Ok(self.value.get_or_init(|| value))
            }
            Err(e) => {
                *last_failure = Some(e.clone());
                self.failures.fetch_add(1, Ordering::Release);
                Err(e)
            }
        }
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn failed(e: Error) -> ! {
    panic!("{e}")
}

impl<T> Deref for LazySecret<T> {
    type Target = T;

    /// # Panics
    ///
    /// With the full [`Error`] report when the load fails.
    #[inline]
    #[track_caller]
    fn deref(&self) -> &T {
        LazySecret::force(self)
    }
}

impl<T: fmt::Debug> fmt::Debug for LazySecret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value.get() {
            Some(value) => f.debug_tuple("LazySecret").field(value).finish(),
            None => f.write_str("LazySecret(<not loaded>)"),
        }
    }
}
