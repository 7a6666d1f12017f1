//! Guard, part three: the item under `#[jwt_secret]` — a bodyless `static` or
//! `fn`, with no initializer — and the environment variable its name implies.

use syn::{Expr, Ident};

use crate::ast::{ItemKind, SecretItem};
use crate::check::refs::build_time_macro;
use crate::ctxt::Errors;
use crate::spec::{Macro, Source, SourceSpec, Spec};

/// What a `#[jwt_secret]` item turned out to be, once checked, with the type it loads.
pub(crate) enum Shape<'a> {
    /// `static NAME: T;`
    Static { ident: &'a Ident, ty: &'a syn::Type },
    /// `fn name() -> T;` (returns a clone) or `-> &'static T` (returns the cached value).
    Fn {
        sig: &'a syn::Signature,
        ty: &'a syn::Type,
        by_ref: bool,
    },
}

/// Checks the item under `#[jwt_secret]`, and gives a `spec` without a source
/// the environment variable the item's name implies.
pub(crate) fn check_item<'a>(
    item: &'a SecretItem,
    spec: &mut Spec,
    errors: &mut Errors,
) -> Option<Shape<'a>> {
    let ident = match &item.kind {
        ItemKind::Static { ident, .. } | ItemKind::Const { ident, .. } => Some(ident),
        ItemKind::Fn { sig, .. } => Some(&sig.ident),
        ItemKind::Other { .. } => None,
    };
    if let Some(ident) = ident
        && spec.sources.is_empty()
        && let Some(name) = default_env(ident, errors)
    {
        spec.sources.push(SourceSpec::env(name));
    }
    // the variable the messages below tell the user to set
    let env = spec
        .sources
        .iter()
        .find_map(|s| match &s.source {
            Source::Env(name) => Some(name.as_str()),
            _ => None,
        })
        .unwrap_or("JWT_SECRET");
    let shape = check_shape(item, env, errors)?;
    check_optional(&shape, spec, errors);
    check_refresh(&shape, spec, errors);
    Some(shape)
}

/// A refreshed value is swapped while the program runs: a `&'static T` to it
/// could not stay valid, so `refresh` on a `fn` returns a clone.
fn check_refresh(shape: &Shape<'_>, spec: &Spec, errors: &mut Errors) {
    if let (
        Shape::Fn {
            sig, by_ref: true, ..
        },
        Some((_, span)),
    ) = (shape, spec.refresh)
    {
        errors.at(
            span,
            format!(
                "a refreshed secret cannot be returned as `&'static`: a refresh replaces the value it would point to\n\
                 help: return it by value, `fn {}() -> T;` (a clone of the current value), or declare a `static` and call `.current()`",
                sig.ident
            ),
        );
    }
}

/// `optional` loads an `Option<T>`: the declared type must say so, and an
/// `Option<T>` must ask for it; otherwise rustc's only advice would be to
/// `.expect()` inside our expansion.
fn check_optional(shape: &Shape<'_>, spec: &Spec, errors: &mut Errors) {
    let (ty, declaration) = match shape {
        Shape::Static { ident, ty } => (*ty, format!("static {ident}: Option<")),
        Shape::Fn { sig, ty, by_ref } => {
            let reference = if *by_ref { "&'static " } else { "" };
            (*ty, format!("fn {}() -> {reference}Option<", sig.ident))
        }
    };
    let is_option = matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"));
    match spec.optional {
        Some(span) if !is_option => errors.at(
            span,
            format!(
                "`optional` loads an `Option<_>`, and this item's type is not one\n\
                 help: write `{declaration}{}>;` and handle `None`, or remove `optional`",
                quote::ToTokens::to_token_stream(ty).to_string().replace(' ', "")
            ),
        ),
        None if is_option => errors.spanning(
            ty,
            "an `Option<_>` item needs `optional`: without it a missing secret is an error, never `None`\n\
             help: write `#[jwt_secret(optional)]`, or drop the `Option`",
        ),
        _ => {}
    }
}

/// The item itself: a `static` or `fn` of the right form; `env` is for messages.
fn check_shape<'a>(item: &'a SecretItem, env: &str, errors: &mut Errors) -> Option<Shape<'a>> {
    match &item.kind {
        ItemKind::Static {
            mutability,
            ident,
            ty,
            init,
        } => {
            if let Some(m) = mutability {
                errors.at(
                    m.span,
                    "a `#[jwt_secret]` static cannot be `mut`: a loaded secret is never reassigned\nhelp: remove `mut`",
                );
            }
            if let Some(init) = init {
                errors.push(initializer(init, env));
            }
            Some(Shape::Static { ident, ty })
        }
        ItemKind::Const { span, .. } => {
            errors.at(
                *span,
                "`#[jwt_secret]` cannot go on a `const`: a const is evaluated at compile time and copied into every use\n\
                 help: write `static`, e.g. `#[jwt_secret] static JWT_SECRET: JwtSecret;`",
            );
            None
        }
        ItemKind::Fn { sig, body } => check_fn(sig, body.as_ref(), errors),
        ItemKind::Other { span, what, .. } => {
            errors.at(
                *span,
                format!(
                    "`#[jwt_secret]` cannot go on {what}\n\
                     help: put it on a `static JWT_SECRET: JwtSecret;` or a `fn jwt_secret() -> JwtSecret;`"
                ),
            );
            None
        }
    }
}

