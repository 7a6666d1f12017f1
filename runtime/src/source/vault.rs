//! `vault = "mount/path#field"`: HashiCorp Vault's HTTP API, KV v1 and v2, configured
//! the way the Vault CLI is (`VAULT_ADDR`, `VAULT_TOKEN`, …), plus AppRole.
//!
//! One client per process: one connection pool, one login shared by every
//! secret. Blocking (ureq, rustls), so a loader works the same inside or
//! outside an async runtime.

mod client;
mod config;

use secretguard_scan::reference::VaultRef;
use serde_json::Value;
use zeroize::Zeroizing;

use super::remote::{self, FieldError};
use super::trace::{Origin, Step, Trace};
use crate::error::{ErrorKind, Outcome};

/// Reads one secret; records the lookup as `vault <addr> <path>#<field>`.
pub(crate) fn lookup(vault_ref: &VaultRef<'_>, trace: &mut Trace) -> Step {
    read(vault_ref, trace).attributed_to(Origin::Vault)
}

/// `vault://mount/path#field` held in the variable `place`, parsed by the
/// same parser as the macros' `vault = "…"`.
pub(super) fn follow_reference(_: &'static str, rest: &str, trace: &mut Trace) -> Step {
    let step = match VaultRef::parse(rest) {
        Ok(vault_ref) => read(&vault_ref, trace),
        Err(e) => remote::invalid_reference("vault://", e),
    };
    step.attributed_to(Origin::Vault)
}

fn read(vault_ref: &VaultRef<'_>, trace: &mut Trace) -> Step {
    let reference = match vault_ref.field {
        Some(field) => format!("{}#{field}", vault_ref.path),
        None => vault_ref.path.to_owned(),
    };
    let client = match client::client() {
        Ok(client) => client,
        Err(reason) => {
            let kind = ErrorKind::Unavailable { reason };
            return remote::failed(trace, format!("vault {reference}"), kind);
        }
    };
    let place = format!("vault {} {reference}", client.addr());
    let body = match client.get(vault_ref.path) {
        Ok(Some(body)) => body,
        Ok(None) => {
            trace.record(place, Outcome::NotFound);
            return Step::Missing;
        }
        Err(kind) => return remote::failed(trace, place, kind),
    };
    match extract(&body, vault_ref.field) {
        Ok(value) => trace.value(place, value),
        Err(kind) => remote::failed(trace, place, kind),
    }
}

/// How to fix a failed Vault read.
pub(super) fn help(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Denied { .. } => "check the Vault credentials (VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID) and that their policy allows reading this path".to_owned(),
        ErrorKind::FieldMissing { .. } => "name one of the fields after `#`, e.g. `path#field`".to_owned(),
        ErrorKind::InvalidReference { .. } => "write it as `vault://mount/path#field`, e.g. `vault://secret/data/jwt#secret`".to_owned(),
        ErrorKind::Empty => "write a value to that field, e.g. with `vault kv put`".to_owned(),
        _ => "check that Vault is running and reachable (VAULT_ADDR, VAULT_CACERT), then retry".to_owned(),
    }
}

/// How to create a secret that is not in Vault yet.
pub(super) fn not_set_help(vault_ref: &VaultRef<'_>) -> String {
    format!(
        "write it to Vault, e.g. `vault kv put` at the path of {}",
        vault_ref.path
    )
}

/// Picks the field out of a KV response. `data.data` beside `data.metadata`
/// is KV v2; a flat `data` is KV v1. Without a field, a secret with exactly
/// one key yields it.
fn extract(body: &[u8], field: Option<&str>) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    remote::read_json(body, |json| pick(json, field))
        .unwrap_or_else(|| Err(malformed_kv("not JSON")))
}

fn pick(json: &Value, field: Option<&str>) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    let data = json.get("data").ok_or_else(|| malformed_kv("no `data`"))?;
    let fields = match (data.get("data"), data.get("metadata")) {
        (Some(inner), Some(_)) => inner,
        _ => data,
    };
    let fields = fields
        .as_object()
        .ok_or_else(|| malformed_kv("`data` is not an object"))?;
    remote::pick_field(fields, field).map_err(|e| match e {
        FieldError::Missing(kind) => kind,
        FieldError::NotText => malformed_kv("the field is not a string"),
    })
}

fn malformed_kv(what: &str) -> ErrorKind {
    ErrorKind::Unavailable {
        reason: format!("malformed response from Vault: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick_str(body: &str, field: Option<&str>) -> Result<String, ErrorKind> {
        extract(body.as_bytes(), field).map(|v| String::from_utf8(v.to_vec()).unwrap())
    }

    // response bodies as Vault's API documentation shows them
    const KV2: &str = r#"{
        "request_id": "c7e5a5e3-4c6c-4a3c-9a07-6d1e2e0a1f3b",
        "lease_id": "", "renewable": false, "lease_duration": 0,
        "data": {
            "data": { "foo": "bar", "zip": "zap" },
            "metadata": { "created_time": "2018-03-22T02:24:06.945319214Z", "custom_metadata": null,
                          "deletion_time": "", "destroyed": false, "version": 2 }
        },
        "wrap_info": null, "warnings": null, "auth": null
    }"#;
    const KV1: &str = r#"{ "auth": null, "data": { "foo": "bar", "ttl": "1h" }, "lease_duration": 3600,
                          "lease_id": "", "renewable": false }"#;

    #[test]
    fn kv2_fields_come_from_data_data() {
        assert_eq!(pick_str(KV2, Some("zip")).unwrap(), "zap");
        let missing = pick_str(KV2, Some("nope")).unwrap_err();
        assert_eq!(
            missing,
            ErrorKind::FieldMissing {
                field: Some("nope".into()),
                available: vec!["foo".into(), "zip".into()]
            }
        );
        assert!(!missing.to_string().contains("zap"), "{missing}");
    }

    #[test]
    fn kv1_fields_come_from_data() {
        assert_eq!(pick_str(KV1, Some("foo")).unwrap(), "bar");
        // a KV v1 secret that happens to have a `data` key is still v1 without `metadata`
        assert_eq!(pick_str(r#"{"data":{"data":"x"}}"#, None).unwrap(), "x");
    }

    #[test]
    fn without_a_field_one_key_is_taken_and_several_are_listed() {
        assert_eq!(pick_str(r#"{"data":{"only":"v"}}"#, None).unwrap(), "v");
        let err = pick_str(KV1, None).unwrap_err();
        assert_eq!(
            err,
            ErrorKind::FieldMissing {
                field: None,
                available: vec!["foo".into(), "ttl".into()]
            }
        );
        assert!(!err.to_string().contains("bar"));
    }

    #[test]
    fn malformed_bodies_are_errors_that_quote_nothing() {
        for body in [
            "not json",
            "{}",
            r#"{"data": 5}"#,
            r#"{"data":{"f":{"nested":"secret-value"}}}"#,
        ] {
            let err = pick_str(body, Some("f")).unwrap_err();
            assert!(
                err.to_string().contains("malformed response from Vault"),
                "{body}: {err}"
            );
            assert!(!err.to_string().contains("secret-value"));
        }
    }
}
