//! Per-thread overrides for tests (feature `testing`): the mechanics under `secretguard::testing`.
//!
//! Not an API of this crate: the facade's `secretguard::testing` wraps and
//! documents it, with examples that need the macros.
//!
//! A scope pushes its overrides on this thread's stack; every load
//! (`load.rs`) asks `resolve` first, a `LazySecret` asks `lazy` before its
//! cell, and a `RefreshingSecret` asks `refreshing` before its shared value.
//! Nothing here touches the process environment.

use core::any::Any;
use core::cell::{Cell, RefCell};
use core::marker::PhantomData;
use core::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::error::Error;
use crate::jwt::{Algorithm, JwtSecret};
use crate::lazy::LazySecret;
use crate::refresh::RefreshingSecret;
use crate::secret_types::boxed_bytes;
use crate::source::{Step, Trace};
use crate::spec::{Source, Spec};

/// Scopes open on any thread: while none is, every check is one relaxed load.
static OPEN_SCOPES: AtomicUsize = AtomicUsize::new(0);

/// The next scope's id, unique in the process, growing: a scope opened later
/// on a thread has a larger id than every scope below it.
static NEXT_SCOPE: AtomicU64 = AtomicU64::new(1);

thread_local! {
    static THREAD: RefCell<Overrides> = const { RefCell::new(Overrides::new()) };
    /// Set by [`lazy`] around a static's loader, answered by [`resolve`].
    static PROBE: Cell<Probe> = const { Cell::new(Probe::Idle) };
}

/// This thread's overrides and the statics' values loaded from them.
struct Overrides {
    /// Innermost last.
    scopes: Vec<ScopeFrame>,
    memo: Vec<Memo>,
}

impl Overrides {
    const fn new() -> Self {
        Overrides {
            scopes: Vec::new(),
            memo: Vec::new(),
        }
    }
}

struct ScopeFrame {
    id: u64,
    /// Name and value, as the variable would hold it (before decoding).
    entries: Vec<(String, Zeroizing<Vec<u8>>)>,
}

/// What a static showed while `scope` was the innermost: `None` is "no
/// override applies, read the static's own cell".
struct Memo {
    secret: usize,
    scope: u64,
    value: Option<Kept>,
}

/// A value loaded from an override, as its kind of static hands it out.
#[derive(Clone)]
enum Kept {
    /// A `LazySecret`'s: leaked, since it hands out `&'static T`.
    Leaked(&'static dyn Any),
    /// A `RefreshingSecret`'s: shared, since it hands out `Arc<T>`; dropped
    /// (and wiped) with the scope and the last guard.
    Shared(Arc<dyn Any + Send + Sync>),
}

/// Whether the loader a [`lazy`] check runs met an override.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Probe {
    Idle,
    /// A refreshing static's own load: its value is every thread's, so no
    /// override of this thread may answer it.
    Hidden,
    Asked,
    Matched,
    Unmatched,
}

/// Overrides open on this thread until dropped; `!Send`, so it is dropped
/// on the thread whose overrides it holds.
#[doc(hidden)]
#[derive(Debug)]
#[must_use = "the overrides end when this is dropped"]
pub struct Scope {
    id: u64,
    _this_thread: PhantomData<*const ()>,
}

/// Opens a scope of `overrides` on this thread.
///
/// # Panics
///
/// When a name appears twice in `overrides`.
#[doc(hidden)]
#[track_caller]
pub fn open<V: AsRef<[u8]>>(overrides: &[(&str, V)]) -> Scope {
    for (i, (name, _)) in overrides.iter().enumerate() {
        if overrides[..i].iter().any(|(earlier, _)| earlier == name) {
            panic!("{name} is overridden twice in one scope\n  help: give each name one value");
        }
    }
    let entries = overrides
        .iter()
        .map(|(name, value)| ((*name).to_owned(), Zeroizing::new(value.as_ref().to_vec())))
        .collect();
    let id = NEXT_SCOPE.fetch_add(1, Ordering::Relaxed);
    THREAD.with_borrow_mut(|t| t.scopes.push(ScopeFrame { id, entries }));
    OPEN_SCOPES.fetch_add(1, Ordering::Relaxed);
    Scope {
        id,
        _this_thread: PhantomData,
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        let id = self.id;
        // a scope dropped while the thread's locals are destroyed has nothing to restore
        let _ = THREAD.try_with(|t| {
            let mut t = t.borrow_mut();
            t.scopes.retain(|s| s.id != id);
            // what statics showed in this scope, or in one opened after it, is stale
            t.memo.retain(|m| m.scope < id);
        });
        OPEN_SCOPES.fetch_sub(1, Ordering::Relaxed);
    }
}

