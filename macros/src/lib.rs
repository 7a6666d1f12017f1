//! Procedural macros of [secretguard](https://docs.rs/secretguard): `secret!`,
//! `try_secret!`, `#[jwt_secret]`, `#[deny_hardcoded_secrets]` and
//! `#[allow_hardcoded_secret]`. Use them through the `secretguard` crate.
//!
//! Each invocation goes parse (`ast`) -> guard (`check`, into a `spec`) ->
//! expand (`expand`); a rejected one leaves a stub behind (`fallback`).

mod ast;
mod check;
mod ctxt;
mod deny;
mod expand;
mod fallback;
mod names;
mod private;
mod spec;
mod symbol;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

use spec::Macro;

// The user-facing docs (and their doc tests) sit on the `secretguard` facade's
// re-exports, which rustdoc shows in place of these; doc comments here would be
// appended to them.

#[allow(missing_docs)]
#[proc_macro]
pub fn secret(input: TokenStream) -> TokenStream {
    expand::secret(Macro::Secret, input.into()).into()
}

#[allow(missing_docs)]
#[proc_macro]
pub fn try_secret(input: TokenStream) -> TokenStream {
    expand::secret(Macro::TrySecret, input.into()).into()
}

#[allow(missing_docs)]
#[proc_macro_attribute]
pub fn jwt_secret(attr: TokenStream, item: TokenStream) -> TokenStream {
    expand::jwt_secret(attr.into(), item.into()).into()
}

#[allow(missing_docs)]
#[proc_macro_attribute]
pub fn deny_hardcoded_secrets(attr: TokenStream, item: TokenStream) -> TokenStream {
    deny::deny(attr.into(), item.into()).into()
}

#[allow(missing_docs)]
#[proc_macro_attribute]
pub fn allow_hardcoded_secret(attr: TokenStream, item: TokenStream) -> TokenStream {
    deny::allow(attr.into(), item.into()).into()
}
