//! The one path through which generated code reaches the runtime, on every
//! output — accepted, rejected, or unparsable — so a renamed dependency never
//! adds a "cannot find `secretguard`" error to the user's one mistake.

use proc_macro_crate::FoundCrate;
use proc_macro2::{Span, TokenStream};
use quote::quote;

/// `<crate = …>::__private` when given; else the facade under the name the
/// user's Cargo.toml gives it (`sg = { package = "secretguard" }` → `::sg`).
pub(crate) fn path(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path::__private),
        None => {
            let name = syn::Ident::new(&facade_name(), Span::call_site());
            quote!(::#name::__private)
        }
    }
}

/// The facade's name in the user's crate, as derive crates find theirs.
///
/// `Itself` (the facade's own lib, examples, benches and doc tests) is
/// `secretguard` too: the facade never expands its own macros, and the others
/// see it as an external crate. A failed lookup (no manifest, a dependency
/// through a re-export) falls back to `secretguard`, where `crate = …` helps.
fn facade_name() -> String {
    name_from(proc_macro_crate::crate_name("secretguard").ok())
}

/// The name a lookup found, or `secretguard`.
fn name_from(found: Option<FoundCrate>) -> String {
    match found {
        Some(FoundCrate::Name(name)) => name,
        Some(FoundCrate::Itself) | None => "secretguard".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crate_option_wins_then_the_manifest_then_secretguard() {
        let given: syn::Path = syn::parse_quote!(crate::deps::sg);
        assert_eq!(
            path(Some(&given)).to_string(),
            quote!(crate::deps::sg::__private).to_string()
        );
        assert_eq!(name_from(Some(FoundCrate::Name("sg".to_owned()))), "sg");
        assert_eq!(name_from(Some(FoundCrate::Itself)), "secretguard");
        assert_eq!(name_from(None), "secretguard");
        // the macros crate's own manifest has no `secretguard` dependency
        assert_eq!(
            path(None).to_string(),
            quote!(::secretguard::__private).to_string()
        );
    }
}
