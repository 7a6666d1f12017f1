//! Guard, part two: what a source reference may be — an environment variable
//! name, a file path, a Vault path, an AWS secret id or KMS variable — and what
//! must not stand in one's place: a credential, a byte string, a const, or a
//! macro that bakes the value into the binary.

use proc_macro2::Span;
use syn::{Expr, Lit};

use secretguard_scan::is_env_name;
use secretguard_scan::reference::{AwsSecretRef, KmsRef, RefError, VaultRef};

use crate::ctxt::Errors;
use crate::spec::{Macro, Source};

/// An environment variable name: UPPER_SNAKE_CASE, and not a credential in disguise.
pub(crate) fn check_env_name(mac: Macro, name: &str, span: Span, errors: &mut Errors) -> bool {
    if name.is_empty() {
        errors.at(
            span,
            format!(
                "the name of the environment variable is empty\nhelp: name the variable that holds the secret, e.g. {}",
                mac.example()
            ),
        );
        return false;
    }
    if let Some(finding) = secretguard_scan::check_reference(name) {
        errors.push(credential_here(mac, finding.rule, span));
        return false;
    }
    if !is_env_name(name) {
        let message = match upper_snake_suggestion(name) {
            Some(suggestion) => format!(
                "expected the name of an environment variable in UPPER_SNAKE_CASE\n\
                 help: did you mean `{suggestion}`?"
            ),
            None => format!(
                "expected the name of an environment variable, not a secret\n\
                 help: keep the value out of the source code and name the variable that holds it, \
                 e.g. {} with `export API_KEY=…`; names are UPPER_SNAKE_CASE",
                mac.example()
            ),
        };
        errors.at(span, message);
        return false;
    }
    true
}

/// `database_password` or `DATABASE-PASSWORD` as `DATABASE_PASSWORD`: only for
/// words joined by `_` or `-` that name a kind of secret, and only when the
/// result is a valid name the scan engine clears, so a suggestion never
/// repeats a passphrase.
fn upper_snake_suggestion(name: &str) -> Option<String> {
    let suggestion = name.replace('-', "_").to_ascii_uppercase();
    let joined = name.contains(['_', '-']);
    (joined
        && is_env_name(&suggestion)
        && secretguard_scan::is_secret_name(name)
        && secretguard_scan::check_reference(&suggestion).is_none())
    .then_some(suggestion)
}

/// A string that is a credential where a reference to one belongs.
pub(crate) fn credential_here(mac: Macro, rule: secretguard_scan::Rule, span: Span) -> syn::Error {
    syn::Error::new(
        span,
        format!(
            "this looks like {}, not the name of where a secret lives\n\
             note: a secret in source code lives on in git history; treat this one as leaked\n\
             help: revoke it, store a new one in an environment variable and name that, e.g. {}",
            rule.describe(),
            mac.example()
        ),
    )
}

pub(crate) fn check_file_path(path: &str, span: Span, errors: &mut Errors) -> bool {
    if path.trim().is_empty() {
        errors.at(span, "the file path is empty\nhelp: name the file that holds the secret, e.g. `file = \"/run/secrets/jwt\"`");
        return false;
    }
    if let Some(finding) = secretguard_scan::check_reference(path) {
        errors.push(credential_here(Macro::Secret, finding.rule, span));
        return false;
    }
    // a bare word is more likely a pasted secret than a file in the working directory
    let is_windows_absolute = path.as_bytes().get(1..3) == Some(b":\\".as_slice());
    if !(path.starts_with(['/', '\\'])
        || path.starts_with("./")
        || path.starts_with("../")
        || is_windows_absolute)
    {
        errors.at(
            span,
            "expected the path of the file that holds the secret, not a secret\n\
             help: write an absolute path, e.g. `file = \"/run/secrets/jwt\"`, or `./name` for one relative to the working directory",
        );
        return false;
    }
    true
}

/// `aws = "secret-id[?stage=STAGE][#json_key]"`: an AWS Secrets Manager secret.
pub(crate) fn check_aws_ref(reference: &str, span: Span, errors: &mut Errors) -> Option<Source> {
    let parsed = AwsSecretRef::parse(reference).map(|aws| Source::Aws {
        id: aws.id.to_owned(),
        stage: aws.stage.map(str::to_owned),
        json_key: aws.json_key.map(str::to_owned),
    });
    let example = "e.g. `aws = \"prod/app/db#password\"`";
    verdict(parsed, example, reference, span, errors)
}

/// `kms = "VAR[?key_id=…&context_key=value…]"`: base64 KMS ciphertext in `VAR`.
pub(crate) fn check_kms_ref(reference: &str, span: Span, errors: &mut Errors) -> Option<Source> {
    let parsed = KmsRef::parse(reference).map(|kms| Source::Kms {
        variable: kms.variable.to_owned(),
        key_id: kms.key_id.map(str::to_owned),
        context: kms
            .context
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    });
    let example = "e.g. `kms = \"JWT_SECRET_ENCRYPTED\"`";
    verdict(parsed, example, reference, span, errors)
}

/// `vault = "mount/path[?version=N][#field]"`: a KV path, the version and field optional.
pub(crate) fn check_vault_ref(reference: &str, span: Span, errors: &mut Errors) -> Option<Source> {
    let parsed = VaultRef::parse(reference).map(|vault| Source::Vault {
        path: vault.path.to_owned(),
        version: vault.version,
        field: vault.field.map(str::to_owned),
    });
    let example = "e.g. `vault = \"secret/data/jwt#secret\"`";
    verdict(parsed, example, reference, span, errors)
}

/// The shared parser's verdict on a reference, with our `example` after its
/// problem; else a credential standing where the reference belongs.
fn verdict(
    parsed: Result<Source, RefError>,
    example: &str,
    reference: &str,
    span: Span,
    errors: &mut Errors,
) -> Option<Source> {
    let source = match parsed {
        Ok(source) => source,
        Err(problem) => {
            errors.at(span, format!("{problem}\nhelp: {example}"));
            return None;
        }
    };
    if let Some(finding) = secretguard_scan::check_reference(reference) {
        errors.push(credential_here(Macro::Secret, finding.rule, span));
        return None;
    }
    Some(source)
}

/// Why `expr` cannot stand where a string literal naming `what` belongs.
pub(crate) fn not_a_literal(mac: Macro, expr: &Expr, what: &str) -> syn::Error {
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
            if is_env_name(&lit.value())
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
