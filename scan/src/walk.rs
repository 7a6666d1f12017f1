//! Finds the string literals of Rust code and the context each sits in, and
//! runs the engine over them (feature `syn`). Shared by `#[deny_hardcoded_secrets]`
//! and `secretguard check`.
//!
//! The contexts: a `let`, const, static, struct field or assignment of a
//! name; an argument of a key constructor; the fallback of an `env::var`
//! read (a closure's or block's last expression included). Beyond the plain
//! forms the walk follows:
//!
//! - macro calls: arguments walked as expressions where they parse (format
//!   strings count only by the known formats between their placeholders),
//!   else their literals, `"key": "value"` giving the value the key's
//!   context; `concat!` of literals and `hex!`/`base64!` arguments scanned
//!   whole in the call's context. In a macro body a literal whose context
//!   does not say secret counts only by a known format;
//! - a `let`, const or static bound to a literal and later given by name to
//!   a key constructor or fallback (the literal reported once, in the
//!   stronger context);
//! - `("admin", "P@ssw0rd")`, `["root", "toor"]` and `("api_key", "…")` pairs;
//! - key bytes (`[u8; N]` literals of 16 or more) in a secret context;
//! - an empty fallback (`unwrap_or_default()`) handed to a key constructor;
//! - clap/structopt `default_value` of a secret-named field or variable,
//!   `#[serde(default = "f")]` of a fn returning a literal, and a
//!   secret-named fn returning one.
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

use std::collections::HashMap;

use proc_macro2::{Delimiter, Spacing, Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Lit, Token};

use crate::names::{CREDENTIAL_CALLS, ENCODING_MACROS, KEY_OWNERS, is_credential_owner};
use crate::{
    Context, Finding, Rule, is_key_constructor, is_secret_name, names::is_account_name, scan_embed,
    scan_known_format, scan_literal,
};

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
    let (fns, consts) = file_literals(&file.items);
    let mut walker = Walker {
        fns,
        consts,
        imports: hash_imports(&file.items),
        params: Params::of(&file.items),
        ..Walker::default()
    };
    walker.visit_file(file);
    walker.report
}

/// Walks one item (a fn, an impl, a module).
pub fn walk_item(item: &syn::Item) -> Report {
    let (fns, consts) = file_literals(std::slice::from_ref(item));
    let mut walker = Walker {
        fns,
        consts,
        ..Walker::default()
    };
    walker.visit_item(item);
    walker.report
}

/// Walks the code commented out in `source` (`// let key = "…";`): each
/// block of plain line comments that parses as statements, else each of
/// its lines that does, walked like a function body (see `comments.rs`).
/// Spans are the file's lines and columns; each hit's reason says where it
/// is. Allow attributes in comments are not reported.
///
/// ```
/// let source = "fn f() {\n    // let api_key = \"k3y-4b9f7e2a\";\n}\n";
/// let report = secretguard_scan::walk::walk_commented_code(source);
/// assert_eq!(report.hits.len(), 1);
/// assert_eq!(report.hits[0].span.start().line, 2);
/// assert!(report.hits[0].finding.reason.ends_with("(in commented-out code)"));
/// ```
pub fn walk_commented_code(source: &str) -> Report {
    let mut report = Report::default();
    let Some(ranges) = crate::prefilter::comment_ranges(source) else {
        return report;
    };
    let (comments, block_comments) = (&ranges.lines, &ranges.blocks);
    // the lexer's offsets are past a byte order mark, as syn's lines are
    let src = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut code_lines = std::collections::HashSet::new();
    let blocks = crate::comments::blocks(src, comments, true)
        .into_iter()
        .chain(crate::comments::block_comments(src, block_comments, true));
    for block in blocks {
        if let Some(hits) = walk_code_text(&block.whole) {
            report.hits.extend(hits);
            code_lines.extend(block.first..=block.last);
            continue;
        }
        for (line, text) in &block.lines {
            if let Some(hits) = walk_code_text(text) {
                report.hits.extend(hits);
                code_lines.insert(*line);
            }
        }
    }
    for hit in &mut report.hits {
        hit.finding.reason.push_str(" (in commented-out code)");
    }
    // the rest is prose (`comments::prose_finding`)
    let prose = |text: &str, line: usize, at: usize| {
        let mut finding = crate::comments::prose_finding(text)?;
        finding.reason.push_str(" (in a comment)");
        let span = span_at(src, line, at)?;
        Some(Hit { finding, span })
    };
    let mut prose_hits = Vec::new();
    for (line, (start, end)) in crate::comments::with_lines(src, comments) {
        if !code_lines.contains(&line) {
            prose_hits.extend(prose(&src[start + 2..end], line, start + 2));
        }
    }
    // a block comment's lines: prose, or where a line was read as code, a
    // `//` comment in it, which the parse skipped (`/* fn main() {
    // // 5613891155:AAE… */`)
    for (line, (start, end)) in crate::comments::with_lines(src, &ranges.prose_blocks) {
        let mut at = start + 2;
        for (i, text) in src[start + 2..end - 2].split('\n').enumerate() {
            if !code_lines.contains(&(line + i)) {
                let indent = text.len() - text.trim_start().len();
                prose_hits.extend(prose(&text[indent..], line + i, at + indent));
            } else if let Some(inner) = crate::prefilter::comment_ranges(text) {
                // (`get`: the lexer's offsets are past a byte order mark)
                for &(s, e) in &inner.lines {
                    if let Some(comment) = text.get(s + 2..e) {
                        prose_hits.extend(prose(comment, line + i, at + s + 2));
                    }
                }
            }
            at += text.len() + 1;
        }
    }
    // a PEM key down a comment's lines, which no line alone holds
    let pem = |line: usize, at: usize| {
        let finding = crate::Finding::new(
            Rule::PemPrivateKey,
            format!(
                "this looks like {} (in a comment)",
                Rule::PemPrivateKey.describe()
            ),
        );
        Some(Hit {
            finding,
            span: span_at(src, line, at)?,
        })
    };
    let line_comments = crate::comments::with_lines(src, comments)
        .filter(|(line, _)| !code_lines.contains(line))
        .map(|(line, (start, end))| (line, start + 2, &src[start + 2..end]));
    for (line, at) in crate::comments::pem_keys(line_comments) {
        prose_hits.extend(pem(line, at));
    }
    for (line, (start, end)) in crate::comments::with_lines(src, &ranges.prose_blocks) {
        let mut at = start + 2;
        let lines = src[start + 2..end - 2]
            .split('\n')
            .enumerate()
            .map(|(i, text)| {
                let here = at;
                at += text.len() + 1;
                (line + i, here, text)
            });
        let lines: Vec<_> = lines.filter(|(l, _, _)| !code_lines.contains(l)).collect();
        for (line, at) in crate::comments::pem_keys(lines.into_iter()) {
            prose_hits.extend(pem(line, at));
        }
    }
    report.hits.extend(prose_hits);
    report
}

/// The prose of the doc comments (`///`, `//!`) of `source`, read as a
/// plain comment's is ([`walk_commented_code`]): an issuer's token, a URL
/// with a real password, a password written out. For a program's files (an
/// example, a binary), whose documentation tells how to run *this* program
/// (`//! ADMIN_PASSWORD=admin`); a library's documents an API, its example
/// credentials made up for the reader, and `check` leaves it unread. Each
/// hit's reason says where it is.
///
/// ```
/// let source = "//! Log in with password: hunter22\nfn main() {}\n";
/// let report = secretguard_scan::walk::walk_doc_comments(source);
/// assert_eq!(report.hits.len(), 1);
/// assert!(report.hits[0].finding.reason.ends_with("(in a doc comment)"));
/// ```
pub fn walk_doc_comments(source: &str) -> Report {
    let mut report = Report::default();
    let Some(docs) = crate::prefilter::doc_comment_ranges(source) else {
        return report;
    };
    let src = source.strip_prefix('\u{feff}').unwrap_or(source);
    let lines = crate::comments::with_lines(src, &docs)
        .map(|(line, (start, end))| (line, start + 3, &src[start + 3..end]));
    for (line, at) in crate::comments::pem_keys(lines) {
        if let Some(span) = span_at(src, line, at) {
            let reason = format!(
                "this looks like {} (in a doc comment)",
                Rule::PemPrivateKey.describe()
            );
            report.hits.push(Hit {
                finding: Finding::new(Rule::PemPrivateKey, reason),
                span,
            });
        }
    }
    for (line, (start, end)) in crate::comments::with_lines(src, &docs) {
        let text = &src[start + 3..end];
        let indent = text.len() - text.trim_start().len();
        if let Some(mut finding) = crate::comments::prose_finding(&text[indent..])
            && let Some(span) = span_at(src, line, start + 3 + indent)
        {
            finding.reason.push_str(" (in a doc comment)");
            report.hits.push(Hit { finding, span });
        }
    }
    report
}

