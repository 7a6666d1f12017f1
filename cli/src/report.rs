//! Renders a summary as rustc-style text, JSON, or SARIF 2.1.0.

use serde_json::{Value, json};

use secretguard_scan::Rule;

use crate::{ALLOW_WITHOUT_REASON, FINGERPRINT_KEY, Summary};

/// The tool's page: SARIF's `tool.driver.informationUri`.
pub const INFORMATION_URI: &str = "https://docs.rs/secretguard-cli";

/// Where a rule is documented (SARIF's `helpUri`): its section in this
/// crate's documentation on docs.rs, at this exact version, so the page
/// describes the rule as this binary applies it.
pub fn help_uri(rule_id: &str) -> String {
    format!(
        "https://docs.rs/secretguard-cli/{}/secretguard_cli/#{rule_id}",
        env!("CARGO_PKG_VERSION")
    )
}

/// `allow-without-reason` is hygiene rather than a secret: low severity.
const ALLOW_SEVERITY: &str = "2.0";

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
    let new = if summary.baselined > 0 { "new " } else { "" };
    out.push_str(&format!(
        "secretguard: {} in {} checked{}{}\n",
        match found {
            0 => format!("no {new}hardcoded secrets"),
            1 => format!("1 {new}hardcoded secret"),
            n => format!("{n} {new}hardcoded secrets"),
        },
        files(summary.files_checked),
        match summary.baselined {
            0 => String::new(),
            n => format!(" ({n} known, in the baseline)"),
        },
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
        "baselined": summary.baselined,
        "findings": summary.findings.iter().map(|f| json!({
            "path": f.path,
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
            "rule": f.id(),
            "message": f.message,
            "kind": f.kind.name(),
            "fingerprint": f.fingerprint,
            "test_input": f.test_input,
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
            rule_descriptor(
                r.id(),
                &format!("Hardcoded secret: {}", r.describe()),
                r.help(),
                r.precision(),
                r.security_severity(),
            )
        })
        .collect();
    rules.push(rule_descriptor(
        ALLOW_WITHOUT_REASON,
        "An allow_hardcoded_secret attribute without a reason",
        "give the reason a reviewer should read: `#[allow_hardcoded_secret(reason = \"…\")]`",
        "very-high",
        ALLOW_SEVERITY,
    ));
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
                "partialFingerprints": { FINGERPRINT_KEY: f.fingerprint },
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
                    "informationUri": INFORMATION_URI,
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

/// One `reportingDescriptor`, with the properties GitHub code scanning
/// reads: `tags` (with `security`, without which `security-severity` is
/// ignored, and CWE-798, "use of hard-coded credentials"), `precision` and
/// `security-severity`.
fn rule_descriptor(
    id: &str,
    description: &str,
    help: &str,
    precision: &str,
    severity: &str,
) -> Value {
    json!({
        "id": id,
        "name": id,
        "shortDescription": { "text": description },
        "fullDescription": { "text": format!("{description}. The finding never quotes the value.") },
        "help": {
            "text": help,
            "markdown": format!("{help}\n\nSee [`{id}`]({}).", help_uri(id)),
        },
        "helpUri": help_uri(id),
        "defaultConfiguration": { "level": "error" },
        "properties": {
            "tags": ["security", "secrets", "external/cwe/cwe-798"],
            "precision": precision,
            "security-severity": severity,
        },
    })
}

/// A relative URI reference for a path: forward slashes, spaces and `%` escaped.
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule reference that `helpUri` points at has a section per rule,
    /// and states the severity and precision the SARIF report gives.
    #[test]
    fn every_rule_is_documented_as_reported() {
        let doc = include_str!("rules.md");
        let rules = Rule::ALL
            .iter()
            .map(|r| (r.id(), r.security_severity(), r.precision()))
            .chain([(ALLOW_WITHOUT_REASON, ALLOW_SEVERITY, "very-high")]);
        for (id, severity, precision) in rules {
            let heading = format!("\n## `{id}`\n");
            let at = doc
                .find(&heading)
                .unwrap_or_else(|| panic!("no section for {id}"));
            let section = &doc[at + heading.len()..];
            let section = &section[..section.find("\n## ").unwrap_or(section.len())];
            let stated = format!("security-severity {severity} · precision {precision}");
            assert!(
                section.replace('\n', " ").contains(&stated),
                "{id}: the doc does not say `{stated}`"
            );
        }
    }

    #[test]
    fn help_uris_point_at_this_version() {
        assert_eq!(
            help_uri("jwt"),
            format!(
                "https://docs.rs/secretguard-cli/{}/secretguard_cli/#jwt",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
