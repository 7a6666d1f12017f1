//! The Vault client's settings, read from the environment as the Vault CLI reads them.

use std::path::PathBuf;
use std::time::Duration;

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
    pub(super) addr: String,
    pub(super) namespace: Option<String>,
    pub(super) max_retries: u32,
    pub(super) timeout: Duration,
}

impl Config {
    /// `VAULT_ADDR`, `VAULT_NAMESPACE`, `VAULT_MAX_RETRIES`, `VAULT_CLIENT_TIMEOUT`.
    pub(super) fn from_env() -> Result<Config, String> {
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
        Ok(Config {
            addr,
            namespace: env("VAULT_NAMESPACE"),
            max_retries: u32::try_from(seconds("VAULT_MAX_RETRIES", 2)?)
                .unwrap_or(2)
                .min(10),
            timeout: Duration::from_secs(seconds("VAULT_CLIENT_TIMEOUT", 60)?.max(1)),
        })
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The HTTP agent: timeouts, and TLS trust from `VAULT_CACERT` / `VAULT_SKIP_VERIFY`.
pub(super) fn agent(config: &Config) -> Result<ureq::Agent, String> {
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

/// `VAULT_TOKEN`, then AppRole, then `~/.vault-token`: AppRole beats the token
/// file so a developer's login cannot shadow a service's role.
pub(super) fn auth_from_env() -> Result<Auth, String> {
    if let Some(token) = env("VAULT_TOKEN") {
        return Ok(Auth::Token(Zeroizing::new(token)));
    }
    if let Some(role_id) = env("VAULT_ROLE_ID") {
        let secret_id = match (env("VAULT_SECRET_ID"), env("VAULT_SECRET_ID_FILE")) {
            (Some(id), _) => id,
            (None, Some(path)) => {
                let bytes = file::read_secret_file(std::path::Path::new(&path))
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
        && let Ok(bytes) = file::read_secret_file(&file)
        && let Ok(token) = String::from_utf8(bytes.to_vec())
        && !token.trim().is_empty()
    {
        return Ok(Auth::Token(Zeroizing::new(token.trim().to_owned())));
    }
    Ok(Auth::Missing)
}
