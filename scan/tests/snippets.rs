//! The walker over the Rust snippets of the corpus (code and commented-out
//! code, as `check` walks them): each file says how many findings it holds
//! (`// expect: N`), and every marked line is one of them.
#![cfg(feature = "syn")]

use secretguard_scan::walk::{walk_commented_code, walk_file};

#[test]
fn snippets_have_exactly_the_expected_findings() {
    let dir = format!("{}/tests/corpus/snippets", env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        let expected: usize = source
            .lines()
            .find_map(|l| l.strip_prefix("// expect: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("{} has no `// expect: N`", path.display()));
        let file = syn::parse_file(&source).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut report = walk_file(&file);
        report.hits.extend(walk_commented_code(&source).hits);
        let found: Vec<String> = report
            .hits
            .iter()
            .map(|h| {
                format!(
                    "{}:{} {}",
                    path.display(),
                    h.span.start().line,
                    h.finding.rule.id()
                )
            })
            .collect();
        assert_eq!(found.len(), expected, "{found:#?}");
        // each finding sits on a line whose comment names its rule
        for hit in &report.hits {
            let line = source.lines().nth(hit.span.start().line - 1).unwrap();
            assert!(
                line.ends_with(&format!("// {}", hit.finding.rule.id())),
                "{line}"
            );
        }
        assert!(report.bad_allows.is_empty());
        checked += 1;
    }
    assert!(checked >= 7, "{checked} snippet files");
}
