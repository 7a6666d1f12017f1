//! `secretguard::testing`: per-thread overrides that statics and `secret!` sites honour,
//! that never touch the environment or a static's cell, and random keys (feature `testing`).
#![cfg(feature = "testing")]

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Barrier};

use secretguard::testing::{override_secrets, random_jwt_secret, with_secrets};
use secretguard::{
    Algorithm, Error, ErrorKind, ExposeSecret, JwtSecret, LazySecret, LengthRule, SecretBytes,
    SecretString, jwt_secret, secret, try_secret,
};
use support::{child_case, run, temp_dir};

/// How an override is listed among the places looked at.
fn overridden(name: &str, len: usize) -> String {
    format!("{name} (overridden on this thread by secretguard::testing): {len} bytes")
}

fn places(err: &Error) -> Vec<String> {
    err.lookups().iter().map(ToString::to_string).collect()
}

// ---- threads -------------------------------------------------------------------------

#[jwt_secret(env = "SG_TESTING_SHARED")]
static SHARED: JwtSecret;

const THREADS: usize = 8;

#[test]
fn parallel_threads_each_see_their_own_override_of_one_static() {
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let key = random_jwt_secret(Algorithm::HS256);
                let _guard = override_secrets(&[("SG_TESTING_SHARED", key.expose_secret())]);
                // every thread's scope is open before any thread reads
                barrier.wait();
                let first = *SHARED == key;
                // and every thread has read before any scope closes
                barrier.wait();
                let again = *SHARED == key;
                (first, again)
            })
        })
        .collect();
    let seen: Vec<(bool, bool)> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(seen, vec![(true, true); THREADS]);
    let err = LazySecret::try_force(&SHARED).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::NotSet,
        "no thread's value reached the cell"
    );
}

#[jwt_secret(env = "SG_TESTING_CELL")]
static CELL: SecretString;

#[test]
fn an_override_never_reaches_the_statics_cell() {
    with_secrets(&[("SG_TESTING_CELL", "only-on-this-thread")], || {
        assert_eq!(CELL.expose_secret(), "only-on-this-thread");
        let elsewhere = std::thread::spawn(|| LazySecret::try_force(&CELL).map(|_| ()));
        let err = elsewhere.join().unwrap().unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::NotSet,
            "another thread reads the real sources"
        );
    });
    let err = LazySecret::try_force(&CELL).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotSet);
    assert_eq!(places(&err)[0], "SG_TESTING_CELL: unset");
    assert!(
        !err.to_string().contains("overridden"),
        "the scope is over:\n{err}"
    );
}

// ---- the environment and the real value ----------------------------------------------

#[test]
fn the_environment_is_untouched_during_an_override() {
    with_secrets(&[("SG_TESTING_ENV", "in-memory-value")], || {
        let key: SecretString = secret!("SG_TESTING_ENV");
        assert_eq!(key.expose_secret(), "in-memory-value");
        assert_eq!(
            std::env::var("SG_TESTING_ENV"),
            Err(std::env::VarError::NotPresent)
        );
        assert!(!std::env::vars_os().any(|(k, v)| k == "SG_TESTING_ENV" || v == "in-memory-value"));
    });
}

#[jwt_secret(env = "SG_TESTING_REAL")]
static REAL: SecretString;

child_case!(child_real_value, {
    println!("before: {}", REAL.expose_secret());
    with_secrets(&[("REAL", "from-the-override")], || {
        println!("during: {}", REAL.expose_secret());
        println!("env during: {}", std::env::var("SG_TESTING_REAL").unwrap());
    });
    println!("after: {}", REAL.expose_secret());
});

#[test]
fn a_static_loaded_for_real_shows_the_override_only_in_scope() {
    let dir = temp_dir();
    let child = run(
        "child_real_value",
        &[("SG_TESTING_REAL", "from-the-environment")],
        dir.path(),
    );
    child.assert_ok();
    child.assert_stdout("before: from-the-environment\n");
    child.assert_stdout("during: from-the-override\n");
    child.assert_stdout("env during: from-the-environment\n");
    child.assert_stdout("after: from-the-environment\n");
}

// ---- scopes --------------------------------------------------------------------------

#[jwt_secret(env = "SG_TESTING_NESTED")]
static NESTED: SecretString;

