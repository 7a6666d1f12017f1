//! Which files `check` reads, and as what: Rust, or one of the text formats
//! a Rust repository keeps its configuration in.

use std::path::Path;

/// What a checked file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileKind {
    /// `*.rs`: parsed with syn, every literal in its context.
    Rust,
    /// `.env`, `.env.*`, `*.env`, `.envrc`: `KEY=value` lines.
    Dotenv,
    /// `*.toml`, `.cargo/credentials`.
    Toml,
    /// `*.yml`, `*.yaml` (docker-compose files, CI workflows, Kubernetes manifests).
    Yaml,
    /// `*.json` where configuration lives (see [`FileKind::of`]).
    Json,
}

/// Suffixes of `.env.*` files that hold ciphertext, not values
/// (`.env.vault` of dotenv-vault, `.env.gpg`, `.env.age`, …).
const ENCRYPTED: [&str; 6] = ["vault", "gpg", "age", "enc", "asc", "pgp"];

/// Directories whose JSON files are configuration.
const CONFIG_DIRS: [&str; 6] = [
    "config",
    "configs",
    "conf",
    "settings",
    "secrets",
    "credentials",
];

/// Words in a JSON file's name that say it is configuration.
const CONFIG_NAMES: [&str; 4] = ["config", "setting", "secret", "credential"];

/// Words in a file name that make it a template (`.env.example`,
/// `config.sample.toml`): its values are meant to be replaced.
const TEMPLATE_WORDS: [&str; 7] = [
    "example", "examples", "sample", "template", "tmpl", "tpl", "dist",
];

impl FileKind {
    /// The kind `path` is checked as, or `None` when `check` does not read it.
    ///
    /// JSON is mostly data in a Rust repository (fixtures, lockfiles, test
    /// vectors, schemas), so only JSON where configuration lives is read: a
    /// name containing `config`, `setting`, `secret` or `credential`, or a
    /// file under a `config/`, `configs/`, `conf/`, `settings/`, `secrets/`
    /// or `credentials/` directory.
    ///
    /// ```
    /// use std::path::Path;
    /// use secretguard_cli::FileKind;
    ///
    /// assert_eq!(FileKind::of(Path::new("src/main.rs")), Some(FileKind::Rust));
    /// assert_eq!(FileKind::of(Path::new(".env.production")), Some(FileKind::Dotenv));
    /// assert_eq!(FileKind::of(Path::new(".env.vault")), None);
    /// assert_eq!(FileKind::of(Path::new(".cargo/credentials")), Some(FileKind::Toml));
    /// assert_eq!(FileKind::of(Path::new("docker-compose.yml")), Some(FileKind::Yaml));
    /// assert_eq!(FileKind::of(Path::new("config/prod.json")), Some(FileKind::Json));
    /// assert_eq!(FileKind::of(Path::new("tests/data/vectors.json")), None);
    /// ```
    pub fn of(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".rs") {
            return Some(FileKind::Rust);
        }
        if is_dotenv(&name) {
            return Some(FileKind::Dotenv);
        }
        let parent = |p: &Path| {
            p.parent()
                .and_then(Path::file_name)
                .and_then(|n| n.to_str())
                .map(str::to_ascii_lowercase)
        };
        if name == "credentials" && parent(path).as_deref() == Some(".cargo") {
            return Some(FileKind::Toml);
        }
        match name.rsplit_once('.')?.1 {
            "toml" => Some(FileKind::Toml),
            "yml" | "yaml" => Some(FileKind::Yaml),
            "json" if is_config_json(path, &name) => Some(FileKind::Json),
            _ => None,
        }
    }

    /// A short name, as the JSON report gives it: `rust`, `env`, `toml`, `yaml`, `json`.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Rust => "rust",
            FileKind::Dotenv => "env",
            FileKind::Toml => "toml",
            FileKind::Yaml => "yaml",
            FileKind::Json => "json",
        }
    }
}

/// `.env`, `.env.local`, `.env.production`, `prod.env`, `.envrc` — but not
/// the encrypted `.env.vault`, `.env.gpg`, ….
fn is_dotenv(name: &str) -> bool {
    if name == ".env" || name == ".envrc" || (name.ends_with(".env") && name.len() > 4) {
        return true;
    }
    name.strip_prefix(".env.")
        .is_some_and(|rest| !rest.is_empty() && !ENCRYPTED.contains(&rest))
}

fn is_config_json(path: &Path, name: &str) -> bool {
    CONFIG_NAMES.iter().any(|w| name.contains(w))
        || path.parent().is_some_and(|dir| {
            dir.components().any(|c| {
                c.as_os_str()
                    .to_str()
                    .is_some_and(|d| CONFIG_DIRS.contains(&d.to_ascii_lowercase().as_str()))
            })
        })
}

/// Whether the file is a template whose values are meant to be replaced
/// (`.env.example`, `config.sample.toml`, `settings.dist.yaml`): there only
/// a known format or a random-looking value is a finding, not
/// `DB_PASSWORD=postgres`.
pub(crate) fn is_template(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| {
            name.to_ascii_lowercase()
                .split(['.', '-', '_'])
                .any(|w| TEMPLATE_WORDS.contains(&w))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        for (path, kind) in [
            (".env", Some(FileKind::Dotenv)),
            ("app/.env.local", Some(FileKind::Dotenv)),
            (".env.example", Some(FileKind::Dotenv)),
            (".env.keys", Some(FileKind::Dotenv)),
            ("deploy/prod.env", Some(FileKind::Dotenv)),
            (".envrc", Some(FileKind::Dotenv)),
            (".env.gpg", None),
            ("env", None),
            (".environment", None),
            ("Cargo.toml", Some(FileKind::Toml)),
            (".cargo/credentials.toml", Some(FileKind::Toml)),
            ("home/.cargo/credentials", Some(FileKind::Toml)),
            ("credentials", None),
            ("compose.yaml", Some(FileKind::Yaml)),
            (".github/workflows/ci.yml", Some(FileKind::Yaml)),
            ("appsettings.json", Some(FileKind::Json)),
            ("secrets.json", Some(FileKind::Json)),
            ("conf/app.json", Some(FileKind::Json)),
            ("package-lock.json", None),
            ("Cargo.lock", None),
            ("README.md", None),
        ] {
            assert_eq!(FileKind::of(Path::new(path)), kind, "{path}");
        }
    }

    #[test]
    fn templates() {
        for path in [
            ".env.example",
            ".env.sample",
            "config.example.toml",
            "settings-template.yaml",
            "app.dist.json",
        ] {
            assert!(is_template(Path::new(path)), "{path}");
        }
        for path in [".env", ".env.production", "config/exemplary.toml"] {
            assert!(!is_template(Path::new(path)), "{path}");
        }
    }
}
