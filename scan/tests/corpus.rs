//! Precision and recall of the engine over the labelled corpus in
//! `tests/corpus/` (made by `tests/corpus/generate.py`, fixed seed).

use secretguard_scan::{Context, scan_literal};

struct Case {
    line: usize,
    context: String,
    value: String,
}

fn load(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let (context, value) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{name}:{}: no tab", i + 1));
            Case {
                line: i + 1,
                context: context.to_owned(),
                value: value.replace("\\n", "\n"),
            }
        })
        .collect()
}

fn detects(case: &Case) -> bool {
    let context = match case.context.split_once(':') {
        Some(("binding", name)) => Context::Binding(name),
        Some(("call", callee)) => Context::KeyConstructor(callee),
        Some(("fallback", var)) => Context::EnvFallback(Some(var)),
        None if case.context == "plain" => Context::Plain,
        _ => panic!("line {}: unknown context {}", case.line, case.context),
    };
    scan_literal(&case.value, &context).is_some()
}

#[test]
fn precision_and_recall_meet_the_bar() {
    let secrets = load("secrets.tsv");
    let benign = load("benign.tsv");
    let missed: Vec<&Case> = secrets.iter().filter(|c| !detects(c)).collect();
    let false_alarms: Vec<&Case> = benign.iter().filter(|c| detects(c)).collect();
    let tp = (secrets.len() - missed.len()) as f64;
    let fp = false_alarms.len() as f64;
    let precision = tp / (tp + fp);
    let recall = tp / secrets.len() as f64;
    println!(
        "corpus: {} secrets, {} benign; precision {precision:.3}, recall {recall:.3}",
        secrets.len(),
        benign.len()
    );
    // the corpus is made up, so its values may be shown; real findings never are
    for c in &missed {
        println!(
            "  missed   secrets.tsv:{} [{}] {}",
            c.line, c.context, c.value
        );
    }
    for c in &false_alarms {
        println!(
            "  flagged  benign.tsv:{} [{}] {}",
            c.line, c.context, c.value
        );
    }
    assert!(precision >= 0.98, "precision {precision:.3} < 0.98");
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");
}
