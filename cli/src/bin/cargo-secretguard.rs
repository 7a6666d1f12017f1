//! `cargo-secretguard`: `secretguard` as a cargo subcommand, so that
//! `cargo secretguard check` works once it is on the `PATH`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    secretguard_cli::command::run_cargo_subcommand(&args)
}
