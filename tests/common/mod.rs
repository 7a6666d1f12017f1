//! Runs one `#[ignore]`d test of the current test binary as a child process,
//! with an environment and working directory the parent controls.

use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Output};

/// Set in the child so its cases know they are meant to run.
pub const CHILD: &str = "SECRETGUARD_TEST_CHILD";

/// What the child printed, and whether it exited cleanly.
pub struct Child {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Child {
    /// Everything the child wrote, for "never appears anywhere" checks.
    pub fn all_output(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Runs the ignored test `case` in a child with only `vars` set among those
/// starting with `SG_`, `VAULT_` or `AWS_` (the parent's own are removed), in `cwd`,
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

/// True in the child process that is meant to run `case`.
pub fn is_child(case: &str) -> bool {
    std::env::var(CHILD).is_ok_and(|c| c == case)
}