/// A span at byte `at` of `src`, on its line `line`: the place of a
/// finding in a comment, which no parse of the file gives a token.
fn span_at(src: &str, line: usize, at: usize) -> Option<Span> {
    let line_start = src[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = src[line_start..at].chars().count();
    let text = format!("{}{}x", "\n".repeat(line - 1), " ".repeat(column));
    let tokens: TokenStream = text.parse().ok()?;
    tokens.into_iter().next().map(|token| token.span())
}

/// The hits in `text` parsed as a function body's statements; `None` when
/// it does not parse.
fn walk_code_text(text: &str) -> Option<Vec<Hit>> {
    let stmts = syn::parse::Parser::parse_str(syn::Block::parse_within, text).ok()?;
    let items: Vec<syn::Item> = stmts
        .iter()
        .filter_map(|stmt| match stmt {
            syn::Stmt::Item(item) => Some(item.clone()),
            _ => None,
        })
        .collect();
    let (fns, consts) = file_literals(&items);
    let mut walker = Walker {
        fns,
        consts,
        ..Walker::default()
    };
    walker.visit_block(&syn::Block {
        brace_token: syn::token::Brace::default(),
        stmts,
    });
    Some(walker.report.hits)
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

/// How deep macro bodies and token groups are followed: far beyond real
/// code, and short of any stack a hostile macro body could exhaust.
const MAX_DEPTH: usize = 64;

/// A `let` whose initializer is a literal (or key bytes), for a key
/// constructor that later names the binding.
#[derive(Clone)]
struct Bound {
    value: String,
    span: Span,
    /// The hit already reported at this literal, if any.
    hit: Option<usize>,
    /// `let secret = env::var("X").unwrap_or_default()`: not a literal but
    /// an empty fallback (the variable, where), which a key constructor given
    /// `secret` turns into an empty key.
    empty_fallback: Option<(Option<String>, Span)>,
}

/// A literal of the file known by a name: the body of a fn (what
/// `#[serde(default = "…")]` names), a const or a static.
struct Literal {
    value: String,
    span: Span,
    /// The hit already reported at this literal, if any.
    hit: Option<usize>,
    /// A const given to a key constructor: scanned there, not again as itself.
    used: bool,
}

#[derive(Default)]
struct Walker {
    report: Report,
    /// One map per block: `None` where a later `let` shadows with a non-literal.
    scopes: Vec<HashMap<String, Option<Bound>>>,
    /// Fns of the walked file that return a literal (names defined once only).
    fns: HashMap<String, Literal>,
    /// Consts and statics of the walked file bound to a literal (names defined once only).
    consts: HashMap<String, Literal>,
    /// Nesting of macro bodies and token groups being walked.
    depth: usize,
    /// The tables this fn's `for` loops name their columns for (`for (user,
    /// password) in users`): the table's name, the columns' names.
    loops: HashMap<String, Vec<Option<String>>>,
    /// Password-hash fns the file imports (`use bcrypt::{hash, verify}`): the
    /// name a bare call uses, the fn's own name and its module.
    imports: HashMap<String, (String, String)>,
    /// The parameters of the file's own fns, for the literals its calls
    /// give them (`get_seed("password")` of `fn get_seed(password: &str)`).
    params: Params,
}

/// The walked file's fns by how a call reaches them, with their parameters'
/// names where they name a secret: a free fn by its name, an associated fn
/// by its type (or `Self`) and name, a method by its name alone. A key
/// defined twice is ambiguous (`None`).
#[derive(Default)]
struct Params {
    paths: HashMap<(Option<String>, String), Option<Names>>,
    methods: HashMap<String, Option<Names>>,
}

/// A fn's parameters, each by its name where that names a secret.
type Names = Vec<Option<String>>;

impl Params {
    fn of(items: &[syn::Item]) -> Self {
        fn add<K: std::hash::Hash + Eq>(
            map: &mut HashMap<K, Option<Names>>,
            key: K,
            params: Vec<Option<String>>,
        ) {
            map.entry(key)
                .and_modify(|known| *known = None)
                .or_insert(Some(params));
        }
        fn signature(sig: &syn::Signature) -> (bool, Vec<Option<String>>) {
            let receiver = sig.receiver().is_some();
            // (a strength check's candidate is no one's password:
            // `validate_password_strength("Abcdef1!")`, set 40)
            let rates = crate::names::rates_a_password(&sig.ident.to_string());
            let names = sig
                .inputs
                .iter()
                .filter_map(|input| match input {
                    syn::FnArg::Typed(t) => Some(
                        pat_name(&t.pat)
                            .filter(|name| !rates && crate::names::is_secret_parameter(name)),
                    ),
                    syn::FnArg::Receiver(_) => None,
                })
                .collect();
            (receiver, names)
        }
        fn collect(items: &[syn::Item], found: &mut Params) {
            for item in items {
                match item {
                    syn::Item::Fn(f) => {
                        let (_, names) = signature(&f.sig);
                        add(&mut found.paths, (None, f.sig.ident.to_string()), names);
                    }
                    syn::Item::Impl(i) => {
                        let owner = match &*i.self_ty {
                            syn::Type::Path(p) => {
                                p.path.segments.last().map(|s| s.ident.to_string())
                            }
                            _ => None,
                        };
                        for item in &i.items {
                            let syn::ImplItem::Fn(f) = item else { continue };
                            let name = f.sig.ident.to_string();
                            let (receiver, names) = signature(&f.sig);
                            if receiver {
                                add(&mut found.methods, name, names);
                                continue;
                            }
                            if let Some(owner) = &owner {
                                add(
                                    &mut found.paths,
                                    (Some(owner.clone()), name.clone()),
                                    names.clone(),
                                );
                            }
                            add(&mut found.paths, (Some("Self".to_owned()), name), names);
                        }
                    }
                    syn::Item::Mod(m) => {
                        if let Some((_, items)) = &m.content {
                            collect(items, found);
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut found = Params::default();
        collect(items, &mut found);
        found
    }

    /// The secret-named parameters of the fn a call's path names, when one
    /// of them is.
    fn of_path(&self, callee: &[String]) -> Option<&[Option<String>]> {
        let key = match callee {
            [name] => (None, name.clone()),
            [.., owner, name] => (Some(owner.clone()), name.clone()),
            [] => return None,
        };
        Self::named(self.paths.get(&key))
    }

    /// The secret-named parameters of the method a method call names.
    fn of_method(&self, method: &str) -> Option<&[Option<String>]> {
        Self::named(self.methods.get(method))
    }

    fn named(params: Option<&Option<Names>>) -> Option<&[Option<String>]> {
        params?
            .as_deref()
            .filter(|names| names.iter().any(Option::is_some))
    }
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

    /// Scans one literal; the index of the hit when there is one. Inside a
    /// macro body a literal whose context does not say secret counts only
    /// by a known format: assertions, `json!` documents and test tables are
    /// full of encoded test data, public keys, alphabets and paths whose
    /// shape alone says nothing.
    fn scan(&mut self, value: &str, span: Span, context: &Context<'_>) -> Option<usize> {
        let finding = if self.depth > 0 && !says_secret(context) {
            scan_known_format(value)?
        } else {
            scan_literal(value, context)?
        };
        self.report.hits.push(Hit { finding, span });
        Some(self.report.hits.len() - 1)
    }

    /// Scans a literal that may already have a hit (`hit`): a second context
    /// replaces the first finding (a key constructor or fallback is stronger
    /// evidence than a binding's name) instead of reporting the span twice.
    fn rescan(
        &mut self,
        value: &str,
        span: Span,
        context: &Context<'_>,
        hit: Option<usize>,
    ) -> Option<usize> {
        let finding = scan_literal(value, context);
        match (hit, finding) {
            (Some(i), Some(finding)) => {
                self.report.hits[i].finding = finding;
                Some(i)
            }
            (Some(i), None) => Some(i),
            (None, Some(finding)) => {
                self.report.hits.push(Hit { finding, span });
                Some(self.report.hits.len() - 1)
            }
            (None, None) => None,
        }
    }

    /// Scans `expr` in `context` if it is a literal (possibly converted), key
    /// bytes, a literal-producing macro or, for a key constructor or a
    /// fallback, a binding of a literal; else walks it.
    fn scan_in(&mut self, expr: &Expr, context: &Context<'_>) {
        if expr_attrs(expr).is_some_and(|attrs| self.allowed(attrs)) {
            return;
        }
        // `let s = Store::new("…")` of the file's own `fn new(api_token: &str)`:
        // its parameter names the literal, not the binding
        if let Expr::Call(call) = unconverted(expr)
            && self.params.of_path(&callee_path(&call.func)).is_some()
            && !has_generic_arguments(&call.func)
        {
            return self.visit_expr(expr);
        }
        if let Some((value, span)) = literal_of(expr) {
            self.scan(&value, span, context);
            return;
        }
        if let Some((hex, span)) = key_bytes(expr) {
            if *context != Context::Plain {
                self.scan(&hex, span, context);
            }
            return;
        }
        // one value repeated, handed to a key constructor: the key the
        // program runs with (`CookieSession::signed(&[0; 32])`), which
        // anyone can read off — bound to a name it is a buffer to fill
        if let Context::KeyConstructor(callee) = context
            && let Some((len, span)) = constant_bytes(expr)
        {
            let reason = format!("`{callee}` is given {len} bytes of one value as its key");
            self.report.hits.push(Hit {
                finding: Finding::new(Rule::KeyConstructor, reason),
                span,
            });
            return;
        }
        if let Some(mac) = macro_of(expr) {
            return self.macro_in(mac, context);
        }
        // a default for a value that is not the environment's (an argument,
        // a setting): `let password = args.nth(1).unwrap_or_else(||
        // "testuser123".to_string())` is the name's value when it is missing
        if let Context::Binding(_) = context
            && let Expr::MethodCall(m) = unconverted(expr)
            && crate::names::DEFAULT_METHODS.contains(&m.method.to_string().as_str())
            && m.args.len() == 1
            && env_var_read(&m.receiver).is_none()
        {
            self.visit_expr(&m.receiver);
            return self.scan_fallback(&m.args[0], context);
        }
        if matches!(
            context,
            Context::KeyConstructor(_) | Context::EnvFallback(_)
        ) && let Some(name) = binding_of(expr)
            && self.bound_in(&name, context)
        {
            return;
        }
        if let Context::KeyConstructor(callee) = context
            && let Some((var, at)) = empty_env_fallback(expr)
        {
            self.empty_key(callee, var, at);
        }
        self.visit_expr(expr);
    }

    /// A key constructor or fallback given `name`, bound by a `let` of this
    /// fn to a literal: the literal is scanned in that context, at its own
    /// place. False when `name` is no such binding.
    fn bound_in(&mut self, name: &str, context: &Context<'_>) -> bool {
        let Some(bound) = self.binding(name) else {
            return self.const_in(name, context);
        };
        let Some(bound) = bound else {
            return false;
        };
        let hit = match bound.empty_fallback {
            // once per fallback, however many keys it reaches
            Some(_) if bound.hit.is_some() => return true,
            Some((var, at)) => match context {
                Context::KeyConstructor(callee) => {
                    self.empty_key(callee, var, at);
                    Some(self.report.hits.len() - 1)
                }
                _ => return false,
            },
            None => self.rescan(&bound.value, bound.span, context, bound.hit),
        };
        self.set_hit(name, hit);
        true
    }

    /// What the innermost `let` of `name` in scope binds: `None` for no
    /// such `let`, `Some(None)` where it binds no literal.
    fn binding(&self, name: &str) -> Option<Option<Bound>> {
        self.scopes
            .iter()
            .rev()
            .find_map(|scope| scope.get(name))
            .cloned()
    }

    /// The innermost `let` of `name` in scope, to change (see [`Walker::binding`]).
    fn binding_mut(&mut self, name: &str) -> Option<&mut Option<Bound>> {
        self.scopes
            .iter_mut()
            .rev()
            .find_map(|scope| scope.get_mut(name))
    }

    /// Forgets the literal the innermost `let` of `name` binds: the value
    /// was changed in place.
    fn unbind(&mut self, name: &str) {
        if let Some(bound) = self.binding_mut(name) {
            *bound = None;
        }
    }

    /// Records the hit at the literal the innermost `let` of `name` binds.
    fn set_hit(&mut self, name: &str, hit: Option<usize>) {
        if let Some(Some(b)) = self.binding_mut(name) {
            b.hit = hit;
        }
    }

    /// A password hash or a login given a `let` of this fn bound to a
    /// literal (`let admin_password = "admin_password";
    /// hash_password(admin_password)`, `let password = "password";
    /// sess.userauth_password(user, password)`): the literal is the
    /// password, at its own place, however short and even where it only
    /// repeats its name; `how` says what the call does with it. False when
    /// `expr` reads no such binding.
    fn bound_password(&mut self, expr: &Expr, how: &str) -> bool {
        let Some(var) = binding_of(expr) else {
            return false;
        };
        let Some(Some(bound)) = self.binding(&var) else {
            return false;
        };
        if bound.empty_fallback.is_some() {
            return false;
        }
        if bound.hit.is_none() {
            let before = self.report.hits.len();
            let literal = literal_at(&bound.value, bound.span);
            match echoed_literal(&literal, &var) {
                Some(_) => self.value_in(&literal, &var),
                None => self.password_value_in(&literal, &format!("{var} ({how})")),
            }
            let hit = (self.report.hits.len() > before).then_some(before);
            self.set_hit(&var, hit);
        }
        true
    }

    /// An empty fallback of `var` (at `at`) reaches key constructor `callee`.
    fn empty_key(&mut self, callee: &str, var: Option<String>, at: Span) {
        let var = var.map_or_else(|| "its variable".to_owned(), |v| format!("`{v}`"));
        self.report.hits.push(Hit {
            finding: Finding::new(
                Rule::EnvFallback,
                format!("an empty fallback: whenever {var} is unset, `{callee}` gets an empty key"),
            ),
            span: at,
        });
    }

    /// A key constructor or fallback given a const or static of this file
    /// bound to a literal: as [`Walker::bound_in`], the literal scanned once.
    fn const_in(&mut self, name: &str, context: &Context<'_>) -> bool {
        let Some(c) = self.consts.get(name) else {
            return false;
        };
        let (value, span, hit) = (c.value.clone(), c.span, c.hit);
        let hit = self.rescan(&value, span, context, hit);
        if let Some(c) = self.consts.get_mut(name) {
            c.hit = hit;
            c.used = true; // the const itself is not scanned again
        }
        true
    }

    /// A const or static: scanned as a binding of its name, unless a key
    /// constructor has already scanned its literal.
    fn named_item(&mut self, ident: &syn::Ident, expr: &Expr) {
        let name = ident.to_string();
        if self.consts.get(&name).is_some_and(|c| c.used) {
            return;
        }
        let before = self.report.hits.len();
        self.scan_in(expr, &Context::Binding(&name));
        if self.report.hits.len() == before + 1
            && let Some(c) = self.consts.get_mut(&name)
        {
            c.hit = Some(before);
        }
    }

    /// Records what a `let` binds `name` to, shadowing any outer binding.
    fn bind(&mut self, name: String, bound: Option<Bound>) {
        if let Some(scope) = self.scopes.last_mut() {
            scope.insert(name, bound);
        }
    }

    /// `env::var("X").unwrap_or("…")` and friends; everything else walks on.
    fn method_call(&mut self, call: &syn::ExprMethodCall) {
        let method = call.method.to_string();
        // `let mut k = "AWS4".to_owned(); k.push_str(&secret)`: `k` holds
        // the literal no more (set 34's SigV4 signer)
        if matches!(
            method.as_str(),
            "push_str" | "push" | "insert_str" | "extend" | "extend_from_slice" | "append"
        ) && let Some(name) = binding_of(&call.receiver)
        {
            self.unbind(&name);
        }
        // `option_env!("SIGNING_KEY").is_some()` keeps only whether the
        // variable was set at build time, not its value
        if matches!(method.as_str(), "is_some" | "is_none")
            && macro_of(&call.receiver).is_some_and(|mac| {
                mac.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "option_env")
            })
        {
            return;
        }
        // `"0x…".parse::<PrivateKeySigner>()`: the text is the key
        if method == "parse"
            && let Some(owner) = turbofish_type(call)
            && KEY_OWNERS.contains(&owner.as_str())
        {
            let shown = format!("parse::<{owner}>");
            return self.scan_in(&call.receiver, &Context::KeyConstructor(&shown));
        }
        if let Some((at, name)) = password_argument(&method, None, call.args.len()) {
            self.visit_expr(&call.receiver);
            let bound = bound_password_use(&method, None, at);
            return self.password_call(&call.args, at, &name, bound);
        }
        if is_header_setter(&method) && call.args.len() == 2 && is_authorization(&call.args[0]) {
            self.visit_expr(&call.receiver);
            return self.authorization_value(&call.args[1], AUTHORIZATION_SET);
        }
        // `auth.starts_with("Bearer admin")`: a check accepts that token
        if matches!(method.as_str(), "starts_with" | "eq" | "ne")
            && call.args.len() == 1
            && is_bearer_literal(&call.args[0])
        {
            self.visit_expr(&call.receiver);
            return self.authorization_value(&call.args[0], AUTHORIZATION_CHECKED);
        }
        if let Some(name) =
            env_assignment(&method, &call.args).or_else(|| named_value(&method, &call.args))
        {
            self.visit_expr(&call.receiver);
            return self.value_in(&call.args[1], &name);
        }
        // `basic.password().eq("…")`, `token.ne("…")`: a check, as `==`
        if matches!(method.as_str(), "eq" | "ne")
            && call.args.len() == 1
            && let Some(name) = getter_name(&call.receiver).filter(|n| is_secret_name(n))
            && literal_of(&call.args[0]).is_some()
        {
            self.visit_expr(&call.receiver);
            return self.value_in(&call.args[0], &name);
        }
        let fallback = matches!(
            method.as_str(),
            "unwrap_or" | "unwrap_or_else" | "or" | "or_else"
        );
        match (fallback, env_var_read(&call.receiver)) {
            (true, Some(var)) => {
                self.visit_expr(&call.receiver);
                for arg in &call.args {
                    self.scan_fallback(arg, &Context::EnvFallback(var.as_deref()));
                }
            }
            _ => {
                self.visit_expr(&call.receiver);
                match self
                    .params
                    .of_method(&method)
                    .filter(|_| call.turbofish.is_none())
                {
                    Some(params) => {
                        let params = params.to_vec();
                        self.own_call_args(&params, &call.args);
                    }
                    None => self.call_args(&method, &call.args),
                }
            }
        }
    }

    /// The arguments of a call of the file's own fn, one of whose
    /// parameters is named for a secret (`params`): a literal given to such
    /// a parameter is its value (`signup_user(&tx, "user1", "pass123")` of
    /// `fn signup_user(tx: &Sender<Request>, user: &str, pass: &str)`).
    /// Others are walked, as are all where the count differs, or where the
    /// account is `anonymous` (whose password an FTP server takes to be the
    /// caller's address: `test_ftp(addr, "anonymous", "rust-ftp@github.com")`).
    fn own_call_args(&mut self, params: &[Option<String>], args: &Punctuated<Expr, Token![,]>) {
        let anonymous = args.iter().any(|arg| {
            literal_of(arg).is_some_and(|(account, _)| account.eq_ignore_ascii_case("anonymous"))
        });
        for (i, arg) in args.iter().enumerate() {
            match params
                .get(i)
                .filter(|_| params.len() == args.len() && !anonymous)
            {
                Some(Some(name)) => self.scan_in(arg, &Context::Binding(name)),
                _ => self.visit_expr(arg),
            }
        }
    }

    /// The arguments of a call no rule above knows: a program's own
    /// environment helper with a default (`get_env_or("DB_PASSWORD",
    /// "root")`, `part("RABBITMQ_PASSWORD", "guest")`) gives the default as
    /// the variable's fallback; a call named for a password with one literal
    /// argument gives it that literal (`update_pwd(&ctx, id, "welcome")`); a
    /// call that connects or authenticates, or is named for a password
    /// (`OpenConnectionArguments::new(host, port, "guest", "guest")`), takes
    /// the literal after a default account's name as its password, however
    /// short; a password's, secret's or API key's name followed by a literal
    /// gives it that literal (`compare(dn, "userPassword", "…")`). Others
    /// are walked.
    fn call_args(&mut self, callee: &str, args: &Punctuated<Expr, Token![,]>) {
        // (not a placeholder's text: `MailgunClient::new("YOUR_API_KEY",
        // "yourdomain.com")` names no variable)
        if args.len() == 2
            && let Some((var, _)) = literal_of(&args[0])
            && crate::is_env_name(&var)
            && is_secret_name(&var)
            && !crate::placeholder::is_placeholder_text(&var)
            && literal_of(&args[1]).is_some()
        {
            return self.scan_fallback(&args[1], &Context::EnvFallback(Some(&var)));
        }
        // a call named for a password with one literal among its arguments
        // (`UserMC::update_pwd(&ctx, &mm, id, "welcome")`): that literal
        // (a server's address among them is none, and after it an
        // account's name comes before the password:
        // `SSHConfig::password("cm03", "127.0.0.1:22", "…", timeout)`)
        let name = callee.rsplit("::").next().unwrap_or(callee);
        if args.len() >= 2 && crate::names::is_password_name(name) {
            let literals: Vec<(usize, bool)> = args
                .iter()
                .enumerate()
                .filter_map(|(i, a)| {
                    literal_of(a).map(|(v, _)| (i, crate::names::is_host_address(&v)))
                })
                .collect();
            let values: Vec<usize> = literals
                .iter()
                .filter(|(_, address)| !address)
                .map(|(i, _)| *i)
                .collect();
            // (a name that says it takes a user too: `with_user_pass("derek", "…")`)
            let takes_a_user = crate::names::names_a_user_and_password(name);
            let password = match values.as_slice() {
                [at] => Some(*at),
                [_, at] if literals.len() > values.len() || takes_a_user => Some(*at),
                _ => None,
            };
            if let Some(at) = password {
                for (i, arg) in args.iter().enumerate() {
                    if i == at {
                        self.value_in(arg, name);
                    } else {
                        self.visit_expr(arg);
                    }
                }
                return;
            }
        }
        // (or is named for a password: `QbitClient::new_with_user_pwd(url, "admin", "…")`)
        let authenticates =
            crate::names::is_password_name(name) || crate::names::says_it_authenticates(callee);
        // (where the password is; whether it may be short)
        let mut password_at: Option<(usize, bool)> = None;
        // an SDK client's constructor given its server's address, then a
        // literal: the key it authenticates with (Meilisearch's
        // `Client::new("http://localhost:7700", Some("masterKey"))`)
        if crate::names::is_client_constructor(callee)
            // (written in the call's own arguments, as the pre-pass sees it)
            && let Some(at) = args.iter().position(|a| {
                matches!(unconverted(a), Expr::Lit(_))
                    && literal_of(a).is_some_and(|(url, _)| crate::names::is_host_address(&url))
            })
            // (not the port after a host: `Client::new("127.0.0.1", "25575")`)
            && args
                .iter()
                .nth(at + 1)
                .and_then(literal_of)
                .is_some_and(|(next, _)| {
                    !(next.len() <= 5 && next.bytes().all(|b| b.is_ascii_digit()))
                })
        {
            for (i, arg) in args.iter().enumerate() {
                if i == at + 1 {
                    let name = format!("{callee}'s api_key");
                    self.scan_in(arg, &Context::Binding(&name));
                } else {
                    self.visit_expr(arg);
                }
            }
            return;
        }
        let mut named: Option<(usize, String)> = None;
        for (i, arg) in args.iter().enumerate() {
            if let Some((at, short)) = password_at
                && at == i
            {
                if !(short && self.short_password(arg, "password")) {
                    self.scan_in(arg, &Context::Binding("password"));
                }
                continue;
            }
            // a secret's name, then a literal: its value (ldap's
            // `compare(dn, "userPassword", "…")`, `cfg.put("api_key", "…")`);
            // a value that repeats the name is a label here
            if let Some((at, name)) = named.take()
                && at + 1 == i
                && literal_of(arg).is_some()
            {
                self.scan_in(arg, &Context::Binding(&name));
                continue;
            }
            // an account and its password as a pair of literals
            // (`SocksStream::connect(proxy, target, Some(("user1".to_string(),
            // "123456".to_string())))`)
            // (each written in the pair itself, as the pre-pass sees them)
            if authenticates
                && crate::names::takes_an_account_pair(callee)
                && let Expr::Tuple(pair) = unwrap_some(arg)
                && pair.elems.len() == 2
                && pair
                    .elems
                    .iter()
                    .all(|e| matches!(unconverted(e), Expr::Lit(_)))
            {
                self.password_value_in(&pair.elems[1], "password");
                continue;
            }
            self.visit_expr(arg);
            if let Some((name, _)) = str_lit(arg)
                && is_value_key(&name)
            {
                named = Some((i, name));
            }
            if authenticates && let Some((next, _)) = args.iter().nth(i + 1).and_then(literal_of) {
                let account = literal_of(arg).map(|(account, _)| account);
                // a default account's name: its password however short
                let default = account
                    .as_deref()
                    .is_some_and(|a| is_account_name(a) && !is_display_name_of(a, &next));
                // an account by its address (`ensure_admin(&pool,
                // "admin@example.com", "admin123")`) or by a name that holds
                // it (`register_user(&server, &email, "verysecure")`), which
                // may be followed by its holder's name: only a password's
                // shape counts there
                let other = !is_display_name(&next)
                    && match &account {
                        Some(a) => crate::names::is_email_account(a),
                        None => account_named(arg)
                            .is_some_and(|name| crate::names::names_an_account(&name)),
                    };
                if default || other {
                    password_at = Some((i + 1, default));
                }
            }
        }
    }

    /// The value of an `Authorization` header: a credential in its known
    /// shape (`Bearer <16+ characters>`, `Basic <user:password>`), or the
    /// token after `Bearer`/`Token` however short, as a bearer token's value
    /// (`HeaderValue::from_static("Bearer dev-token-7")`); `reason` says
    /// whether it is sent or checked.
    fn authorization_value(&mut self, expr: &Expr, reason: &'static str) {
        let Some((value, span)) = literal_of(expr) else {
            return self.visit_expr(expr);
        };
        if self.scan(&value, span, &Context::Plain).is_some() {
            return;
        }
        if crate::formats::bearer_credential(&value)
            .is_some_and(|token| scan_literal(token, &Context::Binding("bearer_token")).is_some())
        {
            // (by its context, not its shape: a binding's finding, which
            // test code's made-up tokens do not raise)
            let finding = Finding::new(Rule::SecretBinding, reason);
            self.report.hits.push(Hit { finding, span });
        }
    }

    /// The arguments of a call that takes a password: the one at `at` (or
    /// inside its `Some(…)`) in the context of a binding named `name`, the
    /// others walked; a `let` it reads is read as `bound` says (see
    /// [`bound_password_use`]).
    fn password_call(
        &mut self,
        args: &Punctuated<Expr, Token![,]>,
        at: usize,
        name: &str,
        bound: Option<&str>,
    ) {
        let user = at
            .checked_sub(1)
            .and_then(|user| args.iter().nth(user))
            .and_then(literal_of);
        // `login("username", "password")` names the fields: a placeholder
        // pair. `login("user", "password")` does not: `user` is an account
        // on many systems, and `password` the stand-in it runs with.
        let field_names = user.as_ref().is_some_and(|(user, _)| {
            matches!(user.to_ascii_lowercase().as_str(), "username" | "user_name")
        });
        // `login("me@example.com", "password")`: a documentation's example,
        // as a URL's stand-in for a documentation host is
        let example_account = user.as_ref().is_some_and(|(user, _)| {
            user.rsplit_once('@')
                .is_some_and(|(_, host)| crate::formats::is_documentation_host(host))
        });
        for (i, arg) in args.iter().enumerate() {
            if i != at || (example_account && echoed_literal(unwrap_some(arg), name).is_some()) {
                self.visit_expr(arg);
            } else if bound.is_some_and(|how| self.bound_password(arg, how)) {
                // (the literal scanned at its `let`)
            } else if field_names {
                self.scan_in(unwrap_some(arg), &Context::Binding(name));
            } else {
                self.password_value_in(unwrap_some(arg), name);
            }
        }
    }

    /// A value given to `name` where only a value goes — a call's argument
    /// (`.with_password("…")`, `.set("sasl.password", "…")`), the right of
    /// a check (`password != "…"`) — scanned as a binding of `name`; a
    /// literal that only repeats the name is no label there but the stand-in
    /// the program runs with (`.with_password("password")`).
    fn value_in(&mut self, expr: &Expr, name: &str) {
        match echoed_literal(expr, name) {
            Some(span) => self.stand_in(
                span,
                format!(
                    "the value given to `{name}` only repeats its name: a stand-in the program runs with"
                ),
            ),
            None => self.scan_in(expr, &Context::Binding(name)),
        }
    }

    /// [`Walker::value_in`] where only a password goes (a check, a
    /// credential call's password): a password however short counts.
    fn password_value_in(&mut self, expr: &Expr, name: &str) {
        if !self.short_password(expr, name) {
            self.value_in(expr, name);
        }
    }

    /// A secret-named value checked against a literal (`password ==
    /// "pwd"`, axum's example's `payload.client_secret != "bar"`): the
    /// literal is what the check accepts, however short.
    fn compared_value_in(&mut self, expr: &Expr, name: &str) {
        match short_value(expr) {
            Some(span) => {
                let reason = format!(
                    "a literal `{name}` is checked against is what it accepts, however short"
                );
                self.report.hits.push(Hit {
                    finding: Finding::new(Rule::SecretBinding, reason),
                    span,
                });
            }
            None => self.value_in(expr, name),
        }
    }

    /// A finding for a password too short to count as a binding's value,
    /// given where only a password goes (see [`short_password`]).
    fn short_password(&mut self, expr: &Expr, name: &str) -> bool {
        let Some(span) = short_password(expr, name) else {
            return false;
        };
        let reason = format!("a password given to `{name}`, however short, is the password");
        self.report.hits.push(Hit {
            finding: Finding::new(Rule::SecretBinding, reason),
            span,
        });
        true
    }

    /// A finding for a literal that only repeats the name it is given to,
    /// where that makes it a stand-in that ships (see [`echoed_literal`]).
    fn stand_in(&mut self, span: Span, reason: String) {
        let mut finding = Finding::new(Rule::SecretBinding, reason);
        finding.stand_in = true;
        self.report.hits.push(Hit { finding, span });
    }

    /// A fallback's value: a closure's body, a block's last expression (the
    /// statements before it walked as usual).
    fn scan_fallback(&mut self, expr: &Expr, context: &Context<'_>) {
        match expr {
            Expr::Closure(c) if c.attrs.is_empty() => self.scan_fallback(&c.body, context),
            Expr::Block(b) if b.attrs.is_empty() => {
                let Some((syn::Stmt::Expr(tail, None), rest)) = b.block.stmts.split_last() else {
                    return self.visit_expr(expr);
                };
                self.scopes.push(HashMap::new());
                for stmt in rest {
                    self.visit_stmt(stmt);
                }
                self.scan_fallback(tail, context);
                self.scopes.pop();
            }
            _ => self.scan_in(expr, context),
        }
    }

    /// `for (user, password) in [("admin", "admin123"), …]`: each row's
    /// cell in a secret-named column is bound to that column's name. True
    /// when the loop was walked here. (A table bound by a `let` the loop
    /// names is [`Walker::table_in`]'s, at the `let`.)
    fn for_rows(&mut self, f: &syn::ExprForLoop) -> bool {
        let Some(columns) = secret_columns(f) else {
            return false;
        };
        if !f.attrs.is_empty() || !self.table_in(iterated(&f.expr), &columns) {
            return false;
        }
        self.visit_block(&f.body);
        true
    }

    /// A table of tuples (`[(…), …]`, `vec![(…), …]`) whose columns a `for`
    /// loop names: each cell in a secret-named column scanned bound to that
    /// name, the others walked. False (nothing walked) when `expr` is no
    /// such table or its rows are not as wide as `columns`.
    fn table_in(&mut self, expr: &Expr, columns: &[Option<String>]) -> bool {
        let Some((rows, in_macro)) = table_rows(expr) else {
            return false;
        };
        if rows.iter().any(|row| row.len() != columns.len()) {
            return false;
        }
        // a `vec![…]`'s cells are a macro body's, as `macro_in` walks them
        self.depth += usize::from(in_macro);
        for row in &rows {
            for (cell, column) in row.iter().zip(columns) {
                match column {
                    Some(name) if is_secret_name(name) => {
                        self.scan_in(cell, &Context::Binding(name))
                    }
                    _ => self.visit_expr(cell),
                }
            }
        }
        self.depth -= usize::from(in_macro);
        true
    }

    /// `("admin", "P@ssw0rd")`, `["root", "toor"]`: an account and its
    /// password; `("api_key", "…")`: a name and its value. True when `a, b`
    /// is such a pair (and `b` was scanned).
    fn credential_pair(&mut self, a: &Expr, b: &Expr) -> bool {
        let (Some((first, _)), Some((value, span))) = (literal_of(a), literal_of(b)) else {
            return false;
        };
        let context = if is_secret_name(&first) && first.len() <= 40 {
            // `("password", "Password")`: a label; `["x-api-key",
            // "authorization"]`: header names
            if same_words(&first, &value) || is_credential_header(&value) {
                return false;
            }
            Context::Binding(&first)
        } else if (is_account_name(&first)
            // `("username", "password")` lists field names; `("admin", "password")` is a login
            && !(is_field_like(&first) && (is_secret_name(&value) || is_account_name(&value)))
            // `("admin", "Administrator")`, `("user", "User")`: a display name
            && !is_display_name_of(&first, &value))
            || (crate::names::is_email_account(&first)
                // `("carlos@example.com", "Carlos")`, `(email, "admin")`: a
                // holder's name, a role
                && !is_display_name(&value)
                && !is_account_name(&value)
                && !crate::names::is_email_account(&value))
        {
            Context::Binding("password")
        } else if first.len() <= 40
            && crate::benign::is_name_shaped(&first)
            && crate::names::is_public_name(&first)
        {
            // `("client_id", "MI4Dbeyk…")`: an id's value, whatever its shape
            Context::Binding(&first)
        } else {
            return false;
        };
        self.scan(&value, span, &context);
        true
    }

    /// A literal-returning fn's body: scanned once, as `Binding(fn name)`
    /// when the name says secret. False when the body is not one literal.
    fn literal_fn(&mut self, sig: &syn::Signature, block: &syn::Block) -> bool {
        let Some((value, span)) = body_literal(block) else {
            return false;
        };
        let name = sig.ident.to_string();
        if let Some(f) = self.fns.get(&name)
            && f.hit.is_some()
        {
            return true; // already reported through a `#[serde(default = "…")]`
        }
        // a fn named for the program's own key that makes a `String` of
        // its own name (a serde default, `fn default_secret() -> String {
        // "secret".to_string() }`; sets 9 and 29): the key it runs with,
        // which every reader knows. (A `&str` of its own name is a name: a
        // header's, a key's in a map.)
        let echoes = same_words(&name, &value);
        if sig.receiver().is_none()
            && echoes
            && crate::names::names_own_key_fn(&name)
            && returns_string(sig)
        {
            self.stand_in(
                span,
                format!(
                    "`{name}` returns its own name as the key: a stand-in the program runs with"
                ),
            );
            if let Some(f) = self.fns.get_mut(&name) {
                f.hit = Some(self.report.hits.len() - 1);
            }
            return true;
        }
        let secret = sig.receiver().is_none() && is_secret_name(&name) && !echoes;
        let context = if secret {
            Context::Binding(&name)
        } else {
            Context::Plain
        };
        let hit = self.scan(&value, span, &context);
        if let Some(f) = self.fns.get_mut(&name) {
            f.hit = hit;
        }
        true
    }

    /// `#[arg(env = "JWT_SECRET", default_value = "…")]` (clap, structopt) and
    /// `#[serde(default = "default_jwt_secret")]` on a field named `name`.
    fn field_defaults(&mut self, attrs: &[Attribute], name: &str) {
        for attr in attrs {
            let Some(kind) = attr.path().segments.last().map(|s| s.ident.to_string()) else {
                continue;
            };
            let syn::Meta::List(list) = &attr.meta else {
                continue;
            };
            let Ok(metas) =
                list.parse_args_with(Punctuated::<syn::Meta, Token![,]>::parse_terminated)
            else {
                continue;
            };
            let value_of = |key: &str| {
                metas.iter().find_map(|m| match m {
                    syn::Meta::NameValue(nv) if nv.path.is_ident(key) => Some(&nv.value),
                    _ => None,
                })
            };
            match kind.as_str() {
                "arg" | "clap" | "structopt" => {
                    let env = value_of("env").and_then(literal_of).map(|(v, _)| v);
                    let binding = if is_secret_name(name) {
                        name.to_owned()
                    } else if let Some(env) = env.filter(|e| is_secret_name(e)) {
                        env
                    } else {
                        // any default is a value: a known format in one
                        // (`default_value = "postgres://app:pw@db/app"`) ships
                        for key in ["default_value", "default_value_t", "default_missing_value"] {
                            if let Some((v, span)) = value_of(key).and_then(literal_of)
                                && let Some(finding) = scan_known_format(&v)
                            {
                                self.report.hits.push(Hit { finding, span });
                            }
                        }
                        continue;
                    };
                    for key in ["default_value", "default_value_t", "default_missing_value"] {
                        let Some(value) = value_of(key) else {
                            continue;
                        };
                        self.default_in(value, &binding);
                    }
                }
                // derive_builder's `#[builder(default = r#"SecUtf8::from("…")"#)]`,
                // derivative's `#[derivative(Default(value = r#""…".into()"#))]`:
                // code in a string
                "builder" => {
                    if let Some(code) = value_of("default") {
                        self.code_default(code, name);
                    }
                }
                "derivative" => {
                    for meta in &metas {
                        if let syn::Meta::List(inner) = meta
                            && inner.path.is_ident("Default")
                            && let Ok(inner) = inner.parse_args_with(
                                Punctuated::<syn::Meta, Token![,]>::parse_terminated,
                            )
                        {
                            for m in &inner {
                                if let syn::Meta::NameValue(nv) = m
                                    && nv.path.is_ident("value")
                                {
                                    self.code_default(&nv.value, name);
                                }
                            }
                        }
                    }
                }
                "serde" => {
                    let Some((path, _)) = value_of("default").and_then(literal_of) else {
                        continue;
                    };
                    let fn_name = path.rsplit("::").next().unwrap_or(&path);
                    let Some(f) = self.fns.get(fn_name) else {
                        continue;
                    };
                    if f.hit.is_none() {
                        let (value, span) = (f.value.clone(), f.span);
                        let hit = self.scan(&value, span, &Context::Binding(name));
                        if let Some(f) = self.fns.get_mut(fn_name) {
                            f.hit = hit;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// smart-default's `#[default("postgres://lemmy:password@…")]` on a field
    /// (`#[default(_code = "…")]`: code in a string), and
    /// serde_inline_default's `#[serde_inline_default(…)]`.
    fn smart_default(&mut self, attrs: &[Attribute], name: &str) {
        for attr in attrs {
            let syn::Meta::List(list) = &attr.meta else {
                continue;
            };
            // (serde_inline_default's `#[serde_inline_default(expr)]` too,
            // set 40's `String::from("postgresql://root:root@…")`)
            if !(list.path.is_ident("default") || list.path.is_ident("serde_inline_default")) {
                continue;
            }
            match list.parse_args::<Expr>() {
                Ok(Expr::Assign(a)) if matches!(&*a.left, Expr::Path(p) if p.path.is_ident("_code")) =>
                {
                    self.code_default(&a.right, name);
                }
                Ok(value) => self.default_in(&value, name),
                Err(_) => {}
            }
        }
    }

    /// A field's default: for a secret's name, its value (one that only
    /// repeats the name — `--password` defaulting to "password" — is what
    /// whoever skips the option runs with); for another, a known format in it
    /// (`default_value = "postgres://app:pw@db/app"` ships).
    fn default_in(&mut self, value: &Expr, name: &str) {
        if !is_secret_name(name) {
            if let Some((v, span)) = literal_of(value)
                && let Some(finding) = scan_known_format(&v)
            {
                self.report.hits.push(Hit { finding, span });
            }
            return;
        }
        if let Some(span) = echoed_literal(value, name) {
            return self.stand_in(
                span,
                format!(
                    "the default of `{name}` only repeats its name, and is used whenever the option is not given"
                ),
            );
        }
        self.scan_in(value, &Context::Binding(name));
    }

    /// A default written as code in a string: the literal that code makes,
    /// reported at the string.
    fn code_default(&mut self, code: &Expr, name: &str) {
        let Some((text, span)) = literal_of(code) else {
            return;
        };
        let Ok(expr) = syn::parse_str::<Expr>(&text) else {
            return;
        };
        if let Some((value, _)) = literal_of(&expr) {
            self.default_in(&literal_at(&value, span), name);
        }
    }

    /// A macro call in `context`: its arguments walked as expressions where
    /// they parse, its literals scanned where they do not.
    fn macro_in(&mut self, mac: &syn::Macro, context: &Context<'_>) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.macro_body(mac, context);
        self.depth -= 1;
    }

    fn macro_body(&mut self, mac: &syn::Macro, context: &Context<'_>) {
        let Some(name) = mac.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        if EMBEDS.contains(&name.as_str()) {
            // `env!("JWT_SECRET")`, `include_bytes!("key.pem")`: the first argument names the secret
            let first: Option<syn::LitStr> = mac
                .parse_body_with(|input: ParseStream| {
                    let lit: syn::LitStr = input.parse()?;
                    let _: TokenStream = input.parse()?;
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
            return;
        }
        if is_encoding_macro(&name) {
            // `hex!("…")`: the bytes are the literal's, whatever the spacing
            if let Some((value, span)) = string_literals(mac.tokens.clone()) {
                let value: String = value.split_whitespace().collect();
                self.scan(&value, span, context);
                return;
            }
        }
        let Some(args) = macro_args(mac.tokens.clone()) else {
            // `thread_local! { static … }`, `lazy_static! { static ref … }`:
            // items; `json!`, DSLs: tokens
            let file = macro_items(mac.tokens.clone());
            return match file {
                Ok(file) if !file.items.is_empty() => self.visit_file(&file),
                _ => self.scan_tokens(mac.tokens.clone()),
            };
        };
        if name == "concat"
            && let Some(joined) = args.iter().map(concat_piece).collect::<Option<String>>()
        {
            self.scan(&joined, mac.span(), context);
            return;
        }
        let mut format = format_position(&name);
        for (i, arg) in args.iter().enumerate() {
            if let Some((value, span)) = str_lit(arg)
                && (format.is_some_and(|p| i >= p) || has_placeholder(&value))
            {
                format = None;
                self.scan_format(&value, span);
                continue;
            }
            self.visit_expr(arg);
        }
    }

    /// A format string: only the known formats of the text between its
    /// placeholders count (`"Bearer {}"` and `"{}:{}@{}"` are not secrets),
    /// an API key written in a URL's query after a placeholder
    /// (`"https://…/weather?q={}&appid=7484…"`: a placeholder is no key's
    /// value), and a password it writes out (`"… (password: hunter22)"`;
    /// never in a placeholder's place, so the pre-pass's look at the whole
    /// agrees).
    fn scan_format(&mut self, value: &str, span: Span) {
        if let Some(finding) = format_pieces(value)
            .find_map(scan_known_format)
            .or_else(|| {
                crate::formats::has_url_api_key(value)
                    .then(|| crate::Finding::format(Rule::UrlApiKey))
            })
            .or_else(|| crate::stated_password(value.trim()))
        {
            self.report.hits.push(Hit { finding, span });
        }
    }

    /// The literals of a macro body that is no expression list (`json!`, a
    /// DSL): `"key": "value"`, `key = "value"` and `"key" => "value"` give
    /// the value the key's context; nested groups are followed, attributes not.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        let tts: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tt) in tts.iter().enumerate() {
            match tt {
                TokenTree::Group(g) => {
                    // `#[…]` and `#![…]`
                    let punct = |j: Option<usize>, c: char| matches!(j.and_then(|j| tts.get(j)), Some(TokenTree::Punct(p)) if p.as_char() == c);
                    let attribute = g.delimiter() == Delimiter::Bracket
                        && (punct(i.checked_sub(1), '#')
                            || punct(i.checked_sub(1), '!') && punct(i.checked_sub(2), '#'));
                    if !attribute {
                        self.scan_tokens(g.stream());
                    }
                }
                TokenTree::Literal(lit) => {
                    let Some((value, span)) = lit_text(&Lit::new(lit.clone())) else {
                        continue;
                    };
                    match key_before(&tts, i) {
                        Some(key) => {
                            self.scan(&value, span, &Context::Binding(&key));
                        }
                        None if has_placeholder(&value) => self.scan_format(&value, span),
                        None => {
                            self.scan(&value, span, &Context::Plain);
                        }
                    }
                }
                _ => {}
            }
        }
        self.depth -= 1;
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
            syn::Item::Const(c) => self.named_item(&c.ident, &c.expr),
            syn::Item::Static(s) => self.named_item(&s.ident, &s.expr),
            _ => visit::visit_item(self, item),
        }
    }

    /// A fn's `let`s are its own: a nested fn starts with none.
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if self.literal_fn(&f.sig, &f.block) {
            return;
        }
        let outer = std::mem::take(&mut self.scopes);
        let loops = std::mem::replace(&mut self.loops, loop_columns(&f.block));
        visit::visit_item_fn(self, f);
        self.scopes = outer;
        self.loops = loops;
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if self.literal_fn(&f.sig, &f.block) {
            return;
        }
        let outer = std::mem::take(&mut self.scopes);
        let loops = std::mem::replace(&mut self.loops, loop_columns(&f.block));
        visit::visit_impl_item_fn(self, f);
        self.scopes = outer;
        self.loops = loops;
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.scopes.push(HashMap::new());
        visit::visit_block(self, block);
        self.scopes.pop();
    }

    fn visit_field(&mut self, field: &'ast syn::Field) {
        if self.allowed(&field.attrs) {
            return;
        }
        if let Some(name) = &field.ident {
            self.field_defaults(&field.attrs, &name.to_string());
            self.smart_default(&field.attrs, &name.to_string());
        }
        visit::visit_field(self, field);
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
        let name = pat_name(&local.pat);
        if self.allowed(&local.attrs) {
            if let Some(name) = name {
                self.bind(name, None);
            }
            return;
        }
        let Some(init) = &local.init else {
            if let Some(name) = name {
                self.bind(name, None);
            }
            return;
        };
        if let Some(name) = &name
            && let Some(columns) = self.loops.get(name).cloned()
            && self.table_in(&init.expr, &columns)
        {
            self.bind(name.clone(), None);
            if let Some((_, diverge)) = &init.diverge {
                self.visit_expr(diverge);
            }
            return;
        }
        match &name {
            Some(name) => {
                let before = self.report.hits.len();
                // `let wallet: LocalWallet = "…".parse()?`: the type parses
                // the text as its key, as `"…".parse::<LocalWallet>()` does
                match text_key_type(&local.pat).filter(|_| parsed_text(&init.expr)) {
                    Some(owner) => {
                        let shown = format!("parse::<{owner}>");
                        self.scan_in(&init.expr, &Context::KeyConstructor(&shown));
                    }
                    None => self.scan_in(&init.expr, &Context::Binding(name)),
                }
                let hit = (self.report.hits.len() == before + 1).then_some(before);
                let value = bound_value(&init.expr);
                let bound = match value {
                    Some((value, span)) if init.diverge.is_none() => Some(Bound {
                        value,
                        span,
                        hit,
                        empty_fallback: None,
                    }),
                    None if init.diverge.is_none() => {
                        empty_env_fallback(&init.expr).map(|fallback| Bound {
                            value: String::new(),
                            span: fallback.1,
                            hit: None,
                            empty_fallback: Some(fallback),
                        })
                    }
                    _ => None,
                };
                self.bind(name.clone(), bound);
            }
            // `let (user, password) = ("deploy", "…");`: each name its value
            None => match (&local.pat, &*init.expr) {
                (syn::Pat::Tuple(names), Expr::Tuple(values))
                    if names.elems.len() == values.elems.len() =>
                {
                    for (pat, value) in names.elems.iter().zip(&values.elems) {
                        match pat_name(pat) {
                            Some(name) => {
                                self.scan_in(value, &Context::Binding(&name));
                                self.bind(name, None);
                            }
                            None => self.visit_expr(value),
                        }
                    }
                }
                _ => self.visit_expr(&init.expr),
            },
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

    /// A struct literal whose fields hold values (`ssh_user: "root"`): a
    /// password field in it that only repeats its name is the default
    /// password (`ssh_password: String::from("password")`), not a name, as
    /// it would be where every field repeats its own (`Columns { password:
    /// "password", email: "email" }`).
    fn visit_expr_struct(&mut self, s: &'ast syn::ExprStruct) {
        // (its own attributes are `visit_expr`'s)
        let named = |f: &syn::FieldValue| match &f.member {
            syn::Member::Named(name) => Some(name.to_string()),
            syn::Member::Unnamed(_) => None,
        };
        let configured = s.fields.iter().any(|f| {
            named(f)
                .zip(literal_of(&f.expr))
                .is_some_and(|(name, (v, _))| {
                    !v.trim().is_empty() && !crate::benign::echoes_name(v.trim(), &name)
                })
        });
        for field in &s.fields {
            let echo = named(field)
                .filter(|name| {
                    // (an allowed field is `visit_field_value`'s to check)
                    configured
                        && crate::names::is_password_name(name)
                        && !field.attrs.iter().any(is_allow_attribute)
                })
                .and_then(|name| Some((echoed_literal(&field.expr, &name)?, name)));
            match echo {
                Some((span, name)) => self.stand_in(
                    span,
                    format!(
                        "the value of `{name}` only repeats its name: a default password anyone tries first"
                    ),
                ),
                None => self.visit_field_value(field),
            }
        }
        if let Some(rest) = &s.rest {
            self.visit_expr(rest);
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
        self.macro_in(mac, &Context::Plain);
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
                // `hash("…", cost)` after `use bcrypt::hash`: `bcrypt::hash`
                let imported = match callee.as_slice() {
                    [last] => self.imports.get(last).cloned(),
                    _ => None,
                };
                let (last, owner) = match (callee.as_slice(), &imported) {
                    (_, Some((name, owner))) => (Some(name.as_str()), Some(owner.as_str())),
                    ([.., owner, last], None) => (Some(last.as_str()), Some(owner.as_str())),
                    ([last], None) => (Some(last.as_str()), None),
                    ([], None) => (None, None),
                };
                if is_key_constructor(&callee) {
                    let shown = callee.join("::");
                    // (a cipher's nonce after its key is public, a
                    // session layer's store before its secret no key)
                    let keys = crate::names::key_arguments(owner, last, call.args.len());
                    for (i, arg) in call.args.iter().enumerate() {
                        if keys.contains(&i) {
                            self.scan_in(arg, &Context::KeyConstructor(&shown));
                        } else {
                            self.visit_expr(arg);
                        }
                    }
                } else if let Some((at, name)) =
                    last.and_then(|last| password_argument(last, owner, call.args.len()))
                {
                    let bound = last.and_then(|l| bound_password_use(l, owner, at));
                    self.password_call(&call.args, at, &name, bound);
                } else if let Some(name) = last.and_then(|last| env_assignment(last, &call.args)) {
                    self.value_in(&call.args[1], &name);
                } else if let Some(public) = owner
                    .filter(|o| crate::names::is_public_name(o))
                    .or_else(|| last.filter(|l| crate::names::is_public_name(l)))
                    && call.args.len() == 1
                {
                    // `Pubkey::from_str("…")`, `PublicKey::from_bytes(…)`:
                    // public by its type, as a binding so named would be;
                    // or by the function's name (`pubkey_from_str("…")`)
                    self.scan_in(&call.args[0], &Context::Binding(public));
                } else if let Some(params) = self
                    .params
                    .of_path(&callee)
                    .filter(|_| !has_generic_arguments(&call.func))
                {
                    let params = params.to_vec();
                    self.visit_expr(&call.func);
                    self.own_call_args(&params, &call.args);
                } else {
                    self.visit_expr(&call.func);
                    self.call_args(&callee.join("::"), &call.args);
                }
            }
            Expr::MethodCall(call) => self.method_call(call),
            Expr::Assign(assign) => match target_name(&assign.left) {
                Some(name) => self.scan_in(&assign.right, &Context::Binding(&name)),
                None => visit::visit_expr_assign(self, assign),
            },
            // `if password == "hunter22"`, `body.token != "…"`: a login
            // checked against a literal accepts that literal
            Expr::Binary(b)
                if matches!(b.op, syn::BinOp::Eq(_) | syn::BinOp::Ne(_))
                    && literal_of(&b.right).is_some() =>
            {
                match target_name(&b.left).filter(|n| is_secret_name(n)) {
                    Some(name) => {
                        self.visit_expr(&b.left);
                        self.compared_value_in(&b.right, &name);
                    }
                    // `auth == "Bearer …"`, whatever `auth` is called
                    None if is_bearer_literal(&b.right) => {
                        self.visit_expr(&b.left);
                        self.authorization_value(&b.right, AUTHORIZATION_CHECKED);
                    }
                    None => visit::visit_expr_binary(self, b),
                }
            }
            Expr::ForLoop(f) if self.for_rows(f) => {}
            Expr::Tuple(t)
                if t.elems.len() == 2 && self.credential_pair(&t.elems[0], &t.elems[1]) => {}
            Expr::Array(a)
                if a.elems.len() == 2 && self.credential_pair(&a.elems[0], &a.elems[1]) => {}
            _ => visit::visit_expr(self, expr),
        }
    }
}

/// Which argument of a call named `method` (on `owner`, for a path) with
/// `args` arguments is a secret, and the name it is bound to: a builder
/// method named for a secret with one argument (`.password("…")`,
/// `.with_api_key("…")`), the password of `basic_auth(user, Some("…"))`,
/// `login(user, "…")` and the like, and of `Credentials::new(user, "…")`;
/// the token of `.bearer_auth("…")`.
fn password_argument(method: &str, owner: Option<&str>, args: usize) -> Option<(usize, String)> {
    // lettre's `Credentials::new(user, password)`, AWS's
    // `Credentials::new(key_id, secret, token, expiry, provider)`,
    // rust-s3's `Credentials::new(Some(key), Some(secret), …)`
    // (and an enum's variant: `Credentials::Basic(user, password)`)
    if owner.is_some_and(is_credential_owner)
        && (method == "new" || method.starts_with(|c: char| c.is_ascii_uppercase()))
        && args >= 2
    {
        return Some((1, "password".to_owned()));
    }
    if owner == Some(crate::names::PKCS12_OWNER) && method == "from_der" && args == 2 {
        return Some((1, "password".to_owned()));
    }
    // actix-identity's `Identity::login(&req.extensions(), id)` attaches a
    // user id that a password check already admitted
    if CREDENTIAL_CALLS.contains(&method)
        && args >= 2
        && !(owner == Some("Identity") && method == "login")
    {
        return Some((1, "password".to_owned()));
    }
    // a wallet's passphrase: `mnemonic.to_seed("…")`, `Seed::new(&m, "…")`,
    // `Keys::from_mnemonic(phrase, Some("…"))` (the last argument; a
    // `from_mnemonic(phrase)` alone has none), read as a password's value:
    // the pre-pass probes these calls with a password's name, and a
    // `"password"` here is the stand-in the wallet runs with as anywhere
    // a password goes
    let to_seed = matches!(method, "to_seed" | "to_seed_normalized");
    if ((crate::names::SEED_CALLS.contains(&method) && (to_seed || args >= 2))
        || (owner == Some(crate::names::SEED_OWNER) && method == "new" && args == 2))
        && args >= 1
    {
        return Some((args - 1, "password".to_owned()));
    }
    // `obs.authenticate("…")`, an RCON connection's `conn.auth("…")`: what
    // one argument authenticates with
    if matches!(method, "authenticate" | "auth") && args == 1 {
        return Some((0, "password".to_owned()));
    }
    // a password hashed or checked: `bcrypt::hash("…", cost)`
    if crate::names::hashes_a_password(method, owner) && args >= 1 {
        return Some((0, "password".to_owned()));
    }
    // reqwest's `.bearer_auth(token)`
    if method == "bearer_auth" && args == 1 {
        return Some((0, "bearer_token".to_owned()));
    }
    // (not a strength check's: `is_weak_password("…")` rates a candidate)
    (owner.is_none()
        && args == 1
        && is_secret_name(method)
        && !crate::names::rates_a_password(method))
    .then(|| (0, method.to_owned()))
}

/// What a call that takes a password (see [`password_argument`]) at `at`
/// does with a `let` it is given: hashes it (`bcrypt::hash(pw, cost)`) or
/// logs in with it after an account (`login(user, pw)`,
/// `Credentials::new(user, pw)`), which makes the literal bound there the
/// password. `None` for the calls whose bound arguments are not followed
/// (`.password(pw)`, a wallet's passphrase, `conn.auth(pw)` alone: the
/// pre-pass follows a login's arguments after its first).
fn bound_password_use(method: &str, owner: Option<&str>, at: usize) -> Option<&'static str> {
    if crate::names::hashes_a_password(method, owner) {
        Some("hashed as a password")
    } else if at >= 1
        && (CREDENTIAL_CALLS.contains(&method)
            || owner.is_some_and(crate::names::is_password_owner))
    {
        Some("given as a password")
    } else {
        None
    }
}

/// `"Alice"`, `"Admin User"`: a person's or account's name as it is shown
/// (capitalised words of letters), not a password.
fn is_display_name(value: &str) -> bool {
    !value.is_empty()
        && value.split(' ').all(|word| {
            word.starts_with(|c: char| c.is_ascii_uppercase())
                && word.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

/// `value` is the account `account`'s display name: its letters only,
/// capitalised, and starting with the account's name (`"Administrator"` for
/// `admin`, `"User"` for `user`). `"admin123"` and `"Admin1!"` are passwords.
fn is_display_name_of(account: &str, value: &str) -> bool {
    !value.contains(' ')
        && is_display_name(value)
        && value
            .to_ascii_lowercase()
            .starts_with(&account.to_ascii_lowercase())
}

/// The secret-named variable a call sets, for its value (the second
/// argument): `env::set_var("JWT_SECRET", "…")`, `Command::env(…)`,
/// testcontainers' `.with_env_var("POSTGRES_PASSWORD", "…")`.
fn env_assignment(method: &str, args: &Punctuated<Expr, Token![,]>) -> Option<String> {
    if !matches!(method, "set_var" | "env" | "with_env_var" | "with_env") || args.len() != 2 {
        return None;
    }
    str_lit(&args[0])
        .map(|(name, _)| name)
        .filter(|name| is_secret_name(name))
}

/// The secret-named entry a call sets, for its value (the second argument):
/// a header (`.header("x-api-key", "…")`, `headers.insert("x-api-key",
/// HeaderValue::from_static("…"))`), a configuration key
/// (`ClientConfig::set("sasl.password", "…")`), a map entry, a query or form
/// pair (`.append_pair("api_key", "…")`, multipart `.text("password", "…")`).
fn named_value(method: &str, args: &Punctuated<Expr, Token![,]>) -> Option<String> {
    if args.len() != 2
        || !(is_header_setter(method)
            || matches!(
                method,
                "set" | "append_pair" | "query_param" | "param" | "text"
            ))
    {
        return None;
    }
    literal_of(&args[0])
        .map(|(name, _)| name)
        .filter(|name| name.len() <= 40 && is_secret_name(name))
}

/// The name of a header that carries a credential (`authorization`,
/// `cookie`): in a pair beside a secret's name, another name.
fn is_credential_header(value: &str) -> bool {
    [
        "authorization",
        "proxy-authorization",
        "cookie",
        "set-cookie",
    ]
    .iter()
    .any(|h| value.eq_ignore_ascii_case(h))
}

/// A method that sets a header (or a map entry) from a name and a value.
fn is_header_setter(method: &str) -> bool {
    matches!(
        method,
        "header"
            | "insert"
            | "insert_header"
            | "set_header"
            | "with_header"
            | "add_header"
            | "append_header"
            | "append"
    )
}

/// `AUTHORIZATION`, `header::PROXY_AUTHORIZATION`, `"Authorization"`: the
/// header that carries a credential.
fn is_authorization(expr: &Expr) -> bool {
    let name = match expr {
        Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => literal_of(expr).map(|(v, _)| v),
    };
    name.is_some_and(|n| {
        n.eq_ignore_ascii_case("authorization")
            || n.eq_ignore_ascii_case("proxy_authorization")
            || n.eq_ignore_ascii_case("proxy-authorization")
    })
}

/// The last segment of the one type in a method call's turbofish
/// (`parse::<k256::SecretKey>()` gives `SecretKey`).
fn turbofish_type(call: &syn::ExprMethodCall) -> Option<String> {
    let args = &call.turbofish.as_ref()?.args;
    match args.first() {
        Some(syn::GenericArgument::Type(syn::Type::Path(p))) if args.len() == 1 => {
            p.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

/// The key type of `names::TEXT_KEY_TYPES` a `let`'s pattern is typed
/// as, or that type's generic argument (`Arc<LocalWallet>`).
fn text_key_type(pat: &syn::Pat) -> Option<String> {
    fn in_type(ty: &syn::Type) -> Option<String> {
        match ty {
            syn::Type::Path(p) if p.qself.is_none() => p.path.segments.iter().find_map(|s| {
                if crate::names::TEXT_KEY_TYPES.contains(&s.ident.to_string().as_str()) {
                    return Some(s.ident.to_string());
                }
                match &s.arguments {
                    syn::PathArguments::AngleBracketed(a) => a.args.iter().find_map(|a| match a {
                        syn::GenericArgument::Type(t) => in_type(t),
                        _ => None,
                    }),
                    _ => None,
                }
            }),
            syn::Type::Reference(r) => in_type(&r.elem),
            syn::Type::Paren(p) => in_type(&p.elem),
            _ => None,
        }
    }
    match pat {
        syn::Pat::Type(t) => in_type(&t.ty),
        _ => None,
    }
}

/// Whether `expr` parses a literal (`"…".parse()?`, `"…".parse().unwrap()`,
/// `Arc::new("…".parse()?)`, `X::from_str("…")?`): what a text key type
/// makes of the text.
fn parsed_text(expr: &Expr) -> bool {
    match expr {
        Expr::Try(t) => parsed_text(&t.expr),
        Expr::Paren(p) => parsed_text(&p.expr),
        Expr::MethodCall(m) if m.args.is_empty() && m.method == "unwrap" => {
            parsed_text(&m.receiver)
        }
        Expr::MethodCall(m) if m.method == "expect" && m.args.len() == 1 => {
            parsed_text(&m.receiver)
        }
        Expr::Call(c)
            if c.args.len() == 1
                && callee_path(&c.func)
                    .last()
                    .is_some_and(|s| s == "new" || s == "from") =>
        {
            parsed_text(&c.args[0])
        }
        _ => parsed_literal(expr).is_some(),
    }
}

/// `x` of `Some(x)`, else `expr`.
fn unwrap_some(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(c) if c.args.len() == 1 && callee_path(&c.func) == ["Some"] => &c.args[0],
        _ => expr,
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
                        .is_some_and(|s| s == "env" || s == "dotenvy" || s == "dotenv"));
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

/// A key whose value the next argument of a call is taken to be
/// (`"userPassword"`, `"api_key"`, `"X-Secret"`): a password's, a secret's
/// or an API key's name as keys are written, at most 40 characters. Not a
/// token's or credentials' (`expect_token("first_token", "2023-…")`,
/// `Metadata::new("get_credentials", "imds")` name things), nor an
/// operation's (`"GetSessionToken"`, `"UpdateSecret"`).
fn is_value_key(name: &str) -> bool {
    let operation = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.contains(['-', '_', '.']);
    if name.len() > 40 || name.contains(char::is_whitespace) || operation {
        return false;
    }
    if crate::names::is_password_name(name) {
        return true;
    }
    let words = crate::names::words(name);
    matches!(words.last().map(String::as_str), Some("secret" | "apikey"))
        || words.ends_with(&["api".to_owned(), "key".to_owned()])
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

/// `"…".parse()`, `"…".try_into()`, `MetadataValue::from_str("…")`: the
/// literal parsed.
fn parsed_literal(expr: &Expr) -> Option<(String, Span)> {
    match expr {
        Expr::MethodCall(p)
            if p.args.is_empty()
                && p.turbofish.is_none()
                && (p.method == "parse" || p.method == "try_into") =>
        {
            literal_of(&p.receiver)
        }
        Expr::Call(c) if callee_path(&c.func).last().is_some_and(|s| s == "from_str") => {
            literal_of(expr)
        }
        _ => None,
    }
}

/// A string literal of `value` at `span`: a value met elsewhere (a `let`'s,
/// a string of code's) judged where a literal goes.
fn literal_at(value: &str, span: Span) -> Expr {
    Expr::Lit(syn::ExprLit {
        attrs: Vec::new(),
        lit: Lit::Str(syn::LitStr::new(value, span)),
    })
}

/// What a fallible step unwrapped by `?`, `.unwrap()` or `.expect(..)` makes
/// of a literal: a parse (`"…".parse()?`), or a constructor that takes the
/// text as it is (`JwtValidator::new("…")?`).
fn fallible_literal(expr: &Expr) -> Option<(String, Span)> {
    match expr {
        Expr::Call(_) => literal_of(expr),
        _ => parsed_literal(expr),
    }
}

/// A literal behind the conversions a secret goes through on its way into a
/// binding or key: `&`, `.as_bytes()`, `.into()`, `.to_string()`,
/// `*b"…"`, `String::from(..)`, `Some(..)`, a closure or block returning it; and
/// `"0123".repeat(8)` as the text it makes.
fn literal_of(expr: &Expr) -> Option<(String, Span)> {
    match expr {
        Expr::Lit(lit) => lit_text(&lit.lit),
        Expr::Reference(r) => literal_of(&r.expr),
        // `*b"…"`: a byte string's array (`const PASS: [u8; 36] = *b"…"`)
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => literal_of(&u.expr),
        Expr::Paren(p) => literal_of(&p.expr),
        Expr::Group(g) => literal_of(&g.expr),
        Expr::MethodCall(m) if m.args.is_empty() && is_conversion(&m.method.to_string()) => {
            literal_of(&m.receiver)
        }
        // `"0123".repeat(8)`: the text it makes
        Expr::MethodCall(m) if m.method == "repeat" && m.args.len() == 1 => match &m.args[0] {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(times),
                ..
            }) => {
                let (unit, span) = literal_of(&m.receiver)?;
                Some((crate::repeated(&unit, times.base10_parse().ok()?)?, span))
            }
            _ => None,
        },
        // `"…".parse().unwrap()` into a typed value (a header's),
        // `"…".try_into().unwrap()` into a fixed-capacity string (esp-idf's
        // Wi-Fi configuration)
        // (or `?`: `"Bearer some-auth-token".parse()?`)
        Expr::MethodCall(m) if m.args.is_empty() && m.method == "unwrap" => {
            fallible_literal(&m.receiver)
        }
        Expr::MethodCall(m) if m.args.len() == 1 && m.method == "expect" => {
            fallible_literal(&m.receiver)
        }
        Expr::Try(t) => fallible_literal(&t.expr),
        // not a key constructor's (`SecretString::from("…")`): that call is
        // its own, stronger context
        Expr::Call(c)
            if c.args.len() == 1
                && match callee_path(&c.func).as_slice() {
                    [name] => crate::names::is_transparent_call(name, true),
                    [.., name] => crate::names::is_transparent_call(name, false),
                    [] => false,
                }
                && !is_key_constructor(&callee_path(&c.func)) =>
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

/// A context that makes any literal in it suspect: a secret-named binding
/// (or one named for key material, `key`, `seed`, or a one-time password's
/// seed), a key constructor, a fallback.
fn says_secret(context: &Context<'_>) -> bool {
    match context {
        Context::Plain => false,
        Context::Binding(name) => {
            is_secret_name(name)
                || crate::names::is_key_material_name(name)
                || crate::names::is_otp_name(name)
        }
        Context::KeyConstructor(_) | Context::EnvFallback(_) => true,
    }
}

/// Macros whose first argument names what they embed ([`scan_embed`]).
const EMBEDS: [&str; 6] = [
    "env",
    "option_env",
    "include_str",
    "include_bytes",
    "dotenv",
    "dotenvy",
];

/// `hex!`, `hex_literal::hex!`, `base64!`, `b64!`, `base64_literal!`…: the
/// literal argument is the bytes.
fn is_encoding_macro(name: &str) -> bool {
    ENCODING_MACROS.iter().any(|enc| {
        name == *enc
            || name.strip_prefix(enc).is_some_and(|r| r.starts_with('_'))
            || name.strip_suffix(enc).is_some_and(|r| r.ends_with('_'))
    })
}

/// Where the format string of a standard or common logging macro sits.
fn format_position(name: &str) -> Option<usize> {
    match name {
        "format" | "print" | "println" | "eprint" | "eprintln" | "panic" | "format_args"
        | "unreachable" | "todo" | "unimplemented" | "anyhow" | "bail" | "eyre" | "trace"
        | "debug" | "info" | "warn" | "error" | "compile_error" | "format_err" => Some(0),
        "write" | "writeln" | "assert" | "debug_assert" | "ensure" | "log" => Some(1),
        "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => Some(2),
        _ => None,
    }
}

/// A macro body as comma-separated expressions (`vec![x; n]` as two). Not
/// tried on bodies nested deeper than [`MAX_PARSED_NESTING`]: syn's parser
/// recurses per group, where its file parser only gathered tokens.
fn macro_args(tokens: TokenStream) -> Option<Vec<Expr>> {
    if nested_deeper(&tokens, MAX_PARSED_NESTING) {
        return None;
    }
    let list = |input: ParseStream<'_>| Punctuated::<Expr, Token![,]>::parse_terminated(input);
    if let Ok(args) = list.parse2(tokens.clone()) {
        return Some(args.into_iter().collect());
    }
    let repeat = |input: ParseStream<'_>| {
        let value: Expr = input.parse()?;
        let _: Token![;] = input.parse()?;
        let count: Expr = input.parse()?;
        Ok(vec![value, count])
    };
    repeat.parse2(tokens).ok()
}

/// How deeply groups may nest in a macro body parsed as code.
const MAX_PARSED_NESTING: usize = 24;

/// Whether `tokens` nest groups more than `limit` deep.
fn nested_deeper(tokens: &TokenStream, limit: usize) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Group(g) => limit == 0 || nested_deeper(&g.stream(), limit - 1),
        _ => false,
    })
}

/// A macro body of items (`thread_local! { static … }`, lazy_static's
/// `static ref …`), within the same nesting bound.
fn macro_items(tokens: TokenStream) -> syn::Result<syn::File> {
    if nested_deeper(&tokens, MAX_PARSED_NESTING) {
        return Err(syn::Error::new(Span::call_site(), "nested too deeply"));
    }
    // lazy_static's `static ref NAME: T = …;` is a static without the `ref`
    let mut after_static = false;
    let tokens: TokenStream = tokens
        .into_iter()
        .filter(|tt| {
            let skip = after_static && matches!(tt, TokenTree::Ident(i) if i == "ref");
            after_static = matches!(tt, TokenTree::Ident(i) if i == "static");
            !skip
        })
        .collect();
    syn::parse2(tokens)
}

/// The joined text of a body of string literals only (commas allowed), at
/// the first one's place.
fn string_literals(tokens: TokenStream) -> Option<(String, Span)> {
    let mut joined = String::new();
    let mut first = None;
    for tt in tokens {
        match tt {
            TokenTree::Literal(lit) => {
                let Lit::Str(s) = Lit::new(lit) else {
                    return None;
                };
                first.get_or_insert(s.span());
                joined.push_str(&s.value());
            }
            TokenTree::Punct(p) if p.as_char() == ',' => {}
            _ => return None,
        }
    }
    first.map(|span| (joined, span))
}

/// What `concat!` makes of a literal argument.
fn concat_piece(expr: &Expr) -> Option<String> {
    let Expr::Lit(lit) = expr else {
        return None;
    };
    Some(match &lit.lit {
        Lit::Str(s) => s.value(),
        Lit::Char(c) => c.value().to_string(),
        Lit::Int(i) => i.base10_digits().to_owned(),
        Lit::Float(f) => f.base10_digits().to_owned(),
        Lit::Bool(b) => b.value.to_string(),
        _ => return None,
    })
}

/// A plain string literal argument.
fn str_lit(expr: &Expr) -> Option<(String, Span)> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some((s.value(), s.span())),
        _ => None,
    }
}

/// `{}`, `{name}`, `{0:>8}` (not the escaped `{{`).
fn has_placeholder(s: &str) -> bool {
    let t = s.replace("{{", "").replace("}}", "");
    t.find('{').is_some_and(|i| t[i..].contains('}'))
}

/// The text of a format string around its placeholders.
fn format_pieces(s: &str) -> impl Iterator<Item = &str> {
    s.split(['{', '}']).filter(|p| !p.is_empty())
}

/// The key of the literal at `i` in a token list: `key: "v"`, `"key": "v"`,
/// `key = "v"`, `"key" => "v"` (never `a::b`, `==`, `<=`).
fn key_before(tts: &[TokenTree], i: usize) -> Option<String> {
    let punct = |j: usize, c: char, spacing: Spacing| matches!(tts.get(j), Some(TokenTree::Punct(p)) if p.as_char() == c && p.spacing() == spacing);
    if i < 2 {
        return None;
    }
    let key_at = if punct(i - 1, ':', Spacing::Alone) || punct(i - 1, '=', Spacing::Alone) {
        i - 2
    } else if i >= 3 && punct(i - 1, '>', Spacing::Alone) && punct(i - 2, '=', Spacing::Joint) {
        i - 3
    } else {
        return None;
    };
    match &tts[key_at] {
        TokenTree::Ident(id) => {
            let id = id.to_string();
            Some(id.strip_prefix("r#").unwrap_or(&id).to_owned())
        }
        TokenTree::Literal(lit) => match Lit::new(lit.clone()) {
            Lit::Str(s) => Some(s.value()).filter(|k| k.len() <= 64),
            _ => None,
        },
        _ => None,
    }
}

/// Method calls a value goes through unchanged on its way into a key.
fn is_conversion(method: &str) -> bool {
    matches!(
        method,
        "as_bytes"
            | "as_ref"
            | "into"
            | "to_string"
            | "to_owned"
            | "to_vec"
            | "as_str"
            | "into_bytes"
            | "as_slice"
    )
}

/// `&e`, `(e)`, `e.as_bytes()`…: the expression under the conversions.
fn unconverted(expr: &Expr) -> &Expr {
    match expr {
        Expr::Reference(r) => unconverted(&r.expr),
        Expr::Paren(p) => unconverted(&p.expr),
        Expr::Group(g) => unconverted(&g.expr),
        Expr::MethodCall(m) if m.args.is_empty() && is_conversion(&m.method.to_string()) => {
            unconverted(&m.receiver)
        }
        _ => expr,
    }
}

/// The macro call under the conversions: `&hex!("…")`, `concat!(..).as_bytes()`.
fn macro_of(expr: &Expr) -> Option<&syn::Macro> {
    match unconverted(expr) {
        Expr::Macro(m) if m.attrs.is_empty() => Some(&m.mac),
        _ => None,
    }
}

/// The local a key is read from: `k`, `&k`, `k.as_bytes()`, `k.clone()`,
/// `k.into()`, `String::from(k)`.
fn binding_of(expr: &Expr) -> Option<String> {
    match unconverted(expr) {
        Expr::Path(p) if p.qself.is_none() => p.path.get_ident().map(|i| i.to_string()),
        Expr::MethodCall(m) if m.args.is_empty() && m.method == "clone" => binding_of(&m.receiver),
        Expr::Call(c)
            if c.args.len() == 1
                && callee_path(&c.func)
                    .last()
                    .is_some_and(|s| s == "from" || s == "new") =>
        {
            c.args.first().and_then(binding_of)
        }
        _ => None,
    }
}

/// The variable or field an argument reads: `email`, `&email`,
/// `test_email.to_string()`, `payload.username`, `user.clone()`.
fn account_named(expr: &Expr) -> Option<String> {
    match unconverted(expr) {
        field @ Expr::Field(_) => target_name(field),
        _ => binding_of(expr),
    }
}

/// `[0x3a, 0x91, …]` of at least 16 bytes as hex, at the array's place; not
/// a run of one value (`[0; 32]` written out).
fn key_bytes(expr: &Expr) -> Option<(String, Span)> {
    let (bytes, span) = array_bytes(expr)?;
    // a buffer filled with one value (`[0; 32]` written out) is no key (but
    // see `constant_bytes`); a counting sequence is (the examples' key,
    // shipped)
    if bytes.len() < 16 || is_one_value(&bytes) {
        return None;
    }
    let hex = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Some((hex, span))
}

/// `[0x3a, 0x91, …]`: the bytes of an array of byte literals, at its place.
fn array_bytes(expr: &Expr) -> Option<(Vec<u8>, Span)> {
    let Expr::Array(array) = unconverted(expr) else {
        return None;
    };
    let bytes = array
        .elems
        .iter()
        .map(byte_literal)
        .collect::<Option<_>>()?;
    Some((bytes, array.span()))
}

/// `0x3a`, `7u8`: an integer literal that is a byte.
fn byte_literal(expr: &Expr) -> Option<u8> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(i), ..
        }) => i.base10_parse::<u8>().ok(),
        _ => None,
    }
}

/// Whether `bytes` are all one value.
fn is_one_value(bytes: &[u8]) -> bool {
    bytes.windows(2).all(|w| w[0] == w[1])
}

/// `[0; 32]`, `[0u8; 64]` or `[7, 7, …]` of at least 16 bytes, all one
/// value: how many, at the array's place.
fn constant_bytes(expr: &Expr) -> Option<(usize, Span)> {
    let (len, span) = match unconverted(expr) {
        Expr::Repeat(r) => {
            byte_literal(&r.expr)?;
            let Expr::Lit(syn::ExprLit {
                lit: Lit::Int(n), ..
            }) = &*r.len
            else {
                return None;
            };
            (n.base10_parse::<usize>().ok()?, r.span())
        }
        _ => {
            let (bytes, span) = array_bytes(expr)?;
            if !is_one_value(&bytes) {
                return None;
            }
            (bytes.len(), span)
        }
    };
    (len >= 16).then_some((len, span))
}

/// `env::var("X").unwrap_or_default()`, `.unwrap_or("")`,
/// `.unwrap_or_else(|_| String::new())`: the variable and where the empty
/// fallback is.
fn empty_env_fallback(expr: &Expr) -> Option<(Option<String>, Span)> {
    let Expr::MethodCall(m) = unconverted(expr) else {
        return None;
    };
    let empty = match m.method.to_string().as_str() {
        "unwrap_or_default" => m.args.is_empty(),
        "unwrap_or" | "unwrap_or_else" => m.args.len() == 1 && m.args.first().is_some_and(is_empty),
        _ => false,
    };
    if !empty {
        return None;
    }
    env_var_read(&m.receiver).map(|var| (var, m.method.span()))
}

/// `""`, `String::new()`, `Default::default()`, `|_| String::new()`.
fn is_empty(expr: &Expr) -> bool {
    match expr {
        Expr::Closure(c) => is_empty(&c.body),
        Expr::Call(c) if c.args.is_empty() => callee_path(&c.func)
            .last()
            .is_some_and(|s| s == "new" || s == "default"),
        _ => literal_of(expr).is_some_and(|(v, _)| v.is_empty()),
    }
}

/// An account name that is also the name of a login form's field.
fn is_field_like(s: &str) -> bool {
    matches!(s.to_ascii_lowercase().as_str(), "user" | "username")
}

/// Why a literal `Authorization` value is reported: it is sent, or a
/// request's header is checked against it.
const AUTHORIZATION_SET: &str = "the `Authorization` header is set to a literal token";
const AUTHORIZATION_CHECKED: &str =
    "a request's `Authorization` is checked against a literal token: the program accepts it";

/// A literal `Bearer <token68>` (`"Bearer admin"`, not `"Bearer "` nor
/// `"Token expired"`): what a check of an `Authorization` header compares.
fn is_bearer_literal(expr: &Expr) -> bool {
    literal_of(expr).is_some_and(|(value, _)| {
        let t = value.trim_start();
        t.get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("bearer "))
            && crate::formats::bearer_credential(&value).is_some_and(crate::formats::is_token68)
    })
}

/// A fn body that is one literal: `{ "…" }`, `{ "…".into() }`.
fn body_literal(block: &syn::Block) -> Option<(String, Span)> {
    match block.stmts.as_slice() {
        [syn::Stmt::Expr(e, None)] => literal_of(e),
        _ => None,
    }
}

/// Whether a fn returns a `String` (`-> String`, `-> std::string::String`).
fn returns_string(sig: &syn::Signature) -> bool {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => match &**ty {
            syn::Type::Path(p) => {
                p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "String")
            }
            _ => false,
        },
        syn::ReturnType::Default => false,
    }
}

/// `password` and `"password"`, `default_api_key` and `"API-KEY"`: a name
/// and its own spelling.
fn same_words(name: &str, value: &str) -> bool {
    let value = crate::names::words(value);
    !value.is_empty() && crate::names::words(name).ends_with(&value)
}

/// The password-hash fns `items` import (in modules too), by the name a
/// bare call uses: `use bcrypt::{hash, verify as check}` → `hash` →
/// (`hash`, `bcrypt`), `check` → (`verify`, `bcrypt`); a glob imports all.
fn hash_imports(items: &[syn::Item]) -> HashMap<String, (String, String)> {
    const HASH_FNS: [&str; 3] = ["hash", "hash_with_result", "verify"];
    fn tree(t: &syn::UseTree, module: Option<&str>, found: &mut HashMap<String, (String, String)>) {
        let owner = module.filter(|m| crate::names::PASSWORD_HASH_OWNERS.contains(m));
        match t {
            syn::UseTree::Path(p) => tree(&p.tree, Some(&p.ident.to_string()), found),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| tree(t, module, found)),
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                if let Some(owner) = owner.filter(|_| HASH_FNS.contains(&name.as_str())) {
                    found.insert(name.clone(), (name, owner.to_owned()));
                }
            }
            syn::UseTree::Rename(r) => {
                let name = r.ident.to_string();
                if let Some(owner) = owner.filter(|_| HASH_FNS.contains(&name.as_str())) {
                    found.insert(r.rename.to_string(), (name, owner.to_owned()));
                }
            }
            syn::UseTree::Glob(_) => {
                if let Some(owner) = owner {
                    for name in HASH_FNS {
                        found.insert(name.to_owned(), (name.to_owned(), owner.to_owned()));
                    }
                }
            }
        }
    }
    fn collect(items: &[syn::Item], found: &mut HashMap<String, (String, String)>) {
        for item in items {
            match item {
                syn::Item::Use(u) => tree(&u.tree, None, found),
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        collect(items, found);
                    }
                }
                _ => {}
            }
        }
    }
    let mut found = HashMap::new();
    collect(items, &mut found);
    found
}

