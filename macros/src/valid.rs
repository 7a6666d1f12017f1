//! Guard: every rule that rejects input, each a spanned error that says what to
//! write instead. This file checks a macro's arguments; `refs.rs` what a source
//! reference may be, `item.rs` the item under `#[jwt_secret]`.
//!
//! Errors are collected, not returned early, so a user sees all their mistakes
//! at once. No message repeats a string the user wrote unless it is one of our
//! own words or an identifier the scan engine cleared: a suspected secret
//! appears only in the source line rustc quotes, never in the message.

use std::collections::HashSet;

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Lit};

use crate::ast::{Arg, Args};
use crate::names;
use crate::refs::{check_aws_ref, check_env_name, check_file_path, check_vault_ref};

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
pub(crate) struct Spec {
    pub(crate) sources: Vec<SourceSpec>,
    pub(crate) encoding: Option<Encoding>,
    pub(crate) alg: Option<(Alg, Span)>,
    pub(crate) min_len: Option<u64>,
    pub(crate) optional: Option<Span>,
    pub(crate) krate: Option<syn::Path>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SourceKind {
    Env,
    File,
    Vault,
    Aws,
    Kms,
}

pub(crate) struct SourceSpec {
    pub(crate) kind: SourceKind,
    pub(crate) value: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alg {
    HS256,
    HS384,
    HS512,
}

impl Alg {
    const NAMES: [&'static str; 3] = ["HS256", "HS384", "HS512"];

    pub(crate) fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    fn min_len(self) -> u64 {
        match self {
            Alg::HS256 => 32,
            Alg::HS384 => 48,
            Alg::HS512 => 64,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Base64,
    Base64Url,
    Hex,
}

impl Encoding {
    const NAMES: [&'static str; 4] = ["utf8", "base64", "base64url", "hex"];
}

const SOURCES: [&str; 5] = ["env", "file", "vault", "aws", "kms"];
const OPTIONS: [&str; 10] = [
    "env", "file", "vault", "aws", "kms", "alg", "encoding", "min_len", "optional", "crate",
];

/// Every error of one invocation, reported together.
#[derive(Default)]
pub(crate) struct Errors(Option<syn::Error>);

impl Errors {
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub(crate) fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    pub(crate) fn spanning(&mut self, tokens: impl ToTokens, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    pub(crate) fn into_error(self) -> Option<syn::Error> {
        self.0
    }
}

/// Checks the arguments of one invocation.
pub(crate) fn check_args(mac: Macro, args: Args, errors: &mut Errors) -> Spec {
    let mut check = ArgChecker {
        mac,
        errors,
        spec: Spec {
            sources: Vec::new(),
            encoding: None,
            alg: None,
            min_len: None,
            optional: None,
            krate: None,
        },
        seen: HashSet::new(),
        min_len_span: None,
        positional_seen: false,
    };
    for (index, arg) in args.args.into_iter().enumerate() {
        match arg {
            Arg::Positional(expr) => check.positional(index, &expr),
            Arg::KeyValue { key, value } => check.key_value(&key, &value),
            Arg::Flag(ident) => check.flag(index, &ident),
        }
    }
    check.min_len_against_alg();
    check.spec
}

/// The state of checking one argument list.
struct ArgChecker<'e> {
    mac: Macro,
    errors: &'e mut Errors,
    spec: Spec,
    /// Options given so far, to refuse repeats (sources may repeat: a chain).
    seen: HashSet<String>,
    min_len_span: Option<Span>,
    positional_seen: bool,
}

impl ArgChecker<'_> {
    fn positional(&mut self, index: usize, expr: &Expr) {
        let mac = self.mac.name();
        if self.positional_seen {
            self.errors.spanning(
                expr,
                format!(
                    "{mac} takes one name without a key\n\
                     help: write a fallback chain as `env = \"NEW_NAME\", env = \"OLD_NAME\"`"
                ),
            );
        } else if index > 0 {
            self.errors.spanning(
                expr,
                "the name without a key goes first\n\
                 help: e.g. `secret!(\"JWT_SECRET\", alg = \"HS256\")`, or write it as `env = \"…\"`",
            );
        } else if let Some(name) = env_name_literal(self.mac, expr, self.errors) {
            self.spec.sources.push(SourceSpec {
                kind: SourceKind::Env,
                value: name,
            });
        }
        self.positional_seen = true;
    }

    fn key_value(&mut self, key: &Ident, value: &Expr) {
        let name = key.to_string();
        let repeatable = SOURCES.contains(&name.as_str());
        if !repeatable && OPTIONS.contains(&name.as_str()) && !self.seen.insert(name.clone()) {
            self.errors.at(
                key.span(),
                format!("`{name}` is given twice\nhelp: remove one"),
            );
            return;
        }
        let errors = &mut *self.errors;
        match name.as_str() {
            "env" => {
                if let Some((env, span)) = string_value(key, value, errors)
                    && check_env_name(self.mac, &env, span, errors)
                {
                    push_source(&mut self.spec, SourceKind::Env, env, span, errors);
                }
            }
            "file" => {
                if let Some((path, span)) = string_value(key, value, errors)
                    && check_file_path(&path, span, errors)
                {
                    push_source(&mut self.spec, SourceKind::File, path, span, errors);
                }
            }
            "vault" if cfg!(feature = "vault") => {
                if let Some((reference, span)) = string_value(key, value, errors)
                    && check_vault_ref(&reference, span, errors)
                {
                    push_source(&mut self.spec, SourceKind::Vault, reference, span, errors);
                }
            }
            "vault" => errors.at(
                key.span(),
                "the `vault` source needs secretguard's `vault` feature\n\
                 help: enable it in Cargo.toml: `secretguard = { version = \"0.1\", features = [\"vault\"] }`",
            ),
            "aws" | "kms" if cfg!(feature = "aws") => {
                let kind = if name == "aws" { SourceKind::Aws } else { SourceKind::Kms };
                if let Some((reference, span)) = string_value(key, value, errors)
                    && check_aws_ref(kind, &reference, span, errors)
                {
                    push_source(&mut self.spec, kind, reference, span, errors);
                }
            }
            "aws" | "kms" => errors.at(
                key.span(),
                format!(
                    "the `{name}` source needs secretguard's `aws` feature\n\
                     help: enable it in Cargo.toml: `secretguard = {{ version = \"0.1\", features = [\"aws\"] }}`"
                ),
            ),
            "alg" => self.spec.alg = alg_value(key, value, errors),
            "encoding" => self.spec.encoding = encoding_value(key, value, errors),
            "min_len" => {
                self.spec.min_len = min_len_value(value, errors);
                self.min_len_span = Some(value.span());
            }
            "optional" => errors.spanning(
                value,
                "`optional` takes no value\nhelp: write `optional` on its own, and assign the result to an `Option<_>`",
            ),
            "crate" => self.spec.krate = crate_path(value, errors),
            _ => unknown_option(key, true, errors),
        }
    }

    fn flag(&mut self, index: usize, ident: &Ident) {
        let name = ident.to_string();
        match name.as_str() {
            "optional" => {
                if self.spec.optional.replace(ident.span()).is_some() {
                    self.errors.at(ident.span(), "`optional` is given twice\nhelp: remove one");
                }
            }
            "env" | "file" | "vault" | "aws" | "kms" | "alg" | "encoding" | "min_len" | "crate" => {
                self.errors.at(ident.span(), format!("`{name}` needs a value\nhelp: write `{name} = …`"));
            }
            _ if index == 0 && names::is_env_name(&name) => self.errors.at(
                ident.span(),
                format!(
                    "expected a string literal naming the environment variable, found an identifier\n\
                     help: a const or static here could hold the secret itself; write the name in quotes, e.g. {}",
                    self.mac.example()
                ),
            ),
            _ => unknown_option(ident, false, self.errors),
        }
    }

    /// `min_len` may raise RFC 7518's floor for the algorithm, never lower it.
    fn min_len_against_alg(&mut self) {
        if let (Some((alg, _)), Some(min), Some(span)) =
            (self.spec.alg, self.spec.min_len, self.min_len_span)
            && min < alg.min_len()
        {
            let (name, floor) = (alg.name(), alg.min_len());
            self.errors.at(
                span,
                format!(
                    "`min_len` cannot go below RFC 7518 §3.2's {floor} bytes for {name}\n\
                     help: remove `min_len`: {name} already requires {floor} bytes"
                ),
            );
        }
    }
}

/// Adds a source to the chain, refusing one that is already in it.
fn push_source(spec: &mut Spec, kind: SourceKind, value: String, span: Span, errors: &mut Errors) {
    if spec
        .sources
        .iter()
        .any(|s| s.kind == kind && s.value == value)
    {
        errors.at(
            span,
            "this source is already in the chain\nhelp: remove the repeated one",
        );
    } else {
        spec.sources.push(SourceSpec { kind, value });
    }
}

/// The positional argument: a string literal that names an environment variable.
fn env_name_literal(mac: Macro, expr: &Expr, errors: &mut Errors) -> Option<String> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => {
            let name = s.value();
            check_env_name(mac, &name, s.span(), errors).then_some(name)
        }
        other => {
            errors.push(not_a_literal(
                mac,
                other,
                "the environment variable that holds the secret",
            ));
            None
        }
    }
}

/// `key = "…"`: the value must be a string literal.
fn string_value(key: &Ident, value: &Expr, errors: &mut Errors) -> Option<(String, Span)> {
    if let Expr::Lit(syn::ExprLit {
        lit: Lit::Str(s), ..
    }) = value
    {
        return Some((s.value(), s.span()));
    }
    let error = match key.to_string().as_str() {
        "env" => not_a_literal(Macro::Secret, value, "an environment variable"),
        "file" => not_a_literal(Macro::Secret, value, "the file that holds the secret"),
        key => {
            let example = if key == "alg" {
                "alg = \"HS256\""
            } else {
                "encoding = \"base64\""
            };
            syn::Error::new_spanned(
                value,
                format!("expected a string literal\nhelp: quote the value, e.g. `{example}`"),
            )
        }
    };
    errors.push(error);
    None
}

/// Why `expr` cannot stand where a string literal naming `what` belongs.
fn not_a_literal(mac: Macro, expr: &Expr, what: &str) -> syn::Error {
    let hardcoded = "help: keep the key out of the source code: name the environment variable that holds it, \
                     e.g. `secret!(env = \"SIGNING_KEY\", encoding = \"hex\")`";
    let message = match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::ByteStr(_) | Lit::CStr(_),
            ..
        }) => {
            format!("a byte string here is a hardcoded secret, not the name of {what}\n{hardcoded}")
        }
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(_) | Lit::Float(_),
            ..
        }) => {
            format!("a number here is a hardcoded secret, not the name of {what}\n{hardcoded}")
        }
        Expr::Array(_) | Expr::Repeat(_) => {
            format!(
                "an array of bytes here is a hardcoded key, not the name of {what}\n{hardcoded}"
            )
        }
        Expr::Reference(r) if matches!(*r.expr, Expr::Array(_) | Expr::Lit(_)) => {
            format!("a hardcoded key here is not the name of {what}\n{hardcoded}")
        }
        Expr::Macro(m) => return build_time_macro(mac, &m.mac),
        Expr::Path(_) => format!(
            "expected a string literal naming {what}, found a path\n\
             help: a const or static here could hold the secret itself; write the name as a literal, e.g. {}",
            mac.example()
        ),
        _ => format!(
            "expected a string literal naming {what}\n\
             help: an expression here could compute the secret itself; write the name as a literal, e.g. {}",
            mac.example()
        ),
    };
    syn::Error::new_spanned(expr, message)
}

