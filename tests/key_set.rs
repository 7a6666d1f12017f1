//! `#[jwt_secret(previous …)] static KEYS: JwtKeySet;` from the environment,
//! end to end: each case runs in a child process with a controlled
//! environment. Signing and verifying need the `jsonwebtoken` feature.
#![cfg(feature = "jsonwebtoken")]

mod support;

use jsonwebtoken::Header;
use secretguard::{ExposeSecret, JwtKeySet, LazySecret, jwt_secret};
use support::{child_case, run, temp_dir};

/// 40 bytes each; no test writes them anywhere but the variables they are put in.
const CURRENT: &str = "sg-keyset-current-0123456789abcdef-never";
const PREVIOUS: &str = "sg-keyset-previous-0123456789abcdef-neve";
const SHORT: &str = "sg-keyset-too-short";

#[jwt_secret(env = "SG_KS_KEY", previous)]
static KEYS: JwtKeySet;

#[jwt_secret(env = "SG_KS_NAMED", previous = "SG_KS_NAMED_OLD", alg = "HS384")]
static NAMED: JwtKeySet;

fn claims() -> serde_json::Value {
    serde_json::json!({ "sub": "ada", "exp": 4_102_444_800u64 })
}

/// A token signed with `key` alone, as a service did before the rotation.
fn token_signed_by(key: &str, kid: Option<&str>) -> String {
    let mut header = Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = kid.map(str::to_owned);
    jsonwebtoken::encode(
        &header,
        &claims(),
        &jsonwebtoken::EncodingKey::from_secret(key.as_bytes()),
    )
    .unwrap()
}

child_case!(child_rotated, {
    let keys = LazySecret::try_force(&KEYS).expect("both keys load");
    let previous = keys.previous().expect("the previous key is loaded");
    assert_eq!(keys.current().secret().expose_secret(), CURRENT.as_bytes());
    assert_eq!(previous.secret().expose_secret(), PREVIOUS.as_bytes());
    assert_ne!(keys.current().kid(), previous.kid());

    // new tokens carry the current kid and verify
    let token = keys.encode(&Header::default(), &claims()).unwrap();
    let header = jsonwebtoken::decode_header(&token).unwrap();
    assert_eq!(header.kid.as_deref(), Some(keys.current().kid()));
    let data = keys
        .decode::<serde_json::Value>(&token, &keys.validation())
        .unwrap();
    assert_eq!(data.claims["sub"], "ada");

    // a token of the previous key, named by its kid, still verifies
    let old = token_signed_by(PREVIOUS, Some(previous.kid()));
    let data = keys.decode::<serde_json::Value>(&old, &keys.validation());
    assert_eq!(data.unwrap().claims["sub"], "ada");
    // without a kid, the current key then the previous one is tried
    let old = token_signed_by(PREVIOUS, None);
    assert!(
        keys.decode::<serde_json::Value>(&old, &keys.validation())
            .is_ok()
    );
    // a kid no key has, or a key outside the set, is refused
    let stranger = token_signed_by("sg-keyset-stranger-0123456789abcdef-nev", None);
    assert!(
        keys.decode::<serde_json::Value>(&stranger, &keys.validation())
            .is_err()
    );
    let wrong_kid = token_signed_by(PREVIOUS, Some("not-a-kid"));
    assert!(
        keys.decode::<serde_json::Value>(&wrong_kid, &keys.validation())
            .is_err()
    );
    println!("kids {} {}", keys.current().kid(), previous.kid());
    println!("{keys:?}");
});

#[test]
fn name_previous_verifies_and_the_current_key_signs() {
    let child = run(
        "child_rotated",
        &[("SG_KS_KEY", CURRENT), ("SG_KS_KEY_PREVIOUS", PREVIOUS)],
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("kids ");
    child.assert_hidden(&[CURRENT, PREVIOUS]);
}

child_case!(child_no_previous, {
    let keys = LazySecret::try_force(&KEYS).expect("the current key alone loads");
    assert!(keys.previous().is_none());
    assert_eq!(keys.keys().count(), 1);
    let old = token_signed_by(PREVIOUS, None);
    assert!(
        keys.decode::<serde_json::Value>(&old, &keys.validation())
            .is_err()
    );
    println!("current only");
});

#[test]
fn an_absent_previous_key_leaves_the_current_one_alone() {
    let child = run(
        "child_no_previous",
        &[("SG_KS_KEY", CURRENT)],
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("current only");
}

child_case!(child_force, {
    let _ = &*KEYS;
});

#[test]
fn an_unusable_previous_key_is_an_error_that_names_it() {
    let child = run(
        "child_force",
        &[("SG_KS_KEY", CURRENT), ("SG_KS_KEY_PREVIOUS", SHORT)],
        temp_dir().path(),
    );
    child.assert_failed_with(
        "secret KEYS (previous key) is too short: 19 bytes, HS256 needs at least 32 (RFC 7518 §3.2)",
    );
    child.assert_stderr("    SG_KS_KEY_PREVIOUS: 19 bytes\n");
    child.assert_hidden(&[CURRENT, SHORT]);
}

#[test]
fn an_empty_previous_key_is_an_error_not_an_absence() {
    let child = run(
        "child_force",
        &[("SG_KS_KEY", CURRENT), ("SG_KS_KEY_PREVIOUS", "")],
        temp_dir().path(),
    );
    child.assert_failed_with("secret KEYS (previous key) is empty");
    child.assert_hidden(&[CURRENT]);
}

#[test]
fn the_previous_key_may_come_from_its_file() {
    let dir = temp_dir();
    let file = dir.path().join("previous");
    std::fs::write(&file, format!("{PREVIOUS}\n")).unwrap();
    let file = file.display().to_string();
    let child = run(
        "child_rotated",
        &[("SG_KS_KEY", CURRENT), ("SG_KS_KEY_PREVIOUS_FILE", &file)],
        dir.path(),
    );
    child.assert_ok();
}

child_case!(child_named, {
    let keys = LazySecret::try_force(&NAMED).expect("both keys load");
    assert_eq!(keys.algorithm(), secretguard::Algorithm::HS384);
    let previous = keys.previous().expect("SG_KS_NAMED_OLD is read");
    assert_eq!(previous.secret().expose_secret().len(), 48);
    let token = keys.encode(&Header::default(), &claims()).unwrap();
    assert_eq!(
        jsonwebtoken::decode_header(&token).unwrap().alg,
        jsonwebtoken::Algorithm::HS384
    );
    println!("named ok");
});

#[test]
fn previous_names_its_own_variable() {
    let current = "c".repeat(48);
    let old = "o".repeat(48);
    let child = run(
        "child_named",
        &[
            ("SG_KS_NAMED", current.as_str()),
            ("SG_KS_NAMED_OLD", old.as_str()),
            // the bare form's variable is not read when one is named
            ("SG_KS_NAMED_PREVIOUS", "x"),
        ],
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("named ok");
}

child_case!(child_preflight, {
    match secretguard::preflight() {
        Ok(()) => println!("preflight ok"),
        Err(e) => eprintln!("{e}"),
    }
});

#[test]
fn preflight_loads_the_previous_key_too() {
    let child = run(
        "child_preflight",
        &[
            ("SG_KS_KEY", CURRENT),
            ("SG_KS_KEY_PREVIOUS", SHORT),
            ("SG_KS_NAMED", &"c".repeat(48)),
        ],
        temp_dir().path(),
    );
    child.assert_stderr("secret KEYS (previous key) is too short");
    assert!(!child.stdout.contains("preflight ok"));
    child.assert_hidden(&[CURRENT, SHORT]);
}
