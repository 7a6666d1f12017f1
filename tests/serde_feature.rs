//! The `serde` feature: secrets read from a config file, checked, and never shown.
#![cfg(feature = "serde")]

use secretguard::{Algorithm, ExposeSecret, JwtSecret, SecretString};
use serde::Deserialize;

/// A value no test writes anywhere except the config text it is put in.
const CANARY: &str = "sg-canary-0f9e8d7c6b5a4938-never-print-this";
const SHORT_CANARY: &str = "sg-short-canary";

/// What an application's config might hold.
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read through Debug only
struct Config {
    name: String,
    api_key: SecretString,
    jwt: JwtSecret,
}

#[derive(Debug, Deserialize)]
struct Hs512Config {
    #[serde(deserialize_with = "JwtSecret::deserialize_hs512")]
    jwt: JwtSecret,
}

fn config_json(api_key: &str, jwt: &str) -> String {
    format!(r#"{{"name": "app", "api_key": "{api_key}", "jwt": "{jwt}"}}"#)
}

#[test]
fn a_config_with_secret_fields_deserializes() {
    let config: Config = serde_json::from_str(&config_json("api-key-1", CANARY)).unwrap();
    assert_eq!(config.api_key.expose_secret(), "api-key-1");
    assert_eq!(config.jwt.expose_secret(), CANARY.as_bytes());
    assert_eq!(config.jwt.algorithm(), Algorithm::HS256);
}

#[test]
fn a_short_key_is_refused_with_the_lengths_never_the_value() {
    let err = serde_json::from_str::<Config>(&config_json(CANARY, SHORT_CANARY)).unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("key too short for a JwtSecret: 15 bytes, HS256 needs at least 32"),
        "{shown}"
    );
    assert!(
        !shown.contains(SHORT_CANARY),
        "the key leaked into the error"
    );
    assert!(
        !shown.contains(CANARY),
        "another secret leaked into the error"
    );
}

#[test]
fn another_algorithm_is_picked_by_deserialize_with() {
    let err = serde_json::from_str::<Hs512Config>(&format!(r#"{{"jwt": "{CANARY}"}}"#));
    let err = err.unwrap_err().to_string();
    assert!(err.contains("43 bytes, HS512 needs at least 64"), "{err}");
    assert!(!err.contains(CANARY), "the key leaked into the error");

    let long = CANARY.repeat(2);
    let config: Hs512Config = serde_json::from_str(&format!(r#"{{"jwt": "{long}"}}"#)).unwrap();
    assert_eq!(config.jwt.algorithm(), Algorithm::HS512);
}

#[test]
fn a_key_of_the_wrong_type_is_named_by_its_type_alone() {
    let digits = "12345678901234567";
    let err = serde_json::from_str::<Hs512Config>(&format!(r#"{{"jwt": {digits}}}"#));
    let err = err.unwrap_err().to_string();
    assert!(
        err.starts_with(
            "invalid type: a number, expected a string of at least 64 bytes, an HS512 key"
        ),
        "{err}"
    );
    assert!(!err.contains(digits), "the number leaked into the error");
}

#[test]
fn debug_of_a_deserialized_config_shows_no_value() {
    let config: Config = serde_json::from_str(&config_json(SHORT_CANARY, CANARY)).unwrap();
    let shown = format!("{config:?} {config:#?}");
    assert!(!shown.contains(CANARY), "{shown}");
    assert!(!shown.contains(SHORT_CANARY), "{shown}");
    assert!(shown.contains("REDACTED"), "{shown}");
}

// `JwtSecret`, `SecretString` and `SecretBytes` are never `Serialize`: stable
// Rust cannot assert a negative bound without tricks, so it stands documented
// (the facade's "Features" section). secrecy serializes a `SecretBox<T>` only
// for a sized `T` that opts in with `SerializableSecret`, which `str` and
// `[u8]` are not, and `JwtSecret` is this crate's own.