/// How an override appears among the places looked at.
fn place(name: &str) -> String {
    format!("{name} (overridden on this thread by secretguard::testing)")
}

/// The override on this thread that applies to `spec`, recorded in `trace`;
/// `None`: load from the sources.
///
/// The innermost scope naming the secret wins; within a scope, its label
/// (the `#[jwt_secret]` item, else the first source as written) comes before
/// its `env = …` sources, in chain order.
#[inline]
pub(crate) fn resolve(spec: &Spec<'_>, trace: &mut Trace) -> Option<Step> {
    if OPEN_SCOPES.load(Ordering::Relaxed) == 0 {
        return None;
    }
    let asked = match PROBE.get() {
        Probe::Hidden => return None,
        probe => probe == Probe::Asked,
    };
    let found = THREAD.with_borrow(|t| {
        let names = || {
            let env = spec.sources.iter().filter_map(|s| match s {
                Source::Env(name) => Some(*name),
                _ => None,
            });
            core::iter::once(spec.label).chain(env)
        };
        t.scopes
            .iter()
            .rev()
            .find_map(|scope| {
                names().find_map(|name| scope.entries.iter().find(|(n, _)| n == name))
            })
            .map(|(name, value)| (place(name), Zeroizing::new(value.to_vec())))
    });
    if asked {
        PROBE.set(match found {
            Some(_) => Probe::Matched,
            None => Probe::Unmatched,
        });
    }
    match found {
        Some((place, value)) => Some(trace.value(place, value)),
        // a static's check: no override, so its own cell answers, not this load
        None if asked => Some(Step::Missing),
        None => None,
    }
}

/// A static's value while an override applies to it on this thread, or the
/// report of that override's failure; `None`: its own cell.
#[inline]
pub(crate) fn lazy<T: 'static>(
    secret: &LazySecret<T>,
    load: fn() -> Result<T, Error>,
) -> Option<Result<&'static T, Error>> {
    if OPEN_SCOPES.load(Ordering::Relaxed) == 0 {
        return None;
    }
    lazy_in_scope(core::ptr::from_ref(secret).addr(), load)
}

/// [`lazy`] with a scope open somewhere: an override's value is leaked once
/// per (static, innermost scope), since the static hands out `&T` for as
/// long as it lives and no cell of its own may hold it.
#[cold]
#[inline(never)]
fn lazy_in_scope<T: 'static>(
    secret: usize,
    load: fn() -> Result<T, Error>,
) -> Option<Result<&'static T, Error>> {
    in_scope(
        secret,
        load,
        |kept| match kept {
            Kept::Leaked(value) => value.downcast_ref::<T>(),
            Kept::Shared(_) => None,
        },
        |value| {
            let value: &'static T = Box::leak(Box::new(value));
            (value, Kept::Leaked(value))
        },
    )
}

/// A refreshing static's value while an override applies to it on this
/// thread, or the report of that override's failure; `None`: its own shared
/// value, which an override never touches.
#[inline]
pub(crate) fn refreshing<T: Send + Sync + 'static>(
    secret: &RefreshingSecret<T>,
    load: fn() -> Result<T, Error>,
) -> Option<Result<Arc<T>, Error>> {
    if OPEN_SCOPES.load(Ordering::Relaxed) == 0 {
        return None;
    }
    refreshing_in_scope(core::ptr::from_ref(secret).addr(), load)
}

/// [`refreshing`] with a scope open somewhere: an override's value is
/// loaded once per (static, innermost scope) and kept in an `Arc`, not
/// leaked — the static hands out owned guards, not `&'static T`.
#[cold]
#[inline(never)]
fn refreshing_in_scope<T: Send + Sync + 'static>(
    secret: usize,
    load: fn() -> Result<T, Error>,
) -> Option<Result<Arc<T>, Error>> {
    in_scope(
        secret,
        load,
        |kept| match kept {
            Kept::Shared(value) => Arc::clone(value).downcast::<T>().ok(),
            Kept::Leaked(_) => None,
        },
        |value| {
            let value = Arc::new(value);
            (Arc::clone(&value), Kept::Shared(value))
        },
    )
}

