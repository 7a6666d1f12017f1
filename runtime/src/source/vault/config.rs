//! The Vault client's settings, read from the environment as the Vault CLI reads them.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use ureq::http::Uri;
use ureq::tls::{Certificate, ClientCert, PemItem, RootCerts, TlsConfig};
use ureq::unversioned::resolver::{ResolvedSocketAddrs, Resolver};

use super::resolve::QuickResolver;
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use zeroize::Zeroizing;

use crate::source::file;

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How the client proves who it is.
pub(super) enum Auth {
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

/// Where Vault is and how patiently to talk to it.
pub(super) struct Config {
    /// `VAULT_ADDR` without its userinfo: the only form a message shows.
    pub(super) addr: String,
    /// Where requests go: `VAULT_ADDR`, its host replaced by `VAULT_TLS_SERVER_NAME` if set.
    pub(super) base: String,
    /// The origins the token may be sent to: `VAULT_ADDR`'s, and `base`'s.
    origins: [Origin; 2],
    /// `VAULT_TLS_SERVER_NAME`, and the `host:port` it stands for.
    server_name: Option<(String, String)>,
    pub(super) namespace: Option<String>,
    pub(super) max_retries: u32,
    pub(super) timeout: Duration,
}

impl Config {
    /// `VAULT_ADDR`, `VAULT_TLS_SERVER_NAME`, `VAULT_NAMESPACE`, `VAULT_MAX_RETRIES`,
    /// `VAULT_CLIENT_TIMEOUT`.
    pub(super) fn from_env() -> Result<Config, String> {
        let given = env("VAULT_ADDR").unwrap_or_else(|| "https://127.0.0.1:8200".to_owned());
        let given = given.trim_end_matches('/');
        let addr = without_userinfo(given);
        let uri: Uri = given
            .parse()
            .map_err(|_| format!("VAULT_ADDR `{addr}` is not a valid URL"))?;
        let origin =
            Origin::of(&uri).ok_or_else(|| format!("VAULT_ADDR `{addr}` is not a valid URL"))?;
        let (base, server_name) = match env("VAULT_TLS_SERVER_NAME") {
            Some(name) => {
                let base = with_host(given, &uri, &name);
                (
                    base,
                    Some((name, format!("{}:{}", origin.host, origin.port))),
                )
            }
            None => (given.to_owned(), None),
        };
        let base_origin = base
            .parse::<Uri>()
            .ok()
            .and_then(|u| Origin::of(&u))
            .ok_or("VAULT_TLS_SERVER_NAME is not a valid host name")?;
        let seconds = |name: &str, default: u64| -> Result<u64, String> {
            env(name).map_or(Ok(default), |v| {
                v.trim_end_matches('s')
                    .parse()
                    .map_err(|_| format!("{name} is not a number of seconds"))
            })
        };
        Ok(Config {
            addr,
            base,
            origins: [origin, base_origin],
            server_name,
            namespace: env("VAULT_NAMESPACE"),
            max_retries: u32::try_from(seconds("VAULT_MAX_RETRIES", 2)?)
                .unwrap_or(2)
                .min(10),
            timeout: Duration::from_secs(seconds("VAULT_CLIENT_TIMEOUT", 60)?.max(1)),
        })
    }

