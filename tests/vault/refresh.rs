//! `#[jwt_secret(vault = …, refresh = "1s")]` against OpenBao: a value
//! changed on the server is seen, a server that stops answering leaves the
//! last good value served and the failure in `status()`, a KV v1 `ttl`
//! (a lease) brings the refresh forward, and 64 readers see whole values
//! while the server's value keeps changing. Each child writes to the server
//! itself (with the root token it is given) and waits with a deadline.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use secretguard::{ExposeSecret, JwtSecret, jwt_secret};

use super::Server;
use crate::support::proxy::{Action, Proxy};
use crate::support::{run, temp_dir};

/// `child_case!` for this module: the child is named by its path, `refresh::name`.
macro_rules! refresh_case {
    ($name:ident, $body:block) => {
        #[test]
        #[ignore = "child process, run by its parent test"]
        fn $name() {
            if crate::support::child::is_child(concat!("refresh::", stringify!($name))) {
                $body
            }
        }
    };
}

/// 48 bytes of one letter: a torn value would not be one.
fn value(letter: char) -> String {
    format!("sg-vault-refresh-{}", letter.to_string().repeat(31))
}

fn letter_of(key: &[u8]) -> char {
    let text = std::str::from_utf8(key).unwrap_or("");
    text.strip_prefix("sg-vault-refresh-")
        .and_then(|rest| {
            let first = rest.chars().next()?;
            (rest.len() == 31 && rest.chars().all(|c| c == first)).then_some(first)
        })
        .unwrap_or('?')
}

/// Writes `{"key": value}` (and `extra` JSON members) to KV v1 `path` with
/// the child's `VAULT_ADDR` and `VAULT_TOKEN` (the direct address, not a proxy:
/// `SG_R_DIRECT`).
fn put(path: &str, value: &str, extra: &str) {
    let addr = std::env::var("SG_R_DIRECT").expect("the parent sets SG_R_DIRECT");
    let token = std::env::var("VAULT_TOKEN").expect("the parent sets VAULT_TOKEN");
    let host = addr.trim_start_matches("http://");
    let body = format!("{{\"key\":\"{value}\"{extra}}}");
    let mut stream = TcpStream::connect(host).expect("connect to the Vault server");
    write!(
        stream,
        "POST /v1/{path} HTTP/1.1\r\nHost: {host}\r\nX-Vault-Token: {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 2"), "the write was refused");
}

fn wait_for(within: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

impl Server {
    /// A child's environment: the server at `addr` (perhaps a proxy), the
    /// root token, and the server's own address for the child's writes.
    fn for_refresh<'a>(&'a self, addr: &'a str) -> [(&'a str, &'a str); 4] {
        [
            ("VAULT_ADDR", addr),
            ("VAULT_TOKEN", &self.root_token),
            ("SG_R_DIRECT", &self.addr),
            ("VAULT_MAX_RETRIES", "0"),
        ]
    }
}

// ---- a value changed on the server ------------------------------------------------

refresh_case!(child_changed_on_the_server, {
    #[jwt_secret(vault = "kv1/refresh/changed#key", refresh = "1s")]
    static KEY: JwtSecret;
    put("kv1/refresh/changed", &value('a'), "");
    println!("first: {}", letter_of(KEY.current().expose_secret()));
    put("kv1/refresh/changed", &value('b'), "");
    let seen = wait_for(Duration::from_secs(10), || {
        letter_of(KEY.current().expose_secret()) == 'b'
    });
    println!("changed seen: {seen}");
    let status = KEY.status();
    println!(
        "loads at least 2: {}, lease: {:?}",
        status.loads() >= 2,
        status.lease()
    );
});

