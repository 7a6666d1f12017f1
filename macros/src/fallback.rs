//! Fallback: what a rejected invocation leaves behind, so one mistake gives one error.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{ItemKind, SecretItem};

/// A rejected `secret!`: the errors, then an expression of any type.
pub(crate) fn expr(error: syn::Error, private: &TokenStream) -> TokenStream {
    let errors = error.to_compile_error();
    // a generic stub rather than `unreachable!()`: `!` would make every later
    // statement "unreachable" and add a warning per use
    quote! {{
        #errors
        #private::rejected()
    }}
}

/// A rejected `#[jwt_secret]` item: the errors, then a stub with the declared name
/// and type, so every use of it still type-checks.
pub(crate) fn item(item: &SecretItem, error: syn::Error, private: &TokenStream) -> TokenStream {
    let errors = error.to_compile_error();
    let attrs = &item.attrs;
    let vis = &item.vis;
    let stub = match &item.kind {
        ItemKind::Static { ident, ty, .. } | ItemKind::Const { ident, ty, .. } => quote! {
            #(#attrs)*
            #vis static #ident: #private::LazySecret<#ty> =
                #private::LazySecret::new(|| ::core::unreachable!());
        },
        ItemKind::Fn { sig, .. } => {
            let sig = with_static_return(sig);
            quote! {
                #(#attrs)*
                #[allow(unused_variables)]
                #vis #sig {
                    ::core::unreachable!()
                }
            }
        }
        ItemKind::Other { tokens, .. } => tokens.clone(),
    };
    quote! {
        #errors
        #stub
    }
}

/// `-> &T` made `-> &'static T`, so the stub adds no "missing lifetime" error to ours.
fn with_static_return(sig: &syn::Signature) -> syn::Signature {
    let mut sig = sig.clone();
    if let syn::ReturnType::Type(_, ty) = &mut sig.output
        && let syn::Type::Reference(r) = &mut **ty
    {
        r.lifetime
            .get_or_insert_with(|| syn::Lifetime::new("'static", r.and_token.span));
    }
    sig
}
