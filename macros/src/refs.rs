//! Guard, part two: what a source reference may be — an environment variable
//! name, a file path, a Vault path, an AWS secret id or KMS variable — and the
//! credential that must not stand in one's place.

use proc_macro2::Span;

use crate::names;
use crate::valid::{Errors, Macro, SourceKind};

/// An environment variable name: UPPER_SNAKE_CASE, and not a credential in disguise.
pub(crate) fn check_env_name(mac: Macro, name: &str, span: Span, errors: &mut Errors) -> bool {
    if name.is_empty() {
        errors.at(
            span,
            format!(
                "the name of the environment variable is empty\nhelp: name the variable that holds the secret, e.g. {}",
                mac.example()
            ),
        );
        return false;
    }
    if let Some(finding) = secretguard_scan::check_reference(name) {
        errors.push(credential_here(mac, finding.rule, span));
        return false;
    }
    if !names::is_env_name(name) {
        errors.at(
            span,
            format!(
                "expected the name of an environment variable, not a secret\n\
                 help: keep the value out of the source code and name the variable that holds it, \
                 e.g. {} with `export API_KEY=…`; names are UPPER_SNAKE_CASE",
                mac.example()
            ),
        );
        return false;
    }
    true
}

/// A string that is a credential where a reference to one belongs.
pub(crate) fn credential_here(mac: Macro, rule: secretguard_scan::Rule, span: Span) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "this looks like {}, not the name of where a secret lives\n\
             note: a secret in source code lives on in git history; treat this one as leaked\n\
             help: revoke it, store a new one in an environment variable and name that, e.g. {}",
            rule.describe(),
            mac.example()
        ),
    )
}

pub(crate) fn check_file_path(path: &str, span: Span, errors: &mut Errors) -> bool {
    if path.trim().is_empty() {
        errors.at(span, "the file path is empty\nhelp: name the file that holds the secret, e.g. `file = \"/run/secrets/jwt\"`");
        return false;
    }
    if let Some(finding) = secretguard_scan::check_reference(path) {
        errors.push(credential_here(Macro::Secret, finding.rule, span));
        return false;
    }
    // a bare word is more likely a pasted secret than a file in the working directory
    let is_windows_absolute = path.as_bytes().get(1..3) == Some(b":\\".as_slice());
    if !(path.starts_with(['/', '\\'])
        || path.starts_with("./")
        || path.starts_with("../")
        || is_windows_absolute)
    {
        errors.at(
            span,
            "expected the path of the file that holds the secret, not a secret\n\
             help: write an absolute path, e.g. `file = \"/run/secrets/jwt\"`, or `./name` for one relative to the working directory",
        );
        return false;
    }
    true
}

/// `aws = "secret-id[?stage=STAGE][#json_key]"`, `kms = "VAR[?key_id=…&k=v]"`.
pub(crate) fn check_aws_ref(
    kind: SourceKind,
    reference: &str,
    span: Span,
    errors: &mut Errors,
) -> bool {
    let (example, problem) = if kind == SourceKind::Aws {
        let (rest, key) = reference.split_once('#').unwrap_or((reference, "x"));
        let (id, stage) = rest.split_once("?stage=").unwrap_or((rest, "AWSCURRENT"));
        let problem = if id.is_empty() {
            Some("the secret id is empty")
        } else if reference.contains(char::is_whitespace) {
            Some("a secret id has no whitespace")
        } else if reference.matches('#').count() > 1 {
            Some("`#` appears more than once: write `secret-id#json_key`")
        } else if key.is_empty() {
            Some("the JSON key after `#` is empty")
        } else if stage.is_empty()
            || rest.matches('?').count() > usize::from(rest.contains("?stage="))
        {
            Some("expected `secret-id?stage=STAGE`, e.g. `?stage=AWSPREVIOUS`")
        } else {
            None
        };
        ("e.g. `aws = \"prod/app/db#password\"`", problem)
    } else {
        let (var, query) = reference.split_once('?').unwrap_or((reference, ""));
        let bad_pair = query.split('&').any(|p| {
            !p.is_empty()
                && p.split_once('=')
                    .is_none_or(|(k, v)| k.is_empty() || v.is_empty())
        });
        let problem = if !names::is_env_name(var) {
            Some(
                "`kms` names the environment variable that holds the base64 ciphertext, in UPPER_SNAKE_CASE",
            )
        } else if bad_pair {
            Some("expected `VAR?key_id=…&context_key=value`")
        } else {
            None
        };
        ("e.g. `kms = \"JWT_SECRET_ENCRYPTED\"`", problem)
    };
    verdict(problem, example, reference, span, errors)
}

/// `mount/path#field`: what Vault's HTTP API reads, the field optional.
pub(crate) fn check_vault_ref(reference: &str, span: Span, errors: &mut Errors) -> bool {
    let example = "e.g. `vault = \"secret/data/jwt#secret\"`";
    let problem = if reference.is_empty() {
        Some("the Vault reference is empty")
    } else if reference.contains(char::is_whitespace) {
        Some("a Vault reference has no whitespace")
    } else if reference.starts_with("vault://") {
        Some(
            "write the Vault path without `vault://` (that prefix marks a reference inside an environment variable)",
        )
    } else if reference.matches('#').count() > 1 {
        Some("`#` appears more than once: a Vault reference is `mount/path#field`")
    } else if reference.ends_with('#') {
        Some("the field after `#` is empty")
    } else if reference.starts_with('#')
        || !reference
            .split('#')
            .next()
            .is_some_and(|p| p.trim_matches('/').contains('/'))
    {
        Some("expected a mount and a path before `#`, like `secret/data/jwt`")
    } else {
        None
    };
    verdict(problem, example, reference, span, errors)
}

/// Reports the syntax `problem` with an `example`, else a credential standing
/// where the reference belongs; true when the reference is fine.
fn verdict(
    problem: Option<&str>,
    example: &str,
    reference: &str,
    span: Span,
    errors: &mut Errors,
) -> bool {
    if let Some(problem) = problem {
        errors.at(span, format!("{problem}\nhelp: {example}"));
        return false;
    }
    if let Some(finding) = secretguard_scan::check_reference(reference) {
        errors.push(credential_here(Macro::Secret, finding.rule, span));
        return false;
    }
    true
}
