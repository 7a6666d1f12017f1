//! A finding's identity across runs: the rule, the file, where it sits by
//! name (enclosing items and binding, or key path) and which occurrence of
//! those it is — never its line, never its value.
//!
//! Used as SARIF's `partialFingerprints["secretguard/v1"]` and as the key
//! `--baseline` matches on. The value is left out on purpose: a hash of a
//! secret lets anyone holding the report confirm a guess of it.

use proc_macro2::LineColumn;
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};

use crate::FileFinding;

/// The key under `partialFingerprints`; the `v1` changes if the recipe does.
pub const FINGERPRINT_KEY: &str = "secretguard/v1";

/// Fills in each finding's `fingerprint` from its `contexts` entry (same
/// order): FNV-1a (128 bits) of rule id, path, context and the occurrence
/// index among the file's findings with the same rule and context, in
/// source order. So moving code up or down keeps every fingerprint; adding
/// a second finding of the same rule in the same place renumbers the later one.
pub(crate) fn assign(findings: &mut [FileFinding], contexts: &[String]) {
    let mut seen: Vec<(&'static str, &str)> = Vec::with_capacity(findings.len());
    for (finding, context) in findings.iter_mut().zip(contexts) {
        let id = finding.id();
        let index = seen
            .iter()
            .filter(|&&s| s == (id, context.as_str()))
            .count();
        seen.push((id, context));
        let path = finding.path.replace('\\', "/");
        let input = format!("{FINGERPRINT_KEY}\0{id}\0{path}\0{context}\0{index}");
        finding.fingerprint = format!("{:032x}", fnv1a_128(input.as_bytes()));
    }
}

/// FNV-1a, 128-bit: stable across platforms and Rust releases (the standard
/// library's hasher is not), no dependency, and its input is never secret.
fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013b;
    bytes
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u128::from(b)).wrapping_mul(PRIME))
}

/// One part of a context path, or `?` when the name itself looks like a
/// credential (a JSON key that is a token): it is hashed into the
/// fingerprint, which must not confirm a guess of a secret either.
pub(crate) fn part(name: &str) -> &str {
    if secretguard_scan::check_reference(name).is_some() {
        "?"
    } else {
        name
    }
}

/// For each position (1-based line, 0-based column, as proc-macro2 counts),
/// the names that enclose it in `file`, outermost first and joined by `::`:
/// modules, impls, traits, functions, consts and statics, then the `let`,
/// field or assignment target the literal is bound to.
pub(crate) fn rust_contexts(file: &syn::File, positions: &[LineColumn]) -> Vec<String> {
    let mut scopes = Scopes {
        targets: positions,
        stack: Vec::new(),
        found: vec![Vec::new(); positions.len()],
    };
    scopes.visit_file(file);
    scopes
        .found
        .into_iter()
        .map(|names| names.join("::"))
        .collect()
}

struct Scopes<'a> {
    targets: &'a [LineColumn],
    stack: Vec<String>,
    found: Vec<Vec<String>>,
}

impl Scopes<'_> {
    /// Enters a node named `name` spanning `span`, when it holds a target;
    /// the caller walks inside and then calls [`Scopes::leave`].
    fn enter(&mut self, span: proc_macro2::Span, name: String) -> bool {
        let (start, end) = (span.start(), span.end());
        let key = |p: LineColumn| (p.line, p.column);
        let inside: Vec<usize> = (0..self.targets.len())
            .filter(|&i| {
                let t = key(self.targets[i]);
                key(start) <= t && t < key(end)
            })
            .collect();
        if inside.is_empty() {
            return false;
        }
        self.stack.push(part(&name).to_owned());
        for i in inside {
            // visited outside in, so the innermost node writes last
            self.found[i].clone_from(&self.stack);
        }
        true
    }

    fn leave(&mut self) {
        self.stack.pop();
    }
}

/// `Config<T>` for a type, without the spaces the token printer puts in.
fn compact(tokens: &impl ToTokens) -> String {
    tokens.to_token_stream().to_string().replace(' ', "")
}

macro_rules! scoped {
    ($self:ident, $node:ident, $name:expr, $walk:path) => {
        if $self.enter($node.span(), $name) {
            $walk($self, $node);
            $self.leave();
        }
    };
}

