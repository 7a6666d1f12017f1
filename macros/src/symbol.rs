//! Every option name the macros accept, spelled once: the parser's match arms,
//! "did you mean" and every "expected one of" list read this table.

pub(crate) const ENV: &str = "env";
pub(crate) const FILE: &str = "file";
pub(crate) const VAULT: &str = "vault";
pub(crate) const AWS: &str = "aws";
pub(crate) const KMS: &str = "kms";
pub(crate) const ALG: &str = "alg";
pub(crate) const ENCODING: &str = "encoding";
pub(crate) const MIN_LEN: &str = "min_len";
pub(crate) const OPTIONAL: &str = "optional";
/// A `JwtKeySet`'s previous key: bare (where the store keeps it) or `previous = "…"`.
pub(crate) const PREVIOUS: &str = "previous";
pub(crate) const REFRESH: &str = "refresh";
pub(crate) const CRATE: &str = "crate";

/// The sources; each may be given more than once (an ordered fallback chain).
pub(crate) const SOURCES: [&str; 5] = [ENV, FILE, VAULT, AWS, KMS];

/// Every option, in the order an "expected one of" list names them.
pub(crate) const OPTIONS: [&str; 12] = [
    ENV, FILE, VAULT, AWS, KMS, ALG, ENCODING, MIN_LEN, OPTIONAL, PREVIOUS, REFRESH, CRATE,
];

/// Whether `name` may be written `name = …`; `optional` is never, `previous` may be.
pub(crate) fn takes_value(name: &str) -> bool {
    name != OPTIONAL && OPTIONS.contains(&name)
}

/// Whether `name` may be written bare: `optional`, `previous`.
pub(crate) fn is_flag(name: &str) -> bool {
    name == OPTIONAL || name == PREVIOUS
}
