//! `vault = "mount/path#field"`: HashiCorp Vault's HTTP API, KV v1 and v2, configured
//! the way the Vault CLI is (`VAULT_ADDR`, `VAULT_TOKEN`, …), plus AppRole.
//!
//! One client per process: one connection pool, one login shared by every
//! secret. Blocking (ureq, rustls), so a loader works the same inside or
//! outside an async runtime.

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use serde_json::Value;
use zeroize::Zeroizing;

use super::{Step, Trace, VaultRef};
use crate::error::{ErrorKind, Outcome};

/// Responses larger than this are not secrets; refuse them unread.
const MAX_RESPONSE: u64 = 1024 * 1024;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Reads one secret; records the lookup as `vault <addr> <path>#<field>`.
pub(crate) fn lookup(vault_ref: &VaultRef<'_>, trace: &mut Trace) -> Step {
    let reference = match vault_ref.field {
        Some(field) => format!("{}#{field}", vault_ref.path),
        None => vault_ref.path.to_owned(),
    };
    let client = match client() {
        Ok(client) => client,
        Err(reason) => {
            trace.record(
                format!("vault {reference}"),
                Outcome::Unreadable(reason.clone()),
            );
            return Step::Failed(ErrorKind::Unavailable { reason });
        }
    };
    let place = format!("vault {} {reference}", client.config.addr);
    match client.read(vault_ref) {
        Ok(Some(value)) => trace.value(place, value),
        Ok(None) => {
            trace.record(place, Outcome::NotFound);
            Step::Missing
        }
        Err(kind) => {
            let outcome = match &kind {
                ErrorKind::FieldMissing { available, .. } => {
                    Outcome::Unreadable(format!("fields: {}", available.join(", ")))
                }
                ErrorKind::Denied { reason } | ErrorKind::Unavailable { reason } => {
                    Outcome::Unreadable(reason.clone())
                }
                other => Outcome::Unreadable(other.to_string()),
            };
            trace.record(place, outcome);
            Step::Failed(kind)
        }
    }
}

/// The process-wide client, configured from the environment on first use.
fn client() -> Result<&'static Client, String> {
    static CLIENT: OnceLock<Result<Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(Client::from_env)
        .as_ref()
        .map_err(Clone::clone)
}

/// How the client proves who it is.
enum Auth {
    /// `VAULT_TOKEN`, or the CLI's token file `~/.vault-token`.
    Token(Zeroizing<String>),
    /// `VAULT_ROLE_ID` with `VAULT_SECRET_ID` (or `VAULT_SECRET_ID_FILE`).
    AppRole {
        mount: String,
        role_id: Zeroizing<String>,
        secret_id: Zeroizing<String>,
    },
    /// Nothing configured; every read is refused with a message that says so.
    Missing,
}

struct Config {
    addr: String,
    namespace: Option<String>,
    max_retries: u32,
    timeout: Duration,
}