/// The fns of `items` (in modules and impls too) whose body is one literal,
/// and the consts and statics bound to one (or to key bytes), by name; a
/// name defined twice is left out.
fn file_literals(items: &[syn::Item]) -> (HashMap<String, Literal>, HashMap<String, Literal>) {
    type Found = HashMap<String, Option<Literal>>;
    fn add(found: &mut Found, name: &syn::Ident, literal: Option<(String, Span)>) {
        let literal = literal.map(|(value, span)| Literal {
            value,
            span,
            hit: None,
            used: false,
        });
        match found.entry(name.to_string()) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                e.insert(None);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(literal);
            }
        }
    }
    fn collect(items: &[syn::Item], fns: &mut Found, consts: &mut Found) {
        for item in items {
            match item {
                syn::Item::Fn(f) => add(fns, &f.sig.ident, body_literal(&f.block)),
                syn::Item::Impl(i) => {
                    for item in &i.items {
                        if let syn::ImplItem::Fn(f) = item {
                            add(fns, &f.sig.ident, body_literal(&f.block));
                        }
                    }
                }
                syn::Item::Const(c) => add(consts, &c.ident, bound_value(&c.expr)),
                syn::Item::Static(s) => add(consts, &s.ident, bound_value(&s.expr)),
                syn::Item::Mod(m) => {
                    if let Some((_, items)) = &m.content {
                        collect(items, fns, consts);
                    }
                }
                _ => {}
            }
        }
    }
    let (mut fns, mut consts) = (HashMap::new(), HashMap::new());
    collect(items, &mut fns, &mut consts);
    let known = |found: Found| {
        found
            .into_iter()
            .filter_map(|(name, f)| Some((name, f?)))
            .collect()
    };
    (known(fns), known(consts))
}