fn nested_now() -> Option<String> {
    LazySecret::try_force(&NESTED)
        .ok()
        .map(|s| s.expose_secret().to_owned())
}

#[test]
fn an_inner_scope_shadows_the_outer_and_dropping_it_restores_it() {
    let outer = override_secrets(&[("SG_TESTING_NESTED", "outer")]);
    assert_eq!(nested_now().as_deref(), Some("outer"));
    {
        // the item's name, a different key for the same secret, wins from the inner scope
        let _inner = override_secrets(&[("NESTED", "inner")]);
        assert_eq!(nested_now().as_deref(), Some("inner"));
        let site: SecretString = secret!("SG_TESTING_NESTED");
        assert_eq!(site.expose_secret(), "outer", "secret! has no item name");
    }
    assert_eq!(nested_now().as_deref(), Some("outer"));
    drop(outer);
    assert_eq!(nested_now(), None);
}

#[jwt_secret(env = "SG_TESTING_PANIC")]
static PANICKY: SecretString;

#[test]
fn a_panic_inside_with_secrets_restores_the_previous_overrides() {
    let _outer = override_secrets(&[("SG_TESTING_PANIC", "outer")]);
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        with_secrets(&[("SG_TESTING_PANIC", "inner")], || {
            assert_eq!(PANICKY.expose_secret(), "inner");
            panic!("the test body fails");
        })
    }));
    assert!(panicked.is_err());
    assert_eq!(PANICKY.expose_secret(), "outer");
    let site: SecretString = secret!("SG_TESTING_PANIC");
    assert_eq!(site.expose_secret(), "outer");
}

#[test]
fn without_an_outer_scope_a_panic_leaves_nothing_behind() {
    // another secret's scope stays open, so the look-up below really searches this thread's
    let _unrelated = override_secrets(&[("SG_TESTING_UNRELATED", "x")]);
    let panicked = catch_unwind(|| {
        with_secrets(&[("SG_TESTING_AFTER_PANIC", "inner")], || {
            panic!("the test body fails");
        })
    });
    assert!(panicked.is_err());
    let err = try_secret!("SG_TESTING_AFTER_PANIC")
        .map(|_: SecretString| ())
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotSet);
}

// ---- secret! and try_secret! sites ---------------------------------------------------

#[test]
fn secret_and_try_secret_sites_honour_overrides() {
    let key = random_jwt_secret(Algorithm::HS512);
    let _guard = override_secrets(&[
        ("SG_TESTING_SITE_KEY", key.expose_secret()),
        ("SG_TESTING_SITE_FALLBACK", b"fallback-value".as_slice()),
    ]);
    let loaded: JwtSecret = secret!(env = "SG_TESTING_SITE_KEY", alg = "HS512");
    assert_eq!(loaded, key);
    // an `env` source further down the chain is enough, and replaces the whole chain
    let chained: Result<SecretString, Error> = try_secret!(
        env = "SG_TESTING_SITE_FIRST",
        env = "SG_TESTING_SITE_FALLBACK"
    );
    assert_eq!(chained.unwrap().expose_secret(), "fallback-value");
    let optional: Option<SecretString> = secret!(env = "SG_TESTING_SITE_FALLBACK", optional);
    assert_eq!(optional.unwrap().expose_secret(), "fallback-value");
    let err = try_secret!(env = "SG_TESTING_SITE_FIRST", env = "SG_TESTING_SITE_UNSET")
        .map(|_: SecretString| ())
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::NotSet, "{err}");
}

#[jwt_secret(env = "SG_TESTING_B64", encoding = "base64")]
static ENCODED: SecretBytes;

#[test]
fn an_override_is_decoded_as_the_variable_would_be() {
    with_secrets(&[("ENCODED", "AAEC/w==")], || {
        assert_eq!(ENCODED.expose_secret(), &[0, 1, 2, 255]);
    });
    with_secrets(&[("ENCODED", "not base64!")], || {
        let err = LazySecret::try_force(&ENCODED).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::BadEncoding { .. }), "{err}");
    });
}

#[jwt_secret(env = "SG_TESTING_FN")]
fn fn_secret() -> SecretString;