struct Client {
    agent: ureq::Agent,
    config: Config,
    auth: Auth,
    /// The AppRole token once logged in; the lock makes concurrent loaders share one login.
    session: Mutex<Option<Zeroizing<String>>>,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Client {
    fn from_env() -> Result<Client, String> {
        let addr = env("VAULT_ADDR")
            .unwrap_or_else(|| "https://127.0.0.1:8200".to_owned())
            .trim_end_matches('/')
            .to_owned();
        let seconds = |name: &str, default: u64| -> Result<u64, String> {
            env(name).map_or(Ok(default), |v| {
                v.trim_end_matches('s')
                    .parse()
                    .map_err(|_| format!("{name} is not a number of seconds"))
            })
        };
        let config = Config {
            addr,
            namespace: env("VAULT_NAMESPACE"),
            max_retries: u32::try_from(seconds("VAULT_MAX_RETRIES", 2)?)
                .unwrap_or(2)
                .min(10),
            timeout: Duration::from_secs(seconds("VAULT_CLIENT_TIMEOUT", 60)?.max(1)),
        };
        let agent = agent(&config)?;
        Ok(Client {
            agent,
            config,
            auth: auth_from_env()?,
            session: Mutex::new(None),
        })
    }

    /// The secret's bytes; `None` when the path does not exist (404).
    fn read(&self, vault_ref: &VaultRef<'_>) -> Result<Option<Zeroizing<Vec<u8>>>, ErrorKind> {
        let url = format!("{}/v1/{}", self.config.addr, vault_ref.path);
        let mut token = self.token()?;
        let (mut status, mut body) = self.send(|| self.request(&url, &token))?;
        if status == 403 && matches!(self.auth, Auth::AppRole { .. }) {
            // the token may have expired: log in again, once, and retry
            token = self.relogin(&token)?;
            (status, body) = self.send(|| self.request(&url, &token))?;
        }
        match status {
            200 => extract(&body, vault_ref.field).map(Some),
            404 => Ok(None),
            403 => Err(ErrorKind::Denied {
                reason: format!(
                    "{} answered 403 permission denied for {}",
                    self.config.addr, vault_ref.path
                ),
            }),
            s if s >= 500 => Err(ErrorKind::Unavailable {
                reason: format!(
                    "{} answered {s} for {} after {} attempts",
                    self.config.addr,
                    vault_ref.path,
                    self.config.max_retries + 1
                ),
            }),
            s => Err(ErrorKind::Unavailable {
                reason: format!(
                    "{} answered HTTP {s} for {}",
                    self.config.addr, vault_ref.path
                ),
            }),
        }
    }

    fn request(
        &self,
        url: &str,
        token: &str,
    ) -> Result<ureq::http::Response<ureq::Body>, ureq::Error> {
        let mut request = self.agent.get(url).header("X-Vault-Token", token);
        if let Some(ns) = &self.config.namespace {
            request = request.header("X-Vault-Namespace", ns);
        }
        request.call()
    }

    /// Sends with bounded retries and backoff on connection errors and 5xx only.
    fn send(
        &self,
        call: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(u16, Zeroizing<Vec<u8>>), ErrorKind> {
        let mut attempt = 0;
        loop {
            let last = attempt >= self.config.max_retries;
            match call() {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if status >= 500 && !last {
                        backoff(attempt);
                        attempt += 1;
                        continue;
                    }
                    let body = response
                        .body_mut()
                        .with_config()
                        .limit(MAX_RESPONSE)
                        .read_to_vec()
                        .map(Zeroizing::new)
                        .map_err(|e| self.transport_error(&e))?;
                    return Ok((status, body));
                }
                Err(e) if retryable(&e) && !last => {
                    backoff(attempt);
                    attempt += 1;
                }
                Err(e) => return Err(self.transport_error(&e)),
            }
        }
    }

    /// Describes a failed request in our words: ureq's own may carry a URL or header.
    fn transport_error(&self, e: &ureq::Error) -> ErrorKind {
        let addr = &self.config.addr;
        let what = match e {
            // rustls reports a failed handshake as invalid data on the stream
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                format!("TLS failure talking to {addr}: {io}")
            }
            ureq::Error::Io(io) => format!("{addr} is unreachable: {io}"),
            ureq::Error::ConnectionFailed => format!("{addr} is unreachable: connection failed"),
            ureq::Error::HostNotFound => format!("{addr} is unreachable: host not found"),
            ureq::Error::Timeout(_) => {
                format!("{addr} timed out after {} s", self.config.timeout.as_secs())
            }
            ureq::Error::Rustls(tls) => format!("TLS failure talking to {addr}: {tls}"),
            ureq::Error::Tls(tls) => format!("TLS failure talking to {addr}: {tls}"),
            ureq::Error::BodyExceedsLimit(_) => {
                format!("{addr} sent a response larger than 1 MiB, which is not a secret")
            }
            ureq::Error::BadUri(_) => format!("VAULT_ADDR `{addr}` is not a valid URL"),
            _ => format!("the request to {addr} failed (malformed response or protocol error)"),
        };
        ErrorKind::Unavailable { reason: what }
    }

