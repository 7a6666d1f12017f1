// Expanded code uses absolute paths: a user's own `Option`, `Result`, `core`
// or `secretguard` items do not break it.
#![allow(dead_code)]

use secretguard::{secret, SecretString};

struct Option;
struct Result;
struct Some;
mod core {}
fn file() {}
fn line() {}

fn load() -> SecretString {
    secret!("API_KEY", min_len = 8)
}

fn main() {}
