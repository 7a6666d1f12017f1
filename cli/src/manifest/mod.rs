//! The manifest: every secret the sources declare, read statically from the code.

mod args;
mod collect;
mod render;

use std::path::PathBuf;

use secretguard_runtime::Algorithm;

use crate::tree::{UncheckedPath, rust_files};

pub use render::{env_example, external_secrets, json, kubernetes_secret, table};

/// Which form declared a secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// `secret!(…)`
    Secret,
    /// `try_secret!(…)`
    TrySecret,
    /// `#[jwt_secret] static NAME: T;`
    JwtStatic,
    /// `#[jwt_secret] fn name() -> T;`
    JwtFn,
}

impl Form {
    /// As written in the source.
    pub fn name(self) -> &'static str {
        match self {
            Form::Secret => "secret!",
            Form::TrySecret => "try_secret!",
            Form::JwtStatic | Form::JwtFn => "#[jwt_secret]",
        }
    }
}

/// One place a secret is loaded from, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `env = "NAME"` or the positional name, or an item's implied name.
    Env(String),
    /// `file = "path"`
    File(String),
    /// `vault = "mount/path#field"`
    Vault(String),
    /// `aws = "secret-id#key"`
    Aws(String),
    /// `kms = "VAR?…"`: the variable holding the ciphertext, and the rest.
    Kms(String),
}

impl Source {
    /// The option name: `env`, `file`, `vault`, `aws` or `kms`.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Env(_) => "env",
            Source::File(_) => "file",
            Source::Vault(_) => "vault",
            Source::Aws(_) => "aws",
            Source::Kms(_) => "kms",
        }
    }

    /// The reference as written.
    pub fn text(&self) -> &str {
        match self {
            Source::Env(s)
            | Source::File(s)
            | Source::Vault(s)
            | Source::Aws(s)
            | Source::Kms(s) => s,
        }
    }

    /// The environment variable this source reads, if it reads one.
    pub fn env_var(&self) -> Option<&str> {
        match self {
            Source::Env(name) => Some(name),
            Source::Kms(reference) => Some(reference.split('?').next().unwrap_or(reference)),
            _ => None,
        }
    }
}

/// Where a key set's previous key is read (`#[jwt_secret(…, previous)]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Previous {
    /// Bare `previous`: where the store keeps the previous version.
    Store,
    /// `previous = "…"`, in the grammar of the first source.
    Named(String),
}

/// The previous key's source, as the macros derive it from the first source:
/// `None` for the Vault version before the one read (known only at run time).
pub fn previous_source(first: &Source, previous: &Previous) -> Option<Source> {
    let named = match previous {
        Previous::Named(text) => Some(text.clone()),
        Previous::Store => None,
    };
    match (first, named) {
        (Source::Env(_), Some(name)) => Some(Source::Env(name)),
        (Source::Env(name), None) => Some(Source::Env(format!("{name}_PREVIOUS"))),
        (Source::Kms(_), Some(text)) => Some(Source::Kms(text)),
        (Source::Kms(text), None) => {
            let (var, rest) = text.split_at(text.find('?').unwrap_or(text.len()));
            Some(Source::Kms(format!("{var}_PREVIOUS{rest}")))
        }
        (Source::Aws(_), Some(text)) => Some(Source::Aws(text)),
        (Source::Aws(text), None) => {
            let (id, key) = text.split_at(text.find('#').unwrap_or(text.len()));
            let id = id.split('?').next().unwrap_or(id);
            Some(Source::Aws(format!("{id}?stage=AWSPREVIOUS{key}")))
        }
        (Source::Vault(_), Some(text)) => Some(Source::Vault(text)),
        (Source::File(_), Some(text)) => Some(Source::File(text)),
        (Source::Vault(_) | Source::File(_), None) => None,
    }
}