    /// The token to send: the configured one, or the AppRole session (logging in once).
    fn token(&self) -> Result<Zeroizing<String>, ErrorKind> {
        match &self.auth {
            Auth::Token(token) => Ok(token.clone()),
            Auth::Missing => Err(ErrorKind::Denied {
                reason: "no Vault credentials: set VAULT_TOKEN, or VAULT_ROLE_ID and VAULT_SECRET_ID, or log in with `vault login` (~/.vault-token)".to_owned(),
            }),
            Auth::AppRole { .. } => {
                let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
                if let Some(token) = session.as_ref() {
                    return Ok(token.clone());
                }
                let token = self.login()?;
                *session = Some(token.clone());
                Ok(token)
            }
        }
    }

    /// Replaces `stale` with a fresh login unless another thread already did.
    fn relogin(&self, stale: &str) -> Result<Zeroizing<String>, ErrorKind> {
        let mut session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(current) = session.as_ref()
            && current.as_str() != stale
        {
            return Ok(current.clone());
        }
        let token = self.login()?;
        *session = Some(token.clone());
        Ok(token)
    }

    fn login(&self) -> Result<Zeroizing<String>, ErrorKind> {
        let Auth::AppRole {
            mount,
            role_id,
            secret_id,
        } = &self.auth
        else {
            return Err(ErrorKind::Denied {
                reason: "no AppRole credentials".to_owned(),
            });
        };
        let url = format!("{}/v1/auth/{mount}/login", self.config.addr);
        let body = Zeroizing::new(
            serde_json::json!({ "role_id": role_id.as_str(), "secret_id": secret_id.as_str() })
                .to_string(),
        );
        let (status, response) = self.send(|| {
            let mut request = self
                .agent
                .post(&url)
                .header("Content-Type", "application/json");
            if let Some(ns) = &self.config.namespace {
                request = request.header("X-Vault-Namespace", ns);
            }
            request.send(body.as_str())
        })?;
        if status != 200 {
            return Err(ErrorKind::Denied {
                reason: format!("the AppRole login at {url} was refused (HTTP {status})"),
            });
        }
        let mut json: Value =
            serde_json::from_slice(&response).map_err(|_| malformed(&url, "not JSON"))?;
        let token = json
            .pointer("/auth/client_token")
            .and_then(Value::as_str)
            .map(|t| Zeroizing::new(t.to_owned()))
            .ok_or_else(|| malformed(&url, "no auth.client_token"));
        super::wipe_json(&mut json);
        token
    }
}

fn malformed(url: &str, what: &str) -> ErrorKind {
    ErrorKind::Unavailable {
        reason: format!("malformed response from {url}: {what}"),
    }
}

fn backoff(attempt: u32) {
    std::thread::sleep(Duration::from_millis(100 << attempt.min(5)));
}

/// Connection-level failures are worth retrying; TLS and protocol errors are not.
fn retryable(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_) | ureq::Error::ConnectionFailed | ureq::Error::Timeout(_)
    )
}

fn agent(config: &Config) -> Result<ureq::Agent, String> {
    let mut tls = ureq::tls::TlsConfig::builder();
    if let Some(path) = env("VAULT_CACERT") {
        let pem =
            std::fs::read(&path).map_err(|e| format!("VAULT_CACERT={path}: cannot read: {e}"))?;
        let certs: Vec<ureq::tls::Certificate<'static>> = ureq::tls::parse_pem(&pem)
            .filter_map(|item| match item {
                Ok(ureq::tls::PemItem::Certificate(cert)) => Some(cert),
                _ => None,
            })
            .collect();
        if certs.is_empty() {
            return Err(format!("VAULT_CACERT={path}: no PEM certificate in it"));
        }
        tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&certs));
    }
    if env("VAULT_SKIP_VERIFY")
        .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "TRUE" | "True"))
    {
        tls = tls.disable_verification(true);
    }
    let agent_config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(config.timeout))
        .tls_config(tls.build())
        .user_agent(concat!("secretguard/", env!("CARGO_PKG_VERSION")))
        .build();
    Ok(ureq::Agent::new_with_config(agent_config))
}

