//! What a reference to a secret store looks like: one parser per grammar, shared by
//! the macros' compile-time check and the runtime's `vault://`/`awssm://` references.

use std::fmt;

use crate::names::is_env_name;

/// Why a reference does not parse: a lower-case phrase, no trailing period, that
/// never repeats the reference itself (it may hold a pasted secret).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefError(pub &'static str);

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for RefError {}

/// `mount/path[?version=N][#field]`: a Vault KV secret, named as its HTTP API
/// reads it (`secret/data/jwt`) or as the `vault kv` CLI does (`secret/jwt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VaultRef<'a> {
    /// `mount/path`, without leading or trailing `/`.
    pub path: &'a str,
    /// The KV v2 version after `?version=`; `None` for the latest.
    pub version: Option<u32>,
    /// The field after `#`; `None` when there is no `#`.
    pub field: Option<&'a str>,
}

impl<'a> VaultRef<'a> {
    /// Parses `mount/path[?version=N][#field]`.
    ///
    /// The `vault://` prefix is refused: it marks a reference held in an
    /// environment variable, and the caller strips it before parsing.
    ///
    /// ```
    /// use secretguard_scan::reference::VaultRef;
    ///
    /// let jwt = VaultRef::parse("/secret/data/jwt/#signing").unwrap();
    /// assert_eq!((jwt.path, jwt.field), ("secret/data/jwt", Some("signing")));
    /// assert_eq!(VaultRef::parse("secret/data/db").unwrap().field, None);
    /// assert_eq!(VaultRef::parse("secret/db?version=3#key").unwrap().version, Some(3));
    /// let error = VaultRef::parse("jwt#a#b").unwrap_err();
    /// assert_eq!(error.to_string(), "`#` appears more than once: a Vault reference is `mount/path#field`");
    /// ```
    pub fn parse(reference: &'a str) -> Result<VaultRef<'a>, RefError> {
        let (rest, field) = match reference.split_once('#') {
            Some((rest, field)) => (rest, Some(field)),
            None => (reference, None),
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path.trim_matches('/'), Some(query)),
            None => (rest.trim_matches('/'), None),
        };
        let version = query.map(parse_version);
        let problem = if reference.is_empty() {
            "the Vault reference is empty"
        } else if reference.contains(char::is_whitespace) {
            "a Vault reference has no whitespace"
        } else if reference.starts_with("vault://") {
            "write the Vault path without `vault://` (that prefix marks a reference inside an environment variable)"
        } else if reference.matches('#').count() > 1 {
            "`#` appears more than once: a Vault reference is `mount/path#field`"
        } else if field.is_some_and(|field| field.contains("?version=")) {
            "write `?version=N` before the field: `mount/path?version=N#field`"
        } else if field == Some("") {
            "the field after `#` is empty"
        } else if version.is_some_and(|version| version.is_none()) {
            "expected `?version=N` with N a KV v2 version from 1, e.g. `secret/jwt?version=2`"
        } else if !path.contains('/') {
            "expected a mount and a path before `#`, like `secret/data/jwt`"
        } else {
            return Ok(VaultRef {
                path,
                version: version.flatten(),
                field,
            });
        };
        Err(RefError(problem))
    }
}

/// `version=N` with `N` from 1: KV v2 numbers versions from 1 (0 would mean "latest").
fn parse_version(query: &str) -> Option<u32> {
    let digits = query.strip_prefix("version=")?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

/// `secret-id[?stage=STAGE][#json_key]`: an AWS Secrets Manager secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AwsSecretRef<'a> {
    /// The secret's name or ARN.
    pub id: &'a str,
    /// The version stage; `None` when absent (the runtime reads `AWSCURRENT`).
    pub stage: Option<&'a str>,
    /// The key of the secret's JSON object to read; `None` for the whole secret.
    pub json_key: Option<&'a str>,
}

