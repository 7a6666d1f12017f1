//! `--baseline FILE`: the findings of an earlier run, recorded as a report
//! (`secretguard check --format json > FILE`, the gitleaks convention, or a
//! SARIF report), so a run reports only what is new.
//!
//! Findings are matched by fingerprint alone, so a recorded finding stays
//! recorded when the code around it moves; the report holds no value, so the
//! baseline holds none either.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use crate::{FINGERPRINT_KEY, Summary};

/// The fingerprints of a recorded report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    fingerprints: HashSet<String>,
}

const RECORD_HELP: &str = "help: record the baseline with `secretguard check --format json > FILE`";

impl Baseline {
    /// Reads a report written by `secretguard check --format json` (or
    /// `--format sarif`). The error names the file and what is wrong with
    /// it, then a `help:` line.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let shown = path.display().to_string();
        let help = RECORD_HELP.replace("FILE", &shown);
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the baseline `{shown}`: {e}\n{help}"))?;
        Baseline::parse(&text)
            .map_err(|problem| format!("the baseline `{shown}` {problem}\n{help}"))
    }

    /// Parses a report's text; the error completes "the baseline `FILE` …".
    pub fn parse(text: &str) -> Result<Baseline, String> {
        let doc: Value =
            serde_json::from_str(text).map_err(|e| format!("is not a JSON report: {e}"))?;
        let fingerprints = if let Some(findings) = doc.get("findings") {
            let findings = findings
                .as_array()
                .ok_or("has `findings` that is not a list")?;
            findings
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    f.get("fingerprint")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                        .ok_or_else(|| {
                            format!("has a finding without a `fingerprint` (findings[{i}])")
                        })
                })
                .collect::<Result<_, _>>()?
        } else if let Some(runs) = doc.get("runs").and_then(Value::as_array) {
            let mut fingerprints = HashSet::new();
            for (r, run) in runs.iter().enumerate() {
                let results = run.get("results").and_then(Value::as_array);
                for (i, result) in results.into_iter().flatten().enumerate() {
                    let fingerprint = result
                        .get("partialFingerprints")
                        .and_then(|p| p.get(FINGERPRINT_KEY))
                        .and_then(Value::as_str)
                        .ok_or_else(|| {
                            format!(
                                "has a SARIF result without a `{FINGERPRINT_KEY}` fingerprint (runs[{r}].results[{i}])"
                            )
                        })?;
                    fingerprints.insert(fingerprint.to_owned());
                }
            }
            fingerprints
        } else {
            return Err(
                "is neither a `secretguard check --format json` report (no `findings` list) nor SARIF (no `runs`)"
                    .to_owned(),
            );
        };
        Ok(Baseline { fingerprints })
    }

    /// Whether a finding with this fingerprint was recorded.
    pub fn contains(&self, fingerprint: &str) -> bool {
        self.fingerprints.contains(fingerprint)
    }

    /// How many findings were recorded.
    pub fn len(&self) -> usize {
        self.fingerprints.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.fingerprints.is_empty()
    }
}

impl Summary {
    /// Drops the findings `baseline` recorded, counting them in `baselined`.
    pub fn remove_baselined(&mut self, baseline: &Baseline) {
        let before = self.findings.len();
        self.findings.retain(|f| !baseline.contains(&f.fingerprint));
        self.baselined += before - self.findings.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_json_and_sarif_reports() {
        let json = r#"{"findings": [{"fingerprint": "aa"}, {"fingerprint": "bb"}]}"#;
        let baseline = Baseline::parse(json).unwrap();
        assert!(baseline.contains("aa") && baseline.contains("bb") && !baseline.contains("cc"));
        let sarif =
            r#"{"runs": [{"results": [{"partialFingerprints": {"secretguard/v1": "dd"}}]}]}"#;
        assert!(Baseline::parse(sarif).unwrap().contains("dd"));
        assert!(Baseline::parse(r#"{"findings": []}"#).unwrap().is_empty());
    }

    #[test]
    fn says_what_is_wrong() {
        for (text, expected) in [
            (
                "{",
                "is not a JSON report: EOF while parsing an object at line 1 column 1",
            ),
            (
                "[]",
                "is neither a `secretguard check --format json` report",
            ),
            (r#"{"findings": 3}"#, "has `findings` that is not a list"),
            (
                r#"{"findings": [{"fingerprint": "aa"}, {"rule": "jwt"}]}"#,
                "has a finding without a `fingerprint` (findings[1])",
            ),
            (
                r#"{"runs": [{"results": [{"ruleId": "jwt"}]}]}"#,
                "has a SARIF result without a `secretguard/v1` fingerprint (runs[0].results[0])",
            ),
        ] {
            let error = Baseline::parse(text).unwrap_err();
            assert!(error.starts_with(expected), "{text}: {error}");
        }
    }
}
