//! Guard, part one: the arguments of `secret!`, `try_secret!` and
//! `#[jwt_secret(…)]` — which sources, which options, each given once.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Expr, Ident, Lit};

use crate::ast::{Arg, Args};
use crate::check::refs::{
    check_aws_ref, check_env_name, check_file_path, check_kms_ref, check_vault_ref, not_a_literal,
};
use crate::ctxt::Errors;
use crate::names;
use crate::spec::{self, Alg, Encoding, Macro, PreviousOpt, Source, SourceSpec, Spec};
use crate::symbol;

/// Checks the arguments of `secret!` or `try_secret!`, which must name a source.
pub(crate) fn check_secret_args(mac: Macro, args: Args, errors: &mut Errors) -> Spec {
    if args.args.is_empty() {
        errors.push(empty(mac));
        return Spec::default();
    }
    let mut spec = check_args(mac, args, errors);
    if let Some((_, span)) = spec.refresh.take() {
        errors.at(
            span,
            format!(
                "`refresh` is for `#[jwt_secret]`: {} reads its sources every time it runs\n\
                 help: keep the value in a static that is re-read in the background: \
                 `#[jwt_secret(env = \"NAME\", refresh = \"15m\")] static NAME: T;`",
                mac.name()
            ),
        );
    }
    if spec.sources.is_empty() && errors.is_empty() {
        errors.push(no_source(mac));
    }
    spec
}