/// `env!`, `include_str!` and friends: they put the value into the binary.
pub(crate) fn build_time_macro(mac: Macro, m: &syn::Macro) -> syn::Error {
    let name = m
        .path
        .segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default();
    // `env!("JWT_SECRET")` names the variable: offer the same name, read at run time
    let runtime = match syn::parse2::<syn::LitStr>(first_arg(&m.tokens)) {
        Ok(lit)
            if names::is_env_name(&lit.value())
                && secretguard_scan::check_reference(&lit.value()).is_none() =>
        {
            format!("`secret!(\"{}\")`", lit.value())
        }
        _ => mac.example().to_owned(),
    };
    let message = match name.as_str() {
        "env" | "option_env" => format!(
            "`{name}!` reads the variable when the program is compiled and bakes its value into the binary\n\
             help: read it when the program runs instead: {runtime}"
        ),
        "dotenv" | "dotenvy" | "dotenv_codegen" => format!(
            "`{name}!` copies a value from `.env` into the binary when the program is compiled\n\
             help: read it when the program runs instead: {runtime} (debug builds read `.env` too)"
        ),
        "include_str" | "include_bytes" => format!(
            "`{name}!` copies the file into the binary when the program is compiled\n\
             help: read the file when the program runs: `secret!(file = \"/run/secrets/name\")`, or set `NAME_FILE` to its path"
        ),
        "concat" => format!(
            "`concat!` builds this string when the program is compiled, so its value is in the binary\n\
             help: write the name of the environment variable as one literal, e.g. {}",
            mac.example()
        ),
        _ => format!(
            "expected a string literal naming the environment variable, found a macro call\n\
             help: a macro here could expand to the secret itself; write the name as a literal, e.g. {}",
            mac.example()
        ),
    };
    syn::Error::new_spanned(m, message)
}

