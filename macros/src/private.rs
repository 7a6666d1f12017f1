//! The one path through which generated code reaches the runtime, on every
//! output — accepted, rejected, or unparsable — so a renamed dependency never
//! adds a "cannot find `secretguard`" error to the user's one mistake.

use std::path::Path;
use std::sync::{Mutex, PoisonError};

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
///
/// proc-macro-crate runs `cargo locate-project` once per compiler process
/// (about 25 ms of every `cargo check`), so a manifest that plainly depends on
/// `secretguard` under that name is answered from its own text; only a
/// manifest that renames it, or inherits it from the workspace, asks cargo.
fn facade_name() -> String {
    static LAST: Mutex<Option<(String, String)>> = Mutex::new(None);
    let Ok(dir) = std::env::var("CARGO_MANIFEST_DIR") else {
        return name_from(None);
    };
    // a proc-macro server (rust-analyzer) expands for many crates in one process
    let mut last = LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((seen, name)) = last.as_ref()
        && *seen == dir
    {
        return name.clone();
    }
    let manifest = std::fs::read_to_string(Path::new(&dir).join("Cargo.toml")).unwrap_or_default();
    let name = if depends_by_its_own_name(&manifest) {
        "secretguard".to_owned()
    } else {
        name_from(proc_macro_crate::crate_name("secretguard").ok())
    };
    *last = Some((dir, name.clone()));
    name
}

/// A manifest with a dependency keyed `secretguard` and no `package =
/// "secretguard"` anywhere: the facade goes by its own name. (Every rename
/// says `package = "secretguard"`, in this manifest or the workspace's.)
fn depends_by_its_own_name(manifest: &str) -> bool {
    let mut keyed = false;
    for line in manifest.lines().map(str::trim) {
        let names_us = line.contains("\"secretguard\"") || line.contains("'secretguard'");
        if line.contains("package") && names_us {
            return false;
        }
        let key = line.trim_start_matches('[');
        let key = key.rsplit_once("dependencies.").map_or(key, |(_, k)| k);
        keyed |= key
            .strip_prefix("secretguard")
            .is_some_and(|rest| rest.trim_start().starts_with(['=', '.', ']']));
    }
    keyed
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
    fn a_plain_dependency_is_read_from_the_manifest_and_a_rename_is_not() {
        let plain = "[package]\nname = \"app\"\n\n[dependencies]\nsecretguard = \"0.1\"\n";
        assert!(depends_by_its_own_name(plain));
        let table = "[dependencies]\nsecretguard = { version = \"0.1\", features = [\"vault\"] }\n";
        assert!(depends_by_its_own_name(table));
        let dotted = "[dependencies]\nsecretguard.workspace = true\n";
        assert!(depends_by_its_own_name(dotted));
        let header = "[dependencies.secretguard]\nversion = \"0.1\"\n";
        assert!(depends_by_its_own_name(header));
        let renamed = "[dependencies]\nsg = { package = \"secretguard\", version = \"0.1\" }\n";
        assert!(!depends_by_its_own_name(renamed));
        let renamed_table = "[dependencies.sg]\npackage = 'secretguard'\n";
        assert!(!depends_by_its_own_name(renamed_table));
        let both = format!("{plain}\n[dev-dependencies]\nsg = {{ package = \"secretguard\" }}\n");
        assert!(!depends_by_its_own_name(&both));
        // inherited from the workspace under another name: the member's text cannot tell
        let inherited = "[dependencies]\nsg = { workspace = true }\n";
        assert!(!depends_by_its_own_name(inherited));
        // another crate whose name starts with ours is not ours
        assert!(!depends_by_its_own_name(
            "[dependencies]\nsecretguard-scan = \"0.1\"\n"
        ));
    }

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