impl<'a> AwsSecretRef<'a> {
    /// Parses `secret-id[?stage=STAGE][#json_key]`.
    ///
    /// ```
    /// use secretguard_scan::reference::AwsSecretRef;
    ///
    /// let db = AwsSecretRef::parse("prod/app/db?stage=AWSPREVIOUS#password").unwrap();
    /// assert_eq!(db.id, "prod/app/db");
    /// assert_eq!(db.stage, Some("AWSPREVIOUS"));
    /// assert_eq!(db.json_key, Some("password"));
    /// assert_eq!(AwsSecretRef::parse("prod/jwt").unwrap().stage, None);
    /// assert!(AwsSecretRef::parse("prod/jwt?version=2").is_err());
    /// ```
    pub fn parse(reference: &'a str) -> Result<AwsSecretRef<'a>, RefError> {
        let (rest, json_key) = match reference.split_once('#') {
            Some((rest, key)) => (rest, Some(key)),
            None => (reference, None),
        };
        let (id, stage) = match rest.split_once("?stage=") {
            Some((id, stage)) => (id, Some(stage)),
            None => (rest, None),
        };
        // `?` belongs to the one `?stage=`; any other is a query we do not read
        let stray_query = rest.matches('?').count() > usize::from(stage.is_some());
        let problem = if id.is_empty() {
            "the secret id is empty"
        } else if reference.contains(char::is_whitespace) {
            "a secret id has no whitespace"
        } else if reference.matches('#').count() > 1 {
            "`#` appears more than once: write `secret-id#json_key`"
        } else if json_key == Some("") {
            "the JSON key after `#` is empty"
        } else if stage == Some("") || stray_query {
            "expected `secret-id?stage=STAGE`, e.g. `?stage=AWSPREVIOUS`"
        } else {
            return Ok(AwsSecretRef {
                id,
                stage,
                json_key,
            });
        };
        Err(RefError(problem))
    }
}

/// `VAR[?key_id=…&context_key=value…]`: the environment variable holding base64 KMS
/// ciphertext, an optional key id, and the encryption context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KmsRef<'a> {
    /// The environment variable that holds the base64 ciphertext.
    pub variable: &'a str,
    /// The `key_id` pair's value; the last one when it is given twice, as KMS
    /// would see it from the runtime before this parser existed.
    pub key_id: Option<&'a str>,
    /// Every other pair, in the order written.
    pub context: Vec<(&'a str, &'a str)>,
}