fn first_arg(tokens: &proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    tokens
        .clone()
        .into_iter()
        .take_while(|t| !matches!(t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ','))
        .collect()
}

fn alg_value(key: &Ident, value: &Expr, errors: &mut Errors) -> Option<(Alg, Span)> {
    let (text, span) = string_value(key, value, errors)?;
    match text.as_str() {
        "HS256" => return Some((Alg::HS256, span)),
        "HS384" => return Some((Alg::HS384, span)),
        "HS512" => return Some((Alg::HS512, span)),
        _ => {}
    }
    let upper = text.to_ascii_uppercase();
    let message = if ["RS", "PS", "ES"].iter().any(|p| upper.starts_with(p)) || upper == "EDDSA" {
        "asymmetric algorithms sign with a private key and verify with a public one, not with a shared secret\n\
         help: `JwtSecret` holds an HMAC secret: use \"HS256\", \"HS384\" or \"HS512\""
            .to_owned()
    } else {
        let hint = names::did_you_mean(&text, &Alg::NAMES)
            .map(|s| format!("did you mean \"{s}\"? "))
            .unwrap_or_default();
        format!("unknown algorithm\nhelp: {hint}expected \"HS256\", \"HS384\" or \"HS512\"")
    };
    errors.at(span, message);
    None
}

