//! Which KV mount a path is under and its version, found as the `vault kv` CLI
//! finds them (`GET sys/internal/ui/mounts/<path>`), asked once per mount per process.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;

use super::client::{Answer, Client};
use crate::source::remote;

/// A mount, as Vault names it: `secret/`, and whether it is KV v2.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Mount {
    /// The mount's path with its trailing `/`: `secret/`.
    pub(super) path: String,
    /// KV v2 (`options.version` is `"2"`); anything else reads paths as written.
    pub(super) kv2: bool,
}

/// Every mount found so far in this process.
static KNOWN: Mutex<Vec<Mount>> = Mutex::new(Vec::new());
/// The server has no discovery endpoint (404): do not ask again.
static NO_ENDPOINT: AtomicBool = AtomicBool::new(false);

/// The mount `path` is under, if one found earlier holds it.
pub(super) fn known(path: &str) -> Option<Mount> {
    let known = KNOWN.lock().unwrap_or_else(|p| p.into_inner());
    holding(&known, path).cloned()
}

/// Asks Vault which mount holds `path`; `None` when it cannot say: the token may
/// not ask (403), the server predates the endpoint (404), or the request failed.
/// The lock is held while asking, so racing loaders make one request per mount.
pub(super) fn discover(client: &Client, path: &str) -> Option<Mount> {
    if NO_ENDPOINT.load(Ordering::Relaxed) {
        return None;
    }
    let mut known = KNOWN.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(mount) = holding(&known, path) {
        return Some(mount.clone());
    }
    match client.get(&format!("sys/internal/ui/mounts/{path}")) {
        Ok(Answer::Found(body)) => {
            let mount = parse(&body)?;
            known.push(mount.clone());
            Some(mount)
        }
        Ok(Answer::NotFound(_)) => {
            NO_ENDPOINT.store(true, Ordering::Relaxed);
            None
        }
        Err(_) => None,
    }
}

/// The longest mount that is a whole-segment prefix of `path`.
fn holding<'m>(mounts: &'m [Mount], path: &str) -> Option<&'m Mount> {
    mounts
        .iter()
        .filter(|mount| path.starts_with(&mount.path))
        .max_by_key(|mount| mount.path.len())
}

/// `data.path` and `data.options.version` of the discovery answer.
fn parse(body: &[u8]) -> Option<Mount> {
    remote::read_json(body, |json| {
        let data = json.get("data")?;
        let path = data.get("path")?.as_str()?.trim_matches('/');
        let version = data.pointer("/options/version").and_then(Value::as_str);
        (!path.is_empty()).then(|| Mount {
            path: format!("{path}/"),
            kv2: version == Some("2"),
        })
    })
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answer_names_the_mount_and_its_version() {
        let kv2 = r#"{"data":{"path":"secret/","options":{"version":"2"},"type":"kv"}}"#;
        let kv1 = r#"{"data":{"path":"kv1/","options":{"version":"1"},"type":"kv"}}"#;
        let other = r#"{"data":{"path":"team/kv/","options":null,"type":"kv"}}"#;
        let mount = |path: &str, kv2| {
            Some(Mount {
                path: path.to_owned(),
                kv2,
            })
        };
        assert_eq!(parse(kv2.as_bytes()), mount("secret/", true));
        assert_eq!(parse(kv1.as_bytes()), mount("kv1/", false));
        assert_eq!(parse(other.as_bytes()), mount("team/kv/", false));
        for bad in ["", "{}", r#"{"data":{"path":""}}"#, r#"{"data":null}"#] {
            assert_eq!(parse(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn the_longest_mount_holds_a_path() {
        let mounts = [
            Mount {
                path: "team/".into(),
                kv2: false,
            },
            Mount {
                path: "team/kv/".into(),
                kv2: true,
            },
        ];
        assert_eq!(holding(&mounts, "team/kv/app").unwrap().path, "team/kv/");
        assert_eq!(holding(&mounts, "team/db").unwrap().path, "team/");
        assert_eq!(holding(&mounts, "teams/db"), None);
    }
}