/// What a `let`, const or static binds that a key constructor may be given
/// by name: a literal or key bytes.
fn bound_value(expr: &Expr) -> Option<(String, Span)> {
    literal_of(expr).or_else(|| key_bytes(expr))
}

/// Whether a call's path ends in generic arguments (`parse::<T>`): the
/// pre-pass sees a `>` before its `(`, no name.
fn has_generic_arguments(func: &Expr) -> bool {
    match func {
        Expr::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| !s.arguments.is_none()),
        _ => false,
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

/// What a `for` loop iterates: `users`, `&users`, `users.iter()`,
/// `users.into_iter()`.
fn iterated(expr: &Expr) -> &Expr {
    match unconverted(expr) {
        Expr::MethodCall(m)
            if m.args.is_empty() && (m.method == "iter" || m.method == "into_iter") =>
        {
            iterated(&m.receiver)
        }
        e => e,
    }
}

/// The names a `for` loop gives the columns of what it iterates, when one
/// is a secret's: its tuple pattern's (`(user, password)` →
/// `[Some("user"), Some("password")]`), a column the body hashes as a
/// password being one whatever its name (`for (name, pw) in users {
/// bcrypt::hash(pw, cost) }`, `argon2.hash_password(plain_pw.as_bytes(),
/// …)`: `pw (hashed as a password)`).
fn secret_columns(f: &syn::ExprForLoop) -> Option<Vec<Option<String>>> {
    let syn::Pat::Tuple(tuple) = &*f.pat else {
        return None;
    };
    let mut columns: Vec<Option<String>> = tuple.elems.iter().map(pat_name).collect();
    let hashed = hashed_passwords(&f.body);
    for column in columns.iter_mut().flatten() {
        if hashed.contains(column) && !is_secret_name(column) {
            // (named so in findings; a value repeating "password" is the
            // stand-in it seeds)
            *column = format!("{column} (hashed as a password)");
        }
    }
    columns
        .iter()
        .flatten()
        .any(|name| is_secret_name(name))
        .then_some(columns)
}

/// The locals a block gives a password-hash call as its password:
/// `bcrypt::hash(pw, …)`, `hash_password(pw.as_bytes(), …)`,
/// `argon2.hash_password(pw.as_bytes(), &salt)` → `pw`.
fn hashed_passwords(block: &syn::Block) -> Vec<String> {
    struct Hashed(Vec<String>);
    impl<'ast> Visit<'ast> for Hashed {
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            let callee = callee_path(&call.func);
            let (last, owner) = match callee.as_slice() {
                [.., owner, last] => (last.as_str(), Some(owner.as_str())),
                [last] => (last.as_str(), None),
                [] => ("", None),
            };
            if crate::names::hashes_a_password(last, owner) {
                self.0.extend(call.args.first().and_then(binding_of));
            }
            visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            if crate::names::PASSWORD_HASH_CALLS.contains(&call.method.to_string().as_str()) {
                self.0.extend(call.args.first().and_then(binding_of));
            }
            visit::visit_expr_method_call(self, call);
        }
    }
    let mut hashed = Hashed(Vec::new());
    hashed.visit_block(block);
    hashed.0
}

