//! `LazySecret`: what `#[jwt_secret] static NAME: T;` becomes, loaded once on first access.

use core::fmt;
use core::ops::Deref;
use std::sync::LazyLock;

/// A secret loaded on first access, once per process: what `#[jwt_secret]` turns a
/// `static NAME: T;` into.
///
/// Dereferences to `T`. Concurrent first accesses load once; later accesses are a
/// plain read. A load that fails panics with the [`Error`](crate::Error) report, on that and
/// every later access.
///
/// Call [`LazySecret::force`] at start-up to fail there rather than at the
/// first request; see `#[jwt_secret]` for an example.
pub struct LazySecret<T: 'static> {
    cell: LazyLock<T, fn() -> T>,
}

impl<T> LazySecret<T> {
    #[doc(hidden)]
    pub const fn new(load: fn() -> T) -> Self {
        LazySecret {
            cell: LazyLock::new(load),
        }
    }

    /// Loads the secret now if it is not loaded yet, and returns it.
    #[inline]
    pub fn force(this: &Self) -> &T {
        LazyLock::force(&this.cell)
    }
}

impl<T> Deref for LazySecret<T> {
    type Target = T;

    #[inline]
    fn deref(&self) -> &T {
        &self.cell
    }
}

impl<T: fmt::Debug> fmt::Debug for LazySecret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("LazySecret").field(&self.cell).finish()
    }
}