    /// True when a request to `origin` stays with the Vault of `VAULT_ADDR`.
    pub(super) fn is_ours(&self, origin: &Origin) -> bool {
        self.origins.contains(origin)
    }
}

/// Scheme, host and port: where a token may go, and all a message says of a foreign URL.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    /// The origin of an absolute URL; `None` for a relative one.
    pub(super) fn of(uri: &Uri) -> Option<Origin> {
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let authority = uri.authority()?;
        let default = match scheme.as_str() {
            "https" => 443,
            "http" => 80,
            _ => return None,
        };
        Some(Origin {
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16().unwrap_or(default),
            scheme,
        })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// `addr` with any `user:password@` removed, for messages.
pub(super) fn without_userinfo(addr: &str) -> String {
    let start = addr.find("://").map_or(0, |i| i + 3);
    let end = addr[start..]
        .find(['/', '?', '#'])
        .map_or(addr.len(), |i| start + i);
    match addr[start..end].rfind('@') {
        Some(at) => format!("{}{}", &addr[..start], &addr[start + at + 1..]),
        None => addr.to_owned(),
    }
}

/// `given` (parsed as `uri`) with its host replaced by `host`, userinfo and port kept.
fn with_host(given: &str, uri: &Uri, host: &str) -> String {
    let authority = uri.authority().map_or("", |a| a.as_str());
    let userinfo = authority.rfind('@').map_or("", |at| &authority[..=at]);
    let port = uri
        .authority()
        .and_then(|a| a.port_u16())
        .map(|p| format!(":{p}"))
        .unwrap_or_default();
    let scheme = uri.scheme_str().unwrap_or("https");
    let rest = given
        .find("://")
        .map_or(given, |i| &given[i + 3..])
        .trim_start_matches(authority);
    format!("{scheme}://{userinfo}{host}{port}{rest}")
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A boolean as Go's `strconv.ParseBool` (and so the Vault CLI) reads it.
fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// The boolean variable `name`, false when unset; a bad value names the variable only.
fn env_bool(name: &str) -> Result<bool, String> {
    env(name).map_or(Ok(false), |v| {
        parse_bool(v.trim()).ok_or_else(|| {
            format!("{name} is not a boolean; write `true` or `false` (or 1, 0, t, f)")
        })
    })
}

/// The HTTP agent: timeouts, no automatic redirects (the client follows them
/// itself, to Vault's own origin only), and TLS from `VAULT_CACERT`,
/// `VAULT_CAPATH`, `VAULT_CLIENT_CERT` + `VAULT_CLIENT_KEY`, `VAULT_SKIP_VERIFY`.
pub(super) fn agent(config: &Config) -> Result<ureq::Agent, String> {
    let mut tls = TlsConfig::builder();
    if let Some(roots) = trusted_roots()? {
        tls = tls.root_certs(RootCerts::new_with_certs(&roots));
    }
    tls = tls.client_cert(client_cert()?);
    if env_bool("VAULT_SKIP_VERIFY")? {
        tls = tls.disable_verification(true);
    }
    let agent_config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(CONNECT_TIMEOUT))
        .timeout_global(Some(config.timeout))
        .tls_config(tls.build())
        .user_agent(concat!("secretguard/", env!("CARGO_PKG_VERSION")))
        .build();
    let resolver = ServerNameResolver {
        pinned: config.server_name.clone(),
        lookup: QuickResolver::default(),
    };
    Ok(ureq::Agent::with_parts(
        agent_config,
        DefaultConnector::default(),
        resolver,
    ))
}

/// `VAULT_CACERT`, else every certificate in `VAULT_CAPATH`, as Vault does;
/// `None`: the usual web roots.
fn trusted_roots() -> Result<Option<Vec<Certificate<'static>>>, String> {
    if let Some(path) = env("VAULT_CACERT") {
        let certs =
            read_certs(Path::new(&path)).map_err(|e| format!("VAULT_CACERT={path}: {e}"))?;
        if certs.is_empty() {
            return Err(format!("VAULT_CACERT={path}: no PEM certificate in it"));
        }
        return Ok(Some(certs));
    }
    let Some(dir) = env("VAULT_CAPATH") else {
        return Ok(None);
    };
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| format!("VAULT_CAPATH={dir}: cannot read the directory: {e}"))?;
    let mut certs = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        // hash links and non-PEM files beside the certificates are skipped, not errors
        if path.is_file()
            && let Ok(found) = read_certs(&path)
        {
            certs.extend(found);
        }
    }
    if certs.is_empty() {
        return Err(format!("VAULT_CAPATH={dir}: no PEM certificate in it"));
    }
    Ok(Some(certs))
}

fn read_certs(path: &Path) -> Result<Vec<Certificate<'static>>, String> {
    let pem = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    Ok(ureq::tls::parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(PemItem::Certificate(cert)) => Some(cert),
            _ => None,
        })
        .collect())
}

/// `VAULT_CLIENT_CERT` with `VAULT_CLIENT_KEY`, checked to be a pair now:
/// a mismatch found at connection time would be a panic inside ureq.
fn client_cert() -> Result<Option<ClientCert>, String> {
    let (cert_path, key_path) = match (env("VAULT_CLIENT_CERT"), env("VAULT_CLIENT_KEY")) {
        (None, None) => return Ok(None),
        (Some(cert), Some(key)) => (cert, key),
        (Some(_), None) => {
            return Err("VAULT_CLIENT_CERT is set but VAULT_CLIENT_KEY is not".into());
        }
        (None, Some(_)) => {
            return Err("VAULT_CLIENT_KEY is set but VAULT_CLIENT_CERT is not".into());
        }
    };
    let chain = read_certs(Path::new(&cert_path))
        .map_err(|e| format!("VAULT_CLIENT_CERT={cert_path}: {e}"))?;
    if chain.is_empty() {
        return Err(format!(
            "VAULT_CLIENT_CERT={cert_path}: no PEM certificate in it"
        ));
    }
    let key_pem = file::read_secret_file(Path::new(&key_path))
        .map_err(|e| format!("VAULT_CLIENT_KEY={key_path}: cannot read: {e}"))?;
    let key = ureq::tls::parse_pem(&key_pem)
        .find_map(|item| match item {
            Ok(PemItem::PrivateKey(key)) => Some(key),
            _ => None,
        })
        .ok_or_else(|| format!("VAULT_CLIENT_KEY={key_path}: no PEM private key in it"))?;
    check_pair(&chain, &key_pem).map_err(|e| {
        format!("VAULT_CLIENT_CERT={cert_path} and VAULT_CLIENT_KEY={key_path} are not a pair: {e}")
    })?;
    Ok(Some(ClientCert::new_with_certs(&chain, key)))
}

