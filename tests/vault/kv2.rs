//! KV v2 as users name it: the `vault kv` CLI's paths (`secret/app/jwt`, no
//! `/data/`), `?version=N`, and deleted or destroyed versions reported as such.

use secretguard::{ExposeSecret, SecretString, secret, try_secret};

use super::support::proxy::{Action, Proxy};
use super::support::server::{missing, var};
use super::support::{run, temp_dir};
use super::{Server, server};

/// `child_case!` for this module: the child is named by its path, `kv2::name`.
macro_rules! kv2_case {
    ($name:ident, $body:block) => {
        #[test]
        #[ignore = "child process, run by its parent test"]
        fn $name() {
            if super::support::child::is_child(concat!("kv2::", stringify!($name))) {
                $body
            }
        }
    };
}

/// The values `scripts/vault-dev.sh` seeded for these tests.
struct Seeded {
    app_jwt_v1: String,
    app_jwt_v2: String,
    gone: String,
    burnt: String,
}

fn seeded() -> Option<(Server, Seeded)> {
    let s = server()?;
    let get = |name: &str| var("VAULT", name);
    match (
        get("APP_JWT_V1"),
        get("APP_JWT_V2"),
        get("GONE"),
        get("BURNT"),
    ) {
        (Some(app_jwt_v1), Some(app_jwt_v2), Some(gone), Some(burnt)) => Some((
            s,
            Seeded {
                app_jwt_v1,
                app_jwt_v2,
                gone,
                burnt,
            },
        )),
        _ => missing("a Vault server seeded with KV v2 versions", "vault-dev.sh"),
    }
}

impl Seeded {
    fn all(&self) -> [&str; 4] {
        [&self.app_jwt_v1, &self.app_jwt_v2, &self.gone, &self.burnt]
    }
}

/// Requests for the CLI's mount discovery that left the child.
fn discoveries(proxy: &Proxy) -> usize {
    proxy
        .seen()
        .iter()
        .filter(|r| r.path.starts_with("/v1/sys/internal/ui/mounts/"))
        .count()
}

kv2_case!(child_cli_names, {
    let key: SecretString = secret!(vault = "secret/app/jwt#key");
    println!("cli name: {} bytes", key.expose_secret().len());
    let other: SecretString = secret!(vault = "secret/app/other#key");
    println!("second secret: {} bytes", other.expose_secret().len());
    let api: SecretString = secret!(vault = "secret/data/app/jwt#key");
    println!("api name: {} bytes", api.expose_secret().len());
    let v1: SecretString = secret!(vault = "secret/app/jwt?version=1#key");
    println!("version 1: {} bytes", v1.expose_secret().len());
    let v2: SecretString = secret!(vault = "secret/data/app/jwt?version=2#key");
    println!("version 2: {} bytes", v2.expose_secret().len());
});

