//! The arguments of `secret!`, `try_secret!` and `#[jwt_secret(…)]`, re-parsed with the macros' grammar.

// The grammar is macros/src/ast.rs's; the macros crate is a proc-macro and cannot be a dependency.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Expr, Ident, Lit, Token};

use super::Source;

/// What the arguments say.
#[derive(Default)]
pub(super) struct Spec {
    pub(super) sources: Vec<Source>,
    pub(super) alg: Option<secretguard_runtime::Algorithm>,
    pub(super) encoding: Option<String>,
    pub(super) min_len: Option<usize>,
    pub(super) optional: bool,
    /// `crate = path`, as `a::b` without a leading `::`.
    pub(super) krate: Option<String>,
}

/// One argument, as macros/src/ast.rs splits them.
enum Arg {
    Positional(Expr),
    KeyValue(Ident, Expr),
    Flag(Ident),
}

/// Reads `tokens`; `Err` says why they cannot be read statically, in words
/// that never repeat a value.
pub(super) fn read(tokens: TokenStream) -> Result<Spec, String> {
    if tokens
        .clone()
        .into_iter()
        .any(|t| matches!(&t, proc_macro2::TokenTree::Punct(p) if p.as_char() == '$'))
    {
        return Err(
            "its arguments are `macro_rules!` fragments (`$…`), known only where it expands"
                .to_owned(),
        );
    }
    let args = parse_args
        .parse2(tokens)
        .map_err(|_| "its arguments do not parse (the macro would reject them too)".to_owned())?;
    let mut spec = Spec::default();
    for (index, arg) in args.into_iter().enumerate() {
        match arg {
            Arg::Positional(expr) if index == 0 => {
                spec.sources.push(Source::Env(string(&expr, "the name")?))
            }
            Arg::Positional(_) => return Err("a second argument without a key".to_owned()),
            Arg::KeyValue(key, value) => key_value(&mut spec, &key.to_string(), &value)?,
            Arg::Flag(ident) if ident == "optional" => spec.optional = true,
            Arg::Flag(_) => {
                return Err("an identifier where a quoted name or an option belongs".to_owned());
            }
        }
    }
    Ok(spec)
}

fn key_value(spec: &mut Spec, key: &str, value: &Expr) -> Result<(), String> {
    let source = match key {
        "env" => Source::Env(string(value, "`env`")?),
        "file" => Source::File(string(value, "`file`")?),
        "vault" => Source::Vault(string(value, "`vault`")?),
        "aws" => Source::Aws(string(value, "`aws`")?),
        "kms" => Source::Kms(string(value, "`kms`")?),
        "alg" => {
            let alg = string(value, "`alg`")?;
            spec.alg = Some(
                alg.parse()
                    .map_err(|_| "`alg` is not HS256, HS384 or HS512".to_owned())?,
            );
            return Ok(());
        }
        "encoding" => {
            spec.encoding = Some(string(value, "`encoding`")?);
            return Ok(());
        }
        "min_len" => {
            spec.min_len = Some(min_len(value)?);
            return Ok(());
        }
        "crate" => {
            spec.krate = path_text(value);
            return Ok(());
        }
        // how often a `#[jwt_secret]` is re-read changes nothing a manifest lists
        "refresh" => return Ok(()),
        _ => return Err("an unknown option (the macro would reject it)".to_owned()),
    };
    // a source the macros' guard would refuse as a pasted credential is not shown
    if secretguard_scan::check_reference(source.text()).is_some() {
        return Err(format!(
            "its `{}` looks like a secret itself, not a reference to one",
            source.kind()
        ));
    }
    spec.sources.push(source);
    Ok(())
}

/// A string literal, unwrapped from a `macro_rules!` fragment's invisible group.
fn string(expr: &Expr, what: &str) -> Result<String, String> {
    match expr {
        Expr::Group(group) => string(&group.expr, what),
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) if s.suffix().is_empty() => Ok(s.value()),
        _ => Err(format!("{what} is not a string literal")),
    }
}

/// `::a::b` as `a::b`.
pub(super) fn path_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Group(group) => path_text(&group.expr),
        Expr::Path(p) => Some(segments(&p.path)),
        _ => None,
    }
}

/// A path's segments joined by `::`, without arguments or a leading `::`.
pub(super) fn segments(path: &syn::Path) -> String {
    let idents: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    idents.join("::")
}

fn min_len(expr: &Expr) -> Result<usize, String> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(int), ..
        }) => int
            .base10_parse()
            .map_err(|_| "`min_len` is not a number of bytes".to_owned()),
        _ => Err("`min_len` is not an integer literal".to_owned()),
    }
}

fn parse_args(input: ParseStream) -> syn::Result<Vec<Arg>> {
    let mut args = Vec::new();
    while !input.is_empty() {
        args.push(parse_arg(input)?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(args)
}

fn parse_arg(input: ParseStream) -> syn::Result<Arg> {
    if input.peek(Token![crate]) && input.peek2(Token![=]) {
        let keyword: Token![crate] = input.parse()?;
        input.parse::<Token![=]>()?;
        return Ok(Arg::KeyValue(
            Ident::new("crate", keyword.span),
            input.parse()?,
        ));
    }
    if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
        let key = input.parse()?;
        input.parse::<Token![=]>()?;
        return Ok(Arg::KeyValue(key, input.parse()?));
    }
    let fork = input.fork();
    if fork.parse::<Ident>().is_ok() && (fork.is_empty() || fork.peek(Token![,])) {
        return Ok(Arg::Flag(input.parse()?));
    }
    Ok(Arg::Positional(input.parse()?))
}
