//! Finds the string literals of Rust code and the context each sits in, and
//! runs the engine over them (feature `syn`). Shared by `#[deny_hardcoded_secrets]`
//! and `secretguard check`.
//!
//! ```
//! use secretguard_scan::walk::walk_file;
//! use secretguard_scan::Rule;
//!
//! let file = syn::parse_file(r#"
//!     fn connect() {
//!         let db_password = "hunter22";
//!         let greeting = "hello, world";
//!     }
//! "#).unwrap();
//! let report = walk_file(&file);
//! assert_eq!(report.hits.len(), 1);
//! assert_eq!(report.hits[0].finding.rule, Rule::SecretBinding);
//! ```

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Lit};

use crate::{Context, Finding, is_key_constructor, scan_embed, scan_literal};

/// The attribute that exempts one item, statement or expression.
pub const ALLOW_ATTRIBUTE: &str = "allow_hardcoded_secret";

/// One finding at one place.
#[derive(Clone, Debug)]
pub struct Hit {
    /// What was found, and why.
    pub finding: Finding,
    /// Where: the literal (or the embedding macro call).
    pub span: Span,
}

/// An `#[allow_hardcoded_secret]` whose `reason = "…"` is missing or empty.
#[derive(Clone)]
pub struct BadAllow {
    /// The attribute, for a diagnostic that spans all of it.
    pub attribute: Attribute,
    /// What is wrong with it.
    pub message: &'static str,
}

impl std::fmt::Debug for BadAllow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BadAllow")
            .field("span", &self.span())
            .field("message", &self.message)
            .finish()
    }
}

impl BadAllow {
    /// Where the attribute starts.
    pub fn span(&self) -> Span {
        self.attribute.pound_token.span
    }
}

/// Everything one walk found.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Hardcoded secrets, in source order.
    pub hits: Vec<Hit>,
    /// Allow attributes without a reason (they still exempt what they cover).
    pub bad_allows: Vec<BadAllow>,
}

/// Walks a whole file.
pub fn walk_file(file: &syn::File) -> Report {
    let mut walker = Walker::default();
    walker.visit_file(file);
    walker.report
}

/// Walks one item (a fn, an impl, a module).
pub fn walk_item(item: &syn::Item) -> Report {
    let mut walker = Walker::default();
    walker.visit_item(item);
    walker.report
}

/// Whether `attr` is `#[allow_hardcoded_secret(..)]` (under any path).
pub fn is_allow_attribute(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == ALLOW_ATTRIBUTE)
}

/// Checks an allow attribute's `reason = "…"`; `None` when it is good.
pub fn check_allow(attr: &Attribute) -> Option<BadAllow> {
    let bad = |message| {
        Some(BadAllow {
            attribute: attr.clone(),
            message,
        })
    };
    let syn::Meta::List(list) = &attr.meta else {
        return bad(
            "`allow_hardcoded_secret` needs a reason: `#[allow_hardcoded_secret(reason = \"…\")]`",
        );
    };
    let parsed = list.parse_args_with(
        syn::punctuated::Punctuated::<syn::MetaNameValue, syn::Token![,]>::parse_terminated,
    );
    let Ok(pairs) = parsed else {
        return bad("expected `reason = \"…\"` in `allow_hardcoded_secret`");
    };
    let reason = pairs.iter().find(|p| p.path.is_ident("reason"));
    match reason.map(|p| &p.value) {
        Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        })) if !s.value().trim().is_empty() => None,
        Some(_) => bad("the reason of `allow_hardcoded_secret` must be a non-empty string"),
        None => bad(
            "`allow_hardcoded_secret` needs a reason: `#[allow_hardcoded_secret(reason = \"…\")]`",
        ),
    }
}

#[derive(Default)]
struct Walker {
    report: Report,
}

impl Walker {
    /// True (and the allow checked) when `attrs` exempt what they sit on.
    fn allowed(&mut self, attrs: &[Attribute]) -> bool {
        let Some(attr) = attrs.iter().find(|a| is_allow_attribute(a)) else {
            return false;
        };
        if let Some(bad) = check_allow(attr) {
            self.report.bad_allows.push(bad);
        }
        true
    }

    fn scan(&mut self, value: &str, span: Span, context: &Context<'_>) {
        if let Some(finding) = scan_literal(value, context) {
            self.report.hits.push(Hit { finding, span });
        }
    }

