//! Runs one `#[ignore]`d test of the current test binary as a child process,
//! with an environment and working directory the parent controls.
//!
//! A case is declared once with [`child_case!`] and run by its parent test
//! with [`run`]:
//!
//! ```ignore
//! child_case!(child_unset, {
//!     let _key: JwtSecret = secret!("SG_UNSET");
//! });
//!
//! #[test]
//! fn unset_is_reported() {
//!     let child = run("child_unset", &[("SG_OTHER", "x")], temp_dir().path());
//!     child.assert_failed_with("secret SG_UNSET is not set");
//! }
//! ```

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// Set in the child so its cases know they are meant to run.
pub const CHILD: &str = "SECRETGUARD_TEST_CHILD";

/// What the child printed, and whether it exited cleanly.
pub struct Child {
    pub ok: bool,
    /// The exit code; `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Child {
    /// Everything the child wrote, for "never appears anywhere" checks.
    pub fn all_output(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// The child exited cleanly.
    #[track_caller]
    pub fn assert_ok(&self) {
        assert!(self.ok, "the child failed:\n{}", self.all_output());
    }

    /// The child printed `needle` on stdout.
    #[track_caller]
    pub fn assert_stdout(&self, needle: &str) {
        assert_contains("stdout", &self.stdout, needle);
    }

    /// The child said `needle` on stderr.
    #[track_caller]
    pub fn assert_stderr(&self, needle: &str) {
        assert_contains("stderr", &self.stderr, needle);
    }

    /// The child failed, and said `needle` on stderr.
    #[track_caller]
    pub fn assert_failed_with(&self, needle: &str) {
        assert!(!self.ok, "the child succeeded:\n{}", self.all_output());
        self.assert_stderr(needle);
    }

    /// None of `values` appears anywhere in what the child wrote.
    #[track_caller]
    pub fn assert_hidden(&self, values: &[&str]) {
        let all = self.all_output();
        let leaked: Vec<&&str> = values
            .iter()
            .filter(|v| !v.is_empty() && all.contains(**v))
            .collect();
        if !leaked.is_empty() {
            // show where, not what: the failure message must not leak it again
            let shown = leaked
                .iter()
                .fold(all.clone(), |text, v| text.replace(**v, "[LEAKED]"));
            panic!("a secret or credential leaked into:\n{shown}");
        }
    }
}

#[track_caller]
fn assert_contains(stream: &str, text: &str, needle: &str) {
    assert!(text.contains(needle), "{stream} lacks {needle:?}:\n{text}");
}

/// Runs the ignored test `case` in a child with only `vars` set among those
/// starting with `SG_`, `VAULT_` or `AWS_` (the parent's own are removed, as is
/// systemd's `CREDENTIALS_DIRECTORY`), in `cwd`,
/// which is also its `HOME` (so `~/.vault-token` is the test's own).
pub fn run<K: AsRef<OsStr>, V: AsRef<OsStr>>(case: &str, vars: &[(K, V)], cwd: &Path) -> Child {
    let exe = std::env::current_exe().expect("test binary path");
    let mut cmd = Command::new(exe);
    cmd.args([
        case,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .current_dir(cwd)
    .env(CHILD, case)
    .env("RUST_BACKTRACE", "0");
    cmd.env("HOME", cwd);
    for (key, _) in std::env::vars_os() {
        let name = key.to_string_lossy();
        if name.starts_with("SG_") || name.starts_with("VAULT_") || name.starts_with("AWS_") {
            cmd.env_remove(key);
        }
    }
    cmd.env_remove("CREDENTIALS_DIRECTORY");
    for (key, value) in vars {
        cmd.env(key, value);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = cmd.output().expect("run child test");
    let child = Child {
        ok: status.success(),
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    assert!(
        child.stdout.contains("running 1 test"),
        "the child did not run exactly one test `{case}`:\n{}",
        child.all_output()
    );
    child
}

/// Declares the `#[ignore]`d test `$name` whose `$body` runs only in the
/// child process that [`run`] starts for it (a plain `cargo test --ignored`
/// passes it without doing anything).
macro_rules! child_case {
    ($name:ident, $body:block) => {
        #[test]
        #[ignore = "child process, run by its parent test"]
        fn $name() {
            if $crate::support::child::is_child(stringify!($name)) {
                $body
            }
        }
    };
}
pub(crate) use child_case;

/// True in the child process that is meant to run `case`.
pub fn is_child(case: &str) -> bool {
    std::env::var(CHILD).is_ok_and(|c| c == case)
}
