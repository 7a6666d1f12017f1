//! `secretguard`: check Rust sources and configuration files for hardcoded
//! secrets, list the secrets the code declares, or generate a key.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    secretguard_cli::command::run(&args)
}
