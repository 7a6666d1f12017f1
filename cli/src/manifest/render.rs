//! The manifest's outputs: names and references only, never a value.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use secretguard_scan::reference::{AwsSecretRef, VaultRef};
use serde_json::json;

use super::{Declaration, Manifest, Source};

/// One row per declaration, then the forms that could not be read.
pub fn table(manifest: &Manifest) -> String {
    let header = ["SOURCES", "TYPE", "ALG", "ENCODING", "MIN LEN", "SITE"].map(str::to_owned);
    let mut rows = vec![header];
    for d in &manifest.declarations {
        let sources: Vec<String> = d
            .sources
            .iter()
            .map(|s| format!("{} {}", s.kind(), s.text()))
            .collect();
        let mut cell = sources.join(", ");
        if d.optional {
            cell.push_str(" (optional)");
        }
        match d.previous_source() {
            Some(Some(previous)) => {
                let _ = write!(cell, "; previous {} {}", previous.kind(), previous.text());
            }
            Some(None) => cell.push_str("; previous: the Vault version before"),
            None => {}
        }
        if let Some(refresh) = &d.refresh {
            let _ = write!(cell, "; refresh {refresh}");
        }
        rows.push([
            cell,
            d.type_name().to_owned(),
            d.effective_alg().map_or("-".to_owned(), |a| a.to_string()),
            d.encoding.clone().unwrap_or_else(|| "-".to_owned()),
            d.min_len().map_or("-".to_owned(), |n| n.to_string()),
            d.site(),
        ]);
    }
    let widths: Vec<usize> = (0..6)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:w$}"))
            .collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    for u in &manifest.unresolved {
        let _ = writeln!(
            out,
            "\nwarning[unresolved]: `{}` not read statically: {}\n  --> {}:{}",
            u.form, u.reason, u.path, u.line
        );
    }
    for e in &manifest.errors {
        let _ = writeln!(
            out,
            "\nerror[unchecked]: {}\n  --> {}:{}:{}",
            e.message, e.path, e.line, e.column
        );
    }
    let _ = writeln!(
        out,
        "\nsecretguard: {} declared, {} not read statically",
        plural(manifest.declarations.len(), "secret"),
        plural(manifest.unresolved.len(), "form"),
    );
    out
}