fn encoding_value(key: &Ident, value: &Expr, errors: &mut Errors) -> Option<Encoding> {
    let (text, span) = string_value(key, value, errors)?;
    let encoding = match text.as_str() {
        "utf8" => Encoding::Utf8,
        "base64" => Encoding::Base64,
        "base64url" => Encoding::Base64Url,
        "hex" => Encoding::Hex,
        _ => {
            let hint = names::did_you_mean(&text, &Encoding::NAMES)
                .map(|s| format!("did you mean \"{s}\"? "))
                .unwrap_or_default();
            errors.at(
                span,
                format!(
                    "unknown encoding\nhelp: {hint}expected \"utf8\", \"base64\", \"base64url\" or \"hex\""
                ),
            );
            return None;
        }
    };
    Some(encoding)
}

fn min_len_value(value: &Expr, errors: &mut Errors) -> Option<u64> {
    let Expr::Lit(syn::ExprLit {
        lit: Lit::Int(int), ..
    }) = value
    else {
        errors.spanning(value, "expected a number of bytes, e.g. `min_len = 32`");
        return None;
    };
    match int.base10_parse::<u64>() {
        Ok(0) => {
            errors.at(int.span(), "`min_len` must be at least 1\nhelp: remove `min_len` if any length will do, or require a real minimum such as `min_len = 32`");
            None
        }
        Ok(n) if usize::try_from(n).is_ok() && n <= 1 << 20 => Some(n),
        Ok(_) => {
            errors.at(int.span(), "`min_len` is larger than any secret (1 MiB)");
            None
        }
        Err(_) => {
            errors.at(
                int.span(),
                "expected a number of bytes, e.g. `min_len = 32`",
            );
            None
        }
    }
}

fn crate_path(value: &Expr, errors: &mut Errors) -> Option<syn::Path> {
    match value {
        Expr::Path(p) if p.qself.is_none() && p.attrs.is_empty() => Some(p.path.clone()),
        other => {
            errors.spanning(other, "expected a path to the renamed `secretguard` crate, e.g. `crate = ::my_secretguard`");
            None
        }
    }
}

fn unknown_option(key: &Ident, has_value: bool, errors: &mut Errors) {
    let name = key.to_string();
    if matches!(name.as_str(), "default" | "fallback" | "value" | "or") {
        errors.at(
            key.span(),
            format!(
                "there is no `{name}`: a fallback value written in source code is a hardcoded secret\n\
                 help: chain another source (`env = \"A\", env = \"B\"`), or add `optional` and handle `None`"
            ),
        );
        return;
    }
    // an identifier can be a pasted credential too: only repeat it when it is not one
    let shown = if secretguard_scan::check_reference(&name).is_none() {
        format!("unknown option `{name}`")
    } else {
        "unknown option".to_owned()
    };
    let suggestion = names::did_you_mean_option(&name, has_value);
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "expected one of {}",
            OPTIONS.map(|o| format!("`{o}`")).join(", ")
        ),
    };
    errors.at(key.span(), format!("{shown}\nhelp: {help}"));
}

/// The empty `secret!()`.
pub(crate) fn empty(mac: Macro) -> syn::Error {
    syn::Error::new(
        Span::call_site(),
        format!(
            "{} needs the name of the environment variable that holds the secret\nhelp: e.g. {}",
            mac.name(),
            mac.example()
        ),
    )
}

/// `secret!(alg = "HS256")`: options but nowhere to load from.
pub(crate) fn no_source(mac: Macro) -> syn::Error {
    syn::Error::new(
        Span::call_site(),
        format!(
            "{} has options but no source\nhelp: name where the secret lives first, e.g. `secret!(\"JWT_SECRET\", alg = \"HS256\")`",
            mac.name()
        ),
    )
}
