//! `secretguard check` on one file: parse arbitrary text as Rust, walk it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(file) = syn::parse_file(source) {
        let _ = secretguard_scan::walk::walk_file(&file);
    }
});