/// One declared secret and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The file.
    pub path: String,
    /// 1-based line of the macro or attribute.
    pub line: usize,
    /// Which form.
    pub form: Form,
    /// The item's name, for `#[jwt_secret]`.
    pub item: Option<String>,
    /// The declared type, for `#[jwt_secret]`; `None` when inferred.
    pub ty: Option<String>,
    /// The sources, in the order they are tried.
    pub sources: Vec<Source>,
    /// `alg`, if given.
    pub alg: Option<Algorithm>,
    /// `encoding`, if given.
    pub encoding: Option<String>,
    /// `min_len`, if given.
    pub min_len: Option<usize>,
    /// `optional`.
    pub optional: bool,
    /// A key set's `previous`, if given.
    pub previous: Option<Previous>,
    /// `refresh = "…"`, as written.
    pub refresh: Option<String>,
}

impl Declaration {
    /// Whether the secret loads into a `JwtSecret`: an `alg` says so too.
    pub fn is_jwt(&self) -> bool {
        self.alg.is_some()
            || self.ty.as_deref().is_some_and(|ty| {
                let ty = ty.trim_start_matches(['&', '\'']);
                ty.ends_with("JwtSecret") || ty.ends_with("JwtKeySet")
            })
    }

    /// The minimum length in bytes: `min_len`, else RFC 7518's floor for a `JwtSecret`.
    pub fn min_len(&self) -> Option<usize> {
        self.min_len.or_else(|| {
            self.is_jwt()
                .then(|| self.effective_alg().unwrap_or_default().min_key_len())
        })
    }

    /// The algorithm a `JwtSecret` is checked for: `alg`, else HS256.
    pub fn effective_alg(&self) -> Option<Algorithm> {
        self.alg.or_else(|| self.is_jwt().then(Algorithm::default))
    }

    /// The type as shown: the declared one, or `inferred`.
    pub fn type_name(&self) -> &str {
        self.ty.as_deref().unwrap_or("inferred")
    }

    /// Where the previous key of a key set is read: `Some(None)` for the Vault
    /// version before the current one.
    pub fn previous_source(&self) -> Option<Option<Source>> {
        let previous = self.previous.as_ref()?;
        Some(previous_source(self.sources.first()?, previous))
    }

    /// `path:line`.
    pub fn site(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }
}

/// A form the manifest cannot read statically, listed so it is not missed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// `secret!`, `try_secret!` or `#[jwt_secret]`.
    pub form: &'static str,
    /// Why, without repeating anything that could be a value.
    pub reason: String,
}

/// Everything the manifest found under some paths.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Declared secrets, by path then line.
    pub declarations: Vec<Declaration>,
    /// Forms that could not be read.
    pub unresolved: Vec<Unresolved>,
    /// Paths that could not be read or parsed.
    pub errors: Vec<UncheckedPath>,
}

/// Reads the declarations in one file's text.
pub fn manifest_source(path: &str, source: &str, manifest: &mut Manifest) {
    // a cargo script's frontmatter is no Rust: read what follows it
    let front = crate::frontmatter::split(source);
    let source = front.as_ref().map_or(source, |f| f.code.as_str());
    match syn::parse_file(source) {
        Ok(file) => collect::collect(path, &file, manifest),
        Err(e) => {
            let start = e.span().start();
            manifest.errors.push(UncheckedPath {
                path: path.to_owned(),
                line: start.line,
                column: start.column + 1,
                message: format!("this file does not parse as Rust: {e}"),
            });
        }
    }
}

/// Reads the declarations in every `.rs` file under `paths`, honouring `.gitignore`.
pub fn manifest_paths(paths: &[PathBuf]) -> Manifest {
    let mut manifest = Manifest::default();
    let (files, errors) = rust_files(paths);
    manifest.errors = errors;
    for (file, shown) in files {
        match std::fs::read_to_string(&file) {
            Ok(source) => manifest_source(&shown, &source, &mut manifest),
            Err(e) => manifest.errors.push(UncheckedPath {
                path: shown,
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    manifest
}
