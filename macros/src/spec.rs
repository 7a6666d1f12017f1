//! The checked model of one invocation: what `check` produces and `expand`
//! reads. Every value here has passed the guard.

use proc_macro2::Span;

/// Which macro is being checked, for the words of its messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Macro {
    Secret,
    TrySecret,
    JwtSecret,
}

impl Macro {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Macro::Secret => "`secret!`",
            Macro::TrySecret => "`try_secret!`",
            Macro::JwtSecret => "`#[jwt_secret]`",
        }
    }

    /// A correct invocation to show in a `help:`.
    pub(crate) fn example(self) -> &'static str {
        match self {
            Macro::Secret => "`secret!(\"API_KEY\")`",
            Macro::TrySecret => "`try_secret!(\"API_KEY\")`",
            Macro::JwtSecret => "`#[jwt_secret(env = \"JWT_SECRET\")]`",
        }
    }
}

/// A checked invocation: everything `expand` needs.
#[derive(Default)]
pub(crate) struct Spec {
    /// The fallback chain, in order.
    pub(crate) sources: Vec<SourceSpec>,
    pub(crate) encoding: Option<Encoding>,
    pub(crate) alg: Option<(Alg, Span)>,
    pub(crate) min_len: Option<u64>,
    pub(crate) optional: Option<Span>,
    /// `previous` or `previous = "…"` (`#[jwt_secret]` only).
    pub(crate) previous: Option<PreviousOpt>,
    /// `refresh = "15m"`: the interval in seconds, and where it was written.
    pub(crate) refresh: Option<(u64, Span)>,
    /// `crate = path`: where a user who renamed the dependency keeps it.
    pub(crate) krate: Option<syn::Path>,
}

impl Spec {
    /// What a `secret!` is called in the runtime's messages: its first source
    /// as written, a KMS source by its variable.
    pub(crate) fn label(&self) -> &str {
        match self.sources.first() {
            Some(SourceSpec {
                source: Source::Kms { variable, .. },
                ..
            }) => variable,
            Some(first) => &first.text,
            None => "",
        }
    }
}

/// Where a `JwtKeySet`'s previous key is read.
pub(crate) enum PreviousOpt {
    /// Bare `previous`: where each store of the chain keeps the version before.
    Stored(Span),
    /// `previous = "…"`: one source, in the grammar of the chain's first.
    Named(Span, Source),
}

impl PreviousOpt {
    pub(crate) fn span(&self) -> Span {
        match self {
            PreviousOpt::Stored(span) | PreviousOpt::Named(span, _) => *span,
        }
    }
}

/// One source of the chain: the reference as written, and its parts.
pub(crate) struct SourceSpec {
    /// The string literal's value, for the label and the repeat check.
    pub(crate) text: String,
    pub(crate) source: Source,
}

impl SourceSpec {
    pub(crate) fn env(name: String) -> SourceSpec {
        SourceSpec {
            text: name.clone(),
            source: Source::Env(name),
        }
    }
}

/// A checked reference, parsed into the parts the runtime's `Source` holds, so
/// the runtime never parses it again.
pub(crate) enum Source {
    Env(String),
    File(String),
    Vault {
        path: String,
        version: Option<u32>,
        field: Option<String>,
    },
    Aws {
        id: String,
        stage: Option<String>,
        json_key: Option<String>,
    },
    Kms {
        variable: String,
        key_id: Option<String>,
        context: Vec<(String, String)>,
    },
}

/// The HMAC algorithms a `JwtSecret` can hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alg {
    HS256,
    HS384,
    HS512,
}

impl Alg {
    pub(crate) const ALL: [Alg; 3] = [Alg::HS256, Alg::HS384, Alg::HS512];

    /// The name users write, which is also the runtime's variant name.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::HS384 => "HS384",
            Alg::HS512 => "HS512",
        }
    }

    /// RFC 7518 §3.2's minimum key size in bytes; the runtime's
    /// `Algorithm::min_key_len` holds the same numbers (tests.rs proves it).
    pub(crate) fn min_len(self) -> u64 {
        match self {
            Alg::HS256 => 32,
            Alg::HS384 => 48,
            Alg::HS512 => 64,
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Alg> {
        Self::ALL.into_iter().find(|alg| alg.name() == name)
    }
}

/// The bounds of `refresh = "…"`, in seconds. Under a second a refresh
/// is a poll that loads the source for nothing; over a day a restart is as
/// good a rotation. The runtime's `MIN_REFRESH` is the same second.
pub(crate) const REFRESH_MIN_SECS: u64 = 1;
pub(crate) const REFRESH_MAX_SECS: u64 = 24 * 60 * 60;

/// `refresh`'s units, as written after each number.
pub(crate) const REFRESH_UNITS: [(&str, u64); 3] = [("h", 3600), ("m", 60), ("s", 1)];

/// How the loaded text becomes bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Base64,
    Base64Url,
    Hex,
}

impl Encoding {
    pub(crate) const ALL: [Encoding; 4] = [
        Encoding::Utf8,
        Encoding::Base64,
        Encoding::Base64Url,
        Encoding::Hex,
    ];

    /// The name users write.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf8",
            Encoding::Base64 => "base64",
            Encoding::Base64Url => "base64url",
            Encoding::Hex => "hex",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Encoding> {
        Self::ALL
            .into_iter()
            .find(|encoding| encoding.name() == name)
    }
}