#[jwt_secret] // env SG_TESTING_FN_DEFAULT
fn sg_testing_fn_default() -> &'static SecretString;

#[test]
fn a_jwt_secret_fn_honours_overrides_by_its_name_or_its_variable() {
    with_secrets(&[("fn_secret", "by-name")], || {
        assert_eq!(fn_secret().expose_secret(), "by-name");
    });
    with_secrets(&[("SG_TESTING_FN", "by-variable")], || {
        assert_eq!(fn_secret().expose_secret(), "by-variable");
    });
    with_secrets(&[("SG_TESTING_FN_DEFAULT", "by-default-variable")], || {
        assert_eq!(
            sg_testing_fn_default().expose_secret(),
            "by-default-variable"
        );
    });
    assert!(
        catch_unwind(fn_secret).is_err(),
        "unset once the scope ends"
    );
    assert!(catch_unwind(sg_testing_fn_default).is_err());
}

// ---- a value too short ---------------------------------------------------------------

#[jwt_secret(env = "SG_TESTING_SHORT", alg = "HS384")]
static SHORT: JwtSecret;

/// Not a key: nine characters that appear nowhere else in a report.
const TOO_SHORT: &str = "zq8Xw3Kjv";

#[test]
fn a_too_short_override_is_too_short_and_never_shown() {
    let _guard = override_secrets(&[("SHORT", TOO_SHORT)]);
    let err = LazySecret::try_force(&SHORT).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::TooShort {
            len: 9,
            min: 48,
            rule: LengthRule::Rfc7518(Algorithm::HS384)
        }
    );
    assert_eq!(places(&err), [overridden("SHORT", 9)]);
    let panic = catch_unwind(|| SHORT.expose_secret().len()).unwrap_err();
    let panic = panic.downcast_ref::<String>().expect("a formatted report");
    assert!(panic.starts_with("secret SHORT is too short: 9 bytes, HS384 needs at least 48"));
    for report in [err.to_string(), format!("{err:?}"), panic.clone()] {
        assert!(report.contains("SHORT"), "{report}");
        for part in TOO_SHORT.as_bytes().windows(4) {
            let part = std::str::from_utf8(part).unwrap();
            assert!(
                !report.contains(part),
                "{part:?} of the value is in:\n{report}"
            );
        }
    }
}

#[test]
fn an_empty_override_is_empty_as_an_empty_variable_is() {
    let _guard = override_secrets(&[("SG_TESTING_EMPTY", "")]);
    let err = try_secret!("SG_TESTING_EMPTY")
        .map(|_: SecretString| ())
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Empty);
    assert_eq!(
        places(&err),
        ["SG_TESTING_EMPTY (overridden on this thread by secretguard::testing): empty"]
    );
}

// ---- random keys ---------------------------------------------------------------------

#[test]
fn random_jwt_secrets_have_their_algorithms_length_and_differ() {
    for alg in [Algorithm::HS256, Algorithm::HS384, Algorithm::HS512] {
        let (a, b) = (random_jwt_secret(alg), random_jwt_secret(alg));
        assert_eq!(a.algorithm(), alg);
        assert_eq!(a.expose_secret().len(), alg.min_key_len());
        assert_ne!(a, b);
        let text = std::str::from_utf8(a.expose_secret()).expect("printable");
        assert!(
            text.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
            "not base64url"
        );
    }
}

#[cfg(feature = "jsonwebtoken")]
mod tokens {
    use super::*;

    #[jwt_secret(env = "SG_TESTING_VERIFIER")]
    static VERIFIER: JwtSecret;

    /// The handler under test: whether a token was signed with `VERIFIER`.
    fn verifies(token: &str) -> bool {
        let validation = jsonwebtoken::Validation::new(VERIFIER.jsonwebtoken_algorithm());
        jsonwebtoken::decode::<serde_json::Value>(token, &VERIFIER.decoding_key(), &validation)
            .is_ok()
    }