fn plural(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The manifest as one JSON object: `secrets`, `unresolved`, `errors`.
pub fn json(manifest: &Manifest) -> String {
    let secrets: Vec<_> = manifest
        .declarations
        .iter()
        .map(|d| {
            let sources: Vec<_> = d
                .sources
                .iter()
                .map(|s| json!({ "kind": s.kind(), "reference": s.text() }))
                .collect();
            let previous = match d.previous_source() {
                Some(Some(s)) => json!({ "kind": s.kind(), "reference": s.text() }),
                Some(None) => json!({ "kind": "vault", "reference": null, "version": "before" }),
                None => serde_json::Value::Null,
            };
            json!({
                "path": d.path, "line": d.line, "form": d.form.name(), "item": d.item,
                "type": d.ty, "sources": sources, "alg": d.effective_alg().map(|a| a.to_string()),
                "encoding": d.encoding, "min_len": d.min_len(), "optional": d.optional,
                "previous": previous, "refresh": d.refresh,
            })
        })
        .collect();
    let unresolved: Vec<_> = manifest
        .unresolved
        .iter()
        .map(|u| json!({ "path": u.path, "line": u.line, "form": u.form, "reason": u.reason }))
        .collect();
    let errors: Vec<_> = manifest
        .errors
        .iter()
        .map(
            |e| json!({ "path": e.path, "line": e.line, "column": e.column, "message": e.message }),
        )
        .collect();
    let all = json!({ "secrets": secrets, "unresolved": unresolved, "errors": errors });
    serde_json::to_string_pretty(&all).unwrap_or_default() + "\n"
}

/// Every environment variable read, with the declarations that read it.
fn env_vars(manifest: &Manifest) -> BTreeMap<&str, Vec<&Declaration>> {
    let mut vars: BTreeMap<&str, Vec<&Declaration>> = BTreeMap::new();
    for d in &manifest.declarations {
        for var in d.sources.iter().filter_map(Source::env_var) {
            vars.entry(var).or_default().push(d);
        }
    }
    vars
}

/// The variables that hold a key set's previous key, with their declarations.
fn previous_vars(manifest: &Manifest) -> BTreeMap<String, Vec<&Declaration>> {
    let mut vars: BTreeMap<String, Vec<&Declaration>> = BTreeMap::new();
    for d in &manifest.declarations {
        if let Some(Some(previous)) = d.previous_source()
            && let Some(var) = previous.env_var()
        {
            vars.entry(var.to_owned()).or_default().push(d);
        }
    }
    vars
}

/// `.env.example`: each variable once, empty, under a comment saying what it holds.
pub fn env_example(manifest: &Manifest) -> String {
    let mut out = String::from(
        "# Generated by `secretguard manifest --format env-example`: names only, never a value.\n",
    );
    for (var, decls) in env_vars(manifest) {
        // no sites: a line added above a secret must not make the committed file stale
        let _ = writeln!(out, "\n# {}", describe(var, &decls));
        if let Some(command) = generate_command(var, &decls) {
            let _ = writeln!(out, "# generate: {command}");
        }
        let _ = writeln!(out, "{var}=");
    }
    for (var, decls) in previous_vars(manifest) {
        let holds = if decls
            .iter()
            .all(|d| matches!(d.sources.first(), Some(Source::Kms(_))))
        {
            "base64 AWS KMS ciphertext".to_owned()
        } else {
            describe(&var, &decls)
        };
        let _ = writeln!(
            out,
            "\n# {holds}; the previous key, optional: verifies tokens signed before a rotation"
        );
        let _ = writeln!(out, "{var}=");
    }
    out
}

/// `JwtSecret, HS256, at least 32 bytes`, or what a KMS variable holds.
fn describe(var: &str, decls: &[&Declaration]) -> String {
    if decls.iter().all(|d| is_kms_var(d, var)) {
        return "base64 AWS KMS ciphertext".to_owned();
    }
    let mut types: Vec<&str> = decls
        .iter()
        .map(|d| d.ty.as_deref().unwrap_or("type inferred"))
        .collect();
    types.sort_unstable();
    types.dedup();
    let mut parts = vec![types.join(" or ")];
    if let Some(alg) = decls.iter().find_map(|d| d.effective_alg()) {
        parts.push(alg.to_string());
    }
    if let Some(encoding) = decls.iter().find_map(|d| d.encoding.as_deref()) {
        parts.push(encoding.to_owned());
    }
    match decls.iter().filter_map(|d| d.min_len()).max() {
        Some(n) => parts.push(format!("at least {n} bytes")),
        None => parts.push("any length".to_owned()),
    }
    parts.join(", ")
}

fn is_kms_var(d: &Declaration, var: &str) -> bool {
    d.sources
        .iter()
        .any(|s| matches!(s, Source::Kms(_)) && s.env_var() == Some(var))
}

/// The `secretguard generate` line for a key with a known length: the
/// smallest HMAC algorithm whose key is long enough.
fn generate_command(var: &str, decls: &[&Declaration]) -> Option<String> {
    if decls.iter().any(|d| is_kms_var(d, var)) {
        return None;
    }
    let min = decls.iter().filter_map(|d| d.min_len()).max()?;
    let alg = decls
        .iter()
        .find_map(|d| d.effective_alg())
        .map(|a| a.to_string())
        .or_else(|| {
            [("HS256", 32), ("HS384", 48), ("HS512", 64)]
                .iter()
                .find(|(_, len)| *len >= min)
                .map(|(a, _)| (*a).to_owned())
        })?;
    let mut command = format!("secretguard generate --alg {alg}");
    if let Some(encoding) = decls
        .iter()
        .find_map(|d| d.encoding.as_deref())
        .filter(|e| *e != "utf8")
    {
        let _ = write!(command, " --encoding {encoding}");
    }
    Some(command)
}

/// A Kubernetes `Secret` with every variable as a key and an empty value.
pub fn kubernetes_secret(manifest: &Manifest, name: &str) -> String {
    let mut out = format!(
        "# Generated by `secretguard manifest --format kubernetes`: fill the values in at deploy time, never commit them.\n\
         apiVersion: v1\nkind: Secret\nmetadata:\n  name: {}\ntype: Opaque\nstringData:\n",
        quoted(name)
    );
    let mut vars: Vec<String> = env_vars(manifest).keys().map(|v| (*v).to_owned()).collect();
    vars.extend(previous_vars(manifest).into_keys());
    vars.sort();
    vars.dedup();
    if vars.is_empty() {
        out.truncate(out.len() - 1);
        out.push_str(" {}\n");
    }
    for var in vars {
        let _ = writeln!(out, "  {var}: \"\"");
    }
    out
}

/// One `ExternalSecret` per store (Vault, AWS Secrets Manager), mapping each
/// secret's variable to its reference.
pub fn external_secrets(manifest: &Manifest, name: &str) -> String {
    let mut documents = Vec::new();
    for (store, kind) in [("vault", "vault"), ("aws-secrets-manager", "aws")] {
        let mut data = BTreeMap::new();
        for d in &manifest.declarations {
            for source in d.sources.iter().filter(|s| s.kind() == kind) {
                if let Some(remote) = remote_ref(source) {
                    data.entry(secret_key(d, source)).or_insert(remote);
                }
            }
        }
        if !data.is_empty() {
            documents.push(external_secret(&format!("{name}-{kind}"), store, &data));
        }
    }
    let header = "# Generated by `secretguard manifest --format external-secret`: one ExternalSecret per store; \
                  name the SecretStore `vault` (KV v2, no `path`) or `aws-secrets-manager`.\n";
    format!("{header}{}", documents.join("---\n"))
}

/// `remoteRef`'s lines: `key`, then `property` and `version` when the reference has them.
fn remote_ref(source: &Source) -> Option<Vec<(&'static str, String)>> {
    let (key, property, version) = match source {
        Source::Vault(text) => {
            let vault = VaultRef::parse(text).ok()?;
            (
                vault.path,
                vault.field,
                vault.version.map(|v| v.to_string()),
            )
        }
        Source::Aws(text) => {
            let aws = AwsSecretRef::parse(text).ok()?;
            (aws.id, aws.json_key, aws.stage.map(str::to_owned))
        }
        _ => return None,
    };
    let mut lines = vec![("key", key.to_owned())];
    lines.extend(property.map(|p| ("property", p.to_owned())));
    lines.extend(version.map(|v| ("version", v)));
    Some(lines)
}

/// The key in the synced Kubernetes secret: the variable the declaration would
/// read (its first `env`, or the item's name), else one made from the reference.
fn secret_key(d: &Declaration, source: &Source) -> String {
    if let Some(var) = d
        .sources
        .iter()
        .find_map(|s| matches!(s, Source::Env(_)).then(|| s.text()))
    {
        return var.to_owned();
    }
    if let Some(item) = &d.item {
        return secretguard_scan::upper_snake(item);
    }
    let text = source.text().split('?').next().unwrap_or_default();
    let last = text.rsplit('/').next().unwrap_or(text);
    last.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

fn external_secret(
    name: &str,
    store: &str,
    data: &BTreeMap<String, Vec<(&'static str, String)>>,
) -> String {
    let mut out = format!(
        "apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: {name}\nspec:\n  \
         refreshInterval: 1h\n  secretStoreRef:\n    kind: SecretStore\n    name: {store}\n  target:\n    name: {name}\n  data:\n",
        name = quoted(name)
    );
    for (key, remote) in data {
        let _ = writeln!(out, "    - secretKey: {key}\n      remoteRef:");
        for (field, value) in remote {
            let _ = writeln!(out, "        {field}: {}", quoted(value));
        }
    }
    out
}

/// A YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}
