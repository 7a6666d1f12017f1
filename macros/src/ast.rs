//! Parse: macro input tokens into a typed model that keeps every span; no rules here.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Attribute, Block, Expr, Ident, Signature, Token, Type, Visibility};

/// One comma-separated argument of `secret!(…)` or `#[jwt_secret(…)]`.
pub(crate) enum Arg {
    /// An argument with no key: `"API_KEY"`, or whatever else was written there.
    Positional(Expr),
    /// `key = value`; `crate = path` arrives with the key `crate`.
    KeyValue { key: Ident, value: Expr },
    /// A bare identifier: `optional`, or a name someone forgot to quote.
    Flag(Ident),
}

/// The arguments of one invocation, in order.
pub(crate) struct Args {
    pub(crate) args: Vec<Arg>,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let tokens = without_invisible_groups(input.parse()?);
        syn::parse::Parser::parse2(parse_args, tokens)
    }
}

/// A `macro_rules!` fragment (`$e:expr`, `$e:literal`) reaches a proc macro
/// wrapped in a group with no delimiters; its tokens keep the spans of the
/// invocation, so unwrapping lets `secret!($e)` read (and refuse) the literal
/// exactly as if it were written in place.
fn without_invisible_groups(tokens: TokenStream) -> TokenStream {
    tokens
        .into_iter()
        .flat_map(|token| match token {
            TokenTree::Group(g) if g.delimiter() == Delimiter::None => {
                without_invisible_groups(g.stream())
            }
            other => TokenStream::from(other),
        })
        .collect()
}

fn parse_args(input: ParseStream) -> syn::Result<Args> {
    let mut args = Vec::new();
    while !input.is_empty() {
        args.push(input.parse()?);
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(Args { args })
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![crate]) && input.peek2(Token![=]) {
            let keyword: Token![crate] = input.parse()?;
            input.parse::<Token![=]>()?;
            let key = Ident::new("crate", keyword.span);
            return Ok(Arg::KeyValue {
                key,
                value: input.parse()?,
            });
        }
        if input.peek(Ident) && input.peek2(Token![=]) && !input.peek2(Token![==]) {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            return Ok(Arg::KeyValue {
                key,
                value: input.parse()?,
            });
        }
        if input.peek(Ident) && (input.peek2(Token![,]) || ends_after_one_token(input)) {
            return Ok(Arg::Flag(input.parse()?));
        }
        Ok(Arg::Positional(input.parse()?))
    }
}

/// `crate = path` found in arguments that do not parse, so the errors about
/// them still reach the runtime through the user's path.
pub(crate) fn recover_crate_path(args: &TokenStream) -> Option<syn::Path> {
    let mut tokens = args.clone().into_iter().peekable();
    while let Some(token) = tokens.next() {
        let is_key = matches!(&token, TokenTree::Ident(i) if i == "crate");
        if is_key && matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '=') {
            tokens.next();
            let value: TokenStream = tokens
                .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ','))
                .collect();
            return syn::parse2(value).ok();
        }
    }
    None
}

fn ends_after_one_token(input: ParseStream) -> bool {
    input
        .cursor()
        .token_tree()
        .is_some_and(|(_, rest)| rest.eof())
}

/// The item under `#[jwt_secret]`.
pub(crate) struct SecretItem {
    pub(crate) attrs: Vec<Attribute>,
    pub(crate) vis: Visibility,
    pub(crate) kind: ItemKind,
}

pub(crate) enum ItemKind {
    /// `static [mut] NAME: Type [= init];`
    Static {
        mutability: Option<Token![mut]>,
        ident: Ident,
        ty: Box<Type>,
        init: Option<Expr>,
    },
    /// `const NAME: Type [= init];`: kept apart to say "write `static`".
    Const {
        span: Span,
        ident: Ident,
        ty: Box<Type>,
    },
    /// `fn name() -> Type;` or with a body.
    Fn { sig: Signature, body: Option<Block> },
    /// Anything else, kept verbatim and named for the error message.
    Other {
        span: Span,
        what: &'static str,
        tokens: TokenStream,
    },
}

impl Parse for SecretItem {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        let kind = if input.peek(Token![static]) {
            parse_static(input)?
        } else if input.peek(Token![const]) && input.peek2(Ident) {
            parse_const(input)?
        } else if is_fn_ahead(input) {
            let sig: Signature = input.parse()?;
            let body = if input.peek(Token![;]) {
                input.parse::<Token![;]>()?;
                None
            } else {
                Some(input.parse()?)
            };
            ItemKind::Fn { sig, body }
        } else {
            let item: syn::Item = input.parse()?;
            ItemKind::Other {
                span: item_keyword_span(&item),
                what: describe(&item),
                tokens: quote::ToTokens::into_token_stream(item),
            }
        };
        Ok(SecretItem { attrs, vis, kind })
    }
}

fn parse_static(input: ParseStream) -> syn::Result<ItemKind> {
    input.parse::<Token![static]>()?;
    let mutability = input.parse()?;
    let ident = input.parse()?;
    input.parse::<Token![:]>()?;
    let ty = input.parse()?;
    let init = parse_init(input)?;
    Ok(ItemKind::Static {
        mutability,
        ident,
        ty,
        init,
    })
}

fn parse_const(input: ParseStream) -> syn::Result<ItemKind> {
    let keyword: Token![const] = input.parse()?;
    let ident = input.parse()?;
    input.parse::<Token![:]>()?;
    let ty = input.parse()?;
    parse_init(input)?;
    Ok(ItemKind::Const {
        span: keyword.span,
        ident,
        ty,
    })
}

fn parse_init(input: ParseStream) -> syn::Result<Option<Expr>> {
    let init = if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        Some(input.parse()?)
    } else {
        None
    };
    input.parse::<Token![;]>()?;
    Ok(init)
}

/// `fn`, possibly behind `const`, `async`, `unsafe` or `extern "…"`.
fn is_fn_ahead(input: ParseStream) -> bool {
    let fork = input.fork();
    fork.parse::<Option<Token![const]>>().is_ok()
        && fork.parse::<Option<Token![async]>>().is_ok()
        && fork.parse::<Option<Token![unsafe]>>().is_ok()
        && fork.parse::<Option<syn::Abi>>().is_ok()
        && fork.peek(Token![fn])
}

fn describe(item: &syn::Item) -> &'static str {
    match item {
        syn::Item::Struct(_) => "a struct",
        syn::Item::Enum(_) => "an enum",
        syn::Item::Union(_) => "a union",
        syn::Item::Impl(_) => "an impl block",
        syn::Item::Trait(_) => "a trait",
        syn::Item::Mod(_) => "a module",
        syn::Item::Type(_) => "a type alias",
        syn::Item::Use(_) => "a use declaration",
        syn::Item::Macro(_) => "a macro invocation",
        _ => "this item",
    }
}

/// The span of the item's keyword (`struct`, `impl`, …), where "not here" belongs.
fn item_keyword_span(item: &syn::Item) -> Span {
    match item {
        syn::Item::Struct(i) => i.struct_token.span,
        syn::Item::Enum(i) => i.enum_token.span,
        syn::Item::Union(i) => i.union_token.span,
        syn::Item::Impl(i) => i.impl_token.span,
        syn::Item::Trait(i) => i.trait_token.span,
        syn::Item::Mod(i) => i.mod_token.span,
        syn::Item::Type(i) => i.type_token.span,
        syn::Item::Use(i) => i.use_token.span,
        other => other.span(),
    }
}
