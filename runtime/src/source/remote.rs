//! What the Vault and AWS sources share: JSON secrets read and wiped, a field
//! picked out of one, a failed read recorded, a reference that does not parse.

use serde_json::{Map, Value};
use zeroize::{Zeroize, Zeroizing};

use super::trace::{Step, Trace};
use crate::error::{ErrorKind, Outcome};

/// Records a failed read at `place`, in our words (never the store's), and stops the chain.
pub(super) fn failed(trace: &mut Trace, place: String, kind: ErrorKind) -> Step {
    let shown = match &kind {
        ErrorKind::FieldMissing { available, .. } => format!("fields: {}", available.join(", ")),
        ErrorKind::Denied { reason } | ErrorKind::Unavailable { reason } => reason.clone(),
        other => other.to_string(),
    };
    trace.record(place, Outcome::Unreadable(shown));
    Step::failed(kind)
}

/// A reference that does not parse: the variable holds something broken.
pub(super) fn invalid_reference(
    scheme: &'static str,
    e: secretguard_scan::reference::RefError,
) -> Step {
    Step::failed(ErrorKind::InvalidReference {
        scheme,
        reason: e.0.to_owned(),
    })
}

/// Parses `bytes` as JSON and hands it to `read`, then zeroizes every string of
/// it; `None` when it is not JSON. serde_json's own buffers are beyond reach.
pub(super) fn read_json<T>(bytes: &[u8], read: impl FnOnce(&Value) -> T) -> Option<T> {
    let mut json: Value = serde_json::from_slice(bytes).ok()?;
    let result = read(&json);
    wipe(&mut json);
    Some(result)
}

fn wipe(value: &mut Value) {
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe),
        Value::Object(map) => map.values_mut().for_each(wipe),
        _ => {}
    }
}

/// Why [`pick_field`] found nothing to return.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FieldError {
    /// No such field, or several and none named: an [`ErrorKind::FieldMissing`].
    Missing(ErrorKind),
    /// The field holds an object, array or null, not a secret.
    NotText,
}

/// The bytes of `field` of a JSON object (Vault's `#field`, AWS's `#json_key`);
/// without a field, the only one. Strings, numbers and booleans are text; errors
/// name fields, never values.
pub(super) fn pick_field(
    fields: &Map<String, Value>,
    field: Option<&str>,
) -> Result<Zeroizing<Vec<u8>>, FieldError> {
    let missing = |field: Option<&str>| {
        FieldError::Missing(ErrorKind::FieldMissing {
            field: field.map(str::to_owned),
            available: fields.keys().cloned().collect(),
        })
    };
    let value = match field {
        Some(name) => fields.get(name).ok_or_else(|| missing(Some(name)))?,
        None if fields.len() == 1 => fields.values().next().ok_or_else(|| missing(None))?,
        None => return Err(missing(None)),
    };
    match value {
        Value::String(s) => Ok(Zeroizing::new(s.as_bytes().to_vec())),
        Value::Number(n) => Ok(Zeroizing::new(n.to_string().into_bytes())),
        Value::Bool(b) => Ok(Zeroizing::new(b.to_string().into_bytes())),
        _ => Err(FieldError::NotText),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_named_field_is_picked_and_a_missing_one_lists_the_others() {
        let fields = object(r#"{"username":"app","password":"hunter22","port":5432}"#);
        let pick = |f| pick_field(&fields, Some(f)).map(|v| v.to_vec());
        assert_eq!(pick("password").unwrap(), b"hunter22");
        assert_eq!(pick("port").unwrap(), b"5432");
        let Err(FieldError::Missing(kind)) = pick("pass") else {
            panic!("a missing field is FieldMissing");
        };
        assert_eq!(
            kind,
            ErrorKind::FieldMissing {
                field: Some("pass".into()),
                available: vec!["password".into(), "port".into(), "username".into()]
            }
        );
        assert!(!kind.to_string().contains("hunter22"));
    }

    #[test]
    fn without_a_field_the_only_one_is_taken() {
        assert_eq!(
            pick_field(&object(r#"{"only":"v"}"#), None)
                .unwrap()
                .as_slice(),
            b"v"
        );
        assert!(matches!(
            pick_field(&object(r#"{"a":"1","b":"2"}"#), None),
            Err(FieldError::Missing(ErrorKind::FieldMissing {
                field: None,
                ..
            }))
        ));
    }

    #[test]
    fn nested_values_are_not_text() {
        let fields = object(r#"{"f":{"nested":"secret-value"}}"#);
        assert!(matches!(
            pick_field(&fields, Some("f")),
            Err(FieldError::NotText)
        ));
    }

    #[test]
    fn json_is_read_and_not_json_is_none() {
        assert_eq!(
            read_json(br#"{"a":"b"}"#, |j| j["a"].as_str().map(str::len)),
            Some(Some(1))
        );
        assert_eq!(read_json(b"plain text", |_| ()), None);
    }
}
