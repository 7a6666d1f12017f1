//! The one path through which generated code reaches the runtime, on every
//! output — accepted, rejected, or unparsable — so a renamed dependency never
//! adds a "cannot find `secretguard`" error to the user's one mistake.

use proc_macro2::TokenStream;
use quote::quote;

/// `::secretguard::__private`, or `<crate = …>::__private`.
pub(crate) fn path(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::secretguard::__private),
    }
}
