//! Talking to Vault over HTTP: bounded retries, transport errors in our words,
//! the token or an AppRole login shared by every secret.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use serde_json::Value;
use zeroize::Zeroizing;

use super::config::{self, Auth, Config};
use crate::error::ErrorKind;
use crate::source::remote;

/// Responses larger than this are not secrets; refuse them unread.
const MAX_RESPONSE: u64 = 1024 * 1024;

/// The process-wide client, configured from the environment on first use.
pub(super) fn client() -> Result<&'static Client, String> {
    static CLIENT: OnceLock<Result<Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(Client::from_env)
        .as_ref()
        .map_err(Clone::clone)
}

/// A GET answered with a body worth reading.
pub(super) enum Answer {
    /// 200.
    Found(Zeroizing<Vec<u8>>),
    /// 404: nothing there, or (KV v2) a deleted version's metadata.
    NotFound(Zeroizing<Vec<u8>>),
}

/// One connection pool and one login for the whole process.
pub(super) struct Client {
    agent: ureq::Agent,
    config: Config,
    auth: Auth,
    /// The AppRole token once logged in; the lock makes concurrent loaders share one login.
    session: Mutex<Option<Zeroizing<String>>>,
}

impl Client {
    fn from_env() -> Result<Client, String> {
        let config = Config::from_env()?;
        Ok(Client {
            agent: super::resolve::quick(config::agent(&config)?),
            config,
            auth: config::auth_from_env()?,
            session: Mutex::new(None),
        })
    }

    /// `https://vault.example:8200`, for messages.
    pub(super) fn addr(&self) -> &str {
        &self.config.addr
    }

    /// The body of a 200 or a 404 answer for `path` (KV v2 says in a 404's body
    /// that a secret was deleted); any other status is an error.
    pub(super) fn get(&self, path: &str) -> Result<Answer, ErrorKind> {
        let url = format!("{}/v1/{path}", self.config.addr);
        let mut token = self.token()?;
        let (mut status, mut body) = self.send(|| self.request(&url, &token))?;
        if status == 403 && matches!(self.auth, Auth::AppRole { .. }) {
            // the token may have expired: log in again, once, and retry
            token = self.relogin(&token)?;
            (status, body) = self.send(|| self.request(&url, &token))?;
        }
        match status {
            200 => Ok(Answer::Found(body)),
            404 => Ok(Answer::NotFound(body)),
            403 => Err(ErrorKind::Denied {
                reason: format!(
                    "{} answered 403 permission denied for {}",
                    self.config.addr, path
                ),
            }),
            s if s >= 500 => Err(ErrorKind::Unavailable {
                reason: format!(
                    "{} answered {s} for {} after {} attempts",
                    self.config.addr,
                    path,
                    self.config.max_retries + 1
                ),
            }),
            s => Err(ErrorKind::Unavailable {
                reason: format!("{} answered HTTP {s} for {}", self.config.addr, path),
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
        remote::read_json(&response, |json| {
            json.pointer("/auth/client_token")
                .and_then(Value::as_str)
                .map(|t| Zeroizing::new(t.to_owned()))
        })
        .ok_or_else(|| malformed(&url, "not JSON"))?
        .ok_or_else(|| malformed(&url, "no auth.client_token"))
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