/// Any initializer is refused; a literal one is a hardcoded secret and is told why.
fn initializer(init: &Expr, env: &str) -> syn::Error {
    let literal = match init {
        Expr::Lit(_) | Expr::Array(_) | Expr::Repeat(_) => true,
        Expr::Reference(r) => matches!(*r.expr, Expr::Lit(_) | Expr::Array(_)),
        Expr::Macro(m) => return build_time_macro(Macro::JwtSecret, &m.mac),
        Expr::Call(c) => c.args.iter().any(|a| matches!(a, Expr::Lit(_))),
        Expr::MethodCall(c) => matches!(*c.receiver, Expr::Lit(_)),
        _ => false,
    };
    let message = if literal {
        format!(
            "hardcoded secret\n\
             note: a secret written in source code lives on in git history, build artefacts and \
             container images, leaks into logs, and cannot be rotated without a rebuild\n\
             help: remove `= …`: `#[jwt_secret]` reads {env} from the environment when the program \
             runs, e.g. `export {env}=$(openssl rand -base64 32)`"
        )
    } else {
        format!(
            "a `#[jwt_secret]` static has no initializer: the macro loads the value when it is first used\n\
             help: remove `= …`; the secret is read from {env}"
        )
    };
    syn::Error::new_spanned(init, message)
}

fn check_fn<'a>(
    sig: &'a syn::Signature,
    body: Option<&syn::Block>,
    errors: &mut Errors,
) -> Option<Shape<'a>> {
    if let Some(block) = body {
        errors.spanning(
            block,
            "a `#[jwt_secret] fn` has no body: the macro writes one that loads the secret once\n\
             help: replace the body with `;`, e.g. `fn jwt_secret() -> JwtSecret;`",
        );
    }
    if let Some(c) = &sig.constness {
        errors.at(c.span, "a `#[jwt_secret] fn` cannot be `const`: the secret is read when the program runs, not when it is compiled\nhelp: remove `const`");
    }
    if let Some(a) = &sig.asyncness {
        errors.at(a.span, "a `#[jwt_secret] fn` cannot be `async`: the secret is loaded once, synchronously\nhelp: remove `async`");
    }
    if let Some(u) = &sig.unsafety {
        errors.at(
            u.span,
            "a `#[jwt_secret] fn` is safe to call\nhelp: remove `unsafe`",
        );
    }
    if let Some(abi) = &sig.abi {
        errors.spanning(
            abi,
            "a `#[jwt_secret] fn` cannot have an ABI\nhelp: remove `extern`",
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        errors.spanning(&sig.generics, "a `#[jwt_secret] fn` cannot be generic: it returns one secret\nhelp: remove the generic parameters");
    }
    if !sig.inputs.is_empty() {
        errors.spanning(&sig.inputs, "a `#[jwt_secret] fn` takes no arguments: it always returns the same secret\nhelp: remove the parameters");
    }
    match &sig.output {
        syn::ReturnType::Default => {
            errors.at(
                sig.paren_token.span.close(),
                "a `#[jwt_secret] fn` must declare the type it returns\nhelp: add a return type, e.g. `fn jwt_secret() -> JwtSecret;`",
            );
            None
        }
        syn::ReturnType::Type(_, ty) => match &**ty {
            syn::Type::Reference(r) => {
                let is_static = r.lifetime.as_ref().is_some_and(|l| l.ident == "static");
                if !is_static || r.mutability.is_some() {
                    errors.spanning(ty, "a `#[jwt_secret] fn` returns the secret by value or as `&'static`\nhelp: write `-> JwtSecret` (a clone) or `-> &'static JwtSecret` (the cached value)");
                }
                Some(Shape::Fn {
                    sig,
                    ty: &r.elem,
                    by_ref: true,
                })
            }
            ty => Some(Shape::Fn {
                sig,
                ty,
                by_ref: false,
            }),
        },
    }
}

/// The environment variable an item names when no source is given.
fn default_env(ident: &Ident, errors: &mut Errors) -> Option<String> {
    let name = secretguard_scan::upper_snake(&ident.to_string());
    if secretguard_scan::is_env_name(&name) && secretguard_scan::check_reference(&name).is_none() {
        Some(name)
    } else {
        errors.at(
            ident.span(),
            "cannot derive an environment variable name from this item's name\nhelp: name it explicitly, e.g. `#[jwt_secret(env = \"JWT_SECRET\")]`",
        );
        None
    }
}