    /// Scans `expr` in `context` if it is a literal (possibly converted), else walks it.
    fn scan_in(&mut self, expr: &Expr, context: &Context<'_>) {
        if expr_attrs(expr).is_some_and(|attrs| self.allowed(attrs)) {
            return;
        }
        match literal_of(expr) {
            Some((value, span)) => self.scan(&value, span, context),
            None => self.visit_expr(expr),
        }
    }

    /// `env::var("X").unwrap_or("…")` and friends; everything else walks on.
    fn method_call(&mut self, call: &syn::ExprMethodCall) {
        let method = call.method.to_string();
        let fallback = matches!(
            method.as_str(),
            "unwrap_or" | "unwrap_or_else" | "or" | "or_else"
        );
        match (fallback, env_var_read(&call.receiver)) {
            (true, Some(var)) => {
                self.visit_expr(&call.receiver);
                for arg in &call.args {
                    self.scan_in(arg, &Context::EnvFallback(var.as_deref()));
                }
            }
            _ => visit::visit_expr_method_call(self, call),
        }
    }
}

impl<'ast> Visit<'ast> for Walker {
    /// Attribute arguments are not code: doc comments (`#[doc = "…"]`) hold
    /// the documentation's example keys, which would otherwise dominate the
    /// findings of any well-documented crate.
    fn visit_attribute(&mut self, _: &'ast Attribute) {}

    fn visit_item(&mut self, item: &'ast syn::Item) {
        if item_attrs(item).is_some_and(|attrs| self.allowed(attrs)) {
            return;
        }
        match item {
            syn::Item::Const(c) => self.scan_in(&c.expr, &Context::Binding(&c.ident.to_string())),
            syn::Item::Static(s) => self.scan_in(&s.expr, &Context::Binding(&s.ident.to_string())),
            _ => visit::visit_item(self, item),
        }
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        let attrs = match item {
            syn::ImplItem::Const(c) => &c.attrs,
            syn::ImplItem::Fn(f) => &f.attrs,
            syn::ImplItem::Type(t) => &t.attrs,
            syn::ImplItem::Macro(m) => &m.attrs,
            _ => return visit::visit_impl_item(self, item),
        };
        if self.allowed(attrs) {
            return;
        }
        match item {
            syn::ImplItem::Const(c) => {
                self.scan_in(&c.expr, &Context::Binding(&c.ident.to_string()))
            }
            _ => visit::visit_impl_item(self, item),
        }
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        if let syn::TraitItem::Const(c) = item {
            if self.allowed(&c.attrs) {
                return;
            }
            if let Some((_, expr)) = &c.default {
                return self.scan_in(expr, &Context::Binding(&c.ident.to_string()));
            }
        }
        if let syn::TraitItem::Fn(f) = item
            && self.allowed(&f.attrs)
        {
            return;
        }
        visit::visit_trait_item(self, item);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if self.allowed(&local.attrs) {
            return;
        }
        let Some(init) = &local.init else {
            return;
        };
        match pat_name(&local.pat) {
            Some(name) => self.scan_in(&init.expr, &Context::Binding(&name)),
            None => self.visit_expr(&init.expr),
        }
        if let Some((_, diverge)) = &init.diverge {
            self.visit_expr(diverge);
        }
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        if !self.allowed(&m.attrs) {
            self.visit_macro(&m.mac);
        }
    }

    fn visit_field_value(&mut self, field: &'ast syn::FieldValue) {
        if self.allowed(&field.attrs) {
            return;
        }
        match &field.member {
            syn::Member::Named(name) => {
                self.scan_in(&field.expr, &Context::Binding(&name.to_string()))
            }
            syn::Member::Unnamed(_) => self.visit_expr(&field.expr),
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let Some(name) = mac.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        // `env!("JWT_SECRET")`, `include_bytes!("key.pem")`: the first argument names the secret
        let first: Option<syn::LitStr> = mac
            .parse_body_with(|input: syn::parse::ParseStream| {
                let lit: syn::LitStr = input.parse()?;
                let _: proc_macro2::TokenStream = input.parse()?;
                Ok(lit)
            })
            .ok();
        if let Some(lit) = first
            && let Some(finding) = scan_embed(&name, &lit.value())
        {
            self.report.hits.push(Hit {
                finding,
                span: mac.path.span(),
            });
        }
    }

    fn visit_expr(&mut self, expr: &'ast Expr) {
        if expr_attrs(expr).is_some_and(|attrs| self.allowed(attrs)) {
            return;
        }
        match expr {
            Expr::Lit(lit) => {
                if let Some((value, span)) = lit_text(&lit.lit) {
                    self.scan(&value, span, &Context::Plain);
                }
            }
            Expr::Call(call) => {
                let callee = callee_path(&call.func);
                if is_key_constructor(&callee) {
                    let shown = callee.join("::");
                    for arg in &call.args {
                        self.scan_in(arg, &Context::KeyConstructor(&shown));
                    }
                } else {
                    visit::visit_expr_call(self, call);
                }
            }
            Expr::MethodCall(call) => self.method_call(call),
            Expr::Assign(assign) => match target_name(&assign.left) {
                Some(name) => self.scan_in(&assign.right, &Context::Binding(&name)),
                None => visit::visit_expr_assign(self, assign),
            },
            _ => visit::visit_expr(self, expr),
        }
    }
}

/// `Some(name)` of the variable when `expr` reads one: `env::var("X")`,
/// `std::env::var_os("X")`, possibly behind `.ok()` or `.map(..)`; `Some(None)`
/// when the name is not a literal.
fn env_var_read(expr: &Expr) -> Option<Option<String>> {
    match expr {
        Expr::Call(call) => {
            let path = callee_path(&call.func);
            let last = path.last()?;
            let is_env = (last == "var" || last == "var_os")
                && (path.len() == 1
                    || path
                        .iter()
                        .rev()
                        .nth(1)
                        .is_some_and(|s| s == "env" || s == "dotenvy"));
            is_env.then(|| call.args.first().and_then(literal_of).map(|(v, _)| v))
        }
        Expr::MethodCall(m)
            if matches!(
                m.method.to_string().as_str(),
                "ok" | "map" | "map_err" | "and_then"
            ) =>
        {
            env_var_read(&m.receiver)
        }
        Expr::Paren(p) => env_var_read(&p.expr),
        _ => None,
    }
}

/// The text of a string-ish literal and its span.
fn lit_text(lit: &Lit) -> Option<(String, Span)> {
    match lit {
        Lit::Str(s) => Some((s.value(), s.span())),
        Lit::ByteStr(b) => Some((String::from_utf8_lossy(&b.value()).into_owned(), b.span())),
        Lit::CStr(c) => Some((c.value().to_string_lossy().into_owned(), c.span())),
        _ => None,
    }
}

/// A literal behind the conversions a secret goes through on its way into a
/// binding or key: `&`, `.as_bytes()`, `.into()`, `.to_string()`,
/// `String::from(..)`, a closure or block returning it.
fn literal_of(expr: &Expr) -> Option<(String, Span)> {
    match expr {
        Expr::Lit(lit) => lit_text(&lit.lit),
        Expr::Reference(r) => literal_of(&r.expr),
        Expr::Paren(p) => literal_of(&p.expr),
        Expr::Group(g) => literal_of(&g.expr),
        Expr::MethodCall(m)
            if m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "as_bytes"
                        | "as_ref"
                        | "into"
                        | "to_string"
                        | "to_owned"
                        | "to_vec"
                        | "as_str"
                        | "into_bytes"
                ) =>
        {
            literal_of(&m.receiver)
        }
        Expr::Call(c)
            if c.args.len() == 1
                && callee_path(&c.func)
                    .last()
                    .is_some_and(|s| s == "from" || s == "new") =>
        {
            c.args.first().and_then(literal_of)
        }
        Expr::Closure(c) => literal_of(&c.body),
        Expr::Block(b) => match b.block.stmts.as_slice() {
            [syn::Stmt::Expr(e, None)] => literal_of(e),
            _ => None,
        },
        _ => None,
    }
}

/// `EncodingKey::from_secret` → `["EncodingKey", "from_secret"]` (generics dropped).
fn callee_path(func: &Expr) -> Vec<String> {
    match func {
        Expr::Path(p) => p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect(),
        _ => Vec::new(),
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

/// The name an assignment writes: `password = …`, `self.password = …`, `CONFIG.token = …`.
fn target_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        Expr::Field(f) => match &f.member {
            syn::Member::Named(name) => Some(name.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    }
}

fn item_attrs(item: &syn::Item) -> Option<&[Attribute]> {
    use syn::Item;
    Some(match item {
        Item::Const(i) => &i.attrs,
        Item::Enum(i) => &i.attrs,
        Item::Fn(i) => &i.attrs,
        Item::Impl(i) => &i.attrs,
        Item::Mod(i) => &i.attrs,
        Item::Static(i) => &i.attrs,
        Item::Struct(i) => &i.attrs,
        Item::Trait(i) => &i.attrs,
        Item::Macro(i) => &i.attrs,
        _ => return None,
    })
}

/// The outer attributes of an expression (`#[allow_hardcoded_secret(..)] "…"`).
pub fn expr_attrs(expr: &Expr) -> Option<&[Attribute]> {
    Some(match expr {
        Expr::Lit(e) => &e.attrs,
        Expr::Call(e) => &e.attrs,
        Expr::MethodCall(e) => &e.attrs,
        Expr::Reference(e) => &e.attrs,
        Expr::Struct(e) => &e.attrs,
        Expr::Macro(e) => &e.attrs,
        Expr::Block(e) => &e.attrs,
        Expr::Array(e) => &e.attrs,
        Expr::Tuple(e) => &e.attrs,
        Expr::Assign(e) => &e.attrs,
        Expr::Closure(e) => &e.attrs,
        Expr::Paren(e) => &e.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rule;

    fn rules(src: &str) -> Vec<Rule> {
        let file = syn::parse_file(src).expect("test source parses");
        walk_file(&file)
            .hits
            .iter()
            .map(|h| h.finding.rule)
            .collect()
    }

    #[test]
    fn contexts_are_recognised() {
        assert_eq!(
            rules(r#"fn f() { let api_key = "k3y-for-prod"; }"#),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(r#"const DB_PASSWORD: &str = "hunter22";"#),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(r#"fn f() { let c = Config { password: "hunter22".into() }; }"#),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(r#"fn f() { self.token = String::from("abc123def"); }"#),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(r#"fn f() { let k = EncodingKey::from_secret(b"secret"); }"#),
            [Rule::KeyConstructor]
        );
        assert_eq!(
            rules(r#"fn f() { let k = Hmac::<Sha256>::new_from_slice("dev".as_bytes()); }"#),
            [Rule::KeyConstructor]
        );
        assert_eq!(
            rules(
                r#"fn f() { let s = std::env::var("JWT_SECRET").unwrap_or_else(|_| "dev-secret".into()); }"#
            ),
            [Rule::EnvFallback]
        );
        assert_eq!(
            rules(r#"fn f() { let p = env::var("PORT").unwrap_or("8080".into()); }"#),
            []
        );
        assert_eq!(
            rules(r#"const K: &str = env!("JWT_SECRET");"#),
            [Rule::BuildTimeEmbed]
        );
        assert_eq!(
            rules(r#"static K: &[u8] = include_bytes!("../keys/jwt.pem");"#),
            [Rule::BuildTimeEmbed]
        );
        assert_eq!(rules(r#"static V: &str = env!("CARGO_PKG_VERSION");"#), []);
    }

    #[test]
    fn names_paths_and_prose_are_not_secrets() {
        assert_eq!(
            rules(
                r#"fn f() { let jwt_secret_env = "JWT_SECRET"; let password_prompt = "Enter password:"; }"#
            ),
            []
        );
        assert_eq!(
            rules(r#"fn f() { let token = "<your-token-here>"; let secret = "${SECRET}"; }"#),
            []
        );
        assert_eq!(
            rules(r#"fn f() { log::warn!("invalid password for {}", user); }"#),
            []
        );
    }

    #[test]
    fn doc_comments_are_documentation_not_code() {
        assert_eq!(rules("/// e.g. `AKIAU29PC7ZL4HT2DTCB`\nfn f() {}"), []);
    }

    #[test]
    fn allow_exempts_with_a_reason_and_complains_without() {
        let src = r#"
            #[allow_hardcoded_secret(reason = "public test vector from RFC 4231")]
            const TEST_KEY: &str = "Jefe-for-hmac-test";
            fn f() {
                #[allow_hardcoded_secret]
                let password = "hunter22";
            }
        "#;
        let report = walk_file(&syn::parse_file(src).unwrap());
        assert!(report.hits.is_empty(), "{:?}", report.hits);
        assert_eq!(report.bad_allows.len(), 1);
    }
}