/// The tables a block's `for` loops name the columns of: `for (user,
/// password) in users.iter()` → `users` → its columns; only a name one
/// `let` of the block binds (nested fns left to their own walk).
fn loop_columns(block: &syn::Block) -> HashMap<String, Vec<Option<String>>> {
    #[derive(Default)]
    struct Loops {
        tables: HashMap<String, Vec<Option<String>>>,
        lets: HashMap<String, usize>,
    }
    impl<'ast> Visit<'ast> for Loops {
        fn visit_item(&mut self, _: &'ast syn::Item) {}
        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let Some(name) = pat_name(&local.pat) {
                *self.lets.entry(name).or_default() += 1;
            }
            visit::visit_local(self, local);
        }
        fn visit_expr_for_loop(&mut self, f: &'ast syn::ExprForLoop) {
            if let Some(columns) = secret_columns(f)
                && let Some(table) = binding_of(iterated(&f.expr))
            {
                self.tables.insert(table, columns);
            }
            visit::visit_expr_for_loop(self, f);
        }
    }
    let mut loops = Loops::default();
    loops.visit_block(block);
    let Loops { mut tables, lets } = loops;
    tables.retain(|name, _| lets.get(name) == Some(&1));
    tables
}

/// The rows of a table of tuples, `[(…), (…)]`, `&[…]` or `vec![(…), (…)]`
/// (each row a tuple), and whether they are a macro's arguments.
fn table_rows(expr: &Expr) -> Option<(Vec<Vec<Expr>>, bool)> {
    let (elems, in_macro): (Vec<Expr>, bool) = match unconverted(expr) {
        Expr::Array(a) => (a.elems.iter().cloned().collect(), false),
        Expr::Macro(m) if m.mac.path.is_ident("vec") => (macro_args(m.mac.tokens.clone())?, true),
        _ => return None,
    };
    let rows = elems
        .iter()
        .map(|e| match e {
            Expr::Tuple(t) => Some(t.elems.iter().cloned().collect()),
            _ => None,
        })
        .collect::<Option<Vec<Vec<Expr>>>>()?;
    (!rows.is_empty()).then_some((rows, in_macro))
}