fn auth_from_env() -> Result<Auth, String> {
    if let Some(token) = env("VAULT_TOKEN") {
        return Ok(Auth::Token(Zeroizing::new(token)));
    }
    if let Some(role_id) = env("VAULT_ROLE_ID") {
        let secret_id = match (env("VAULT_SECRET_ID"), env("VAULT_SECRET_ID_FILE")) {
            (Some(id), _) => id,
            (None, Some(path)) => {
                let bytes = super::file::read_secret_file(std::path::Path::new(&path))
                    .map_err(|e| format!("VAULT_SECRET_ID_FILE={path}: cannot read: {e}"))?;
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| format!("VAULT_SECRET_ID_FILE={path}: not UTF-8"))?
            }
            (None, None) => {
                return Err(
                    "VAULT_ROLE_ID is set but neither VAULT_SECRET_ID nor VAULT_SECRET_ID_FILE is"
                        .to_owned(),
                );
            }
        };
        return Ok(Auth::AppRole {
            mount: env("VAULT_APPROLE_MOUNT").unwrap_or_else(|| "approle".to_owned()),
            role_id: Zeroizing::new(role_id),
            secret_id: Zeroizing::new(secret_id),
        });
    }
    let token_file = env("HOME").map(|home| PathBuf::from(home).join(".vault-token"));
    if let Some(file) = token_file
        && let Ok(bytes) = super::file::read_secret_file(&file)
        && let Ok(token) = String::from_utf8(bytes.to_vec())
        && !token.trim().is_empty()
    {
        return Ok(Auth::Token(Zeroizing::new(token.trim().to_owned())));
    }
    Ok(Auth::Missing)
}

/// Picks the field out of a KV response. `data.data` beside `data.metadata`
/// is KV v2; a flat `data` is KV v1. Without a field, a secret with exactly
/// one key yields it.
fn extract(body: &[u8], field: Option<&str>) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    let mut json: Value = serde_json::from_slice(body).map_err(|_| ErrorKind::Unavailable {
        reason: "malformed response from Vault: not JSON".to_owned(),
    })?;
    let result = pick(&json, field);
    super::wipe_json(&mut json);
    result
}

fn pick(json: &Value, field: Option<&str>) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
    let malformed = |what: &str| ErrorKind::Unavailable {
        reason: format!("malformed response from Vault: {what}"),
    };
    let data = json.get("data").ok_or_else(|| malformed("no `data`"))?;
    let fields = match (data.get("data"), data.get("metadata")) {
        (Some(inner), Some(_)) => inner,
        _ => data,
    };
    let fields = fields
        .as_object()
        .ok_or_else(|| malformed("`data` is not an object"))?;
    let names = || fields.keys().cloned().collect::<Vec<_>>();
    let value = match field {
        Some(name) => fields.get(name).ok_or_else(|| ErrorKind::FieldMissing {
            field: Some(name.to_owned()),
            available: names(),
        })?,
        None if fields.len() == 1 => fields
            .values()
            .next()
            .ok_or_else(|| malformed("empty data"))?,
        None => {
            return Err(ErrorKind::FieldMissing {
                field: None,
                available: names(),
            });
        }
    };
    match value {
        Value::String(s) => Ok(Zeroizing::new(s.as_bytes().to_vec())),
        Value::Number(n) => Ok(Zeroizing::new(n.to_string().into_bytes())),
        Value::Bool(b) => Ok(Zeroizing::new(b.to_string().into_bytes())),
        _ => Err(malformed("the field is not a string")),
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
