//! Renders a summary as rustc-style text, JSON, or SARIF 2.1.0.

use serde_json::{Value, json};

use secretguard_scan::Rule;

use crate::{ALLOW_WITHOUT_REASON, Summary};

/// An output format of `secretguard check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics, then a one-line summary.
    Human,
    /// One JSON document: findings, errors, files checked.
    Json,
    /// SARIF 2.1.0, as GitHub code scanning reads it.
    Sarif,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "human" | "text" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "sarif" => Ok(Format::Sarif),
            other => Err(format!(
                "unknown format `{other}`: expected human, json or sarif"
            )),
        }
    }
}

/// The whole report in `format`. Source lines are never quoted: they would
/// print the secret into a terminal or a CI log.
pub fn render(summary: &Summary, format: Format) -> String {
    match format {
        Format::Human => human(summary),
        Format::Json => {
            serde_json::to_string_pretty(&json_report(summary)).unwrap_or_default() + "\n"
        }
        Format::Sarif => serde_json::to_string_pretty(&sarif(summary)).unwrap_or_default() + "\n",
    }
}

fn human(summary: &Summary) -> String {
    let mut out = String::new();
    for f in &summary.findings {
        out.push_str(&format!(
            "error[{}]: {}\n  --> {}:{}:{}\n   = help: {}\n\n",
            f.id(),
            f.message,
            f.path,
            f.line,
            f.column,
            f.help()
        ));
    }
    for e in &summary.errors {
        let at = if e.line > 0 {
            format!("{}:{}:{}", e.path, e.line, e.column)
        } else {
            e.path.clone()
        };
        out.push_str(&format!("error[unchecked]: {}\n  --> {at}\n\n", e.message));
    }
    let files = |n: usize| {
        if n == 1 {
            "1 file".to_owned()
        } else {
            format!("{n} files")
        }
    };
    let found = summary.findings.len();
    out.push_str(&format!(
        "secretguard: {} in {} checked{}\n",
        match found {
            0 => "no hardcoded secrets".to_owned(),
            1 => "1 hardcoded secret".to_owned(),
            n => format!("{n} hardcoded secrets"),
        },
        files(summary.files_checked),
        match summary.errors.len() {
            0 => String::new(),
            n => format!("; {} could not be checked", files(n)),
        }
    ));
    out
}

fn json_report(summary: &Summary) -> Value {
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "files_checked": summary.files_checked,
        "findings": summary.findings.iter().map(|f| json!({
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "rule": f.id(),
            "message": f.message,
        })).collect::<Vec<_>>(),
        "errors": summary.errors.iter().map(|e| json!({
            "path": e.path,
            "line": e.line,
            "column": e.column,
            "message": e.message,
        })).collect::<Vec<_>>(),
    })
}

fn sarif(summary: &Summary) -> Value {
    let mut rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id(),
                "name": r.id(),
                "shortDescription": { "text": format!("Hardcoded secret: {}", r.describe()) },
                "help": { "text": r.help() },
                "defaultConfiguration": { "level": "error" },
                "properties": { "tags": ["security", "secrets"] },
            })
        })
        .collect();
    rules.push(json!({
        "id": ALLOW_WITHOUT_REASON,
        "name": ALLOW_WITHOUT_REASON,
        "shortDescription": { "text": "An allow_hardcoded_secret attribute without a reason" },
        "defaultConfiguration": { "level": "error" },
    }));
    let results: Vec<Value> = summary
        .findings
        .iter()
        .map(|f| {
            let rule_index = match f.rule {
                Some(rule) => Rule::ALL.iter().position(|r| *r == rule).unwrap_or(0),
                None => Rule::ALL.len(),
            };
            json!({
                "ruleId": f.id(),
                "ruleIndex": rule_index,
                "level": "error",
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&f.path), "uriBaseId": "%SRCROOT%" },
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        }
                    }
                }],
            })
        })
        .collect();
    let notifications: Vec<Value> = summary
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.path, e.message) },
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "secretguard",
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                "executionSuccessful": summary.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    })
}

/// A relative URI reference for a path: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}
