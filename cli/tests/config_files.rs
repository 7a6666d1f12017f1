//! `secretguard check` beyond `.rs`: committed `.env` files, TOML, YAML
//! (docker-compose, CI workflows) and configuration JSON, each with a
//! real-looking secret and a benign look-alike, positions checked against
//! the file's own text.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const GITHUB: &str = "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";
const STRIPE: &str = "sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d";
const AWS_ID: &str = "AKIAU29PC7ZL4HT2DTCB";

/// (file, contents) of a small repository with one of each kind.
fn tree() -> Vec<(&'static str, String)> {
    vec![
        (
            ".env",
            format!(
                "# local settings\nPORT=8080\nJWT_SECRET=changeme\nexport STRIPE_KEY=\"{STRIPE}\"\n\
                 API_KEY=\nDB_PASSWORD=${{DB_PASSWORD}}\nTOKEN=<your-token>\nSECRET_KEY=xxxxxxxx\n\
                 # old: {AWS_ID}\n"
            ),
        ),
        (
            ".env.example",
            format!("JWT_SECRET=changeme\nDB_PASSWORD=postgres\nGITHUB_TOKEN={GITHUB}\n"),
        ),
        (
            "config/app.toml",
            "[server]\nport = 8080\n[database]\nurl = \"postgres://app@db/app\"\npassword = \"Tr0ub4dor&3\"\n\
             password_file = \"/run/secrets/db\"\nrequire_password = true\n"
                .to_owned(),
        ),
        (
            ".cargo/credentials.toml",
            "[registry]\ntoken = \"cioZ8kQ2mX7vN4pL1rT9wB3yH6dF0sJ5aGc\"\n".to_owned(),
        ),
        (
            "docker-compose.yml",
            "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2hunter2\n      POSTGRES_PASSWORD_FILE: /run/secrets/db\n  app:\n    environment:\n      - JWT_SECRET=${JWT_SECRET:-dev-secret}\n      - DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app\n      - API_TOKEN=${API_TOKEN}\n"
                .to_owned(),
        ),
        (
            ".github/workflows/ci.yml",
            "jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          token: ${{ secrets.GITHUB_TOKEN }}\n"
                .to_owned(),
        ),
        (
            "config/settings.json",
            "{\n  \"service\": {\n    \"api_key\": \"k3y-9f2Qx7Lm\",\n    \"api_key_env\": \"API_KEY\",\n    \"client_secret\": \"${CLIENT_SECRET}\"\n  }\n}\n"
                .to_owned(),
        ),
        // not configuration: JSON test data is not read
        (
            "tests/data/vectors.json",
            format!("{{\"token\": \"{GITHUB}\"}}\n"),
        ),
        // ignored: never committed, never read
        (".gitignore", ".env.local\n".to_owned()),
        (".env.local", format!("GITHUB_TOKEN={GITHUB}\n")),
    ]
}

fn write_tree(dir: &Path) {
    for (name, contents) in tree() {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

fn check(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_secretguard"))
        .arg("check")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run secretguard");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), all)
}

/// 1-based line and character column of `needle`'s first occurrence in
/// `file`'s text, counted here independently of the scanner.
fn position(file: &str, needle: &str) -> (u64, u64) {
    let text = tree()
        .into_iter()
        .find(|(name, _)| *name == file)
        .unwrap()
        .1;
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {file}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn each_kind_reports_the_real_looking_secret_and_not_the_benign_one() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let (code, out) = check(dir.path(), &["--format", "json", "."]);
    assert_eq!(code, Some(1), "{out}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    let mut found: Vec<(String, String, u64, u64)> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["rule"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    let expect = |file: &str, rule: &str, needle: &str| {
        let (line, column) = position(file, needle);
        (file.to_owned(), rule.to_owned(), line, column)
    };
    let mut expected = vec![
        expect(".env", "secret-binding", "changeme"),
        expect(".env", "stripe-key", "\"sk_live_"),
        expect(".env", "aws-access-key-id", AWS_ID),
        // a template: its key is no evidence, a known format still is
        expect(".env.example", "github-token", GITHUB),
        expect(".cargo/credentials.toml", "secret-binding", "\"cio"),
        expect("config/app.toml", "secret-binding", "\"Tr0ub4dor"),
        expect("config/settings.json", "secret-binding", "\"k3y-"),
        expect("docker-compose.yml", "secret-binding", "hunter2hunter2"),
        expect("docker-compose.yml", "env-fallback", "${JWT_SECRET:-"),
    ];
    expected.sort();
    assert_eq!(found, expected);
    assert_eq!(
        doc["files_checked"], 7,
        "vectors.json and .env.local are not read"
    );
}

#[test]
fn text_findings_say_why_without_the_value() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let (_, out) = check(dir.path(), &["."]);
    assert!(
        out.contains(
            "error[secret-binding]: hardcoded secret: a value assigned to `JWT_SECRET`\n  --> .env:3:12\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("error[env-fallback]: hardcoded secret: the default of `${JWT_SECRET:-…}` is used whenever `JWT_SECRET` is unset\n  --> docker-compose.yml:9:20\n"),
        "{out}"
    );
    assert!(
        out.contains("= help: drop the default: `${NAME:?NAME is required}`"),
        "{out}"
    );
    for format in ["human", "json", "sarif"] {
        let (_, out) = check(dir.path(), &["--format", format, "."]);
        for value in [
            GITHUB,
            STRIPE,
            AWS_ID,
            "changeme",
            "Tr0ub4dor",
            "cioZ8kQ2",
            "hunter2hunter2",
            "dev-secret",
            "k3y-9f2Qx7Lm",
        ] {
            assert!(!out.contains(value), "{format} shows {value}:\n{out}");
        }
    }
}

#[test]
fn a_file_named_on_the_command_line_is_read_by_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    write_tree(dir.path());
    let (code, out) = check(dir.path(), &["config/app.toml"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("--> config/app.toml:5:12"), "{out}");
    assert!(
        out.contains("1 hardcoded secret in 1 file checked"),
        "{out}"
    );
}

#[test]
fn crlf_and_a_byte_order_mark_keep_columns_right() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".env"),
        "\u{feff}PORT=1\r\nAPI_TOKEN=s3cr3t-v4lue\r\n",
    )
    .unwrap();
    let (code, out) = check(dir.path(), &["."]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("--> .env:2:11\n"), "{out}");
}