/// The span of `expr` when `name` is a password's and `expr` a literal of
/// one to three characters, one a letter or digit, no whitespace: where
/// only a password goes (`password == "pwd"`, `sql_server("sa", "a1")`)
/// it is one, however short a binding's value must be to count (four). Not
/// a placeholder (`"x"`, `"xxx"`, `"***"`).
fn short_password(expr: &Expr, name: &str) -> Option<Span> {
    short_value(expr).filter(|_| crate::names::is_password_name(name))
}

/// The span of `expr` when it is a literal of one to three characters, one
/// a letter or digit, no whitespace, and no placeholder (`"x"`, `"xxx"`,
/// `"***"`).
fn short_value(expr: &Expr) -> Option<Span> {
    let (value, span) = literal_of(expr)?;
    let t = value.trim();
    (crate::benign::is_short_value(t)
        && !crate::placeholder::is_placeholder(t)
        && !t.eq_ignore_ascii_case("x"))
    .then_some(span)
}

/// The span of `expr` when it is a literal of four or more characters, not
/// an environment variable's name, that only repeats `name`
/// (`.with_password("password")`): a label where a name may go, a stand-in
/// where only a value does.
fn echoed_literal(expr: &Expr, name: &str) -> Option<Span> {
    let (v, span) = literal_of(expr)?;
    let v = v.trim();
    // an echo is a name: short, of a name's characters (as the pre-pass
    // asks; `"\x10\0password"` is no label)
    (crate::benign::is_name_shaped(v)
        && !crate::is_env_name(v)
        && crate::benign::echoes_name(v, name))
    .then_some(span)
}

/// The name a value is read from: a variable or field (see [`target_name`])
/// or a getter called without arguments (`basic.password()`).
fn getter_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::MethodCall(m) if m.args.is_empty() => Some(m.method.to_string()),
        _ => target_name(expr),
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

