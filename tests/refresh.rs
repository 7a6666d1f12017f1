//! `#[jwt_secret(refresh = "…")]` with file sources: a Kubernetes projected
//! secret's `..data` symlink swap, a plain rewrite, a refreshed value that
//! breaks the rules, and 64 readers while the value keeps changing. Each case
//! runs in a child whose `SG_R_KEY_FILE` points into a directory the child
//! itself changes, then waits for the refresh with a deadline.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use secretguard::{ExposeSecret, JwtSecret, RefreshingSecret, jwt_secret};
use support::{child_case, run, temp_dir};

/// Test values: 48 bytes of one letter, so a reader can tell a whole value
/// from a torn one. Never printed; the parent checks they are not.
fn value(letter: char) -> String {
    format!("sg-refresh-canary-{}", letter.to_string().repeat(30))
}

/// Which test value `key` holds, or `?` for anything else.
fn letter_of(key: &[u8]) -> char {
    let text = std::str::from_utf8(key).unwrap_or("");
    text.strip_prefix("sg-refresh-canary-")
        .and_then(|rest| {
            let first = rest.chars().next()?;
            (rest.len() == 30 && rest.chars().all(|c| c == first)).then_some(first)
        })
        .unwrap_or('?')
}

/// Polls `done` until it holds or `within` passes; how long it took.
fn wait_for(within: Duration, mut done: impl FnMut() -> bool) -> Option<Duration> {
    let start = Instant::now();
    while start.elapsed() < within {
        if done() {
            return Some(start.elapsed());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

fn key_file() -> std::path::PathBuf {
    std::env::var_os("SG_R_KEY_FILE")
        .expect("the parent sets SG_R_KEY_FILE")
        .into()
}

/// Waits for `key` to hold `letter`, and says so.
fn expect_letter(key: &RefreshingSecret<JwtSecret>, letter: char) {
    let took = wait_for(Duration::from_secs(10), || {
        letter_of(key.current().expose_secret()) == letter
    });
    println!("now {letter}: {}", took.is_some());
}

// ---- Kubernetes: `..data` swapped by a rename ----------------------------------

/// What the kubelet writes: `..<timestamp>/jwt`, `..data -> ..<timestamp>`,
/// and `jwt -> ..data/jwt`.
fn projected(dir: &Path, stamp: &str, key: &str) {
    let versioned = dir.join(stamp);
    std::fs::create_dir(&versioned).unwrap();
    std::fs::write(versioned.join("jwt"), key).unwrap();
}

/// The kubelet's update: a new timestamped directory, a `..data_tmp` link to
/// it renamed over `..data` (atomic), the old directory removed.
fn swap_projected(dir: &Path, old: &str, new: &str, key: &str) {
    projected(dir, new, key);
    std::os::unix::fs::symlink(new, dir.join("..data_tmp")).unwrap();
    std::fs::rename(dir.join("..data_tmp"), dir.join("..data")).unwrap();
    std::fs::remove_dir_all(dir.join(old)).unwrap();
}

child_case!(child_kubernetes_swap, {
    #[jwt_secret(env = "SG_R_KEY", refresh = "1s")]
    static KEY: JwtSecret;
    println!("first: {}", letter_of(KEY.current().expose_secret()));
    let dir = key_file().parent().unwrap().to_owned();
    swap_projected(
        &dir,
        "..2026_01_01_00_00_00.1",
        "..2026_01_02_00_00_00.2",
        &value('b'),
    );
    expect_letter(&KEY, 'b');
    let status = KEY.status();
    println!(
        "loads: {}, failures: {}",
        status.loads(),
        status.consecutive_failures()
    );
    println!("{KEY:?}");
});

#[cfg(unix)]
#[test]
fn a_kubernetes_symlink_swap_is_picked_up() {
    let d = temp_dir();
    let dir = d.path().join("secrets");
    std::fs::create_dir(&dir).unwrap();
    projected(&dir, "..2026_01_01_00_00_00.1", &value('a'));
    std::os::unix::fs::symlink("..2026_01_01_00_00_00.1", dir.join("..data")).unwrap();
    std::os::unix::fs::symlink("..data/jwt", dir.join("jwt")).unwrap();
    let file = dir.join("jwt").display().to_string();
    let child = run(
        "child_kubernetes_swap",
        &[("SG_R_KEY_FILE", &file)],
        d.path(),
    );
    child.assert_ok();
    child.assert_stdout("first: a");
    child.assert_stdout("now b: true");
    child.assert_stdout("failures: 0");
    child.assert_hidden(&[&value('a'), &value('b')]);
}

// ---- a plain rewrite; a refreshed value that breaks the rules ------------------

child_case!(child_rewrite, {
    #[jwt_secret(env = "SG_R_KEY", refresh = "1s")]
    static KEY: JwtSecret;
    let file = key_file();
    println!("first: {}", letter_of(KEY.current().expose_secret()));
    std::fs::write(&file, value('b')).unwrap();
    expect_letter(&KEY, 'b');

    // too short for HS256: refused, and the last good value served
    std::fs::write(&file, "sg-short-canary").unwrap();
    let refused = wait_for(Duration::from_secs(10), || {
        KEY.status().consecutive_failures() > 0
    });
    println!("refused: {}", refused.is_some());
    println!("still: {}", letter_of(KEY.current().expose_secret()));
    let status = KEY.status();
    println!("status: {status:?}");
    println!(
        "error: {}",
        status.last_error().expect("a failure is recorded")
    );

    std::fs::write(&file, value('c')).unwrap();
    expect_letter(&KEY, 'c');
    println!("recovered: {}", KEY.status().consecutive_failures() == 0);
});

#[test]
fn a_rewrite_is_picked_up_and_a_bad_value_refused() {
    let d = temp_dir();
    let file = d.path().join("jwt");
    std::fs::write(&file, format!("{}\n", value('a'))).unwrap();
    let file = file.display().to_string();
    let child = run("child_rewrite", &[("SG_R_KEY_FILE", &file)], d.path());
    child.assert_ok();
    child.assert_stdout("first: a");
    child.assert_stdout("now b: true");
    child.assert_stdout("refused: true");
    child.assert_stdout("still: b");
    child.assert_stdout("error: secret KEY is too short: 15 bytes");
    child.assert_stdout("now c: true");
    child.assert_stdout("recovered: true");
    child.assert_hidden(&[&value('a'), &value('b'), &value('c'), "sg-short-canary"]);
}

// ---- 64 readers while the value changes -----------------------------------------

child_case!(child_readers, {
    #[jwt_secret(env = "SG_R_KEY", refresh = "1s")]
    static KEY: JwtSecret;
    let file = key_file();
    let _ = KEY.current();
    let stop = std::sync::atomic::AtomicBool::new(false);
    let (torn, reads) = std::thread::scope(|s| {
        let readers: Vec<_> = (0..64)
            .map(|_| {
                s.spawn(|| {
                    let (mut torn, mut reads) = (0u64, 0u64);
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        if letter_of(KEY.current().expose_secret()) == '?' {
                            torn += 1;
                        }
                        reads += 1;
                    }
                    (torn, reads)
                })
            })
            .collect();
        // each rewrite is written aside and renamed in, then swapped in by
        // `refresh_now` as well as by the background refresher
        for (i, letter) in ('b'..='z').enumerate() {
            let aside = file.with_extension(format!("{i}"));
            std::fs::write(&aside, value(letter)).unwrap();
            std::fs::rename(&aside, &file).unwrap();
            KEY.refresh_now().unwrap();
            std::thread::sleep(Duration::from_millis(40));
        }
        let background = wait_for(Duration::from_secs(10), || KEY.status().loads() >= 27);
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(background.is_some(), "the background refresher ran");
        readers
            .into_iter()
            .map(|r| r.join().unwrap())
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    println!("readers: 64, torn: {torn}, some reads: {}", reads > 64);
    println!("last: {}", letter_of(KEY.current().expose_secret()));
});

#[test]
fn sixty_four_readers_see_only_whole_values() {
    let d = temp_dir();
    let file = d.path().join("jwt");
    std::fs::write(&file, value('a')).unwrap();
    let file = file.display().to_string();
    let child = run("child_readers", &[("SG_R_KEY_FILE", &file)], d.path());
    child.assert_ok();
    child.assert_stdout("readers: 64, torn: 0, some reads: true");
    child.assert_stdout("last: z");
}

// ---- the first load ---------------------------------------------------------------

child_case!(child_first_load_fails, {
    #[jwt_secret(env = "SG_R_UNSET", refresh = "1s")]
    static KEY: JwtSecret;
    let error = KEY.try_current().map(drop).unwrap_err();
    println!("first: {}", error.kind());
    let status = KEY.status();
    println!(
        "loaded: {}, failures: {}, next: {}",
        status.is_loaded(),
        status.consecutive_failures(),
        status.next_attempt().is_some()
    );
    // no refresher retries a value that never loaded: the next access does
    std::thread::sleep(Duration::from_millis(1500));
    println!("attempts: {}", KEY.status().consecutive_failures());
});

#[test]
fn a_failed_first_load_is_not_kept_and_not_scheduled() {
    let child = run(
        "child_first_load_fails",
        &[("SG_R_OTHER", "x")],
        temp_dir().path(),
    );
    child.assert_ok();
    child.assert_stdout("first: not set");
    child.assert_stdout("loaded: false, failures: 1, next: false");
    child.assert_stdout("attempts: 1");
}

// ---- preflight does the first load ---------------------------------------------------

child_case!(child_preflight, {
    #[jwt_secret(env = "SG_R_KEY", refresh = "1h")]
    static KEY: JwtSecret;
    println!("before: {}", KEY.status().loads());
    secretguard::preflight().unwrap();
    let status = KEY.status();
    println!(
        "after: {}, scheduled: {}",
        status.loads(),
        status.next_attempt().is_some()
    );
    // the file is gone: the value preflight loaded is the one served
    std::fs::remove_file(key_file()).unwrap();
    println!("served: {}", letter_of(KEY.current().expose_secret()));
});

#[test]
fn preflight_fills_a_refreshing_static() {
    let d = temp_dir();
    let file = d.path().join("jwt");
    std::fs::write(&file, value('a')).unwrap();
    let file = file.display().to_string();
    // every refreshing static of this binary is preflighted: give them all a value
    let other = value('x');
    let vars = [("SG_R_KEY_FILE", file.as_str()), ("SG_R_UNSET", &other)];
    let child = run("child_preflight", &vars, d.path());
    child.assert_ok();
    child.assert_stdout("before: 0");
    child.assert_stdout("after: 1, scheduled: true");
    child.assert_stdout("served: a");
}

// ---- each thread's copy ------------------------------------------------------------

child_case!(child_threads_reread, {
    #[jwt_secret(env = "SG_R_KEY", refresh = "1h")]
    static KEY: JwtSecret;
    let file = key_file();
    let (to_reader, reader_waits) = std::sync::mpsc::channel::<()>();
    let (to_main, main_waits) = std::sync::mpsc::channel::<char>();
    let old = std::sync::Arc::downgrade(&KEY.snapshot());
    std::thread::scope(|s| {
        s.spawn(move || {
            // this thread reads 'a', keeps it as its copy, and sleeps
            to_main
                .send(letter_of(KEY.current().expose_secret()))
                .unwrap();
            reader_waits.recv().unwrap();
            to_main
                .send(letter_of(KEY.current().expose_secret()))
                .unwrap();
            reader_waits.recv().unwrap();
        });
        println!("reader first: {}", main_waits.recv().unwrap());
        std::fs::write(&file, value('b')).unwrap();
        KEY.refresh_now().unwrap();
        println!(
            "main after refresh: {}",
            letter_of(KEY.current().expose_secret())
        );
        // the sleeping reader's copy is all that keeps the old value
        println!(
            "old kept while the reader sleeps: {}",
            old.upgrade().is_some()
        );
        to_reader.send(()).unwrap();
        println!("reader after refresh: {}", main_waits.recv().unwrap());
        println!(
            "old dropped once it read again: {}",
            old.upgrade().is_none()
        );
        to_reader.send(()).unwrap();
    });
});

#[test]
fn every_thread_sees_a_refresh_and_the_old_value_goes_when_they_have_read_again() {
    let d = temp_dir();
    let file = d.path().join("jwt");
    std::fs::write(&file, value('a')).unwrap();
    let file = file.display().to_string();
    let child = run(
        "child_threads_reread",
        &[("SG_R_KEY_FILE", &file)],
        d.path(),
    );
    child.assert_ok();
    child.assert_stdout("reader first: a");
    child.assert_stdout("main after refresh: b");
    child.assert_stdout("old kept while the reader sleeps: true");
    child.assert_stdout("reader after refresh: b");
    child.assert_stdout("old dropped once it read again: true");
    child.assert_hidden(&[&value('a'), &value('b')]);
}
