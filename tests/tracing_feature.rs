//! The `tracing` feature's refresh events name the secret and never show its
//! value: a hand-written subscriber records every field of every event and
//! span, as text, while a refresh succeeds and while one is refused (the file
//! rewritten too short); the parent checks the text for every 8-character
//! piece of each value.
#![cfg(feature = "tracing")]

mod support;

use std::fmt::{self, Write as _};
use std::sync::{Arc, Mutex};

use secretguard::{ExposeSecret, JwtSecret, jwt_secret};
use support::{child_case, run, temp_dir};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every event and span, one line each: level, target, then `name=value`
/// for every field, values as the field's own `Debug`/`Display` gives them.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields<'a>(&'a mut String);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        write!(self.0, " {}={value:?}", field.name()).unwrap();
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        write!(self.0, " {}={value}", field.name()).unwrap();
    }
}

impl Capture {
    fn push(&self, line: String) {
        self.0.lock().unwrap().push(line);
    }

    fn lines(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = format!("span {}", span.metadata().name());
        span.record(&mut Fields(&mut line));
        self.push(line);
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = "span record".to_owned();
        values.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let meta = event.metadata();
        let mut line = format!("{} {}", meta.level(), meta.target());
        event.record(&mut Fields(&mut line));
        self.push(line);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// A random key of 48 base64url characters (36 random bytes).
fn random_key() -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 36];
    getrandom::fill(&mut bytes).unwrap();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

child_case!(child_refresh_events, {
    #[jwt_secret(env = "SG_TR_KEY", refresh = "1h")]
    static TRACED_KEY: JwtSecret;

    let var = |name: &str| std::env::var(name).unwrap();
    let file = var("SG_TR_KEY_FILE");
    let capture = Capture::default();
    tracing::subscriber::with_default(capture.clone(), || {
        let first = TRACED_KEY.current().expose_secret().to_vec();
        std::fs::write(&file, var("SG_TR_NEXT")).unwrap();
        println!(
            "refreshed: {:?}",
            TRACED_KEY.refresh_now().map_err(|e| e.to_string())
        );
        let next = TRACED_KEY.current().expose_secret().to_vec();
        println!("changed: {}", first != next);
        // too short for HS256: refused, the last good value kept
        std::fs::write(&file, var("SG_TR_SHORT")).unwrap();
        println!("refused: {}", TRACED_KEY.refresh_now().is_err());
        println!(
            "kept: {}",
            TRACED_KEY.current().expose_secret() == next.as_slice()
        );
    });
    for line in capture.lines() {
        println!("event: {line}");
    }
});

#[test]
fn refresh_events_name_the_secret_and_never_show_its_value() {
    let dir = temp_dir();
    let file = dir.path().join("key");
    let (first, next) = (random_key(), random_key());
    let short = random_key()[..15].to_owned();
    std::fs::write(&file, &first).unwrap();
    let vars = [
        ("SG_TR_KEY_FILE", file.to_str().unwrap()),
        ("SG_TR_NEXT", &next),
        ("SG_TR_SHORT", &short),
    ];
    let child = run("child_refresh_events", &vars, dir.path());
    child.assert_ok();
    child.assert_stdout("refreshed: Ok(())");
    child.assert_stdout("changed: true");
    child.assert_stdout("refused: true");
    child.assert_stdout("kept: true");
    let events: Vec<&str> = child
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("event: "))
        .collect();
    let refreshed = events
        .iter()
        .find(|e| e.starts_with("DEBUG ") && e.contains("secret refreshed"));
    assert!(
        refreshed.is_some_and(|e| e.contains(" secret=TRACED_KEY")),
        "no debug event naming TRACED_KEY for the refresh:\n{events:#?}"
    );
    let failed = events
        .iter()
        .find(|e| e.starts_with("WARN ") && e.contains("refresh failed"));
    assert!(
        failed.is_some_and(|e| e.contains(" secret=TRACED_KEY")
            && e.contains(" consecutive_failures=1")
            && e.contains("is too short: 15 bytes")),
        "no warn event naming TRACED_KEY and its report:\n{events:#?}"
    );
    // no value, and no 8-character piece of one, anywhere the child wrote
    child.assert_hidden(&[&first, &next, &short]);
    let all = child.all_output();
    for (which, value) in ["first", "next", "short"]
        .iter()
        .zip([&first, &next, &short])
    {
        for at in 0..=value.len() - 8 {
            // the message names the piece's place, never the piece
            assert!(
                !all.contains(&value[at..at + 8]),
                "characters {at}..{} of the {which} value appear in the child's output",
                at + 8
            );
        }
    }
}