impl<'a> KmsRef<'a> {
    /// Parses `VAR[?key_id=…&context_key=value…]`. Empty pairs (`VAR?`,
    /// `a=b&&c=d`) are skipped.
    ///
    /// ```
    /// use secretguard_scan::reference::KmsRef;
    ///
    /// let jwt = KmsRef::parse("JWT_SECRET_ENCRYPTED?key_id=alias/app&service=api").unwrap();
    /// assert_eq!(jwt.variable, "JWT_SECRET_ENCRYPTED");
    /// assert_eq!(jwt.key_id, Some("alias/app"));
    /// assert_eq!(jwt.context, [("service", "api")]);
    /// assert!(KmsRef::parse("jwt_secret").is_err());
    /// ```
    pub fn parse(reference: &'a str) -> Result<KmsRef<'a>, RefError> {
        let (variable, query) = reference.split_once('?').unwrap_or((reference, ""));
        if !is_env_name(variable) {
            return Err(RefError(
                "`kms` names the environment variable that holds the base64 ciphertext, in UPPER_SNAKE_CASE",
            ));
        }
        let mut kms = KmsRef {
            variable,
            key_id: None,
            context: Vec::new(),
        };
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            match pair.split_once('=') {
                Some(("key_id", value)) if !value.is_empty() => kms.key_id = Some(value),
                Some((key, value)) if !key.is_empty() && !value.is_empty() => {
                    kms.context.push((key, value));
                }
                _ => return Err(RefError("expected `VAR?key_id=…&context_key=value`")),
            }
        }
        Ok(kms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vault_shapes() {
        let parse = |s| VaultRef::parse(s).unwrap();
        assert_eq!(
            parse("secret/data/jwt#secret"),
            VaultRef {
                path: "secret/data/jwt",
                version: None,
                field: Some("secret")
            }
        );
        assert_eq!(
            parse("/secret/data/jwt/"),
            VaultRef {
                path: "secret/data/jwt",
                version: None,
                field: None
            }
        );
        assert_eq!(parse("kv/app/#password").path, "kv/app");
        assert_eq!(parse("kv/app").field, None);
        assert_eq!(
            parse("/secret/app/jwt/?version=12#key"),
            VaultRef {
                path: "secret/app/jwt",
                version: Some(12),
                field: Some("key")
            }
        );
        assert_eq!(parse("secret/app/jwt?version=1").version, Some(1));
        assert_eq!(parse("secret/app/jwt?version=1").field, None);
    }

    #[test]
    fn vault_problems() {
        for (reference, phrase) in [
            ("", "the Vault reference is empty"),
            (
                "secret/data/jwt #key",
                "a Vault reference has no whitespace",
            ),
            (
                "vault://secret/data/jwt",
                "write the Vault path without `vault://` (that prefix marks a reference inside an environment variable)",
            ),
            (
                "secret/data/jwt#a#b",
                "`#` appears more than once: a Vault reference is `mount/path#field`",
            ),
            ("secret/data/jwt#", "the field after `#` is empty"),
            (
                "#field",
                "expected a mount and a path before `#`, like `secret/data/jwt`",
            ),
            (
                "jwt#field",
                "expected a mount and a path before `#`, like `secret/data/jwt`",
            ),
            (
                "/jwt/",
                "expected a mount and a path before `#`, like `secret/data/jwt`",
            ),
            (
                "jwt?version=2",
                "expected a mount and a path before `#`, like `secret/data/jwt`",
            ),
        ] {
            assert_eq!(
                VaultRef::parse(reference),
                Err(RefError(phrase)),
                "{reference}"
            );
        }
    }

    #[test]
    fn vault_versions_count_from_one() {
        let bad =
            "expected `?version=N` with N a KV v2 version from 1, e.g. `secret/jwt?version=2`";
        for reference in [
            "secret/jwt?version=0",
            "secret/jwt?version=",
            "secret/jwt?version=-1",
            "secret/jwt?version=+2",
            "secret/jwt?version=two",
            "secret/jwt?version=99999999999",
            "secret/jwt?stage=AWSCURRENT",
            "secret/jwt?",
            "secret/jwt?version=2?version=3",
            "secret/jwt?version=2&x=y#k",
        ] {
            assert_eq!(
                VaultRef::parse(reference),
                Err(RefError(bad)),
                "{reference}"
            );
        }
        assert_eq!(
            VaultRef::parse("secret/jwt#key?version=2"),
            Err(RefError(
                "write `?version=N` before the field: `mount/path?version=N#field`"
            ))
        );
    }

    #[test]
    fn aws_shapes() {
        let parse = |s| AwsSecretRef::parse(s).unwrap();
        assert_eq!(
            parse("prod/app/db"),
            AwsSecretRef {
                id: "prod/app/db",
                stage: None,
                json_key: None
            }
        );
        assert_eq!(
            parse("prod/app/db#password"),
            AwsSecretRef {
                id: "prod/app/db",
                stage: None,
                json_key: Some("password")
            }
        );
        assert_eq!(
            parse("arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt?stage=AWSPENDING"),
            AwsSecretRef {
                id: "arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt",
                stage: Some("AWSPENDING"),
                json_key: None
            }
        );
        assert_eq!(
            parse("db?stage=AWSPREVIOUS#user"),
            AwsSecretRef {
                id: "db",
                stage: Some("AWSPREVIOUS"),
                json_key: Some("user")
            }
        );
    }

    #[test]
    fn aws_problems() {
        let bad_stage = "expected `secret-id?stage=STAGE`, e.g. `?stage=AWSPREVIOUS`";
        for (reference, phrase) in [
            ("", "the secret id is empty"),
            ("#key", "the secret id is empty"),
            ("?stage=AWSCURRENT", "the secret id is empty"),
            ("prod/db #key", "a secret id has no whitespace"),
            (
                "prod/db#a#b",
                "`#` appears more than once: write `secret-id#json_key`",
            ),
            ("prod/db#", "the JSON key after `#` is empty"),
            ("prod/db?stage=", bad_stage),
            ("prod/db?version=2", bad_stage),
            ("prod/db?stage=A?stage=B", bad_stage),
        ] {
            assert_eq!(
                AwsSecretRef::parse(reference),
                Err(RefError(phrase)),
                "{reference}"
            );
        }
    }

    #[test]
    fn kms_shapes() {
        assert_eq!(
            KmsRef::parse("JWT_SECRET_ENCRYPTED").unwrap(),
            KmsRef {
                variable: "JWT_SECRET_ENCRYPTED",
                key_id: None,
                context: Vec::new()
            }
        );
        assert_eq!(
            KmsRef::parse("DB_PASSWORD_KMS?tenant=acme&key_id=alias/db&&service=api&").unwrap(),
            KmsRef {
                variable: "DB_PASSWORD_KMS",
                key_id: Some("alias/db"),
                context: vec![("tenant", "acme"), ("service", "api")]
            }
        );
        assert_eq!(KmsRef::parse("X?").unwrap().context, []);
    }

    #[test]
    fn kms_problems() {
        let bad_variable = "`kms` names the environment variable that holds the base64 ciphertext, in UPPER_SNAKE_CASE";
        let bad_pair = "expected `VAR?key_id=…&context_key=value`";
        for (reference, phrase) in [
            ("", bad_variable),
            ("_", bad_variable),
            ("jwt_secret", bad_variable),
            ("?key_id=k", bad_variable),
            ("AQICAHh+base64/ciphertext==", bad_variable),
            ("VAR?key_id", bad_pair),
            ("VAR?key_id=", bad_pair),
            ("VAR?=v", bad_pair),
            ("VAR?k=", bad_pair),
            ("VAR?a=b&c", bad_pair),
        ] {
            assert_eq!(
                KmsRef::parse(reference),
                Err(RefError(phrase)),
                "{reference}"
            );
        }
    }

    #[test]
    fn errors_print_their_phrase() {
        let error = RefError("the secret id is empty");
        assert_eq!(error.to_string(), "the secret id is empty");
        let _: &dyn std::error::Error = &error;
    }
}
