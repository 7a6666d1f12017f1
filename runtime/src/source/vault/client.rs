//! Talking to Vault over HTTP: bounded retries, transport errors in our words,
//! the token or an AppRole login shared by every secret.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use serde_json::Value;
use zeroize::Zeroizing;

use super::config::{self, Auth, Config, Origin};
use crate::error::ErrorKind;
use crate::source::remote;

/// Responses larger than this are not secrets; refuse them unread.
const MAX_RESPONSE: u64 = 1024 * 1024;

/// Same-origin redirects followed for one request.
const MAX_REDIRECTS: u32 = 3;

type Response = ureq::http::Response<ureq::Body>;

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
            agent: config::agent(&config)?,
            config,
            auth: config::auth_from_env()?,
            session: Mutex::new(None),
        })
    }

    /// `https://vault.example:8200`, for messages: `VAULT_ADDR` without userinfo.
    pub(super) fn addr(&self) -> &str {
        &self.config.addr
    }

    /// The body of a 200 or a 404 answer for `path` (KV v2 says in a 404's body
    /// that a secret was deleted); any other status is an error.
    pub(super) fn get(&self, path: &str) -> Result<Answer, ErrorKind> {
        let url = format!("{}/v1/{path}", self.config.base);
        let mut token = self.token()?;
        let (mut status, mut body) = self.send(&url, |url| self.request(url, &token))?;
        if status == 403 && matches!(self.auth, Auth::AppRole { .. }) {
            // the token may have expired: log in again, once, and retry
            token = self.relogin(&token)?;
            (status, body) = self.send(&url, |url| self.request(url, &token))?;
        }
        let addr = &self.config.addr;
        match status {
            200 => Ok(Answer::Found(body)),
            404 => Ok(Answer::NotFound(body)),
            403 => Err(ErrorKind::Denied {
                reason: format!("{addr} answered 403 permission denied for {path}"),
            }),
            s if s >= 500 => Err(ErrorKind::Unavailable {
                reason: format!(
                    "{addr} answered {s} for {path} after {} attempts",
                    self.config.max_retries + 1
                ),
            }),
            s => Err(ErrorKind::Unavailable {
                reason: format!("{addr} answered HTTP {s} for {path}"),
            }),
        }
    }

    fn request(&self, url: &str, token: &str) -> Result<Response, ureq::Error> {
        let mut request = self
            .agent
            .get(url)
            .header("X-Vault-Token", token_header(token)?);
        if let Some(ns) = &self.config.namespace {
            request = request.header("X-Vault-Namespace", ns);
        }
        request.call()
    }

    /// Sends to `url` with bounded retries and backoff on connection errors
    /// and 5xx only, following redirects within Vault's own origin only:
    /// the token and the AppRole secret go nowhere else.
    fn send(
        &self,
        url: &str,
        call: impl Fn(&str) -> Result<Response, ureq::Error>,
    ) -> Result<(u16, Zeroizing<Vec<u8>>), ErrorKind> {
        let started = Instant::now();
        let mut url = url.to_owned();
        let (mut attempt, mut redirects) = (0, 0);
        loop {
            let last = attempt >= self.config.max_retries;
            match call(&url) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    if status >= 500 && !last {
                        backoff(attempt);
                        attempt += 1;
                        continue;
                    }
                    if matches!(status, 301 | 302 | 307 | 308)
                        && let Some(location) = response.headers().get("location")
                    {
                        url = self.redirect_target(location.as_bytes(), redirects)?;
                        redirects += 1;
                        continue;
                    }
                    let body = self.read_body(&mut response)?;
                    return Ok((status, body));
                }
                Err(e) if retryable(&e) && !last => {
                    backoff(attempt);
                    attempt += 1;
                }
                Err(e) => return Err(self.transport_error(&e, attempt + 1, started)),
            }
        }
    }

    /// Where a redirect may be followed: Vault's own origin (a standby node
    /// sending to the active one behind the same address), a few times at most.
    fn redirect_target(&self, location: &[u8], redirects: u32) -> Result<String, ErrorKind> {
        let addr = &self.config.addr;
        let refuse = |what: String| ErrorKind::Unavailable { reason: what };
        let uri = std::str::from_utf8(location)
            .ok()
            .and_then(|l| l.parse::<ureq::http::Uri>().ok())
            .ok_or_else(|| refuse(format!("{addr} redirected to an invalid Location")))?;
        // a relative Location stays with us; an absolute one must name our origin
        if uri.scheme().is_some() {
            let origin = Origin::of(&uri)
                .ok_or_else(|| refuse(format!("{addr} redirected to an invalid Location")))?;
            if !self.config.is_ours(&origin) {
                return Err(refuse(format!(
                    "{addr} redirected to {origin}, another origin; the Vault token is sent to VAULT_ADDR's origin only"
                )));
            }
        }
        if redirects >= MAX_REDIRECTS {
            return Err(refuse(format!(
                "{addr} redirected more than {MAX_REDIRECTS} times"
            )));
        }
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        Ok(format!("{}{path}", base_origin(&self.config.base)))
    }

    /// The body, at most [`MAX_RESPONSE`], read into zeroizing buffers that
    /// never reallocate: sized from Content-Length, replaced (and the old one
    /// wiped) if the server sends more.
    fn read_body(&self, response: &mut Response) -> Result<Zeroizing<Vec<u8>>, ErrorKind> {
        let addr = &self.config.addr;
        let too_large = || ErrorKind::Unavailable {
            reason: format!("{addr} sent a response larger than 1 MiB, which is not a secret"),
        };
        let length = response.body().content_length();
        if length.is_some_and(|l| l > MAX_RESPONSE) {
            return Err(too_large());
        }
        let limit = usize::try_from(MAX_RESPONSE).unwrap_or(usize::MAX);
        let expected = length.map_or(8 * 1024, |l| usize::try_from(l).unwrap_or(limit));
        let mut body = Zeroizing::new(Vec::with_capacity(expected.min(limit) + 1));
        let mut chunk = Zeroizing::new([0u8; 8 * 1024]);
        let mut reader = response.body_mut().as_reader();
        loop {
            let n = reader
                .read(&mut chunk[..])
                .map_err(|e| ErrorKind::Unavailable {
                    reason: format!("{addr} broke off its answer: {}", e.kind()),
                })?;
            if n == 0 {
                return Ok(body);
            }
            if body.len() + n > limit {
                return Err(too_large());
            }
            if body.len() + n > body.capacity() {
                let mut larger = Zeroizing::new(Vec::with_capacity(
                    (body.capacity() * 2).min(limit + 1).max(body.len() + n),
                ));
                larger.extend_from_slice(&body);
                body = larger;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }

    /// Describes a failed request in our words: ureq's own may carry a URL or header.
    fn transport_error(&self, e: &ureq::Error, attempts: u32, started: Instant) -> ErrorKind {
        let addr = &self.config.addr;
        let tries = match attempts {
            1 => "1 attempt".to_owned(),
            n => format!("{n} attempts"),
        };
        let spent = started.elapsed().as_secs_f32();
        let what = match e {
            // rustls reports a failed handshake as invalid data on the stream
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
                format!("TLS failure talking to {addr}: {io}")
            }
            ureq::Error::Io(io) => format!("{addr} is unreachable: {io} ({tries} in {spent:.1} s)"),
            ureq::Error::ConnectionFailed => {
                format!("{addr} is unreachable: connection failed ({tries} in {spent:.1} s)")
            }
            ureq::Error::HostNotFound => format!("{addr} is unreachable: host not found"),
            ureq::Error::Timeout(_) => format!(
                "{addr} did not answer: timed out after {} s, {tries} in {spent:.1} s",
                self.config.timeout.as_secs()
            ),
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
        let url = format!("{}/v1/auth/{mount}/login", self.config.base);
        let shown = format!("{}/v1/auth/{mount}/login", self.config.addr);
        let body = login_body(role_id, secret_id);
        let (status, response) = self.send(&url, |url| {
            let mut request = self
                .agent
                .post(url)
                .header("Content-Type", "application/json");
            if let Some(ns) = &self.config.namespace {
                request = request.header("X-Vault-Namespace", ns);
            }
            request.send(&body[..])
        })?;
        if status != 200 {
            return Err(ErrorKind::Denied {
                reason: format!("the AppRole login at {shown} was refused (HTTP {status})"),
            });
        }
        remote::read_json(&response, |json| {
            json.pointer("/auth/client_token")
                .and_then(Value::as_str)
                .map(|t| Zeroizing::new(t.to_owned()))
        })
        .ok_or_else(|| malformed(&shown, "not JSON"))?
        .ok_or_else(|| malformed(&shown, "no auth.client_token"))
    }
}

/// `{"role_id":…,"secret_id":…}` written into one zeroizing buffer sized for
/// the worst escaping, so no copy of the secret id is left behind.
fn login_body(role_id: &str, secret_id: &str) -> Zeroizing<Vec<u8>> {
    let fields = BTreeMap::from([("role_id", role_id), ("secret_id", secret_id)]);
    let mut body = Zeroizing::new(Vec::with_capacity(
        64 + 6 * (role_id.len() + secret_id.len()),
    ));
    serde_json::to_writer(&mut *body, &fields).expect("a map of strings serializes");
    body
}

/// `scheme://userinfo@host:port` of `base`, without its path.
fn base_origin(base: &str) -> &str {
    let start = base.find("://").map_or(0, |i| i + 3);
    base[start..].find('/').map_or(base, |i| &base[..start + i])
}

fn malformed(url: &str, what: &str) -> ErrorKind {
    ErrorKind::Unavailable {
        reason: format!("malformed response from {url}: {what}"),
    }
}

fn backoff(attempt: u32) {
    std::thread::sleep(Duration::from_millis(100 << attempt.min(5)));
}

/// Connection-level failures are worth retrying; TLS and protocol errors are
/// not (rustls reports a failed handshake as `InvalidData` on the stream).
fn retryable(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::Io(io) => io.kind() != std::io::ErrorKind::InvalidData,
        ureq::Error::ConnectionFailed | ureq::Error::Timeout(_) => true,
        _ => false,
    }
}

/// The token as a header value over a buffer that is wiped when ureq drops
/// the request: `HeaderValue::from_maybe_shared` keeps a `Bytes` as it is, and
/// `Bytes::from_owner` drops our zeroizing owner instead of freeing a plain
/// copy. (ureq's connection buffers, which hold the header text, stay out of
/// reach: see ARCHITECTURE.md.)
fn token_header(token: &str) -> Result<ureq::http::HeaderValue, ureq::Error> {
    struct Wiped(Zeroizing<Vec<u8>>);
    impl AsRef<[u8]> for Wiped {
        fn as_ref(&self) -> &[u8] {
            &self.0
        }
    }
    let owner = Wiped(Zeroizing::new(token.as_bytes().to_vec()));
    ureq::http::HeaderValue::from_maybe_shared(bytes::Bytes::from_owner(owner))
        .map_err(|e| ureq::Error::Http(e.into()))
}
