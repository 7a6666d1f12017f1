//! Every engine entry point, on arbitrary strings in every context: no panics,
//! and no reason that carries the value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use secretguard_scan::{check_reference, scan_embed, scan_literal, Context, Rule};

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
        let Some(finding) = scan_literal(value, &context) else {
            continue;
        };
        // reasons are built from the context and fixed words only; a value that
        // happens to spell those words is not a leak
        let probe = scan_literal("fuzz-probe-value-Zq3C8xN1vT6bW0pL4mK9", &context);
        let in_template = probe.is_some_and(|p| p.reason.contains(value))
            || Rule::ALL.iter().any(|r| r.describe().contains(value))
            || name.contains(value);
        assert!(value.len() < 4 || in_template || !finding.reason.contains(value));
    }
    let _ = check_reference(s);
    let _ = scan_embed(name, value);
});
