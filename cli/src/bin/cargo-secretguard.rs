//! `cargo-secretguard`: `secretguard` as a cargo subcommand, so that
//! `cargo secretguard check` works once it is on the `PATH`.

use std::process::ExitCode;

/// syn's parse allocates and frees per token: see the `mimalloc` feature.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    secretguard_cli::command::run_cargo_subcommand(&args)
}