/// The memo of `secret` in this thread's innermost scope, or its loader run
/// once with the probe: an override's value is kept for the scope (`keep`
/// says how its static hands it out); no override is remembered as `None`;
/// a failure is not remembered, like a static's own.
fn in_scope<T, V>(
    secret: usize,
    load: fn() -> Result<T, Error>,
    recall: impl Fn(&Kept) -> Option<V>,
    keep: impl FnOnce(T) -> (V, Kept),
) -> Option<Result<V, Error>> {
    let scope = THREAD.with_borrow(|t| t.scopes.last().map(|s| s.id))?;
    let memo = THREAD.with_borrow(|t| {
        t.memo
            .iter()
            .find(|m| m.secret == secret && m.scope == scope)
            .map(|m| m.value.clone())
    });
    match memo {
        Some(None) => return None,
        Some(Some(kept)) => {
            if let Some(value) = recall(&kept) {
                return Some(Ok(value));
            }
        }
        None => {}
    }
    let (loaded, matched) = probe(load);
    if !matched {
        remember(secret, scope, None);
        return None;
    }
    let value = match loaded {
        Ok(value) => value,
        // not kept: the next access reports it afresh, as a static's own failure is
        Err(e) => return Some(Err(e)),
    };
    let (value, kept) = keep(value);
    remember(secret, scope, Some(kept));
    Some(Ok(value))
}

/// Runs a refreshing static's own load (its first, `refresh_now`) with this
/// thread's overrides out of sight: what it loads is shared with every
/// thread and the refresher, so it comes from the real sources only.
pub(crate) fn unscoped<T>(load: fn() -> Result<T, Error>) -> Result<T, Error> {
    if OPEN_SCOPES.load(Ordering::Relaxed) == 0 {
        return load();
    }
    let _restore = Restore(PROBE.replace(Probe::Hidden));
    load()
}

/// Puts back the probe of an enclosing load, also when the loader panics.
struct Restore(Probe);

impl Drop for Restore {
    fn drop(&mut self) {
        PROBE.set(self.0);
    }
}

/// Runs a static's loader, telling its load to use an override or nothing.
fn probe<T>(load: fn() -> Result<T, Error>) -> (Result<T, Error>, bool) {
    let restore = Restore(PROBE.replace(Probe::Asked));
    let loaded = load();
    let matched = PROBE.get() == Probe::Matched;
    drop(restore);
    (loaded, matched)
}

fn remember(secret: usize, scope: u64, value: Option<Kept>) {
    THREAD.with_borrow_mut(|t| {
        t.memo.retain(|m| !(m.secret == secret && m.scope == scope));
        t.memo.push(Memo {
            secret,
            scope,
            value,
        });
    });
}

