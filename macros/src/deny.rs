//! `#[deny_hardcoded_secrets]` and `#[allow_hardcoded_secret]`: the scan engine
//! over a whole fn, impl or inline module, each finding a spanned error.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::visit_mut::VisitMut;
use syn::{Attribute, Item};

use secretguard_scan::Rule;
use secretguard_scan::walk::{self, is_allow_attribute};

use crate::ctxt::Errors;

/// Reports every hardcoded secret in `item`; the item itself passes through
/// unchanged (less the allow attributes, which the compiler would not know).
pub(crate) fn deny(attr: TokenStream, tokens: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    if !attr.is_empty() {
        errors.push(syn::Error::new_spanned(
            &attr,
            "`#[deny_hardcoded_secrets]` takes no arguments\nhelp: exempt one item or statement with `#[allow_hardcoded_secret(reason = \"…\")]`",
        ));
    }
    let mut item: Item = match syn::parse2(tokens.clone()) {
        Ok(item) => item,
        Err(e) => {
            return quote!(#tokens)
                .into_iter()
                .chain(e.to_compile_error())
                .collect();
        }
    };
    if let Some(error) = unsupported(&item) {
        errors.push(error);
    }
    let report = walk::walk_item(&item);
    for hit in &report.hits {
        errors.push(syn::Error::new(
            hit.span,
            message(hit.finding.rule, &hit.finding.reason),
        ));
    }
    for bad in &report.bad_allows {
        errors.push(syn::Error::new_spanned(&bad.attribute, bad.message));
    }
    let mut strip = StripAllows::default();
    strip.visit_item_mut(&mut item);
    match (errors.into_error(), strip.removed) {
        (None, false) => tokens,
        (None, true) => item.into_token_stream(),
        (Some(e), _) => {
            let errors = e.to_compile_error();
            quote!(#errors #item)
        }
    }
}

/// `#[allow_hardcoded_secret(reason = "…")]` on an item outside any
/// `#[deny_hardcoded_secrets]`: checks the reason, changes nothing.
pub(crate) fn allow(attr: TokenStream, tokens: TokenStream) -> TokenStream {
    let attribute: Attribute = syn::parse_quote!(#[allow_hardcoded_secret(#attr)]);
    match walk::check_allow(&attribute) {
        None => tokens,
        Some(bad) => {
            let error = syn::Error::new_spanned(&attr, bad.message).to_compile_error();
            quote!(#error #tokens)
        }
    }
}

fn unsupported(item: &Item) -> Option<syn::Error> {
    match item {
        Item::Fn(_)
        | Item::Impl(_)
        | Item::Mod(syn::ItemMod {
            content: Some(_), ..
        }) => None,
        Item::Mod(m) => Some(syn::Error::new_spanned(
            m,
            "`#[deny_hardcoded_secrets]` cannot see into `mod name;`: the module's file is not part of its input\n\
             help: put it on the module's items, or scan the whole tree with `secretguard check`",
        )),
        other => Some(syn::Error::new_spanned(
            other,
            "`#[deny_hardcoded_secrets]` goes on a fn, an impl block or an inline module\n\
             help: put it on the enclosing fn, impl or `mod name { … }`",
        )),
    }
}

/// The error for one finding: the rule, the reason, and what to write instead.
fn message(rule: Rule, reason: &str) -> String {
    format!(
        "hardcoded secret: {reason} [{}]\nhelp: {}\nhelp: if this is not a secret, exempt it with `#[allow_hardcoded_secret(reason = \"…\")]`",
        rule.id(),
        rule.help()
    )
}

/// Removes `#[allow_hardcoded_secret]` wherever it may sit (syn calls
/// `visit_attributes_mut` for every attribute list: items, statements,
/// expressions, fields).
#[derive(Default)]
struct StripAllows {
    removed: bool,
}

impl StripAllows {
    fn strip(&mut self, attrs: &mut Vec<Attribute>) {
        let before = attrs.len();
        attrs.retain(|a| !is_allow_attribute(a));
        self.removed |= attrs.len() != before;
    }
}

impl VisitMut for StripAllows {
    fn visit_attributes_mut(&mut self, attrs: &mut Vec<Attribute>) {
        self.strip(attrs);
    }
}
