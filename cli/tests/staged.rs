//! `secretguard check --staged` in real git repositories: the index is
//! checked, not the working tree.

use std::path::Path;
use std::process::{Command, Output};

const SECRET_RS: &str = "pub fn connect() {\n    let db_password = \"Summer2026!\";\n}\n";
const CLEAN_RS: &str =
    "pub fn connect() {\n    let db_password = std::env::var(\"DB_PASSWORD\");\n}\n";

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A fresh repository, with an identity and no signing, nothing committed.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["config", "user.email", "test@example.com"]);
    git(dir.path(), &["config", "user.name", "Test"]);
    git(dir.path(), &["config", "commit.gpgsign", "false"]);
    dir
}

fn write(dir: &Path, name: &str, contents: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_secretguard"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_WORK_TREE")
        // never find a repository above the temporary directory
        .env("GIT_CEILING_DIRECTORIES", dir.parent().unwrap())
        .output()
        .expect("run secretguard")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_staged_secret_is_found_after_it_left_the_working_tree() {
    let dir = repo();
    write(dir.path(), "src/lib.rs", SECRET_RS);
    write(dir.path(), ".env", "JWT_SECRET=changeme\n");
    git(dir.path(), &["add", "src/lib.rs", ".env"]);
    write(dir.path(), "src/lib.rs", CLEAN_RS);
    std::fs::remove_file(dir.path().join(".env")).unwrap();

    let out = check(dir.path(), &["--staged"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("error[secret-binding]: hardcoded secret: a literal assigned to `db_password`\n  --> src/lib.rs:2:23\n"),
        "{text}"
    );
    assert!(text.contains("  --> .env:1:12\n"), "{text}");
    assert!(
        text.ends_with("2 hardcoded secrets in 2 files checked\n"),
        "{text}"
    );
    assert!(
        !text.contains("Summer2026!") && !text.contains("changeme"),
        "{text}"
    );

    // the working tree itself is clean now
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn an_unstaged_secret_is_not_checked() {
    let dir = repo();
    write(dir.path(), "src/lib.rs", CLEAN_RS);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "clean"]);
    // staged: a harmless change; unstaged: a secret in the same file and an untracked .env
    write(
        dir.path(),
        "src/lib.rs",
        &format!("// a comment\n{CLEAN_RS}"),
    );
    git(dir.path(), &["add", "src/lib.rs"]);
    write(dir.path(), "src/lib.rs", SECRET_RS);
    write(dir.path(), ".env", "JWT_SECRET=changeme\n");

    let out = check(dir.path(), &["--staged"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        stdout(&out),
        "secretguard: no hardcoded secrets in 1 file checked\n"
    );
    // the same tree checked as it is
    let out = check(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_forced_ignored_file_is_checked_and_pathspecs_narrow_the_check() {
    let dir = repo();
    write(dir.path(), ".gitignore", ".env\n");
    write(dir.path(), ".env", "JWT_SECRET=changeme\n");
    write(dir.path(), "src/lib.rs", SECRET_RS);
    git(dir.path(), &["add", "-f", ".env"]);
    git(dir.path(), &["add", "src/lib.rs", ".gitignore"]);

    let out = check(dir.path(), &["--staged"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("--> .env:1:12"), "{}", stdout(&out));

    let out = check(dir.path(), &["--staged", "src"]);
    let text = stdout(&out);
    assert!(!text.contains(".env"), "{text}");
    assert!(
        text.ends_with("1 hardcoded secret in 1 file checked\n"),
        "{text}"
    );
}

#[test]
fn staged_works_with_a_baseline() {
    let dir = repo();
    write(dir.path(), "src/lib.rs", SECRET_RS);
    git(dir.path(), &["add", "."]);
    let recorded = check(dir.path(), &["--staged", "--format", "json"]);
    std::fs::write(dir.path().join("baseline.json"), &recorded.stdout).unwrap();
    let out = check(dir.path(), &["--staged", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn outside_a_git_repository_staged_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/lib.rs", SECRET_RS);
    let out = check(dir.path(), &["--staged"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: `--staged` reads the git index, and `"),
        "{err}"
    );
    assert!(err.contains("` is not inside a git work tree\n"), "{err}");
    assert!(
        err.contains("help: run it inside the repository, or check the files as they are: `secretguard check PATH`"),
        "{err}"
    );
    assert!(!err.contains("usage:"), "{err}");
    assert!(stdout(&out).is_empty());
}

/// The hook the repository ships runs this very command, and it fails a
/// commit that stages a secret.
#[test]
fn the_pre_commit_hook_runs_the_staged_check() {
    let manifest = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../.pre-commit-hooks.yaml"),
    )
    .unwrap();
    let field = |name: &str| {
        manifest
            .lines()
            .find_map(|l| l.trim_start_matches(['-', ' ']).strip_prefix(name))
            .unwrap_or_else(|| panic!("no `{name}` in .pre-commit-hooks.yaml"))
            .trim()
            .to_owned()
    };
    assert_eq!(field("id:"), "secretguard");
    assert_eq!(field("pass_filenames:"), "false");
    let entry = field("entry:");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("secretguard"));
    let args: Vec<&str> = words.collect();
    assert_eq!(args.first(), Some(&"check"));

    let dir = repo();
    write(dir.path(), "src/lib.rs", SECRET_RS);
    git(dir.path(), &["add", "."]);
    let out = check(dir.path(), &args[1..]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    write(dir.path(), "src/lib.rs", CLEAN_RS);
    git(dir.path(), &["add", "."]);
    let out = check(dir.path(), &args[1..]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}