/// The base64url alphabet: every key [`random_jwt_secret`] makes is printable.
const PRINTABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A random key of `alg`'s RFC 7518 length, in base64url characters.
///
/// # Panics
///
/// When the OS random number generator fails.
#[doc(hidden)]
pub fn random_jwt_secret(alg: Algorithm) -> JwtSecret {
    let mut key = Zeroizing::new(vec![0u8; alg.min_key_len()]);
    getrandom::fill(&mut key).expect("the OS random number generator failed");
    for byte in key.iter_mut() {
        // 256 is a multiple of 64: each character equally likely
        *byte = PRINTABLE[usize::from(*byte & 63)];
    }
    JwtSecret::from_secret_bytes(boxed_bytes(key), alg).expect("the key has the algorithm's length")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::Encoding;
    use crate::error::{Outcome, Site};
    use crate::load::try_load;
    use crate::refresh::ThreadCache;
    use crate::{ExposeSecret, SecretString};

    const SITE: Site = Site {
        file: "src/main.rs",
        line: 1,
        column: 1,
    };

    /// `#[jwt_secret(env = "SG_UNIT_FIRST", env = "SG_UNIT_SECOND")] static SG_UNIT_ITEM`.
    static CHAIN: Spec = Spec {
        label: "SG_UNIT_ITEM",
        sources: &[Source::Env("SG_UNIT_FIRST"), Source::Env("SG_UNIT_SECOND")],
        encoding: Encoding::Utf8,
        min_len: None,
        alg: None,
        dotenv: false,
        site: SITE,
    };

    fn loaded(spec: &Spec<'_>) -> Option<String> {
        try_load::<SecretString>(spec)
            .ok()
            .map(|s| s.expose_secret().to_owned())
    }

    #[test]
    fn an_override_matches_the_label_or_any_env_source_label_first() {
        assert_eq!(loaded(&CHAIN), None);
        let _by_second = open(&[("SG_UNIT_SECOND", "second")]);
        assert_eq!(loaded(&CHAIN).as_deref(), Some("second"));
        {
            let _both = open(&[("SG_UNIT_FIRST", "first"), ("SG_UNIT_ITEM", "item")]);
            assert_eq!(loaded(&CHAIN).as_deref(), Some("item"));
        }
        assert_eq!(loaded(&CHAIN).as_deref(), Some("second"));
    }

    #[test]
    fn an_override_is_its_own_place_in_the_report() {
        let _scope = open(&[("SG_UNIT_FIRST", "abc")]);
        let spec = Spec {
            min_len: Some(8),
            ..Spec::env(
                "SG_UNIT_FIRST",
                CHAIN.sources,
                false,
                SITE.file,
                SITE.line,
                SITE.column,
            )
        };
        let err = try_load::<SecretString>(&spec).unwrap_err();
        let places: Vec<String> = err.lookups().iter().map(ToString::to_string).collect();
        assert_eq!(
            places,
            ["SG_UNIT_FIRST (overridden on this thread by secretguard::testing): 3 bytes"]
        );
        assert_eq!(err.lookups()[0].outcome(), &Outcome::Value { len: 3 });
    }

    #[test]
    fn a_static_checks_its_loader_once_per_scope() {
        static LOADS: AtomicUsize = AtomicUsize::new(0);
        static ITEM: LazySecret<SecretString> = LazySecret::new(|| {
            LOADS.fetch_add(1, Ordering::Relaxed);
            try_load(&CHAIN)
        });
        let scope = open(&[("SG_UNIT_ITEM", "scoped")]);
        for _ in 0..3 {
            assert_eq!(ITEM.expose_secret(), "scoped");
        }
        assert_eq!(LOADS.load(Ordering::Relaxed), 1);
        drop(scope);
        assert!(
            LazySecret::try_force(&ITEM).is_err(),
            "the override is gone"
        );
        let _unrelated = open(&[("SG_UNIT_OTHER", "x")]);
        for _ in 0..3 {
            assert!(LazySecret::try_force(&ITEM).is_err());
        }
        // the scope's check, then each access's own load of the (unset) cell
        assert_eq!(LOADS.load(Ordering::Relaxed), 2 + 3 + 1);
    }

    #[test]
    fn a_refreshing_static_checks_once_per_scope_and_drops_the_value_with_it() {
        static LOADS: AtomicUsize = AtomicUsize::new(0);
        thread_local! {
            static CACHE: ThreadCache<SecretString> = const { ThreadCache::new() };
        }
        static ITEM: RefreshingSecret<SecretString> = RefreshingSecret::new(
            "SG_UNIT_ITEM",
            SITE,
            3600,
            || {
                LOADS.fetch_add(1, Ordering::Relaxed);
                try_load(&CHAIN)
            },
            &CACHE,
        );
        let scope = open(&[("SG_UNIT_ITEM", "scoped")]);
        let kept = Arc::downgrade(&ITEM.snapshot());
        for _ in 0..3 {
            assert_eq!(ITEM.current().expose_secret(), "scoped");
        }
        assert_eq!(LOADS.load(Ordering::Relaxed), 1);
        // the static's own load, shared with every thread, never sees an override
        assert!(ITEM.refresh_now().is_err(), "SG_UNIT_* are not set");
        assert_eq!(ITEM.current().expose_secret(), "scoped");
        drop(scope);
        assert!(kept.upgrade().is_none(), "the scope's value went with it");
        assert!(ITEM.try_current().is_err(), "the override is gone");
        assert!(
            !ITEM.status().is_loaded(),
            "and never reached the shared value"
        );
    }

    #[test]
    #[should_panic(expected = "SG_UNIT_TWICE is overridden twice in one scope")]
    fn a_name_twice_in_one_scope_is_refused() {
        let _scope = open(&[("SG_UNIT_TWICE", "a"), ("SG_UNIT_TWICE", "b")]);
    }

    #[test]
    fn random_keys_are_printable_and_of_the_algorithms_length() {
        for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
            let key = random_jwt_secret(alg);
            assert_eq!(key.expose_secret().len(), alg.min_key_len());
            assert!(key.expose_secret().iter().all(|b| PRINTABLE.contains(b)));
        }
    }
}
