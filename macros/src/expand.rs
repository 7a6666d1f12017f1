//! Expand: a checked spec into code that calls the runtime through `::secretguard::__private`
//! (or `<crate = …>::__private`). Nothing here rejects input; `check/` does.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::ast::{self, Args, SecretItem};
use crate::check::{self, Shape};
use crate::ctxt::Errors;
use crate::fallback;
use crate::private;
use crate::spec::{Encoding, Macro, PreviousOpt, Source, Spec};

/// `secret!(…)` and `try_secret!(…)`: an expression of the inferred target type.
pub(crate) fn secret(mac: Macro, input: TokenStream) -> TokenStream {
    let args: Args = match syn::parse2(input.clone()) {
        Ok(args) => args,
        Err(e) => {
            let krate = ast::recover_crate_path(&input);
            return fallback::expr(e, &private::path(krate.as_ref()));
        }
    };
    let mut errors = Errors::default();
    let spec = check::check_secret_args(mac, args, &mut errors);
    let private = private::path(spec.krate.as_ref());
    if let Some(e) = errors.into_error() {
        return fallback::expr(e, &private);
    }
    load(mac, &spec, spec.label(), &private, Span::call_site(), None)
}

/// `#[jwt_secret(…)]` on a bodyless `static` or `fn`.
pub(crate) fn jwt_secret(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item: SecretItem = match syn::parse2(item) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let args: Args = match syn::parse2(attr.clone()) {
        Ok(args) => args,
        Err(e) => {
            let krate = ast::recover_crate_path(&attr);
            return fallback::item(&item, e, &private::path(krate.as_ref()));
        }
    };
    let mut errors = Errors::default();
    let mut spec = check::check_args(Macro::JwtSecret, args, &mut errors);
    let shape = check::check_item(&item, &mut spec, &mut errors);
    let private = private::path(spec.krate.as_ref());
    match (errors.into_error(), shape) {
        (None, Some(shape)) => item_tokens(&item, &spec, shape, &private),
        (error, _) => {
            let error = error.unwrap_or_else(|| {
                syn::Error::new(Span::call_site(), "`#[jwt_secret]` cannot go here")
            });
            fallback::item(&item, error, &private)
        }
    }
}

