//! Addresses for the Vault client without a thread per request.
//!
//! ureq resolves the host before every request, even one that then reuses a
//! pooled connection, and with a timeout set (ours always is) it resolves on a
//! fresh thread and waits for it. That wait was most of the time a read took
//! beyond vaultrs's. An IP address needs no lookup; a name's addresses are
//! kept briefly, as a pooled connection would be.

use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// How long a name's addresses are reused before it is looked up again.
const NAME_TTL: Duration = Duration::from_secs(10);

/// IP addresses in place; names through ureq's resolver, remembered for [`NAME_TTL`].
#[derive(Debug, Default)]
pub(super) struct QuickResolver {
    lookup: DefaultResolver,
    /// The last name looked up (`host:port`), when, and its addresses.
    last: Mutex<Option<(String, Instant, ResolvedSocketAddrs)>>,
}

impl Resolver for QuickResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let port = uri.port_u16().or(match uri.scheme_str() {
            Some("https") => Some(443),
            Some("http") => Some(80),
            _ => None,
        });
        let host = uri.host().unwrap_or_default();
        let ip = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>();
        if let (Ok(ip), Some(port)) = (ip, port) {
            let mut addrs = self.empty();
            addrs.push(SocketAddr::new(ip, port));
            return Ok(addrs);
        }
        let key = format!("{host}:{}", port.unwrap_or_default());
        let mut last = self.last.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((name, at, addrs)) = last.as_ref()
            && *name == key
            && at.elapsed() < NAME_TTL
        {
            return Ok(addrs.clone());
        }
        let addrs = self.lookup.resolve(uri, config, timeout)?;
        *last = Some((key, Instant::now(), addrs.clone()));
        Ok(addrs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ureq::Timeout;
    use ureq::unversioned::transport::time::Duration as UreqDuration;

    /// No time left: a lookup on a thread cannot answer in time; an address needs none.
    fn no_time() -> NextTimeout {
        NextTimeout {
            after: UreqDuration::Exact(Duration::ZERO),
            reason: Timeout::Resolve,
            per_read: None,
            per_write: None,
        }
    }

    fn resolve(resolver: &dyn Resolver, uri: &str) -> Result<Vec<SocketAddr>, ureq::Error> {
        let uri: Uri = uri.parse().unwrap();
        let config = ureq::Agent::config_builder().build();
        resolver
            .resolve(&uri, &config, no_time())
            .map(|addrs| addrs.to_vec())
    }

    #[test]
    fn an_ip_address_is_not_looked_up() {
        let quick = QuickResolver::default();
        let v4 = resolve(&quick, "http://127.0.0.1:8200/v1/kv1/db").unwrap();
        assert_eq!(v4, ["127.0.0.1:8200".parse::<SocketAddr>().unwrap()]);
        let v6 = resolve(&quick, "https://[::1]/v1/kv1/db").unwrap();
        assert_eq!(v6, ["[::1]:443".parse::<SocketAddr>().unwrap()]);
        // (ureq's own resolver would spawn a thread even for an address; whether
        // that thread beats a zero timeout is a race, so it is not asserted here)
    }

    #[test]
    fn a_name_is_remembered() {
        let quick = QuickResolver::default();
        let uri: Uri = "http://localhost:8200/".parse().unwrap();
        let config = ureq::Agent::config_builder().build();
        let first = quick
            .resolve(&uri, &config, NextTimeout::default())
            .unwrap();
        // the second lookup has no time left, so only the remembered answer can succeed
        let again = quick.resolve(&uri, &config, no_time()).unwrap();
        assert_eq!(first.to_vec(), again.to_vec());
    }
}
