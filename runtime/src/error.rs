//! `Error`: what was looked at, what was found, and how to fix it — never the value.

use core::fmt;
use std::borrow::Cow;

use crate::encoding::Encoding;
use crate::jwt::Algorithm;

/// Where a `secret!` or `#[jwt_secret]` was written: `file:line:column`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Site {
    /// The source file, as `file!()` gives it.
    pub file: &'static str,
    /// The 1-based line.
    pub line: u32,
    /// The 1-based column.
    pub column: u32,
}

impl fmt::Display for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// One place the loader looked, and what it found there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    place: Cow<'static, str>,
    outcome: Outcome,
}

impl Lookup {
    pub(crate) fn new(place: impl Into<Cow<'static, str>>, outcome: Outcome) -> Self {
        Lookup {
            place: place.into(),
            outcome,
        }
    }

    pub(crate) fn set_outcome(&mut self, outcome: Outcome) {
        self.outcome = outcome;
    }

    /// The place: an environment variable (`JWT_SECRET`), a file
    /// (`JWT_SECRET_FILE=/run/secrets/jwt`), a systemd credential, a `.env` file,
    /// or in tests an override of the `testing` feature.
    pub fn place(&self) -> &str {
        &self.place
    }

    /// What was found there.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }
}

impl fmt::Display for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.outcome)
    }
}

/// What a [`Lookup`] found; describes the value by its length only.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// The variable is not set.
    Unset,
    /// The variable or file is there but holds nothing.
    Empty,
    /// A value of this many bytes (before decoding).
    Value {
        /// Its length in bytes.
        len: usize,
    },
    /// The file does not exist.
    NotFound,
    /// The `.env` file exists but does not define this variable.
    NoEntry(&'static str),
    /// The file could not be read, and why (an OS error, never contents).
    Unreadable(String),
    /// Deliberately not consulted, and why.
    Skipped(&'static str),
    /// A reference to where the secret is (`vault://…`, `file://…`), followed next.
    Reference(String),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Unset => f.write_str("unset"),
            Outcome::Empty => f.write_str("empty"),
            Outcome::Value { len } => write!(f, "{len} bytes"),
            Outcome::NotFound => f.write_str("not found"),
            Outcome::NoEntry(name) => write!(f, "no {name}"),
            Outcome::Unreadable(why) => write!(f, "cannot read: {why}"),
            Outcome::Skipped(why) => write!(f, "not read ({why})"),
            Outcome::Reference(to) => write!(f, "refers to {to}"),
        }
    }
}

/// Which rule a minimum length comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LengthRule {
    /// The `min_len = N` option.
    MinLen,
    /// RFC 7518 §3.2: an HMAC key is at least as long as the hash output.
    Rfc7518(Algorithm),
}

impl fmt::Display for LengthRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LengthRule::MinLen => f.write_str("min_len"),
            LengthRule::Rfc7518(alg) => write!(f, "{alg} (RFC 7518 §3.2)"),
        }
    }
}

/// Why a secret could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Not set in any place looked at.
    NotSet,
    /// Set, but empty.
    Empty,
    /// A file could not be read.
    Unreadable {
        /// The OS error, or why the file was refused.
        reason: String,
    },
    /// Not valid in the declared `encoding`.
    BadEncoding {
        /// The declared encoding.
        encoding: Encoding,
        /// Where decoding failed (an offset, never a character).
        reason: String,
    },
    /// Not valid UTF-8, but the target type holds text.
    NotUtf8,
    /// Shorter than a rule allows.
    TooShort {
        /// The decoded length in bytes.
        len: usize,
        /// The least the rule allows.
        min: usize,
        /// The rule.
        rule: LengthRule,
    },
    /// Refused by the target type's [`FromSecret`](crate::FromSecret) for this reason.
    Invalid {
        /// The type's reason.
        reason: String,
    },
    /// A secret store refused the request (HTTP 403, a failed login).
    Denied {
        /// What the store said, and where.
        reason: String,
    },
    /// A secret store could not be reached or answered wrongly: unreachable,
    /// timed out, TLS failure, server errors after retries, malformed response.
    Unavailable {
        /// What happened, and where.
        reason: String,
    },
    /// The secret exists but has no such field; the fields it has are listed
    /// (names only).
    FieldMissing {
        /// The field asked for, if one was.
        field: Option<String>,
        /// The fields the secret has.
        available: Vec<String>,
    },
    /// The latest version (or the one asked for) of a versioned secret was deleted:
    /// Vault KV v2's soft delete, which `vault kv undelete` reverses, or a destroy.
    Deleted {
        /// The deleted version.
        version: u64,
        /// Destroyed for good, rather than soft-deleted.
        destroyed: bool,
    },
    /// A variable holds a reference (`vault://…`, `awssm://…`) that does not parse.
    InvalidReference {
        /// The reference's scheme, `vault://` or `awssm://`.
        scheme: &'static str,
        /// What is wrong with it (never the reference itself).
        reason: String,
    },
    /// The `jsonwebtoken` crate has no crypto backend: neither its
    /// `rust_crypto` nor its `aws_lc_rs` feature is on, and no
    /// `CryptoProvider` was installed, so it could not sign with the key.
    NoCryptoBackend,
}