#[test]
fn kv2_secrets_are_read_by_their_cli_names_with_one_discovery_per_mount() {
    let Some((s, seeded)) = seeded() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "kv2::child_cli_names",
        &s.with_token(&proxy.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    let (v1, v2) = (seeded.app_jwt_v1.len(), seeded.app_jwt_v2.len());
    child.assert_stdout(&format!("cli name: {v2} bytes"));
    child.assert_stdout(&format!("second secret: {} bytes", seeded.gone.len()));
    child.assert_stdout(&format!("api name: {v2} bytes"));
    child.assert_stdout(&format!("version 1: {v1} bytes"));
    child.assert_stdout(&format!("version 2: {v2} bytes"));
    assert_eq!(discoveries(&proxy), 1, "{:#?}", proxy.seen());
    // the API's path, never a doubled `data/data`
    assert!(proxy.seen().iter().all(|r| !r.path.contains("data/data")));
    assert_eq!(proxy.count("GET", "/v1/secret/data/app/jwt"), 2);
    assert_eq!(proxy.count("GET", "/v1/secret/data/app/other"), 1);
    s.assert_nothing_leaks(&child);
    child.assert_hidden(&seeded.all());
}

kv2_case!(child_cli_name_approle, {
    let key: SecretString = secret!(vault = "secret/app/jwt#key");
    println!("approle: {} bytes", key.expose_secret().len());
});

#[test]
fn a_cli_name_reads_with_a_policy_on_the_api_path() {
    let Some((s, seeded)) = seeded() else { return };
    // the role may read secret/data/app/jwt only, as a KV v2 policy is written
    let child = run(
        "kv2::child_cli_name_approle",
        &s.with_approle(&s.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("approle: {} bytes", seeded.app_jwt_v2.len()));
    child.assert_hidden(&seeded.all());
}

kv2_case!(child_reference, {
    let key: SecretString = secret!("SG_REF");
    println!("reference: {} bytes", key.expose_secret().len());
});

#[test]
fn a_vault_reference_takes_a_version_and_a_cli_name() {
    let Some((s, seeded)) = seeded() else { return };
    let vars = s.with_token(
        &s.addr,
        &[("SG_REF", "vault://secret/app/jwt?version=1#key")],
    );
    let child = run("kv2::child_reference", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout(&format!("reference: {} bytes", seeded.app_jwt_v1.len()));

    let bad = s.with_token(
        &s.addr,
        &[("SG_REF", "vault://secret/app/jwt?version=0#key")],
    );
    let child = run("kv2::child_reference", &bad, temp_dir().path());
    child.assert_failed_with(
        "SG_REF holds an invalid vault:// reference: expected `?version=N` with N a KV v2 version from 1",
    );
    child.assert_hidden(&seeded.all());
}

kv2_case!(child_versions_on_kv1, {
    let r: Result<SecretString, secretguard::Error> =
        try_secret!(vault = "kv1/db?version=2#password");
    println!("kv1 version: {}", r.unwrap_err());
});

#[test]
fn kv1_has_no_versions() {
    let Some((s, _)) = seeded() else { return };
    let child = run(
        "kv2::child_versions_on_kv1",
        &s.with_token(&s.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(
        "holds an invalid vault reference: `?version=N` names a KV v2 version, and kv1/ is KV v1, which keeps only the latest value",
    );
    s.assert_nothing_leaks(&child);

    // without discovery (the token may not ask), KV v1's answer gives it away
    let proxy = Proxy::start(&s.addr, |seen, _| {
        if seen.path.starts_with("/v1/sys/internal/ui/mounts/") {
            Action::Respond(403)
        } else {
            Action::Forward
        }
    });
    let child = run(
        "kv2::child_versions_on_kv1",
        &s.with_token(&proxy.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("and kv1/db is KV v1, which keeps only the latest value");
    s.assert_nothing_leaks(&child);
}

kv2_case!(child_deleted, {
    let gone: Result<SecretString, secretguard::Error> = try_secret!(vault = "secret/gone#key");
    let gone = gone.unwrap_err();
    println!("soft: {gone}");
    println!("soft help: {}", gone.help());
    let burnt: Result<SecretString, secretguard::Error> = try_secret!(vault = "secret/burnt#key");
    let burnt = burnt.unwrap_err();
    println!("destroyed: {burnt}");
    println!("destroyed help: {}", burnt.help());
    let old: Result<SecretString, secretguard::Error> =
        try_secret!(vault = "secret/data/gone?version=1#key");
    println!(
        "older version: {} bytes",
        old.unwrap().expose_secret().len()
    );
    // a deleted secret stops the chain: the fallback is not read
    let chained: Result<SecretString, secretguard::Error> =
        try_secret!(vault = "secret/gone#key", env = "SG_FALLBACK");
    println!("chain: {}", chained.unwrap_err());
});

#[test]
fn deleted_and_destroyed_versions_are_reported_as_such() {
    let Some((s, seeded)) = seeded() else { return };
    let vars = s.with_token(&s.addr, &[("SG_FALLBACK", "f".repeat(40).leak() as &str)]);
    let child = run("kv2::child_deleted", &vars, temp_dir().path());
    child.assert_ok();
    child.assert_stdout("soft: secret secret/gone#key was deleted (version 2)");
    child.assert_stdout("soft help: restore it with `vault kv undelete -versions=2`");
    child.assert_stdout("destroyed: secret secret/burnt#key was deleted (version 1, destroyed)");
    child.assert_stdout("destroyed help: a destroyed version cannot be restored");
    child.assert_stdout(&format!("older version: {} bytes", seeded.gone.len()));
    child.assert_stdout("chain: secret secret/gone#key was deleted (version 2)");
    child.assert_hidden(&seeded.all());
    s.assert_nothing_leaks(&child);
}

kv2_case!(child_cli_name_only, {
    let r: Result<SecretString, secretguard::Error> = try_secret!(vault = "secret/app/jwt#key");
    match r {
        Ok(key) => println!("read: {} bytes", key.expose_secret().len()),
        Err(e) => println!("error: {e}"),
    }
});

#[test]
fn without_discovery_the_path_is_read_as_written() {
    let Some((s, _)) = seeded() else { return };
    // an old server, or one that hides the endpoint: 404, asked once
    let proxy = Proxy::start(&s.addr, |seen, _| {
        if seen.path.starts_with("/v1/sys/internal/ui/mounts/") {
            Action::Respond(404)
        } else {
            Action::Forward
        }
    });
    let child = run(
        "kv2::child_cli_name_only",
        &s.with_token(&proxy.addr, &[]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("error: secret secret/app/jwt#key is not set");
    assert_eq!(proxy.count("GET", "/v1/secret/app/jwt"), 1);
    assert_eq!(discoveries(&proxy), 1);
    assert_eq!(proxy.count("GET", "/v1/secret/data/app/jwt"), 0);
}

// ---- key sets: the version before the one read -----------------------------

#[cfg(feature = "jsonwebtoken")]
#[secretguard::jwt_secret(vault = "secret/app/jwt#key", previous)]
static APP_KEYS: secretguard::JwtKeySet;

#[cfg(feature = "jsonwebtoken")]
kv2_case!(child_key_set, {
    use secretguard::LazySecret;
    let keys = LazySecret::try_force(&APP_KEYS).expect("versions 2 and 1 load");
    let previous = keys.previous().expect("version 1 is the previous key");
    assert_ne!(keys.current().kid(), previous.kid());
    println!(
        "current: {} bytes",
        keys.current().secret().expose_secret().len()
    );
    println!(
        "previous: {} bytes",
        previous.secret().expose_secret().len()
    );
    // a token of version 1, as the service signed it before the rotation
    let v1 = std::env::var("SG_KS_V1").unwrap();
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some(previous.kid().to_owned());
    let claims = serde_json::json!({ "sub": "ada", "exp": 4_102_444_800u64 });
    let old = jsonwebtoken::encode(
        &header,
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(v1.as_bytes()),
    )
    .unwrap();
    let data = keys.decode::<serde_json::Value>(&old, &keys.validation());
    println!("v1 token verifies: {}", data.is_ok());
    let new = keys
        .encode(&jsonwebtoken::Header::default(), &claims)
        .unwrap();
    let kid = jsonwebtoken::decode_header(&new).unwrap().kid.unwrap();
    println!("signed with current kid: {}", kid == keys.current().kid());
});

#[cfg(feature = "jsonwebtoken")]
#[test]
fn a_kv2_key_set_signs_with_the_latest_version_and_verifies_the_one_before() {
    let Some((s, seeded)) = seeded() else { return };
    let proxy = Proxy::start(&s.addr, |_, _| Action::Forward);
    let child = run(
        "kv2::child_key_set",
        &s.with_token(&proxy.addr, &[("SG_KS_V1", seeded.app_jwt_v1.as_str())]),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout(&format!("current: {} bytes", seeded.app_jwt_v2.len()));
    child.assert_stdout(&format!("previous: {} bytes", seeded.app_jwt_v1.len()));
    child.assert_stdout("v1 token verifies: true");
    child.assert_stdout("signed with current kid: true");
    // the latest, then `?version=1` of the version read
    assert_eq!(
        proxy.count("GET", "/v1/secret/data/app/jwt?version=1"),
        1,
        "{:#?}",
        proxy.seen()
    );
    s.assert_nothing_leaks(&child);
    child.assert_hidden(&[&seeded.app_jwt_v2]);
}
