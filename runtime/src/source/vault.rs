//! `vault = "mount/path[?version=N][#field]"`: HashiCorp Vault's HTTP API, KV v1
//! and v2, configured the way the Vault CLI is (`VAULT_ADDR`, `VAULT_TOKEN`, …),
//! plus AppRole.
//!
//! One client per process: one connection pool, one login shared by every
//! secret. Blocking (ureq, rustls), so a loader works the same inside or
//! outside an async runtime.

mod client;
mod config;
mod mounts;
mod resolve;

use secretguard_scan::reference::VaultRef;
use serde_json::Value;
use zeroize::Zeroizing;

use self::client::{Answer, Client};
use self::mounts::Mount;
use super::remote::{self, FieldError};
use super::trace::{Origin, Step, Trace};
use crate::error::{ErrorKind, Outcome};

/// Reads one secret; records the lookup as `vault <addr> <path>#<field>`.
/// Also returns the KV v2 version that was read (`data.metadata.version`).
pub(crate) fn lookup_versioned(vault_ref: &VaultRef<'_>, trace: &mut Trace) -> (Step, Option<u64>) {
    let (step, version) = read_versioned(vault_ref, trace);
    (step.attributed_to(Origin::Vault), version)
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
    read_versioned(vault_ref, trace).0
}

fn read_versioned(vault_ref: &VaultRef<'_>, trace: &mut Trace) -> (Step, Option<u64>) {
    let mut reference = vault_ref.path.to_owned();
    if let Some(version) = vault_ref.version {
        reference.push_str(&format!("?version={version}"));
    }
    if let Some(field) = vault_ref.field {
        reference.push_str(&format!("#{field}"));
    }
    let client = match client::client() {
        Ok(client) => client,
        Err(reason) => {
            let kind = ErrorKind::Unavailable { reason };
            return (
                remote::failed(trace, format!("vault {reference}"), kind),
                None,
            );
        }
    };
    let place = format!("vault {} {reference}", client.addr());
    let body = match fetch(client, vault_ref) {
        Ok(Some(body)) => body,
        Ok(None) => {
            trace.record(place, Outcome::NotFound);
            return (Step::Missing, None);
        }
        Err(kind) => return (remote::failed(trace, place, kind), None),
    };
    let step = match extract(&body, vault_ref) {
        Ok(value) => trace.value(place, value),
        Err(kind) => remote::failed(trace, place, kind),
    };
    (step, version(&body))
}

/// KV v2's `data.metadata.version`; `None` on KV v1.
fn version(body: &[u8]) -> Option<u64> {
    remote::read_json(body, |json| {
        json.pointer("/data/metadata/version")?.as_u64()
    })
    .flatten()
}

/// The secret's KV response; `None` when there is none. The path is read as
/// written unless its mount is known to be KV v2, where the CLI's name
/// (`secret/jwt`) becomes the API's (`secret/data/jwt`). The mount is asked for
/// only when it matters: a version was named, or the read as written was
/// refused or found nothing (as a CLI-style name on KV v2 is).
fn fetch(
    client: &Client,
    vault_ref: &VaultRef<'_>,
) -> Result<Option<Zeroizing<Vec<u8>>>, ErrorKind> {
    let mut mount = mounts::known(vault_ref.path);
    let mut asked = false;
    if mount.is_none() && vault_ref.version.is_some() {
        mount = mounts::discover(client, vault_ref.path);
        asked = true;
    }
    let path = api_path(vault_ref, mount.as_ref())?;
    let answer = client.get(&path);
    let failed = matches!(
        answer,
        Ok(Answer::NotFound(_)) | Err(ErrorKind::Denied { .. })
    );
    if failed
        && mount.is_none()
        && !asked
        && let Some(found) = mounts::discover(client, vault_ref.path)
    {
        let api = api_path(vault_ref, Some(&found))?;
        if api != path {
            return settle(client.get(&api));
        }
    }
    settle(answer)
}

/// Where the API reads `vault_ref` on `mount` (unknown: as written), `?version=N` included.
fn api_path(vault_ref: &VaultRef<'_>, mount: Option<&Mount>) -> Result<String, ErrorKind> {
    let path = vault_ref.path;
    let mut api = match mount {
        Some(mount) if mount.kv2 => match path.strip_prefix(&mount.path) {
            Some(rest) if !rest.starts_with("data/") => format!("{}data/{rest}", mount.path),
            _ => path.to_owned(),
        },
        Some(mount) if vault_ref.version.is_some() => return Err(no_versions(&mount.path)),
        _ => path.to_owned(),
    };
    if let Some(version) = vault_ref.version {
        api.push_str(&format!("?version={version}"));
    }
    Ok(api)
}

/// A 404 is "not found", unless KV v2's metadata in it says the version was deleted.
fn settle(answer: Result<Answer, ErrorKind>) -> Result<Option<Zeroizing<Vec<u8>>>, ErrorKind> {
    match answer? {
        Answer::Found(body) => Ok(Some(body)),
        Answer::NotFound(body) => match deleted(&body) {
            Some(kind) => Err(kind),
            None => Ok(None),
        },
    }
}

