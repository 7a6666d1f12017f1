//! `secretguard check` on one file: parse arbitrary text as Rust, walk it,
//! its commented-out code and its doc comments; and the lexical pre-pass, which must never
//! clear a file in which the walk finds anything, nor (as a test file's) one
//! in which it finds what test code reports.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let trigger = secretguard_scan::prefilter::prefilter(source);
    let test_file_trigger = secretguard_scan::prefilter::prefilter_test_file(source);
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
        let reported_in_tests = report
            .hits
            .iter()
            .filter(|h| !h.finding.stand_in && h.finding.rule.is_reported_in_tests())
            .count()
            + report.bad_allows.len();
        assert!(
            reported_in_tests == 0 || test_file_trigger.is_some(),
            "the test-file pre-pass cleared a file with {reported_in_tests} findings reported in test code"
        );
    }
});
