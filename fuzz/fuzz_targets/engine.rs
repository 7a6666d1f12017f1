//! Every engine entry point, on arbitrary strings in every context.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretguard_scan::{check_reference, scan_embed, scan_literal, Context};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // the first line may name the context, the rest is the literal
    let (name, value) = s.split_once('\n').unwrap_or(("db_password", s));
    for context in [
        Context::Plain,
        Context::Binding(name),
        Context::KeyConstructor(name),
        Context::EnvFallback(Some(name)),
        Context::EnvFallback(None),
    ] {
        if let Some(finding) = scan_literal(value, &context) {
            // a reason may name the binding, never the value
            assert!(value.len() < 8 || name.contains(value) || !finding.reason.contains(value));
        }
    }
    let _ = check_reference(s);
    let _ = scan_embed(name, value);
});
