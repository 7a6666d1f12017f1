//! What the integration tests share: child processes with a controlled
//! environment, a fault-injecting HTTP proxy, and the dev servers' variables.
// each test binary uses part of it
#![allow(dead_code, unused_imports)]

pub mod child;
pub mod proxy;
pub mod server;

pub(crate) use child::child_case;
pub use child::{Child, run};

/// A fresh, empty directory for one child: its working directory and `HOME`.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Runs `future` to completion on a current-thread tokio runtime, the way an
/// async caller would reach a loader.
pub fn in_tokio<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("tokio runtime")
        .block_on(future)
}