/// The key parses and matches the first certificate's public key.
fn check_pair(chain: &[Certificate<'static>], key_pem: &[u8]) -> Result<(), String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let certs = chain
        .iter()
        .map(|c| CertificateDer::from(c.der()).into_owned())
        .collect();
    let key = PrivateKeyDer::from_pem_slice(key_pem)
        .map_err(|_| "the key is not a usable private key".to_owned())?;
    let provider = rustls::crypto::ring::default_provider();
    rustls::sign::CertifiedKey::from_der(certs, key, &provider)
        .map(drop)
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(_) => {
                "the key does not match the certificate".to_owned()
            }
            _ => "the key is not a usable private key".to_owned(),
        })
}

/// Resolves `VAULT_TLS_SERVER_NAME` to `VAULT_ADDR`'s host, so TLS checks the
/// certificate for that name while the connection goes where `VAULT_ADDR` says.
#[derive(Debug)]
struct ServerNameResolver {
    /// The server name, and the `host:port` it stands for.
    pinned: Option<(String, String)>,
    /// Every lookup, without a thread per request.
    lookup: QuickResolver,
}

impl Resolver for ServerNameResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let real = self.pinned.as_ref().and_then(|(name, real)| {
            let host = uri.host()?;
            host.eq_ignore_ascii_case(name).then_some(real)
        });
        match real {
            Some(real) => {
                let scheme = uri.scheme_str().unwrap_or("https");
                let uri: Uri = format!("{scheme}://{real}/")
                    .parse()
                    .map_err(|_| ureq::Error::HostNotFound)?;
                self.lookup.resolve(&uri, config, timeout)
            }
            None => self.lookup.resolve(uri, config, timeout),
        }
    }
}

/// `VAULT_TOKEN`, then AppRole, then `~/.vault-token`: AppRole beats the token
/// file so a developer's login cannot shadow a service's role.
pub(super) fn auth_from_env() -> Result<Auth, String> {
    if let Some(token) = env("VAULT_TOKEN") {
        return Ok(Auth::Token(Zeroizing::new(token)));
    }
    if let Some(role_id) = env("VAULT_ROLE_ID") {
        let secret_id = match (env("VAULT_SECRET_ID"), env("VAULT_SECRET_ID_FILE")) {
            (Some(id), _) => Zeroizing::new(id),
            (None, Some(path)) => {
                let bytes = file::read_secret_file(Path::new(&path))
                    .map_err(|e| format!("VAULT_SECRET_ID_FILE={path}: cannot read: {e}"))?;
                let text = std::str::from_utf8(&bytes)
                    .map_err(|_| format!("VAULT_SECRET_ID_FILE={path}: not UTF-8"))?;
                Zeroizing::new(text.to_owned())
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
            secret_id,
        });
    }
    let token_file = env("HOME").map(|home| PathBuf::from(home).join(".vault-token"));
    // the file's bytes stay in their zeroizing buffer; only the trimmed token is copied out
    if let Some(file) = token_file
        && let Ok(bytes) = file::read_secret_file(&file)
        && let Ok(token) = std::str::from_utf8(&bytes)
        && !token.trim().is_empty()
    {
        return Ok(Auth::Token(Zeroizing::new(token.trim().to_owned())));
    }
    Ok(Auth::Missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans_parse_as_go_does() {
        for yes in ["1", "t", "T", "TRUE", "true", "True"] {
            assert_eq!(parse_bool(yes), Some(true), "{yes}");
        }
        for no in ["0", "f", "F", "FALSE", "false", "False"] {
            assert_eq!(parse_bool(no), Some(false), "{no}");
        }
        for bad in ["yes", "no", "on", "tRUE", "2", "", " true"] {
            assert_eq!(parse_bool(bad), None, "{bad}");
        }
    }

    #[test]
    fn userinfo_is_removed_from_addresses() {
        let cases = [
            ("https://user:pass@vault:8200", "https://vault:8200"),
            ("https://pass@vault:8200/x@y", "https://vault:8200/x@y"),
            ("http://vault:8200", "http://vault:8200"),
            ("u:p@vault:8200", "vault:8200"),
            ("https://a@b:c@vault", "https://vault"),
        ];
        for (given, shown) in cases {
            assert_eq!(without_userinfo(given), shown, "{given}");
        }
    }

    #[test]
    fn the_server_name_replaces_the_host_only() {
        let given = "https://u:p@127.0.0.1:8200/prefix";
        let uri: Uri = given.parse().unwrap();
        assert_eq!(
            with_host(given, &uri, "vault.test"),
            "https://u:p@vault.test:8200/prefix"
        );
        let given = "https://127.0.0.1";
        let uri: Uri = given.parse().unwrap();
        assert_eq!(with_host(given, &uri, "vault.test"), "https://vault.test");
    }

    #[test]
    fn origins_compare_scheme_host_and_port() {
        let origin = |s: &str| Origin::of(&s.parse().unwrap()).unwrap();
        assert_eq!(
            origin("https://Vault:443/v1/x"),
            origin("https://vault/other")
        );
        assert_ne!(origin("https://vault"), origin("http://vault:443"));
        assert_ne!(origin("https://vault:8200"), origin("https://vault:8201"));
        assert_eq!(
            origin("https://u:p@vault:8200").to_string(),
            "https://vault:8200"
        );
        assert!(Origin::of(&"/v1/x".parse().unwrap()).is_none());
    }
}
