//! `secretguard`: check Rust sources and configuration files for hardcoded
//! secrets, list the secrets the code declares, or generate a key.

use std::process::ExitCode;

/// syn's parse allocates and frees per token: see the `mimalloc` feature.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    secretguard_cli::command::run(&args)
}
