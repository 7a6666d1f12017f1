//! Engine throughput: MB/s of Rust source through `check` (pre-pass, then
//! parse + walk + rules for the files it does not clear), on one thread and
//! on the pool `check` uses (`check_all_scoped`, one thread per core, test
//! inputs left out as `check` leaves them by default, and with them as
//! `--include-tests` finds them); the full
//! parse of every file (`check_source_parsed`, what `check` did before the
//! pre-pass); the pre-pass alone; against a plain regex pass over the same
//! bytes in the same run (the floor).
//!
//!     cargo bench -p secretguard-cli --bench check
//!
//! The input is this repository's own Rust sources (target/ excluded), or
//! every `.rs` file under `SECRETGUARD_BENCH_TREE` (e.g. a copy of
//! `~/.cargo/registry/src`; files that are not UTF-8 skipped).

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use regex::Regex;
use secretguard_cli::{
    FileKind, Scope, check_all_scoped, check_source, check_source_parsed, default_workers,
};
use secretguard_scan::prefilter::needs_parse;

fn sources() -> Vec<(String, String)> {
    let root = std::env::var_os("SECRETGUARD_BENCH_TREE").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
        PathBuf::from,
    );
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What a line-oriented scanner does: known prefixes plus a keyword-assignment rule.
fn regex_pass() -> Regex {
    Regex::new(
        r#"(?x)
        (?:AKIA|ASIA)[A-Z0-9]{16}
        | gh[pousr]_[A-Za-z0-9]{30,}
        | xox[abposr]-[A-Za-z0-9-]{10,}
        | [sr]k_(?:live|test)_[A-Za-z0-9]{16,}
        | AIza[A-Za-z0-9_-]{35}
        | eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*
        | -----BEGIN[ A-Z]*PRIVATE\ KEY-----
        | (?i:secret|password|passwd|token|api_?key)\w*\s*[:=]\s*"[^"]{4,}"
        "#,
    )
    .expect("valid regex")
}

fn throughput(c: &mut Criterion) {
    let files = sources();
    let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
    let regex = regex_pass();
    let mut group = c.benchmark_group("check_throughput");
    group.throughput(Throughput::Bytes(bytes as u64));
    let parsed: usize = files
        .iter()
        .filter(|(_, source)| needs_parse(source))
        .map(|(_, source)| source.len())
        .sum();
    eprintln!(
        "{} files, {bytes} bytes, {parsed} bytes ({:.1}%) past the pre-pass",
        files.len(),
        100.0 * parsed as f64 / bytes.max(1) as f64
    );
    group.bench_function("prefilter_only", |b| {
        b.iter(|| {
            files
                .iter()
                .filter(|(_, source)| needs_parse(black_box(source)))
                .count()
        })
    });
    group.bench_function("secretguard_check_no_prefilter", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(path, source)| check_source_parsed(path, black_box(source)).findings.len())
                .sum::<usize>()
        })
    });
    group.bench_function("secretguard_check", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(path, source)| check_source(path, black_box(source)).findings.len())
                .sum::<usize>()
        })
    });
    let in_memory: Vec<(String, FileKind, &str)> = files
        .iter()
        .map(|(path, source)| (path.clone(), FileKind::Rust, source.as_str()))
        .collect();
    // the pool on one thread: what the pool gains over `secretguard_check`
    // besides threads (spans freed after each file)
    group.bench_function("secretguard_check_1_thread_pool", |b| {
        b.iter(|| {
            check_all_scoped(black_box(&in_memory), 1, Scope::WithoutTestInputs)
                .iter()
                .map(|result| result.findings.len())
                .sum::<usize>()
        })
    });
    let workers = default_workers();
    for (name, scope) in [
        (
            format!("secretguard_check_{workers}_threads"),
            Scope::WithoutTestInputs,
        ),
        (
            format!("secretguard_check_{workers}_threads_include_tests"),
            Scope::WithTestInputs,
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                check_all_scoped(black_box(&in_memory), workers, scope)
                    .iter()
                    .map(|result| result.findings.len())
                    .sum::<usize>()
            })
        });
    }
    group.bench_function("plain_regex_pass", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|(_, source)| regex.find_iter(black_box(source)).count())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
