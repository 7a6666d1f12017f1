//! `check --staged`: what the next commit would contain — the index, not the
//! working tree — read through git's plumbing, for a pre-commit hook.
//!
//! `git diff --cached --raw -z --no-abbrev` lists the added, copied,
//! modified and renamed files with the id of their staged blob; one
//! `git cat-file --batch` reads every blob. A file staged and then changed
//! or deleted in the working tree is checked as staged. Staged files are
//! checked even when `.gitignore` matches them (`git add -f`): they are about
//! to be committed all the same. Paths are shown relative to the
//! repository's root, as git shows them.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{FileKind, Summary, check_all, default_workers};

/// A staged file: its path from the repository root, kind and blob id.
struct Staged {
    path: String,
    kind: FileKind,
    blob: String,
}

/// Checks the staged content of every file [`FileKind::of`] names, limited
/// to `pathspecs` when there are any (relative to the working directory, as
/// git reads them). The error says what is wrong, then a `help:` line.
pub fn check_staged(pathspecs: &[PathBuf]) -> Result<Summary, String> {
    in_work_tree()?;
    let files = staged_files(pathspecs)?;
    let blobs = read_blobs(&files)?;
    let files: Vec<(String, FileKind, Vec<u8>)> = files
        .into_iter()
        .zip(blobs)
        .map(|(file, bytes)| (file.path, file.kind, bytes))
        .collect();
    let mut summary = Summary::default();
    for result in check_all(&files, default_workers()) {
        summary.findings.extend(result.findings);
        summary.errors.extend(result.error);
        summary.files_checked += 1;
    }
    Ok(summary)
}

fn git() -> Command {
    let mut git = Command::new("git");
    // no pager, no colour, no prompt: plumbing output only
    git.env("GIT_PAGER", "cat").env("GIT_TERMINAL_PROMPT", "0");
    git
}

fn cannot_run(e: std::io::Error) -> String {
    format!(
        "`--staged` reads the git index, but `git` could not be run: {e}\n\
         help: install git, or check the files as they are: `secretguard check PATH`"
    )
}

/// Fails unless the working directory is inside a git work tree.
fn in_work_tree() -> Result<(), String> {
    let out = git()
        .args(["rev-parse", "--is-inside-work-tree"])
        .stderr(Stdio::null())
        .output()
        .map_err(cannot_run)?;
    if out.status.success() && out.stdout.starts_with(b"true") {
        return Ok(());
    }
    let here = std::env::current_dir().map_or_else(|_| ".".to_owned(), |d| d.display().to_string());
    Err(format!(
        "`--staged` reads the git index, and `{here}` is not inside a git work tree\n\
         help: run it inside the repository, or check the files as they are: `secretguard check PATH`"
    ))
}

/// The staged regular files of a kind `check` reads.
fn staged_files(pathspecs: &[PathBuf]) -> Result<Vec<Staged>, String> {
    let out = git()
        .args([
            "diff",
            "--cached",
            "--raw",
            "-z",
            "--no-abbrev",
            "--no-renames",
            "--no-ext-diff",
            "--no-color",
            "--diff-filter=ACMR",
            "--",
        ])
        .args(pathspecs)
        .output()
        .map_err(cannot_run)?;
    if !out.status.success() {
        return Err(git_failed("git diff --cached", &out.stderr));
    }
    Ok(parse_raw(&out.stdout))
}

/// `:100644 100644 <old> <new> M\0path\0…` → the regular files (not
/// symlinks, not submodules) of a kind `check` reads.
fn parse_raw(raw: &[u8]) -> Vec<Staged> {
    let mut files = Vec::new();
    let mut fields = raw.split(|&b| b == 0);
    while let (Some(header), Some(path)) = (fields.next(), fields.next()) {
        let header = String::from_utf8_lossy(header);
        let parts: Vec<&str> = header.trim_start_matches(':').split(' ').collect();
        let [_, new_mode, _, blob, _] = parts.as_slice() else {
            continue;
        };
        if !matches!(*new_mode, "100644" | "100755") {
            continue;
        }
        let path = String::from_utf8_lossy(path).into_owned();
        if let Some(kind) = FileKind::of(Path::new(&path)) {
            files.push(Staged {
                path,
                kind,
                blob: (*blob).to_owned(),
            });
        }
    }
    files
}

/// The contents of each file's blob, in order, from one `git cat-file --batch`.
fn read_blobs(files: &[Staged]) -> Result<Vec<Vec<u8>>, String> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = git()
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(cannot_run)?;
    let mut stdin = child.stdin.take().ok_or("`git cat-file` has no input")?;
    let ids: String = files.iter().map(|f| format!("{}\n", f.blob)).collect();
    // written from a thread: git answers while it reads, and both pipes have limits
    let writer = std::thread::spawn(move || stdin.write_all(ids.as_bytes()));
    let stdout = child.stdout.take().ok_or("`git cat-file` has no output")?;
    let mut reader = BufReader::new(stdout);
    let mut blobs = Vec::with_capacity(files.len());
    for file in files {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("cannot read `git cat-file` output: {e}"))?;
        let size = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim_end().parse::<usize>().ok())
            .ok_or_else(|| format!("`git cat-file` cannot read the staged `{}`", file.path))?;
        let mut blob = vec![0; size];
        let mut newline = [0; 1];
        reader
            .read_exact(&mut blob)
            .and_then(|()| reader.read_exact(&mut newline))
            .map_err(|e| format!("cannot read the staged `{}` from git: {e}", file.path))?;
        blobs.push(blob);
    }
    let _ = writer.join();
    let out = child
        .wait_with_output()
        .map_err(|e| format!("`git cat-file` failed: {e}"))?;
    if !out.status.success() {
        return Err(git_failed("git cat-file --batch", &out.stderr));
    }
    Ok(blobs)
}

fn git_failed(command: &str, stderr: &[u8]) -> String {
    let stderr = String::from_utf8_lossy(stderr);
    let first = stderr.lines().next().unwrap_or("").trim();
    format!("`{command}` failed: {first}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_records_keep_regular_files_of_checked_kinds() {
        let raw = b":000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\0src/a.rs\0\
:100644 100755 2222222222222222222222222222222222222222 3333333333333333333333333333333333333333 M\0.env\0\
:000000 120000 0000000000000000000000000000000000000000 4444444444444444444444444444444444444444 A\0link.rs\0\
:000000 160000 0000000000000000000000000000000000000000 5555555555555555555555555555555555555555 A\0vendor/sub.toml\0\
:000000 100644 0000000000000000000000000000000000000000 6666666666666666666666666666666666666666 A\0README.md\0";
        let files = parse_raw(raw);
        let got: Vec<(&str, FileKind, &str)> = files
            .iter()
            .map(|f| (f.path.as_str(), f.kind, &f.blob[..4]))
            .collect();
        assert_eq!(
            got,
            [
                ("src/a.rs", FileKind::Rust, "1111"),
                (".env", FileKind::Dotenv, "3333")
            ]
        );
    }
}