/// `data.metadata` of a KV v2 404 with a `deletion_time` or `destroyed: true`.
fn deleted(body: &[u8]) -> Option<ErrorKind> {
    remote::read_json(body, |json| {
        let metadata = json.pointer("/data/metadata")?;
        let version = metadata.get("version")?.as_u64()?;
        let destroyed = metadata.get("destroyed").and_then(Value::as_bool) == Some(true);
        let soft = metadata
            .get("deletion_time")
            .and_then(Value::as_str)
            .is_some_and(|time| !time.is_empty());
        (destroyed || soft).then_some(ErrorKind::Deleted { version, destroyed })
    })
    .flatten()
}

fn no_versions(mount: &str) -> ErrorKind {
    ErrorKind::InvalidReference {
        scheme: "vault",
        reason: format!(
            "`?version=N` names a KV v2 version, and {mount} is KV v1, which keeps only the latest value"
        ),
    }
}

/// How to fix a failed Vault read.
pub(super) fn help(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Denied { .. } => "check the Vault credentials (VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID) and that their policy allows reading this path".to_owned(),
        ErrorKind::FieldMissing { .. } => "name one of the fields after `#`, e.g. `path#field`".to_owned(),
        ErrorKind::InvalidReference { .. } => "write it as `vault://mount/path#field`, e.g. `vault://secret/data/jwt#secret`".to_owned(),
        ErrorKind::Empty => "write a value to that field, e.g. with `vault kv put`".to_owned(),
        ErrorKind::Deleted { version, destroyed: false } => format!("restore it with `vault kv undelete -versions={version}`, or write a new version with `vault kv put`"),
        ErrorKind::Deleted { destroyed: true, .. } => "a destroyed version cannot be restored: write a new version with `vault kv put`, or name an older one with `?version=N`".to_owned(),
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
fn extract(body: &[u8], vault_ref: &VaultRef<'_>) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    remote::read_json(body, |json| pick(json, vault_ref))
        .unwrap_or_else(|| Err(malformed_kv("not JSON")))
}

fn pick(json: &Value, vault_ref: &VaultRef<'_>) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    let data = json.get("data").ok_or_else(|| malformed_kv("no `data`"))?;
    // a dynamic secret's lease, or KV v1's `ttl` hint: a refreshing secret
    // is re-read before it ends (KV v2 answers 0)
    if let Some(seconds) = json.get("lease_duration").and_then(Value::as_u64)
        && seconds > 0
    {
        crate::refresh::note_lease(std::time::Duration::from_secs(seconds));
    }
    let fields = match (data.get("data"), data.get("metadata")) {
        (Some(inner), Some(_)) => inner,
        // KV v1 ignores `?version=N` and answers its one value: not the one asked for
        _ if vault_ref.version.is_some() => return Err(no_versions(vault_ref.path)),
        _ => data,
    };
    let field = vault_ref.field;
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
        let vault_ref = VaultRef {
            path: "kv/app",
            version: None,
            field,
        };
        extract(body.as_bytes(), &vault_ref).map(|v| String::from_utf8(v.to_vec()).unwrap())
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

    #[test]
    fn cli_names_become_api_paths_on_kv2_only() {
        let kv2 = Mount {
            path: "secret/".into(),
            kv2: true,
        };
        let kv1 = Mount {
            path: "kv1/".into(),
            kv2: false,
        };
        let path = |reference: &str, mount: Option<&Mount>| {
            api_path(&VaultRef::parse(reference).unwrap(), mount)
        };
        assert_eq!(
            path("secret/app/jwt#k", Some(&kv2)).unwrap(),
            "secret/data/app/jwt"
        );
        assert_eq!(
            path("secret/data/app/jwt", Some(&kv2)).unwrap(),
            "secret/data/app/jwt"
        );
        assert_eq!(
            path("secret/app/jwt?version=3#k", Some(&kv2)).unwrap(),
            "secret/data/app/jwt?version=3"
        );
        assert_eq!(
            path("secret/app/jwt?version=3", None).unwrap(),
            "secret/app/jwt?version=3"
        );
        assert_eq!(path("kv1/db#password", Some(&kv1)).unwrap(), "kv1/db");
        let versioned = path("kv1/db?version=2", Some(&kv1)).unwrap_err();
        assert!(
            versioned.to_string().contains("kv1/ is KV v1"),
            "{versioned}"
        );
    }

    #[test]
    fn a_404_with_deletion_metadata_is_deleted() {
        let deleted_at = |time: &str, destroyed: bool| {
            format!(
                r#"{{"data":{{"data":null,"metadata":{{"deletion_time":"{time}","destroyed":{destroyed},"version":7}}}}}}"#
            )
        };
        let soft = deleted_at("2026-01-01T00:00:00Z", false);
        assert_eq!(
            deleted(soft.as_bytes()),
            Some(ErrorKind::Deleted {
                version: 7,
                destroyed: false
            })
        );
        let gone = deleted_at("", true);
        assert_eq!(
            deleted(gone.as_bytes()),
            Some(ErrorKind::Deleted {
                version: 7,
                destroyed: true
            })
        );
        assert_eq!(deleted(deleted_at("", false).as_bytes()), None);
        assert_eq!(deleted(br#"{"errors":[]}"#), None);
        assert_eq!(deleted(b""), None);
    }
}