/// Checks the arguments of one invocation.
pub(crate) fn check_args(mac: Macro, args: Args, errors: &mut Errors) -> Spec {
    let mut check = ArgChecker {
        mac,
        errors,
        spec: Spec::default(),
        seen: HashSet::new(),
        min_len_span: None,
        positional_seen: false,
        previous_named: None,
    };
    for (index, arg) in args.args.into_iter().enumerate() {
        match arg {
            Arg::Positional(expr) => check.positional(index, &expr),
            Arg::KeyValue { key, value } => check.key_value(&key, &value),
            Arg::Flag(ident) => check.flag(index, &ident),
        }
    }
    check.min_len_against_alg();
    check.previous();
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
    /// `previous = "…"` as written, read once the chain's first source is known.
    previous_named: Option<(String, Span, Span)>,
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
            self.spec.sources.push(SourceSpec::env(name));
        }
        self.positional_seen = true;
    }

    fn key_value(&mut self, key: &Ident, value: &Expr) {
        let name = key.to_string();
        let repeatable = symbol::SOURCES.contains(&name.as_str());
        if !repeatable
            && symbol::OPTIONS.contains(&name.as_str())
            && !self.seen.insert(name.clone())
        {
            self.errors.at(
                key.span(),
                format!("`{name}` is given twice\nhelp: remove one"),
            );
            return;
        }
        let errors = &mut *self.errors;
        match name.as_str() {
            symbol::ENV => {
                if let Some((env, span)) = string_value(key, value, errors)
                    && check_env_name(self.mac, &env, span, errors)
                {
                    let source = Source::Env(env.clone());
                    push_source(&mut self.spec, env, source, span, errors);
                }
            }
            symbol::FILE => {
                if let Some((path, span)) = string_value(key, value, errors)
                    && check_file_path(&path, span, errors)
                {
                    let source = Source::File(path.clone());
                    push_source(&mut self.spec, path, source, span, errors);
                }
            }
            symbol::VAULT if cfg!(feature = "vault") => {
                if let Some((reference, span)) = string_value(key, value, errors)
                    && let Some(source) = check_vault_ref(&reference, span, errors)
                {
                    push_source(&mut self.spec, reference, source, span, errors);
                }
            }
            symbol::VAULT => errors.at(
                key.span(),
                "the `vault` source needs secretguard's `vault` feature\n\
                 help: enable it in Cargo.toml: `secretguard = { version = \"0.1\", features = [\"vault\"] }`",
            ),
            symbol::AWS | symbol::KMS if cfg!(feature = "aws") => {
                let check = if name == symbol::AWS {
                    check_aws_ref
                } else {
                    check_kms_ref
                };
                if let Some((reference, span)) = string_value(key, value, errors)
                    && let Some(source) = check(&reference, span, errors)
                {
                    push_source(&mut self.spec, reference, source, span, errors);
                }
            }
            symbol::AWS | symbol::KMS => errors.at(
                key.span(),
                format!(
                    "the `{name}` source needs secretguard's `aws` feature\n\
                     help: enable it in Cargo.toml: `secretguard = {{ version = \"0.1\", features = [\"aws\"] }}`"
                ),
            ),
            symbol::ALG => self.spec.alg = alg_value(key, value, errors),
            symbol::ENCODING => self.spec.encoding = encoding_value(key, value, errors),
            symbol::MIN_LEN => {
                self.spec.min_len = min_len_value(value, errors);
                self.min_len_span = Some(value.span());
            }
            symbol::OPTIONAL => errors.spanning(
                value,
                "`optional` takes no value\nhelp: write `optional` on its own, and assign the result to an `Option<_>`",
            ),
            symbol::REFRESH => {
                self.spec.refresh = refresh_value(value, errors).map(|secs| (secs, key.span()));
            }
            symbol::CRATE => self.spec.krate = crate_path(value, errors),
            symbol::PREVIOUS => {
                if self.spec.previous.is_some() {
                    errors.at(key.span(), "`previous` is given twice\nhelp: remove one");
                } else if let Some((text, span)) = string_value(key, value, errors) {
                    self.previous_named = Some((text, key.span(), span));
                }
            }
            _ => unknown_option(key, true, errors),
        }
    }

    fn flag(&mut self, index: usize, ident: &Ident) {
        let name = ident.to_string();
        match name.as_str() {
            symbol::OPTIONAL => {
                if self.spec.optional.replace(ident.span()).is_some() {
                    self.errors.at(ident.span(), "`optional` is given twice\nhelp: remove one");
                }
            }
            symbol::PREVIOUS => {
                if self.spec.previous.is_some() || self.previous_named.is_some() {
                    self.errors.at(ident.span(), "`previous` is given twice\nhelp: remove one");
                } else {
                    self.spec.previous = Some(PreviousOpt::Stored(ident.span()));
                }
            }
            name if symbol::takes_value(name) => {
                self.errors.at(ident.span(), format!("`{name}` needs a value\nhelp: write `{name} = …`"));
            }
            _ if index == 0 && secretguard_scan::is_env_name(&name) => self.errors.at(
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

    /// `previous` is a key set's, on `#[jwt_secret]`; `previous = "…"` is read in
    /// the grammar of the chain's first source (an `env` name when there is
    /// none: the item's own variable); bare `previous` needs every source of
    /// the chain to keep versions.
    fn previous(&mut self) {
        if let Some((text, key_span, span)) = self.previous_named.take() {
            let first = self.spec.sources.first().map(|s| &s.source);
            let errors = &mut *self.errors;
            let source = match first {
                None | Some(Source::Env(_)) => {
                    check_env_name(self.mac, &text, span, errors).then_some(Source::Env(text))
                }
                Some(Source::File(_)) => {
                    check_file_path(&text, span, errors).then_some(Source::File(text))
                }
                Some(Source::Vault { .. }) => check_vault_ref(&text, span, errors),
                Some(Source::Aws { .. }) => check_aws_ref(&text, span, errors),
                Some(Source::Kms { .. }) => check_kms_ref(&text, span, errors),
            };
            if let Some(source) = source {
                self.spec.previous = Some(PreviousOpt::Named(key_span, source));
            }
        }
        let Some(previous) = &self.spec.previous else {
            return;
        };
        let span = previous.span();
        if self.mac != Macro::JwtSecret {
            self.errors.at(
                span,
                format!(
                    "`previous` is an option of `#[jwt_secret]`, not of {}\n\
                     help: declare a key set that is loaded once and kept: `#[jwt_secret(previous)] static KEYS: JwtKeySet;`",
                    self.mac.name()
                ),
            );
            return;
        }
        if !matches!(previous, PreviousOpt::Stored(_)) {
            return;
        }
        for source in &self.spec.sources {
            let problem = match &source.source {
                Source::File(_) => "a file keeps no previous version",
                Source::Aws {
                    stage: Some(stage), ..
                } if stage != "AWSCURRENT" => {
                    "bare `previous` reads the `AWSPREVIOUS` stage, and this secret names another stage"
                }
                _ => continue,
            };
            self.errors.at(
                span,
                format!(
                    "{problem}\n\
                     help: name where the previous key is, in the grammar of the first source: `previous = \"…\"`"
                ),
            );
            return;
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

/// Adds a source to the chain, refusing one that is already in it as written.
fn push_source(spec: &mut Spec, text: String, source: Source, span: Span, errors: &mut Errors) {
    let kind = std::mem::discriminant(&source);
    if spec
        .sources
        .iter()
        .any(|s| std::mem::discriminant(&s.source) == kind && s.text == text)
    {
        errors.at(
            span,
            "this source is already in the chain\nhelp: remove the repeated one",
        );
    } else {
        spec.sources.push(SourceSpec { text, source });
    }
}

/// The positional argument: a string literal that names an environment variable.
fn env_name_literal(mac: Macro, expr: &Expr, errors: &mut Errors) -> Option<String> {
    match ungrouped(expr) {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => {
            let name = s.value();
            let unsuffixed = no_suffix(s, errors);
            (check_env_name(mac, &name, s.span(), errors) && unsuffixed).then_some(name)
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

/// The expression inside the invisible group a `macro_rules!` fragment
/// (`$e:expr`, `$e:literal`) arrives in.
fn ungrouped(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => ungrouped(&group.expr),
        other => other,
    }
}

/// `"API_KEY"suffix` lexes as one literal whose suffix the value drops: refused,
/// without repeating the suffix (it may be the secret).
fn no_suffix(lit: &syn::LitStr, errors: &mut Errors) -> bool {
    if lit.suffix().is_empty() {
        return true;
    }
    errors.at(
        lit.span(),
        "a suffix is not allowed on this string literal\n\
         help: remove what follows the closing quote; a suffix is silently dropped from the value",
    );
    false
}

/// `key = "…"`: the value must be a string literal.
fn string_value(key: &Ident, value: &Expr, errors: &mut Errors) -> Option<(String, Span)> {
    let value = ungrouped(value);
    if let Expr::Lit(syn::ExprLit {
        lit: Lit::Str(s), ..
    }) = value
    {
        return no_suffix(s, errors).then(|| (s.value(), s.span()));
    }
    let error = match key.to_string().as_str() {
        symbol::ENV => not_a_literal(Macro::Secret, value, "an environment variable"),
        symbol::FILE => not_a_literal(Macro::Secret, value, "the file that holds the secret"),
        key => {
            let example = if key == symbol::ALG {
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

fn alg_value(key: &Ident, value: &Expr, errors: &mut Errors) -> Option<(Alg, Span)> {
    let (text, span) = string_value(key, value, errors)?;
    if let Some(alg) = Alg::from_name(&text) {
        return Some((alg, span));
    }
    let known = Alg::ALL.map(Alg::name);
    let upper = text.to_ascii_uppercase();
    let message = if ["RS", "PS", "ES"].iter().any(|p| upper.starts_with(p)) || upper == "EDDSA" {
        format!(
            "asymmetric algorithms sign with a private key and verify with a public one, not with a shared secret\n\
             help: `JwtSecret` holds an HMAC secret: use {}",
            names::quoted_either(&known)
        )
    } else {
        let hint = names::did_you_mean(&text, &known)
            .map(|s| format!("did you mean \"{s}\"? "))
            .unwrap_or_default();
        format!(
            "unknown algorithm\nhelp: {hint}expected {}",
            names::quoted_either(&known)
        )
    };
    errors.at(span, message);
    None
}

fn encoding_value(key: &Ident, value: &Expr, errors: &mut Errors) -> Option<Encoding> {
    let (text, span) = string_value(key, value, errors)?;
    let encoding = Encoding::from_name(&text);
    if encoding.is_none() {
        let known = Encoding::ALL.map(Encoding::name);
        let hint = names::did_you_mean(&text, &known)
            .map(|s| format!("did you mean \"{s}\"? "))
            .unwrap_or_default();
        errors.at(
            span,
            format!(
                "unknown encoding\nhelp: {hint}expected {}",
                names::quoted_either(&known)
            ),
        );
    }
    encoding
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

/// `refresh = "15m"`: numbers each followed by `h`, `m` or `s` (`"1h30m"`),
/// between a second and a day.
fn refresh_value(value: &Expr, errors: &mut Errors) -> Option<u64> {
    const EXPECTED: &str = "help: write a number and a unit, `s`, `m` or `h`, e.g. `refresh = \"15m\"` or `refresh = \"1h30m\"`";
    let Expr::Lit(syn::ExprLit {
        lit: Lit::Str(s), ..
    }) = ungrouped(value)
    else {
        errors.spanning(value, format!("expected a string literal\n{EXPECTED}"));
        return None;
    };
    if !no_suffix(s, errors) {
        return None;
    }
    let text = s.value();
    // milliseconds are no unit here: they could only be under the minimum
    let millis = text
        .strip_suffix("ms")
        .is_some_and(|n| parse_interval(&format!("{n}s")).is_some());
    let secs = parse_interval(&text);
    if secs.is_none() && !millis {
        errors.at(s.span(), format!("`refresh` is not a duration\n{EXPECTED}"));
        return None;
    }
    let (min, max) = (spec::REFRESH_MIN_SECS, spec::REFRESH_MAX_SECS);
    let secs = secs.unwrap_or(0);
    if secs < min {
        errors.at(
            s.span(),
            "`refresh` must be at least 1s: a shorter interval re-reads the source for nothing\n\
             help: write e.g. `refresh = \"30s\"`; a value that must never be stale needs `secret!`, which reads it on every use",
        );
        None
    } else if secs > max {
        errors.at(
            s.span(),
            format!(
                "`refresh` can be at most 24h ({max} seconds)\n\
                 help: write e.g. `refresh = \"24h\"`, or remove `refresh` to load the secret once per process"
            ),
        );
        None
    } else {
        Some(secs)
    }
}

/// `"1h30m"` in seconds; `None` unless every number has a unit and the text
/// is nothing else.
pub(crate) fn parse_interval(text: &str) -> Option<u64> {
    let mut rest = text;
    let mut total: u64 = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let number: u64 = rest[..digits].parse().ok()?;
        let after = &rest[digits..];
        let (unit, scale) = spec::REFRESH_UNITS
            .into_iter()
            .find(|(unit, _)| after.starts_with(unit) && !after[unit.len()..].starts_with('s'))?;
        total = total.checked_add(number.checked_mul(scale)?)?;
        rest = &after[unit.len()..];
    }
    (!text.is_empty()).then_some(total)
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
            symbol::OPTIONS.map(|o| format!("`{o}`")).join(", ")
        ),
    };
    errors.at(key.span(), format!("{shown}\nhelp: {help}"));
}

/// The empty `secret!()`.
fn empty(mac: Macro) -> syn::Error {
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
fn no_source(mac: Macro) -> syn::Error {
    syn::Error::new(
        Span::call_site(),
        format!(
            "{} has options but no source\nhelp: name where the secret lives first, e.g. `secret!(\"JWT_SECRET\", alg = \"HS256\")`",
            mac.name()
        ),
    )
}