impl<'ast> Visit<'ast> for Scopes<'_> {
    fn visit_item_fn(&mut self, i: &'ast syn::ItemFn) {
        scoped!(self, i, i.sig.ident.to_string(), visit::visit_item_fn);
    }

    fn visit_item_mod(&mut self, i: &'ast syn::ItemMod) {
        scoped!(self, i, i.ident.to_string(), visit::visit_item_mod);
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let name = match &i.trait_ {
            Some((_, path, _)) => format!("<{} as {}>", compact(&i.self_ty), compact(path)),
            None => compact(&i.self_ty),
        };
        scoped!(self, i, name, visit::visit_item_impl);
    }

    fn visit_item_trait(&mut self, i: &'ast syn::ItemTrait) {
        scoped!(self, i, i.ident.to_string(), visit::visit_item_trait);
    }

    fn visit_item_const(&mut self, i: &'ast syn::ItemConst) {
        scoped!(self, i, i.ident.to_string(), visit::visit_item_const);
    }

    fn visit_item_static(&mut self, i: &'ast syn::ItemStatic) {
        scoped!(self, i, i.ident.to_string(), visit::visit_item_static);
    }

    fn visit_item_macro(&mut self, i: &'ast syn::ItemMacro) {
        let name = i
            .ident
            .as_ref()
            .map_or_else(|| compact(&i.mac.path) + "!", |ident| ident.to_string());
        scoped!(self, i, name, visit::visit_item_macro);
    }

    fn visit_impl_item_fn(&mut self, i: &'ast syn::ImplItemFn) {
        scoped!(self, i, i.sig.ident.to_string(), visit::visit_impl_item_fn);
    }

    fn visit_impl_item_const(&mut self, i: &'ast syn::ImplItemConst) {
        scoped!(self, i, i.ident.to_string(), visit::visit_impl_item_const);
    }

    fn visit_trait_item_fn(&mut self, i: &'ast syn::TraitItemFn) {
        scoped!(self, i, i.sig.ident.to_string(), visit::visit_trait_item_fn);
    }

    fn visit_trait_item_const(&mut self, i: &'ast syn::TraitItemConst) {
        scoped!(self, i, i.ident.to_string(), visit::visit_trait_item_const);
    }

    fn visit_local(&mut self, i: &'ast syn::Local) {
        match pat_name(&i.pat) {
            Some(name) => scoped!(self, i, name, visit::visit_local),
            None => visit::visit_local(self, i),
        }
    }

    fn visit_field_value(&mut self, i: &'ast syn::FieldValue) {
        match &i.member {
            syn::Member::Named(name) => {
                scoped!(self, i, name.to_string(), visit::visit_field_value)
            }
            syn::Member::Unnamed(_) => visit::visit_field_value(self, i),
        }
    }

    fn visit_expr_assign(&mut self, i: &'ast syn::ExprAssign) {
        let name = match &*i.left {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            syn::Expr::Field(syn::ExprField {
                member: syn::Member::Named(name),
                ..
            }) => Some(name.to_string()),
            _ => None,
        };
        match name {
            Some(name) => scoped!(self, i, name, visit::visit_expr_assign),
            None => visit::visit_expr_assign(self, i),
        }
    }
}

/// The name a pattern binds: `x`, `mut x`, `x: T`.
fn pat_name(pat: &syn::Pat) -> Option<String> {
    match pat {
        syn::Pat::Ident(i) => Some(i.ident.to_string()),
        syn::Pat::Type(t) => pat_name(&t.pat),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contexts(src: &str, at: &[(usize, usize)]) -> Vec<String> {
        let file = syn::parse_file(src).unwrap();
        let positions: Vec<LineColumn> = at
            .iter()
            .map(|&(line, column)| LineColumn { line, column })
            .collect();
        rust_contexts(&file, &positions)
    }

    #[test]
    fn names_enclose_the_position_innermost_last() {
        let src = "mod auth {\n    impl Config {\n        fn new() {\n            let db_password = \"x\";\n        }\n    }\n}\nconst TOKEN: &str = \"y\";\nfn f() { z(\"w\"); }\n";
        assert_eq!(
            contexts(src, &[(4, 30), (8, 20), (9, 11), (20, 0)]),
            ["auth::Config::new::db_password", "TOKEN", "f", ""]
        );
    }

    #[test]
    fn a_trait_impl_is_named_after_both() {
        let src = "impl Default for Config { fn default() -> Self { Self { api_key: \"k\" } } }";
        let column = src.find("\"k\"").unwrap();
        assert_eq!(
            contexts(src, &[(1, column)]),
            ["<Config as Default>::default::api_key"]
        );
    }

    #[test]
    fn fnv_is_the_published_function() {
        // FNV-1a 128 of the empty string is its offset basis; of "a", the published vector
        assert_eq!(fnv1a_128(b""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }

    #[test]
    fn a_name_that_is_a_credential_is_not_kept() {
        assert_eq!(part("JWT_SECRET"), "JWT_SECRET");
        assert_eq!(part("AKIAIOSFODNN7EXAMPLE"), "?");
    }
}