fn item_tokens(
    item: &SecretItem,
    spec: &Spec,
    shape: Shape<'_>,
    private: &TokenStream,
) -> TokenStream {
    let attrs = &item.attrs;
    let vis = &item.vis;
    let (ident, ty) = match &shape {
        Shape::Static { ident, ty } => (*ident, *ty),
        Shape::Fn { sig, ty, .. } => (&sig.ident, *ty),
    };
    let label = ident.to_string();
    let label = label.strip_prefix("r#").unwrap_or(&label);
    let cell = match shape {
        Shape::Fn { .. } => quote!(__SECRETGUARD_CELL),
        Shape::Static { .. } => quote!(#ident),
    };
    let load = load(
        Macro::JwtSecret,
        spec,
        label,
        private,
        ident.span(),
        Some(&cell),
    );
    // errors about the loaded type belong to the user's type, not to us
    let (cell_type, load) = match spec.refresh {
        Some((secs, _)) => {
            let site = site_tokens(private, ident.span());
            // each refreshing static keeps what a thread last read in its own thread-local
            let load = quote_spanned! {ty.span()=>
                {
                    #private::thread_local! {
                        static __SECRETGUARD_THREAD: #private::ThreadCache<#ty> =
                            const { #private::ThreadCache::new() };
                    }
                    #private::RefreshingSecret::<#ty>::new(
                        #label, #site, #secs, || #load, &__SECRETGUARD_THREAD,
                    )
                }
            };
            (quote!(#private::RefreshingSecret<#ty>), load)
        }
        None => {
            let load = quote_spanned! {ty.span()=>
                #private::LazySecret::<#ty>::new(|| #load)
            };
            (quote!(#private::LazySecret<#ty>), load)
        }
    };
    match shape {
        Shape::Fn { sig, by_ref, .. } => {
            let value = if by_ref {
                quote!(&*__SECRETGUARD_CELL)
            } else if spec.refresh.is_some() {
                quote_spanned!(ty.span()=> #private::clone_secret::<#ty>(&*__SECRETGUARD_CELL.current()))
            } else {
                quote_spanned!(ty.span()=> #private::clone_secret::<#ty>(&*__SECRETGUARD_CELL))
            };
            quote! {
                #(#attrs)*
                #vis #sig {
                    static __SECRETGUARD_CELL: #cell_type = #load;
                    #value
                }
            }
        }
        Shape::Static { .. } => quote! {
            #(#attrs)*
            #vis static #ident: #cell_type = #load;
        },
    }
}

/// A `Site` of the declaration, for the report of a refresh whose loader panicked.
fn site_tokens(private: &TokenStream, site: Span) -> TokenStream {
    quote_spanned! {site=>
        #private::Site { file: ::core::file!(), line: ::core::line!(), column: ::core::column!() }
    }
}

/// One `#private::Source`, its reference already in parts.
fn source(source: &Source, private: &TokenStream) -> TokenStream {
    let some = |value: &Option<String>| match value {
        Some(value) => quote!(#private::Some(#value)),
        None => quote!(#private::None),
    };
    match source {
        Source::Env(name) => quote!(#private::Source::Env(#name)),
        Source::File(path) => quote!(#private::Source::File(#path)),
        Source::Vault {
            path,
            version,
            field,
        } => {
            let version = match version {
                Some(n) => quote!(#private::Some(#n)),
                None => quote!(#private::None),
            };
            let field = some(field);
            quote! {
                #private::Source::Vault(#private::VaultRef { path: #path, version: #version, field: #field })
            }
        }
        Source::Aws {
            id,
            stage,
            json_key,
        } => {
            let (stage, json_key) = (some(stage), some(json_key));
            quote! {
                #private::Source::Aws(#private::AwsSecretRef { id: #id, stage: #stage, json_key: #json_key })
            }
        }
        Source::Kms {
            variable,
            key_id,
            context,
        } => {
            let key_id = some(key_id);
            let (keys, values): (Vec<_>, Vec<_>) = context.iter().cloned().unzip();
            quote! {
                #private::Source::Kms(#private::KmsSource {
                    variable: #variable,
                    key_id: #key_id,
                    context: &[#((#keys, #values)),*],
                })
            }
        }
    }
}

/// The secret's registry entry (a `static` the linker gathers for
/// `preflight`), then the one call that loads it from that entry's spec.
/// `item` is the `#[jwt_secret]` cell that `preflight` fills.
fn load(
    mac: Macro,
    spec: &Spec,
    label: &str,
    private: &TokenStream,
    site: Span,
    item: Option<&TokenStream>,
) -> TokenStream {
    let described = spec_tokens(spec, label, private, site);
    let optional = spec.optional.is_some();
    let entry = match item {
        Some(cell) => {
            let cell_type = match spec.refresh {
                Some(_) => quote!(RefreshingSecret),
                None => quote!(LazySecret),
            };
            quote! {
                #private::Registered::item(#described, #optional, || #private::#cell_type::preflight(&#cell))
            }
        }
        None => quote!(#private::Registered::site(#described, #optional)),
    };
    let call = match &spec.previous {
        Some(previous) => {
            let previous_spec = previous_tokens(spec, previous, label, private);
            // a type other than `JwtKeySet` is an error at `previous`
            let call = quote_spanned! {previous.span()=>
                #private::try_load_with_previous(&__SECRETGUARD_SITE.spec, &__SECRETGUARD_PREVIOUS)
            };
            quote! {{
                static __SECRETGUARD_PREVIOUS: #private::PreviousSpec = #previous_spec;
                #call
            }}
        }
        None => {
            let loader = loader_fn(mac, spec);
            quote!(#private::#loader(&__SECRETGUARD_SITE.spec))
        }
    };
    let value = match spec.alg {
        // `alg` must fit the loaded type: a compile-time check on the value
        Some((_, span)) => {
            let check = quote_spanned!(span=> #private::check_alg(&__secretguard_value););
            quote! {
                let __secretguard_value = #call;
                #check
                __secretguard_value
            }
        }
        None => call,
    };
    quote! {{
        #[#private::linkme::distributed_slice(#private::SECRETS)]
        #[linkme(crate = #private::linkme)]
        static __SECRETGUARD_SITE: #private::Registered = #entry;
        #value
    }}
}

/// The runtime `PreviousSpec` of a key set: `previous = "…"` as its source;
/// bare `previous` as, for each source of the chain, where that store keeps
/// the version before (`check` refused the sources that keep none).
fn previous_tokens(
    spec: &Spec,
    previous: &PreviousOpt,
    label: &str,
    private: &TokenStream,
) -> TokenStream {
    let label = format!("{label} (previous key)");
    let from = match previous {
        PreviousOpt::Named(_, named) => {
            let named = source(named, private);
            quote!(#private::Previous::Named(#named))
        }
        PreviousOpt::Stored(_) => {
            let stored = spec.sources.iter().map(|s| stored(&s.source, private));
            quote!(#private::Previous::Stored(&[#(#stored),*]))
        }
    };
    quote!(#private::PreviousSpec { label: #label, from: #from })
}

/// Where the store of `current` keeps the version before it.
fn stored(current: &Source, private: &TokenStream) -> TokenStream {
    let before = match current {
        Source::Env(name) => Source::Env(format!("{name}_PREVIOUS")),
        Source::Vault {
            path,
            version: None,
            field,
        } => {
            let field = match field {
                Some(field) => quote!(#private::Some(#field)),
                None => quote!(#private::None),
            };
            return quote! {
                #private::Stored::VaultVersionBefore(#private::VaultRef { path: #path, version: #private::None, field: #field })
            };
        }
        Source::Vault {
            version: Some(1), ..
        } => return quote!(#private::Stored::Nothing),
        Source::Vault {
            path,
            version: Some(n),
            field,
        } => Source::Vault {
            path: path.clone(),
            version: Some(n - 1),
            field: field.clone(),
        },
        Source::Aws { id, json_key, .. } => Source::Aws {
            id: id.clone(),
            stage: Some("AWSPREVIOUS".to_owned()),
            json_key: json_key.clone(),
        },
        Source::Kms {
            variable,
            key_id,
            context,
        } => Source::Kms {
            variable: format!("{variable}_PREVIOUS"),
            key_id: key_id.clone(),
            context: context.clone(),
        },
        // refused by `check`: a file keeps no versions
        Source::File(_) => return quote!(#private::Stored::Nothing),
    };
    let before = source(&before, private);
    quote!(#private::Stored::Source(#before))
}

/// The runtime `Spec` of a checked invocation, as a constant expression.
/// `secret!("NAME")`, by far the most common form, uses a shorter constructor:
/// every token here is compiled at every site (`scripts/expansion-cost.sh`).
fn spec_tokens(spec: &Spec, label: &str, private: &TokenStream, site: Span) -> TokenStream {
    // the application's build profile; its `--cfg secretguard_dotenv` opt-in is
    // evaluated in the runtime, so user crates never name that cfg
    let dotenv = quote!(::core::cfg!(debug_assertions));
    let (file, line, column) = (
        quote_spanned!(site=> ::core::file!()),
        quote_spanned!(site=> ::core::line!()),
        quote_spanned!(site=> ::core::column!()),
    );
    // the shorthand labels the report with the variable: only when that is the label
    if let Some(name) = env_shorthand(spec).filter(|name| *name == label) {
        return quote! {
            #private::Spec::env(#name, &[#private::Source::Env(#name)], #dotenv, #file, #line, #column)
        };
    }
    let sources = spec.sources.iter().map(|s| source(&s.source, private));
    let encoding = match spec.encoding.unwrap_or(Encoding::Utf8) {
        Encoding::Utf8 => quote!(Utf8),
        Encoding::Base64 => quote!(Base64),
        Encoding::Base64Url => quote!(Base64Url),
        Encoding::Hex => quote!(Hex),
    };
    let min_len = match spec.min_len {
        Some(n) => {
            let n = n as usize;
            quote!(#private::Some(#n))
        }
        None => quote!(#private::None),
    };
    let alg = match spec.alg {
        Some((alg, _)) => {
            // the runtime's `Algorithm` variants are named as users write them
            let variant = syn::Ident::new(alg.name(), Span::call_site());
            quote!(#private::Some(#private::Algorithm::#variant))
        }
        None => quote!(#private::None),
    };
    quote! {
        #private::Spec {
            label: #label,
            sources: &[#(#sources),*],
            encoding: #private::Encoding::#encoding,
            min_len: #min_len,
            alg: #alg,
            dotenv: #dotenv,
            site: #private::Site { file: #file, line: #line, column: #column },
        }
    }
}

/// The variable of `secret!("NAME")` or `env = "NAME"` with no options.
fn env_shorthand(spec: &Spec) -> Option<&str> {
    match spec.sources.as_slice() {
        [only] if spec.encoding.is_none() && spec.min_len.is_none() && spec.alg.is_none() => {
            match &only.source {
                Source::Env(name) => Some(name),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `load`, `load_optional`, `try_load` or `try_load_optional`.
fn loader_fn(mac: Macro, spec: &Spec) -> TokenStream {
    // `#[jwt_secret]` hands `LazySecret` a fallible loader: it reports, and
    // retries, a failed load on every access
    let fallible = matches!(mac, Macro::TrySecret | Macro::JwtSecret);
    let name = match (fallible, spec.optional.is_some()) {
        (false, false) => "load",
        (false, true) => "load_optional",
        (true, false) => "try_load",
        (true, true) => "try_load_optional",
    };
    // an `Option` mismatch points at `optional` (or its absence, the call)
    let span = spec.optional.unwrap_or_else(Span::call_site);
    let ident = syn::Ident::new(name, span);
    quote!(#ident)
}