/// The outer attributes of the items that can carry
/// `#[allow_hardcoded_secret]` (consts, statics, fns, impls, modules,
/// types, traits, item macros); `None` for other items.
pub fn item_attrs(item: &syn::Item) -> Option<&[Attribute]> {
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
    fn a_pem_key_down_a_comments_lines_is_found() {
        // set 16: jsonwebtoken-style examples keep the signing key in a
        // block comment (body made up)
        let body = "MIIEpAIBAAKCAQEAq8Zt3Lm0XvB7nR2yK5wP9jF4hD6sA1cE8uG0iT3oVbNm3Kx7LQ2v\nR9bN4tZ8pW1yH6cF0jD5sA2gE7uT3oVbQkq8Zt3Lm0XvB7nR2yK5wP9jF4hD6sA1cE";
        let block = format!(
            "fn main() {{}}\n/*\nAssociated private key is:\n\n-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n*/\n"
        );
        let starred = format!(
            "/**\n * -----BEGIN PRIVATE KEY-----\n * {}\n * -----END PRIVATE KEY-----\n */\nfn main() {{}}\n",
            body.replace("\n", "\n * ")
        );
        let lines = format!(
            "fn main() {{}}\n// -----BEGIN EC PRIVATE KEY-----\n// {}\n// -----END EC PRIVATE KEY-----\n",
            body.replace("\n", "\n// ")
        );
        for (src, line) in [(&block, 5), (&lines, 2)] {
            let report = walk_commented_code(src);
            let found: Vec<_> = report
                .hits
                .iter()
                .map(|h| (h.span.start().line, h.finding.rule))
                .collect();
            assert_eq!(found, [(line, Rule::PemPrivateKey)], "{src}");
            assert!(crate::prefilter::needs_parse(src), "{src}");
        }
        // a doc comment's (`/** */` is one) is not a plain comment's; a
        // program's `//!` lines are read by `walk_doc_comments`
        assert_eq!(walk_commented_code(&starred).hits.len(), 0);
        let doc = lines.replace("// ", "//! ");
        assert_eq!(walk_doc_comments(&doc).hits.len(), 1);
        // a header alone, or a public key, is none
        for src in [
            "// -----BEGIN RSA PRIVATE KEY-----\n// -----END RSA PRIVATE KEY-----\n".to_owned(),
            lines.replace("EC PRIVATE", "PUBLIC"),
        ] {
            assert!(walk_commented_code(&src).hits.is_empty(), "{src}");
        }
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

    /// Each hit as `line rule`, for sources spread over lines.
    fn hits(src: &str) -> Vec<(usize, Rule)> {
        let file = syn::parse_file(src).expect("test source parses");
        walk_file(&file)
            .hits
            .iter()
            .map(|h| (h.span.start().line, h.finding.rule))
            .collect()
    }

    #[test]
    fn macro_arguments_are_walked() {
        assert_eq!(
            rules(
                r#"fn f() { let h = format!("Bearer {}", "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"); }"#
            ),
            [Rule::GitHubToken]
        );
        assert_eq!(
            rules(r#"fn f() { let v = vec!["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "x"]; }"#),
            [Rule::StripeKey]
        );
        assert_eq!(
            rules(r#"fn f() { let v = vec!["AKIAU29PC7ZL4HT2DTCB"; 2]; }"#),
            [Rule::AwsAccessKeyId]
        );
        // with no context, only known formats count in a macro: test data is not
        assert_eq!(
            rules(
                r#"fn f() { assert_eq!(encode(x), "c3VwZXJzZWNyZXRrZXkxMjM0NTY3ODkwYWJjZGVmZ2g="); }"#
            ),
            []
        );
        assert_eq!(
            rules(r#"fn f() { let v = "c3VwZXJzZWNyZXRrZXkxMjM0NTY3ODkwYWJjZGVmZ2g="; }"#),
            [Rule::HighEntropy]
        );
        // OpenWeatherMap's key is its `appid`, 32 hex digits (sets 7, 20, 24);
        // a numeric or prefixed app id is none
        assert_eq!(
            rules(
                r#"const APPID: &str = "4845f22236e074cdac59ae174aa580a3"; fn f() { let appid = "566e3e4fa2e15f8874dd5a8afb8af4d4"; let steam_appid = "570"; let wx_appid = "wx8a3f0c2d9e7b1a46"; }"#
            ),
            [Rule::SecretBinding; 2]
        );
        // a Solana mint is public (set 22's trading bot); under a key's name
        // the same shape is the key
        assert_eq!(
            rules(r#"pub const USDC: &str = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";"#),
            []
        );
        assert_eq!(
            rules(r#"const API_KEY: &str = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v";"#),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(
                r#"fn f() { println!("{}", "xoxb-1234567890-abcdefghijkl"); assert_eq!(t, "AKIAU29PC7ZL4HT2DTCB"); }"#
            ),
            [Rule::SlackToken, Rule::AwsAccessKeyId]
        );
        // `json!` does not parse as expressions: its literals, keys giving context
        assert_eq!(
            rules(
                r#"fn f() { let body = json!({"user": "alice", "db": {"password": "hunter22"}, "n": [1, 2]}); }"#
            ),
            [Rule::SecretBinding]
        );
        // public key material and ids in a document count only by known formats
        assert_eq!(
            rules(
                r#"fn f() { let jwk = json!({"kid": "T4xl70S7MT6Zeq6r9V9fPJGVn76wfnXJ21-gyo0Gu6o"}); }"#
            ),
            []
        );
        // nested macros, and a key in a DSL's `key = "value"`
        assert_eq!(
            rules(r#"fn f() { outer!(inner!{ api_token = "tok-7f3a9c2e-prod" }); }"#),
            [Rule::SecretBinding]
        );
        // a statement-like body of items
        assert_eq!(
            rules(r#"thread_local! { static DB_PASSWORD: String = String::from("Summer2026!"); }"#),
            [Rule::SecretBinding]
        );
    }

    #[test]
    fn concat_is_scanned_whole_in_its_context() {
        assert_eq!(
            rules(r#"fn f() { let k = concat!("sk_live_", "4eC39HqLyjWDarjtT1zdp7dc"); }"#),
            [Rule::StripeKey]
        );
        assert_eq!(
            rules(r#"const DB_PASSWORD: &str = concat!("Summer", "2026!");"#),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(r#"fn f() { EncodingKey::from_secret(concat!("dev", "-key").as_bytes()); }"#),
            [Rule::KeyConstructor]
        );
        assert_eq!(
            rules(r#"const V: &str = concat!(env!("CARGO_PKG_NAME"), "/", "1.0");"#),
            []
        );
    }

    #[test]
    fn format_strings_and_embeds_in_macros() {
        assert_eq!(
            rules(
                r#"fn f() {
                    let a = format!("Bearer {}", token);
                    let b = format!("{}", x);
                    let c = format!("postgres://{}:{}@{}/{}", user, pass, host, db);
                    write!(f, "{}:{}", k, v);
                    log::info!(target: "auth", "token {} for {}", t, u);
                    assert!(ok, "{} c3VwZXJzZWNyZXRrZXkxMjM0NTY3ODkwYWJjZGVmZ2g=", x);
                    panic!("sk_live_4eC39HqLyjWDarjtT1zdp7dc {}", x);
                }"#
            ),
            [Rule::StripeKey]
        );
        // an API key in a URL's query after a placeholder (set 24's weather
        // app); a placeholder in a key's place is none
        assert_eq!(
            rules(
                r#"fn f() {
                    let a = format!("https://api.openweathermap.org/data/2.5/weather?q={}&units=metric&appid=7484f462f852c04cbab6a6a5ad8c9d37", loc);
                    let b = format!("https://api.example.com/v1?q={}&api_key={}", q, key);
                    let c = format!("https://api.example.com/v1?q={}&api_key={key}", q);
                }"#
            ),
            [Rule::UrlApiKey]
        );
        assert_eq!(
            rules(
                r#"fn f() { let k = include_str!("../keys/jwt.pem"); let v = env!("CARGO_PKG_VERSION"); }"#
            ),
            [Rule::BuildTimeEmbed]
        );
        // attributes in macro bodies stay unread, doc comments included
        assert_eq!(
            rules(
                "m! { //! AKIAU29PC7ZL4HT2DTCB\n /// AKIAU29PC7ZL4HT2DTCB\n struct S; #[doc = \"AKIAU29PC7ZL4HT2DTCB\"] x => y }"
            ),
            []
        );
    }

    #[test]
    fn odd_macro_bodies_do_not_break_the_walk() {
        let deep = format!(
            "fn f() {{ m!({}\"x\"{}); }}",
            "[".repeat(500),
            "]".repeat(500)
        );
        assert_eq!(rules(&deep), []);
        let nested = format!(
            "fn f() {{ {}\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"{} }}",
            "m!(".repeat(200),
            ")".repeat(200)
        );
        assert!(rules(&nested).len() <= 1);
        // as deep as a body is parsed as code, on a test thread's stack
        let parsed = format!(
            "fn f() {{ vec!{}\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"{}; }}",
            "[".repeat(MAX_PARSED_NESTING + 1),
            "]".repeat(MAX_PARSED_NESTING + 1)
        );
        assert_eq!(rules(&parsed), [Rule::StripeKey]);
        assert_eq!(
            rules(
                r#"macro_rules! m { ($x:expr) => { $x + "lit" }; () => {} } fn f() { m!(=> : = ;;); n!(); o!{ : "a" }; }"#
            ),
            []
        );
    }

    /// Random token soup with balanced delimiters, as macro bodies: the walk
    /// neither panics nor reports a value in a reason.
    #[test]
    fn any_macro_body_is_walked_without_panic() {
        const TOKENS: [&str; 24] = [
            "\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"",
            "\"hunter22\"",
            "\"{}\"",
            "\"\"",
            "b\"k3y\"",
            "password",
            "api_key",
            "admin",
            "EncodingKey::from_secret",
            "env::var(\"JWT_SECRET\")",
            ".unwrap_or_default()",
            "0x3a",
            "7",
            ":",
            "=",
            "=>",
            ",",
            ";",
            "#",
            "!",
            "&",
            "|_|",
            "let",
            "concat!",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        fn soup(next: &mut impl FnMut(usize) -> usize, depth: usize, out: &mut String) {
            for _ in 0..next(8) {
                match next(10) {
                    0 if depth < 30 => {
                        let (open, close) = [("(", ")"), ("[", "]"), ("{", "}")][next(3)];
                        out.push_str(open);
                        soup(next, depth + 1, out);
                        out.push_str(close);
                    }
                    1 => {
                        out.push_str(" m!(");
                        soup(next, depth + 1, out);
                        out.push(')');
                    }
                    _ => out.push_str(TOKENS[next(TOKENS.len())]),
                }
                out.push(' ');
            }
        }
        let (mut walked, mut found) = (0, 0);
        for _ in 0..3000 {
            let mut body = String::new();
            soup(&mut next, 0, &mut body);
            let Ok(file) = syn::parse_file(&format!("fn f() {{ m!({body}); }}")) else {
                continue;
            };
            walked += 1;
            for hit in walk_file(&file).hits {
                found += 1;
                assert!(!hit.finding.reason.contains("hunter22"), "{body}");
                assert!(!hit.finding.reason.contains("sk_live"), "{body}");
            }
        }
        assert!(
            walked > 1000 && found > 100,
            "{walked} walked, {found} found"
        );
    }

    #[test]
    fn a_literal_reaches_a_key_constructor_through_a_let() {
        let src = r#"
            fn f() {
                let k = "changeme";
                let key = EncodingKey::from_secret(k.as_bytes());
                let mac = Hmac::<Sha256>::new_from_slice(&k.clone());
            }"#;
        assert_eq!(hits(src), [(3, Rule::KeyConstructor)]);
        // reported once, the stronger context kept
        let src = r#"
            fn f() {
                let jwt_secret = "dev-secret";
                let key = EncodingKey::from_secret(jwt_secret.into());
            }"#;
        assert_eq!(hits(src), [(3, Rule::KeyConstructor)]);
        // shadowing replaces; scopes end with their block and fn
        let src = r#"
            fn f() {
                let k = "changeme";
                let k = load();
                EncodingKey::from_secret(k.as_bytes());
                { let s = "in-block"; }
                EncodingKey::from_secret(&s);
                fn inner() { EncodingKey::from_secret(&k); }
            }"#;
        assert_eq!(hits(src), []);
        // an env fallback named by a binding, and key bytes
        let src = r#"
            fn f() {
                let dflt = "dev-jwt-secret";
                let s = env::var("JWT_SECRET").unwrap_or_else(|_| dflt.to_string());
                let raw = [0x3a, 0x91, 0x07, 0xfe, 0x22, 0x5c, 0x8d, 0x10, 0x44, 0xab, 0x9e, 0x01, 0x7f, 0x63, 0xc2, 0xd8];
                let key = Key::from_slice(&raw);
            }"#;
        assert_eq!(
            hits(src),
            [(3, Rule::EnvFallback), (5, Rule::KeyConstructor)]
        );
    }

    #[test]
    fn a_const_reaches_a_key_constructor_by_name() {
        // used before and after its definition, reported once, at the literal
        let src = r#"
            fn sign() { EncodingKey::from_secret(KEY); }
            const KEY: &[u8] = b"changeme";
            fn verify() { DecodingKey::from_secret(KEY); }
            static JWT_SECRET: &str = "dev-secret";
            fn other() { let k = EncodingKey::from_secret(JWT_SECRET.as_bytes()); }
            const TABLE: [u8; 16] = [0x3a, 0x91, 0x07, 0xfe, 0x22, 0x5c, 0x8d, 0x10, 0x44, 0xab, 0x9e, 0x01, 0x7f, 0x63, 0xc2, 0xd8];
            fn aes() { Key::from_slice(&TABLE); }
        "#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::KeyConstructor),
                (5, Rule::KeyConstructor),
                (7, Rule::KeyConstructor)
            ]
        );
        // a local of the same name shadows it; twice-defined names are not followed
        let src = r#"
            const KEY: &[u8] = b"changeme";
            fn f(key: &[u8]) { let KEY = load(); EncodingKey::from_secret(KEY); }
            mod a { const K: &str = "one"; }
            mod b { const K: &str = "two"; }
            fn g() { EncodingKey::from_secret(K); }
        "#;
        assert_eq!(hits(src), []);
    }

    #[test]
    fn struct_fields_and_credential_pairs() {
        assert_eq!(
            rules(
                r#"fn f() { let c = Config { jwt: "changeme", signing_key: "secret", jwt_key: "password" }; }"#
            ),
            [Rule::SecretBinding; 3]
        );
        assert_eq!(
            rules(
                r#"fn f() { let c = Config { hmac: "b617318655057264e28bc0b6fb378c8ef146be00" }; }"#
            ),
            []
        );
        assert_eq!(
            rules(r#"fn f() { let a = ("admin", "P@ssw0rd123!"); let b = ["root", "toor"]; }"#),
            [Rule::SecretBinding; 2]
        );
        assert_eq!(
            rules(
                r#"fn f() { let p = [("grant_type", "password"), ("password", "hunter22"), ("api_key", "k3y-for-prod")]; }"#
            ),
            [Rule::SecretBinding; 2]
        );
        assert_eq!(
            rules(
                r#"fn f() { let a = ("username", "password"); let b = ["user", "admin"]; let c = ("admin", "Admin Panel"); let d = ("name", "value"); let e = ["test", "list"]; let f = [("password", "Password"), ("api_key", "API key")]; }"#
            ),
            []
        );
    }

    #[test]
    fn a_for_loop_binds_its_tables_columns() {
        // set 13's seed script: the table a `let` of the fn, the loop later
        let src = r#"
            fn main() {
                let passwords = vec![("admin123", "admin"), ("operator123", "operator")];
                for (password, user) in passwords {
                    let h = hash(password, 12);
                }
            }
        "#;
        assert_eq!(
            hits(src),
            [(3, Rule::SecretBinding), (3, Rule::SecretBinding)]
        );
        // inline, through `.iter()`; an echo of the column's name is none
        assert_eq!(
            hits(
                r#"fn f() { for (user, pass) in [("root", "toor"), ("guest", "pass")].iter() { login(user, pass); } }"#
            ),
            [(1, Rule::SecretBinding)]
        );
        // a column the loop hashes as a password, whatever its name (sets 10
        // and 17's seed scripts)
        let src = r#"
            fn seed() {
                let demo_users = vec![
                    ("Tanaka", "tanaka@example.com", "tanaka-pw-1"),
                    ("Suzuki", "suzuki@example.com", "suzuki-pw-2"),
                ];
                for (user_name, user_email, pw) in demo_users {
                    let hash = bcrypt::hash(pw, bcrypt::DEFAULT_COST)?;
                }
                for (id, plain_pw) in [("1", "kitchen-pw-3"), ("2", "password")] {
                    let h = argon2.hash_password(plain_pw.as_bytes(), &salt);
                }
            }
        "#;
        assert_eq!(
            hits(src),
            [
                (4, Rule::SecretBinding),
                (5, Rule::SecretBinding),
                (10, Rule::SecretBinding),
                (10, Rule::SecretBinding)
            ]
        );
        // no secret's column, rows of another width, a loop in another fn,
        // a `let` shadowed by a value that is no table
        for src in [
            r#"fn f() { let t = [("alice", "hunter22")]; for (user, home) in t {} }"#,
            r#"fn f() { let t = [("alice", "hunter22", 1)]; for (user, password) in t {} }"#,
            r#"fn f() { let t = vec![("alice", "hunter22")]; } fn g() { for (user, password) in t {} }"#,
            r#"fn f() { let t = [("alice", "hunter22")]; let t = load(t); for (user, password) in t {} }"#,
        ] {
            assert_eq!(hits(src), [], "{src}");
        }
    }

    #[test]
    fn a_password_hash_fn_imported_is_its_modules() {
        // set 13: `use bcrypt::{hash, verify}` then bare calls
        let src = r#"
            use bcrypt::{hash, verify as check, DEFAULT_COST};
            fn main() {
                let h = hash("admin123", DEFAULT_COST).unwrap();
                check("admin123", &h).unwrap();
            }
            mod m { use pwhash::bcrypt::*; fn f() { verify("s3cret-pw", h); } }
        "#;
        assert_eq!(
            hits(src),
            [
                (4, Rule::SecretBinding),
                (5, Rule::SecretBinding),
                (7, Rule::SecretBinding)
            ]
        );
        // another module's `hash`, or none imported
        for src in [
            r#"use std::hash::{hash, Hash}; fn f() { let h = hash("admin123"); }"#,
            r#"fn f() { let ok = verify("admin123", &h); }"#,
        ] {
            assert_eq!(hits(src), [], "{src}");
        }
    }

    #[test]
    fn a_ciphers_constructor_takes_its_key_first_and_a_public_nonce() {
        // set 14: the key's bytes through a `let` and `GenericArray::from_slice`
        let src = r#"
            fn main() {
                let key = GenericArray::from_slice(b"very secret key.");
                let nonce = GenericArray::from_slice(b"unique nonce 123");
                let mut cipher = Aes128Ctr::new(&key, &nonce);
                let block = Aes256::new(GenericArray::from_slice(b"an AES-256 key, thirty-two bytes"));
                let stream = ChaCha20::new(&k, b"nonce-twelve");
            }
        "#;
        assert_eq!(
            hits(src),
            [(3, Rule::KeyConstructor), (6, Rule::KeyConstructor)]
        );
        // set 16: a block mode's key (not its IV), serde-encrypt's shared
        // key, salvo's session secret (not its store's address)
        let src = r#"
            fn main() {
                let key = b"verysecretkey123";
                let iv = b"uniqueinitvector";
                let mut e = Encryptor::<Aes128>::new(key.into(), iv.into());
                let k = SharedKey::new("peachpeachpeachpeachpeachpeachpe".as_bytes().try_into().unwrap());
                let s = SessionHandler::builder(RedisStore::new("redis://127.0.0.1:6379"), b"secretabsecretabsecretabsecretab").build();
                let l = SessionLayer::new(RedisStore::new("redis://127.0.0.1:6379"), &secret);
                let d = Decryptor::from([1, 0, 0, 1, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 13, 0]);
            }
        "#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::KeyConstructor),
                (6, Rule::KeyConstructor),
                (7, Rule::KeyConstructor)
            ]
        );
    }

    #[test]
    fn key_bytes_and_encoding_macros() {
        assert_eq!(
            rules(
                r#"const SIGNING_KEY: [u8; 16] = [0x3a, 0x91, 0x07, 0xfe, 0x22, 0x5c, 0x8d, 0x10, 0x44, 0xab, 0x9e, 0x01, 0x7f, 0x63, 0xc2, 0xd8];"#
            ),
            [Rule::SecretBinding]
        );
        assert_eq!(
            rules(
                r#"fn f() { Key::from_slice(&[7u8, 1, 9, 200, 3, 44, 5, 6, 7, 8, 9, 10, 11, 12, 13, 99]); }"#
            ),
            [Rule::KeyConstructor]
        );
        // a counting sequence is a fixed key like any other (the examples'
        // key, shipped): as bytes and as hex
        assert_eq!(
            rules(
                r#"
                const MASTER_KEY: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
                fn main() { let key = hex!("000102030405060708090a0b0c0d0e0f"); }
                "#
            ),
            [Rule::SecretBinding, Rule::SecretBinding]
        );
        // one value repeated, handed to a key constructor, is its key
        // (actix's examples: a session's and an identity cookie's); a
        // buffer bound to a name to fill, or a nonce, is not
        assert_eq!(
            hits(
                r#"fn f() {
                    App::new().wrap(CookieSession::signed(&[0; 32]).secure(false))
                        .wrap(IdentityService::new(CookieIdentityPolicy::new(&[0u8; 32])))
                        .wrap(SessionMiddleware::new(store, Key::from(&[7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7])));
                    let mut key = [0u8; 32];
                    rng.fill_bytes(&mut key);
                    let cipher = Aes256Gcm::new(GenericArray::from_slice(&key));
                    let nonce = Nonce::from_slice(&[0; 12]);
                    let short = Key::from(&[0; 8]);
                }"#
            ),
            [
                (2, Rule::KeyConstructor),
                (3, Rule::KeyConstructor),
                (4, Rule::KeyConstructor)
            ]
        );
        // an HMAC algorithm's name constructs its key
        assert_eq!(
            rules(
                r#"fn f() { let jwt = Jwt::hs256(b"demo-secret-change-me"); let k = Hs512Key::new(b"k3y-f0r-tok3ns"); }"#
            ),
            [Rule::KeyConstructor, Rule::KeyConstructor]
        );
        // an HMAC fn's key comes first, its message after (set 34's SigV4
        // signer: `hs256(&k_service, "aws4_request")`)
        assert_eq!(
            rules(
                r#"fn f() { let s = hs256(&k_service, "aws4_request"); let t = hs256(b"Hm4c-k3y-2026", msg); }"#
            ),
            [Rule::KeyConstructor]
        );
        // all one value, too short, or not secret-named: no key
        assert_eq!(
            rules(
                r#"
                const SECRET_KEY: [u8; 16] = [0; 16];
                const API_KEY: [u8; 16] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
                const AUTH_KEY: [u8; 4] = [9, 1, 200, 3];
                const TABLE: [u8; 16] = [0x3a, 0x91, 0x07, 0xfe, 0x22, 0x5c, 0x8d, 0x10, 0x44, 0xab, 0x9e, 0x01, 0x7f, 0x63, 0xc2, 0xd8];
                "#
            ),
            []
        );
        assert_eq!(
            rules(
                r#"
                const HMAC_KEY: [u8; 16] = hex!("3a9107fe 225c8d10 44ab9e01 7f63c2d8");
                static K: &[u8] = &hex_literal::hex!("3a9107fe225c8d1044ab9e017f63c2d8");
                fn f() { let key = Key::from_slice(&hex!("3a9107fe225c8d1044ab9e017f63c2d8")); let jwt_secret = base64!("c2VjcmV0"); }
                "#
            ),
            [
                Rule::SecretBinding,
                Rule::KeyConstructor,
                Rule::SecretBinding
            ]
        );
    }

    #[test]
    fn fallbacks_and_defaults() {
        assert_eq!(
            rules(
                r#"fn f() { let s = env::var("JWT_SECRET").unwrap_or_else(|_| { eprintln!("warning: JWT_SECRET unset"); "dev".into() }); }"#
            ),
            [Rule::EnvFallback]
        );
        // a fallback that says it is a secret, whatever its variable (set 17)
        assert_eq!(
            rules(
                r#"fn f() { let key = env::var("RUSTFULL_DB_KEY").unwrap_or_else(|_| "SuperSecretKey123!".to_string()); let p = env::var("PORT").unwrap_or("8080".into()); }"#
            ),
            [Rule::EnvFallback]
        );
        // an issued key's fallback that only names it is none (set 24's
        // trading bot); a self-chosen key's is the key it runs with
        assert_eq!(
            rules(
                r#"fn f() { let k = env::var("PRIVATE_KEY").unwrap_or_else(|_| "default_private_key".to_string()); let s = env::var("JWT_SECRET").unwrap_or_else(|_| "default_jwt_secret".to_string()); }"#
            ),
            [Rule::EnvFallback]
        );
        // dotenv's and dotenvy's `var` read the environment too
        assert_eq!(
            rules(
                r#"fn f() { let s = dotenv::var("JWT_SECRET").unwrap_or("k9f8s7d6".into()); let t = dotenvy::var("API_TOKEN").unwrap_or_else(|_| "k9f8s7d6".into()); }"#
            ),
            [Rule::EnvFallback; 2]
        );
        let src = r#"
            fn f() {
                let a = EncodingKey::from_secret(env::var("JWT_SECRET").unwrap_or_default().as_bytes());
                let b = EncodingKey::from_secret(std::env::var("JWT_SECRET").unwrap_or("".into()).as_bytes());
                let c = DecodingKey::from_secret(env::var("K").unwrap_or_else(|_| String::new()).as_ref());
                let d = env::var("JWT_SECRET").unwrap_or_default();
            }"#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::EnvFallback),
                (4, Rule::EnvFallback),
                (5, Rule::EnvFallback)
            ]
        );
        let report = walk_file(&syn::parse_file(src).unwrap());
        assert!(
            report.hits[0].finding.reason.contains("empty key"),
            "{:?}",
            report.hits[0]
        );
    }

    #[test]
    fn a_default_for_a_value_not_the_environments_is_the_names_value() {
        let src = r#"
            fn f() {
                let password = std::env::args().nth(1).unwrap_or_else(|| "testuser123".to_string());
                let api_key = settings.get("api_key").unwrap_or("e81f2c0a9b7d41c3");
                let port = args.nth(2).unwrap_or("8080");
                let token = header.strip_prefix("Bearer ").unwrap_or("");
            }"#;
        assert_eq!(
            hits(src),
            [(3, Rule::SecretBinding), (4, Rule::SecretBinding)]
        );
    }

    #[test]
    fn a_secret_keys_abbreviation_names_key_material() {
        let hex = "6b911fd37cdf5c81d4c0adb1ab7fa822ed253ab0ad9aa18d77257c88b29b718e";
        for name in ["ALICE_SK", "sk", "serverSk", "sk_hex"] {
            let src = format!("const {name}: &str = \"{hex}\";");
            assert_eq!(rules(&src), [Rule::SecretBinding], "{name}");
        }
        for name in ["TASK", "ALICE_PK", "sk_live"] {
            let src = format!("const {name}: &str = \"{hex}\";");
            assert_eq!(rules(&src), [], "{name}");
        }
    }

    #[test]
    fn a_call_that_creates_an_account_takes_its_password_after_its_name() {
        let src = r#"
            fn main() {
                let admin = create_admin_user(&pool, "admin", "admin", "admin@example.com", true);
                let user = store.add_user("root", "toor");
                let route = router.add_route("admin", "/admin");
            }"#;
        assert_eq!(
            hits(src),
            [(3, Rule::SecretBinding), (4, Rule::SecretBinding)]
        );
        // an account by its address: the password's shape after it, not
        // its holder's name
        let src = r#"
            async fn seed() {
                ensure_admin(&pool, "admin@example.com", "admin123").await?;
                create_user(&pool, "alice@example.com", "Alice Smith").await?;
                create_user(&pool, "bob@example.com", "bob").await?;
                add_route("docs@example.com", "/contact");
            }"#;
        assert_eq!(hits(src), [(3, Rule::SecretBinding)]);
        // and in a pair, as a default account's
        let src = r#"
            const USERS: [(&str, &str); 5] = [
                ("carlos@example.com", "Hello"),
                ("maria@hotmail.com", "maria1234"),
                ("ops@corp.io", "admin"),
                ("ops@corp.io", "ops@corp.io"),
                ("ops@corp.io", "https://corp.io/ops"),
            ];"#;
        assert_eq!(hits(src), [(4, Rule::SecretBinding)]);
        // or by the name that holds it
        let src = r#"
            async fn t() {
                let resp = common::register_user(&server, &email, "verysecure").await;
                let r = register_test_user(&app, &username, &payload.email, "StrongPass123!").await;
                let s = signup(test_username.to_string(), test_email.to_string(), "testpw123".to_string(), &client);
                let u = create_user(&pool, &email, "Alice Smith").await;
                let n = notify_user(&user, "verysecure").await;
            }"#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::SecretBinding),
                (4, Rule::SecretBinding),
                (5, Rule::SecretBinding)
            ]
        );
        // a client's constructor given its account (set 14); not a
        // constructor of something else, nor a client given a display name
        let src = r#"
            async fn main() {
                let api = qbit::api::Api::new("admin", "adminadmin", "http://localhost:8080").await;
                let c = FtpClient::new("root", "Root Folder");
                let r = Role::new("admin", "adminadmin");
            }"#;
        assert_eq!(hits(src), [(3, Rule::SecretBinding)]);
    }

    #[test]
    fn an_authorization_value_bound_to_a_tokens_name_is_its_token() {
        // tonic's authentication example, server and client
        let src = r#"
            fn f() -> Result<(), E> {
                let token: MetadataValue<_> = "Bearer some-secret-token".parse().unwrap();
                let token: MetadataValue<_> = "Bearer some-auth-token".parse()?;
                let token = MetadataValue::from_str("Bearer some-secret-token").unwrap();
                let challenge = "Bearer realm=\"api\"";
                let auth_token = "Bearer error=\"invalid_token\"";
                let token = "Bearer {}";
                let auth_header = "Bearer your-token-here";
                let banner: MetadataValue<_> = "Bearer of good news".parse()?;
            }"#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::SecretBinding),
                (4, Rule::SecretBinding),
                (5, Rule::SecretBinding)
            ]
        );
    }

    #[test]
    fn an_sdk_clients_literal_after_its_servers_address_is_its_key() {
        // Meilisearch's quick start (set 16)
        let src = r#"
            fn f() {
                let client = Client::new("http://localhost:7700", "masterKey");
                let client = meilisearch_sdk::client::Client::new("http://localhost:7700", Some("masterKey"));
                let client = Client::new("http://localhost:7700", Some("your-master-key"));
                let client = Client::new_with_client("http://localhost:7700", Some("masterKey"), ReqwestClient::new());
                let client = Client::new("http://localhost:7700", None::<String>);
                let client = Client::new("https://api.example.com", "my-app/1.0");
                let client = HttpClient::new("https://api.example.com", "");
                let server = Server::new("http://localhost:7700", "h7Fk29sLq0");
                let client = RCONClient::new("192.168.1.98:25575", "abc123")?;
                let conn = Client::new("127.0.0.1", "25575").await;
            }"#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::SecretBinding),
                (4, Rule::SecretBinding),
                (6, Rule::SecretBinding),
                (11, Rule::SecretBinding)
            ]
        );
    }

    #[test]
    fn a_literal_given_to_an_own_fns_secret_parameter_is_its_value() {
        // a test's sign-up helper (set 8), a wallet's seed (set 12), a
        // store's check (set 10)
        let src = r#"
            async fn signup_user(tx: &Sender<Request>, user: &str, pass: &str) -> Response { todo!() }
            fn get_seed(password: &str) -> Result<Seed> { todo!() }
            fn has(key: u8, token: &str) -> bool { true }
            struct Store;
            impl Store {
                fn validate_user(&self, email: &str, password: &str) -> bool { true }
                fn with_token(api_token: &str) -> Self { Store }
                fn new(api_token: &str) -> Self { Store }
            }
            fn f(store: &Store) {
                let res = signup_user(&tx, "user1", "pass123");
                let seed = get_seed("Tr0ub4dor&3");
                store.validate_user("hello@example.com", "hunter22");
                let s = Store::with_token("ghx-8f7e6d5c4b3a2910");
                let s = Self::with_token("ghx-8f7e6d5c4b3a2910");
                let s = Store::new("ghx-8f7e6d5c4b3a2910");
                // other counts, other owners, other names: not these fns
                get_seed("Tr0ub4dor&3", 2);
                signup_user(&tx, "anonymous", "rust-ftp@github.com");
                has(1, "100-continue-x7");
                get_seed::<u8>("Tr0ub4dor&3");
                Vault::with_token("ghx-8f7e6d5c4b3a2910");
                signup_user(&tx, "pass123", name);
                other.check("hello@example.com", "hunter22");
            }"#;
        assert_eq!(
            hits(src),
            [
                (12, Rule::SecretBinding),
                (13, Rule::SecretBinding),
                (14, Rule::SecretBinding),
                (15, Rule::SecretBinding),
                (16, Rule::SecretBinding),
                (17, Rule::SecretBinding)
            ]
        );
    }

    #[test]
    fn a_password_given_to_a_strength_check_is_a_candidate() {
        // a password policy's tests (set 40)
        let src = r#"
            fn validate_password_strength(password: &str) -> Result<(), &str> { todo!() }
            fn is_weak_password(pw: &str) -> bool { todo!() }
            fn check_password(password: &str) -> bool { todo!() }
            fn f() {
                assert!(validate_password_strength("Abcdef1!").is_ok());
                assert!(is_weak_password("Tr0ub4dor&3"));
                assert!(check_password("Tr0ub4dor&3"));
            }"#;
        assert_eq!(hits(src), [(8, Rule::SecretBinding)]);
    }

    #[test]
    fn a_let_hashed_as_a_password_is_one() {
        // a seed script (set 8): the value repeats its name, and is hashed
        let src = r#"
            fn f() {
                let admin_password = "admin_password";
                let hashed = hash_password(admin_password)?;
                let pw = "s3cret-Pw-99";
                let h = argon2.hash_password(pw.as_bytes(), &salt)?;
                let pin = "1234";
                let h = bcrypt::hash(&pin, 12)?;
                let field = "password";
                let line = format!("{field}={}", 1);
                let h = hash_password(&line)?;
                let label = "admin_password";
                let h = sha256(label)?;
            }"#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::SecretBinding),
                (5, Rule::SecretBinding),
                (7, Rule::SecretBinding)
            ]
        );
    }

    #[test]
    fn a_fields_default_written_as_code_or_by_smart_default_is_its_value() {
        // lldap's configuration (set 19), editoast's (set 8), lemmy's (set 19)
        let src = r###"
            struct C {
                #[builder(default = r#"SecUtf8::from("secretjwtsecret")"#)]
                pub jwt_secret: SecUtf8,
                #[builder(default = r#"String::from("0.0.0.0")"#)]
                pub http_host: String,
                #[derivative(Default(value = r#""password".into()"#))]
                pub psql_password: String,
                #[default("postgres://lemmy:password@localhost:5432/lemmy")]
                pub connection: String,
                #[default(_code = r#"String::from("Tr0ub4dor&3")"#)]
                pub api_token: String,
                #[default("")]
                pub api_key: String,
                #[builder(default = "not code (")]
                pub password: String,
                #[serde_inline_default(String::from("postgresql://root:root@127.0.0.1:5432/test"))]
                pub db_uri: String,
                #[serde_inline_default(String::from("0.0.0.0:7890"))]
                pub server_addr: String,
            }"###;
        // (serde_inline_default's, set 40's)
        assert_eq!(
            hits(src),
            [
                (3, Rule::SecretBinding),
                (7, Rule::SecretBinding),
                (9, Rule::UrlPassword),
                (11, Rule::SecretBinding),
                (17, Rule::UrlPassword)
            ]
        );
    }

    #[test]
    fn a_fallible_constructor_of_a_literal_is_the_literal() {
        // poem-auth's basic-auth example (set 10): `?` after the call
        let src = r#"
            fn f() -> Result<(), E> {
                let _jwt = JwtValidator::new("my-super-secret-key-should-be-at-least-16-chars")?;
                let api_key = ApiKey::from("sk-prod-8fj3kq9z2m").unwrap();
                let password = Password::new("Tr0ub4dor&3").expect("valid");
                let token_re = Regex::new("[a-z]+token[0-9]{4}")?;
                let jwt = JwtValidator::new(&secret)?;
            }"#;
        assert_eq!(
            hits(src),
            [
                (3, Rule::SecretBinding),
                (4, Rule::SecretBinding),
                (5, Rule::SecretBinding)
            ]
        );
    }

    #[test]
    fn a_let_typed_as_a_text_key_type_takes_its_text_as_the_key() {
        // ethers' and alloy's examples: the type parses the text
        let src = r#"
            async fn main() -> Result<()> {
                let wallet: LocalWallet = "380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc".parse()?;
                let signer: Arc<PrivateKeySigner> = Arc::new("0x380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc".parse().expect("key"));
                let mine: LocalWallet = "<your private key>".parse()?;
                let fresh: SecretKey = SecretKey::new(&mut rng);
                let label: Key = "session".parse()?;
            }"#;
        assert_eq!(
            hits(src),
            [(3, Rule::KeyConstructor), (4, Rule::KeyConstructor)]
        );
    }

    #[test]
    fn a_secret_checked_against_a_literal_accepts_it_however_short() {
        // axum's JWT example, copied into sets 10 and 16
        let src = r#"
            async fn authorize(Json(payload): Json<AuthPayload>) -> Result<(), AuthError> {
                if payload.client_id != "foo" || payload.client_secret != "bar" {
                    return Err(AuthError::WrongCredentials);
                }
                if password == "pw" || token != "" || api_key == "x" { }
            }
        "#;
        assert_eq!(
            hits(src),
            [(3, Rule::SecretBinding), (6, Rule::SecretBinding)]
        );
        assert!(crate::prefilter::needs_parse(src));
    }

    #[test]
    fn one_digit_repeated_is_a_password_not_a_token() {
        // esp-hal's Wi-Fi examples; the same text under a token's name
        // marks a slot to fill, as `xxxx` does
        let src = r#"
            const SSID: &str = "iPhone";
            const PASSWORD: &str = "88888888";
            const WIFI_PASS: &str = "0000";
            const API_TOKEN: &str = "0000000000000000";
            const PIN_LEN: &str = "8888";
        "#;
        assert_eq!(
            hits(src),
            [(3, Rule::SecretBinding), (4, Rule::SecretBinding)]
        );
    }

    #[test]
    fn a_function_named_for_a_public_value_takes_one() {
        let src = r#"
            fn f() {
                let to = wallet::pubkey_from_str("Bdzf0YqiSL5sAarVnUxnYwZrruASq5gziizVlzFncVfp");
                let x = wallet::transfer_to("Bdzf0YqiSL5sAarVnUxnYwZrruASq5gziizVlzFncVfp");
            }"#;
        assert_eq!(hits(src), [(4, Rule::HighEntropy)]);
    }

    #[test]
    fn a_stand_in_for_an_example_account_is_an_example() {
        let src = r#"
            fn main() {
                let a = client.login("me@example.com", "password");
                let b = client.login("me@ferrobank.io", "password");
                let c = client.login("me@example.com", "Xk2pQ9vLm4");
            }"#;
        assert_eq!(
            hits(src),
            [(4, Rule::SecretBinding), (5, Rule::SecretBinding)]
        );
    }

    #[test]
    fn a_byte_strings_array_is_its_literal() {
        let src =
            r#"pub const MQTT_USR_PASS: [u8; 36] = *b"f57f9bf3-07b3-4ba5-ae1f-bf6f579e346d";"#;
        assert_eq!(rules(src), [Rule::SecretBinding]);
    }

    #[test]
    fn a_literal_repeated_is_the_text_it_makes() {
        let src = r#"
            fn f() {
                let key = std::env::var("SECRET_KEY").unwrap_or_else(|_| "0123".repeat(8));
                let line = "-".repeat(40);
                let session_secret = "ab".to_string().repeat(n);
            }"#;
        assert_eq!(hits(src), [(3, Rule::EnvFallback)]);
    }

    #[test]
    fn cli_and_serde_defaults() {
        let src = r#"
            #[derive(Parser)]
            struct Args {
                /// The signing key, e.g. AKIAU29PC7ZL4HT2DTCB
                #[arg(long, env = "JWT_SECRET", default_value = "dev-secret")]
                key: String,
                #[clap(long, default_value_t = String::from("hunter22"))]
                db_password: String,
                #[structopt(long, default_value = "8080")]
                port: u16,
                #[arg(long, env = "API_TOKEN")]
                token: String,
                #[arg(long, default_value = "API_TOKEN")]
                token_env: String,
            }
            #[derive(Deserialize)]
            struct Config {
                #[serde(default = "default_secret")]
                jwt_secret: String,
                #[serde(default = "defaults::port")]
                port: u16,
            }
            fn default_secret() -> String { "not-for-production".into() }
            fn default_jwt_secret() -> String { "dev-jwt-secret".to_owned() }
            fn default_api_key() -> &'static str { "api-key" }
            impl S { fn token(&self) -> &str { "X-Token" } }
            mod defaults { pub fn port() -> u16 { 8080 } }
        "#;
        assert_eq!(
            hits(src),
            [
                (5, Rule::SecretBinding),
                (7, Rule::SecretBinding),
                (23, Rule::SecretBinding),
                (24, Rule::SecretBinding)
            ]
        );
    }
}