    #[test]
    fn a_token_signed_with_a_random_key_verifies_against_the_overridden_static() {
        let key = random_jwt_secret(Algorithm::HS256);
        let claims = serde_json::json!({ "sub": "ada", "exp": 4_102_444_800u64 });
        let header = jsonwebtoken::Header::new(key.jsonwebtoken_algorithm());
        let token = jsonwebtoken::encode(&header, &claims, &key.encoding_key()).unwrap();
        with_secrets(&[("VERIFIER", key.expose_secret())], || {
            assert!(verifies(&token));
        });
        let other = random_jwt_secret(Algorithm::HS256);
        with_secrets(&[("VERIFIER", other.expose_secret())], || {
            assert!(!verifies(&token));
        });
    }
}

// ---- refreshing statics --------------------------------------------------------------

#[jwt_secret(env = "SG_TESTING_REFRESHING", refresh = "1h")]
static REFRESHING: JwtSecret;

#[test]
fn parallel_threads_each_see_their_own_override_of_one_refreshing_static() {
    let barrier = Arc::new(Barrier::new(THREADS));
    let threads: Vec<_> = (0..THREADS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let key = random_jwt_secret(Algorithm::HS256);
                let _guard = override_secrets(&[("SG_TESTING_REFRESHING", key.expose_secret())]);
                // every thread's scope is open before any thread reads
                barrier.wait();
                let current = *REFRESHING.current() == key;
                let tried = REFRESHING.try_current().is_ok_and(|k| *k == key);
                let snapshot = REFRESHING.snapshot();
                // and every thread has read before any scope closes
                barrier.wait();
                let again = *REFRESHING.current() == key;
                (current, tried, *snapshot == key, again)
            })
        })
        .collect();
    let seen: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(seen, vec![(true, true, true, true); THREADS]);
    let err = REFRESHING.try_current().unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::NotSet,
        "no thread's value reached the refresher's"
    );
    assert!(
        !REFRESHING.status().is_loaded(),
        "nothing was loaded for real"
    );
}

#[jwt_secret(env = "SG_TESTING_REFRESHING_REAL", refresh = "1h")]
static REFRESHING_REAL: SecretString;

child_case!(child_refreshing_real_value, {
    let status = || {
        let s = REFRESHING_REAL.status();
        format!("loads {} failures {}", s.loads(), s.consecutive_failures())
    };
    println!("before: {}", REFRESHING_REAL.current().expose_secret());
    let kept = with_secrets(&[("REFRESHING_REAL", "from-the-override")], || {
        println!("during: {}", REFRESHING_REAL.current().expose_secret());
        println!(
            "during, again: {}",
            REFRESHING_REAL.snapshot().expose_secret()
        );
        println!("status during: {}", status());
        // the static's own re-read is every thread's: it reads the real source
        REFRESHING_REAL.refresh_now().unwrap();
        println!(
            "during, refreshed: {}",
            REFRESHING_REAL.current().expose_secret()
        );
        REFRESHING_REAL.snapshot()
    });
    println!("after: {}", REFRESHING_REAL.current().expose_secret());
    println!("kept past the scope: {}", kept.expose_secret());
    // a refresh reads the real source, override or not, and the scope is over
    REFRESHING_REAL.refresh_now().unwrap();
    println!("status after: {}", status());
    // a bad override is reported, and leaves the real value alone
    with_secrets(&[("REFRESHING_REAL", "")], || {
        let err = REFRESHING_REAL.try_current().map(drop).unwrap_err();
        println!("empty override: {:?}", err.kind());
    });
    println!(
        "after the bad one: {}",
        REFRESHING_REAL.current().expose_secret()
    );
});

#[test]
fn a_refreshing_static_shows_the_override_only_in_scope() {
    let dir = temp_dir();
    let child = run(
        "child_refreshing_real_value",
        &[("SG_TESTING_REFRESHING_REAL", "from-the-environment")],
        dir.path(),
    );
    child.assert_ok();
    child.assert_stdout("before: from-the-environment\n");
    child.assert_stdout("during: from-the-override\n");
    child.assert_stdout("during, again: from-the-override\n");
    child.assert_stdout("status during: loads 1 failures 0\n");
    child.assert_stdout("after: from-the-environment\n");
    child.assert_stdout("kept past the scope: from-the-override\n");
    child.assert_stdout("during, refreshed: from-the-override\n");
    child.assert_stdout("status after: loads 3 failures 0\n");
    child.assert_stdout("empty override: Empty\n");
    child.assert_stdout("after the bad one: from-the-environment\n");
}
