//! `secretguard check` on one file: parse arbitrary text as Rust, walk it,
//! its commented-out code and its doc comments; and the lexical pre-pass, which must never
//! clear a file in which the walk finds anything.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let trigger = secretguard_scan::prefilter::prefilter(source);
    // a program's doc comments, read apart from the pre-pass (never panics)
    let _ = secretguard_scan::walk::walk_doc_comments(source);
    if let Ok(file) = syn::parse_file(source) {
        let mut report = secretguard_scan::walk::walk_file(&file);
        report
            .hits
            .extend(secretguard_scan::walk::walk_commented_code(source).hits);
        if !report.hits.is_empty() || !report.bad_allows.is_empty() {
            assert!(
                trigger.is_some(),
                "the pre-pass cleared a file with {} findings",
                report.hits.len() + report.bad_allows.len()
            );
        }
    }
});