impl ErrorKind {
    /// The kind's headline as the predicate of "secret NAME …", and as a phrase on its own.
    fn headline(&self) -> (&'static str, &'static str) {
        match self {
            ErrorKind::NotSet => ("is not set", "not set"),
            ErrorKind::Empty => ("is empty", "empty"),
            ErrorKind::Unreadable { .. } => ("could not be read", "unreadable"),
            ErrorKind::BadEncoding { .. } => ("is not valid", "not valid"),
            ErrorKind::NotUtf8 => ("is not valid UTF-8", "not valid UTF-8"),
            ErrorKind::TooShort { .. } => ("is too short", "too short"),
            ErrorKind::Invalid { .. } => ("is invalid", "invalid"),
            ErrorKind::Denied { .. } => ("was refused", "refused"),
            ErrorKind::Unavailable { .. } => ("could not be loaded", "unavailable"),
            ErrorKind::FieldMissing { field: Some(_), .. } => ("has no field", "no field"),
            ErrorKind::FieldMissing { field: None, .. } => (
                "has several fields and none was chosen",
                "several fields and none chosen",
            ),
            ErrorKind::InvalidReference { .. } => ("holds an invalid", "invalid"),
            ErrorKind::Deleted { .. } => ("was deleted", "deleted"),
            ErrorKind::NoCryptoBackend => ("cannot be used", "unusable"),
        }
    }

    /// What follows the headline, with its own leading separator.
    fn write_detail(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::NotSet | ErrorKind::Empty | ErrorKind::NotUtf8 => Ok(()),
            ErrorKind::Unreadable { reason }
            | ErrorKind::Invalid { reason }
            | ErrorKind::Denied { reason }
            | ErrorKind::Unavailable { reason } => write!(f, ": {reason}"),
            ErrorKind::BadEncoding { encoding, reason } => {
                write!(f, " {}: {reason}", encoding.name())
            }
            ErrorKind::TooShort { len, min, rule } => match rule {
                LengthRule::MinLen => write!(f, ": {len} bytes, min_len is {min}"),
                LengthRule::Rfc7518(alg) => write!(
                    f,
                    ": {len} bytes, {alg} needs at least {min} (RFC 7518 §3.2)"
                ),
            },
            ErrorKind::FieldMissing {
                field: Some(field),
                available,
            } => write!(f, " `{field}`; it has: {}", available.join(", ")),
            ErrorKind::FieldMissing {
                field: None,
                available,
            } => write!(f, "; it has: {}", available.join(", ")),
            ErrorKind::Deleted { version, destroyed } => {
                let how = if *destroyed { ", destroyed" } else { "" };
                write!(f, " (version {version}{how})")
            }
            ErrorKind::InvalidReference { scheme, reason } => {
                write!(f, " {scheme} reference: {reason}")
            }
            ErrorKind::NoCryptoBackend => f.write_str(
                ": jsonwebtoken has no crypto backend (neither its `rust_crypto` nor its `aws_lc_rs` feature is on)",
            ),
        }
    }
}

/// A lower-case phrase that stands on its own: `not set`, `too short: 3 bytes,
/// HS256 needs at least 32 (RFC 7518 §3.2)`.
impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.headline().1)?;
        self.write_detail(f)
    }
}

/// A secret that could not be loaded: returned by `try_secret!`, and the
/// message of the panic of `secret!` and `#[jwt_secret]`.
///
/// It names the secret, every place looked at and what was found there, the
/// declaration site, and one line of help. It never holds the value.
///
/// ```text
/// secret JWT_SECRET is not set
///   looked at:
///     JWT_SECRET: unset
///     JWT_SECRET_FILE: unset
///     .env: not found
///   declared at src/main.rs:4:1
///   help: set it, e.g. `export JWT_SECRET=$(openssl rand -base64 32)`, or point JWT_SECRET_FILE at a file holding it
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Report>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Report {
    secret: &'static str,
    kind: ErrorKind,
    lookups: Vec<Lookup>,
    site: Site,
    help: String,
}