#[test]
fn a_value_changed_on_the_server_is_seen_after_the_interval() {
    let Some(s) = super::server() else { return };
    let child = run(
        "refresh::child_changed_on_the_server",
        &s.for_refresh(&s.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("first: a");
    child.assert_stdout("changed seen: true");
    // KV v1 without `ttl` gives its 768 h default lease: the interval wins
    child.assert_stdout("loads at least 2: true, lease: Some(2764800s)");
    child.assert_hidden(&[&value('a'), &value('b'), &s.root_token]);
}

// ---- the server stops answering, then comes back -----------------------------------

refresh_case!(child_server_down, {
    #[jwt_secret(vault = "kv1/refresh/down#key", refresh = "1s")]
    static KEY: JwtSecret;
    put("kv1/refresh/down", &value('a'), "");
    println!("first: {}", letter_of(KEY.current().expose_secret()));
    put("kv1/refresh/down", &value('b'), "");
    let failing = wait_for(Duration::from_secs(15), || {
        KEY.status().consecutive_failures() >= 2
    });
    println!("failures reported: {failing}");
    println!(
        "served while down: {}",
        letter_of(KEY.current().expose_secret())
    );
    let status = KEY.status();
    println!("status: {status:?}");
    println!(
        "error: {}",
        status.last_error().expect("the failure is kept")
    );
    println!("{KEY:?}");
    // the proxy forwards again after its third dropped request
    let back = wait_for(Duration::from_secs(20), || {
        letter_of(KEY.current().expose_secret()) == 'b'
    });
    println!(
        "back: {back}, failures: {}",
        KEY.status().consecutive_failures()
    );
});

#[test]
fn an_unreachable_server_leaves_the_last_good_value_and_reports() {
    let Some(s) = super::server() else { return };
    // the first read goes through; the next three are dropped unanswered
    let proxy = Proxy::start(&s.addr, |_, n| {
        if (1..=3).contains(&n) {
            Action::Drop
        } else {
            Action::Forward
        }
    });
    let child = run(
        "refresh::child_server_down",
        &s.for_refresh(&proxy.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("first: a");
    child.assert_stdout("failures reported: true");
    child.assert_stdout("served while down: a");
    child.assert_stdout("error: secret KEY could not be loaded: ");
    child.assert_stdout(&format!("{} is unreachable", proxy.addr));
    child.assert_stdout("consecutive_failures: 2");
    child.assert_stdout("value: JwtSecret");
    child.assert_stdout("back: true, failures: 0");
    assert!(
        proxy.count("GET", "/v1/kv1/refresh/down") >= 5,
        "reads through the proxy"
    );
    child.assert_hidden(&[&value('a'), &value('b'), &s.root_token]);
}

// ---- a lease shorter than the interval ------------------------------------------------

refresh_case!(child_lease, {
    #[jwt_secret(vault = "kv1/refresh/lease#key", refresh = "1h")]
    static KEY: JwtSecret;
    put("kv1/refresh/lease", &value('a'), ",\"ttl\":\"3s\"");
    println!("first: {}", letter_of(KEY.current().expose_secret()));
    println!("lease: {:?}", KEY.status().lease());
    put("kv1/refresh/lease", &value('b'), ",\"ttl\":\"3s\"");
    // two thirds of the 3 s lease, not the hour
    let seen = wait_for(Duration::from_secs(10), || {
        letter_of(KEY.current().expose_secret()) == 'b'
    });
    println!("before the lease ended: {seen}");
});

#[test]
fn a_lease_brings_the_refresh_forward() {
    let Some(s) = super::server() else { return };
    let child = run(
        "refresh::child_lease",
        &s.for_refresh(&s.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("first: a");
    child.assert_stdout("lease: Some(3s)");
    child.assert_stdout("before the lease ended: true");
}

// ---- 64 readers while the server's value changes -----------------------------------------

refresh_case!(child_vault_readers, {
    #[jwt_secret(vault = "kv1/refresh/readers#key", refresh = "1s")]
    static KEY: JwtSecret;
    put("kv1/refresh/readers", &value('a'), "");
    let _ = KEY.current();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (torn, letters) = std::thread::scope(|s| {
        let readers: Vec<_> = (0..64)
            .map(|_| {
                s.spawn(|| {
                    let (mut torn, mut seen) = (0u64, std::collections::BTreeSet::new());
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let letter = letter_of(KEY.current().expose_secret());
                        torn += u64::from(letter == '?');
                        seen.insert(letter);
                    }
                    (torn, seen)
                })
            })
            .collect();
        for letter in ['b', 'c', 'd'] {
            put("kv1/refresh/readers", &value(letter), "");
            let swapped = wait_for(Duration::from_secs(10), || {
                letter_of(KEY.current().expose_secret()) == letter
            });
            assert!(swapped, "refreshed to {letter}");
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        readers.into_iter().map(|r| r.join().unwrap()).fold(
            (0, std::collections::BTreeSet::new()),
            |(torn, mut all), (t, seen)| {
                all.extend(seen);
                (torn + t, all)
            },
        )
    });
    let letters: String = letters.into_iter().collect();
    println!("readers: 64, torn: {torn}, letters seen: {letters}");
});

#[test]
fn sixty_four_readers_during_refreshes_see_only_whole_values() {
    let Some(s) = super::server() else { return };
    let child = run(
        "refresh::child_vault_readers",
        &s.for_refresh(&s.addr),
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("readers: 64, torn: 0, letters seen: abcd");
}