impl Error {
    pub(crate) fn new(
        secret: &'static str,
        site: Site,
        kind: ErrorKind,
        lookups: Vec<Lookup>,
        help: String,
    ) -> Self {
        Error(Box::new(Report {
            secret,
            kind,
            lookups,
            site,
            help,
        }))
    }

    /// A load that panicked (a user's `FromSecret`), caught by `preflight` or
    /// the refresher and reported as that secret's failure; the panic hook
    /// has printed the message, which is not repeated.
    pub(crate) fn load_panicked(secret: &'static str, site: Site) -> Self {
        let kind = ErrorKind::Invalid {
            reason: "loading it panicked (the panic message is above)".to_owned(),
        };
        let help = "see the panic message: a `FromSecret` implementation should return a `Rejection`, not panic".to_owned();
        Error::new(secret, site, kind, Vec::new(), help)
    }

    /// The secret's name: its first source, or the item `#[jwt_secret]` declares.
    pub fn secret(&self) -> &'static str {
        self.0.secret
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Every place looked at, in order; the last one is where the loader stopped.
    pub fn lookups(&self) -> &[Lookup] {
        &self.0.lookups
    }

    /// Where the `secret!` or `#[jwt_secret]` was written.
    pub fn site(&self) -> Site {
        self.0.site
    }

    /// One line on how to fix it.
    pub fn help(&self) -> &str {
        &self.0.help
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let r = &self.0;
        write!(f, "secret {} {}", r.secret, r.kind.headline().0)?;
        r.kind.write_detail(f)?;
        if !r.lookups.is_empty() {
            f.write_str("\n  looked at:")?;
            for lookup in &r.lookups {
                write!(f, "\n    {lookup}")?;
            }
        }
        write!(f, "\n  declared at {}", r.site)?;
        write!(f, "\n  help: {}", r.help)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("secret", &self.0.secret)
            .field("kind", &self.0.kind)
            .field("lookups", &self.0.lookups)
            .field("site", &self.0.site)
            .finish()
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(kind: ErrorKind) -> Error {
        let site = Site {
            file: "src/main.rs",
            line: 1,
            column: 1,
        };
        Error::new("JWT_SECRET", site, kind, Vec::new(), String::new())
    }

    fn headline(kind: ErrorKind) -> (String, String) {
        let alone = kind.to_string();
        let report = error(kind).to_string();
        (alone, report.lines().next().unwrap().to_owned())
    }

    #[test]
    fn a_kind_reads_on_its_own_and_the_error_composes_the_sentence() {
        let too_short = ErrorKind::TooShort {
            len: 3,
            min: 32,
            rule: LengthRule::Rfc7518(Algorithm::HS256),
        };
        let cases = [
            (ErrorKind::NotSet, "not set", "secret JWT_SECRET is not set"),
            (
                too_short,
                "too short: 3 bytes, HS256 needs at least 32 (RFC 7518 §3.2)",
                "secret JWT_SECRET is too short: 3 bytes, HS256 needs at least 32 (RFC 7518 §3.2)",
            ),
            (
                ErrorKind::BadEncoding {
                    encoding: Encoding::Hex,
                    reason: "odd length".into(),
                },
                "not valid hex: odd length",
                "secret JWT_SECRET is not valid hex: odd length",
            ),
            (
                ErrorKind::FieldMissing {
                    field: Some("x".into()),
                    available: vec!["a".into(), "b".into()],
                },
                "no field `x`; it has: a, b",
                "secret JWT_SECRET has no field `x`; it has: a, b",
            ),
            (
                ErrorKind::Denied {
                    reason: "403".into(),
                },
                "refused: 403",
                "secret JWT_SECRET was refused: 403",
            ),
            (
                ErrorKind::InvalidReference {
                    scheme: "vault://",
                    reason: "the field after `#` is empty".into(),
                },
                "invalid vault:// reference: the field after `#` is empty",
                "secret JWT_SECRET holds an invalid vault:// reference: the field after `#` is empty",
            ),
        ];
        for (kind, alone, report) in cases {
            assert_eq!(headline(kind), (alone.to_owned(), report.to_owned()));
        }
    }
}
