//! Finds the declarations in a parsed file, and lists the forms it cannot read.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Attribute, Item, Meta, Token};

use secretguard_scan::upper_snake;

use super::args::{self, Spec};
use super::{Declaration, Form, Manifest, Source, Unresolved};

/// Adds what `file` declares to `manifest`.
pub(super) fn collect(path: &str, file: &syn::File, manifest: &mut Manifest) {
    let mut collector = Collector { path, manifest };
    collector.visit_file(file);
}

struct Collector<'a> {
    path: &'a str,
    manifest: &'a mut Manifest,
}

/// How a macro path reads: ours, maybe ours under another name, or not ours.
enum Whose {
    Ours(Form),
    /// Through `prefix::secret!`: ours if a `crate = prefix` says so.
    Renamed(Form, String),
    Other,
}

fn macro_form(path: &syn::Path) -> Whose {
    let Some(last) = path.segments.last() else {
        return Whose::Other;
    };
    let form = if last.ident == "secret" {
        Form::Secret
    } else if last.ident == "try_secret" {
        Form::TrySecret
    } else {
        return Whose::Other;
    };
    match path.segments.len() {
        1 => Whose::Ours(form),
        2 if path.segments[0].ident == "secretguard" => Whose::Ours(form),
        _ => {
            let mut prefix = path.clone();
            prefix.segments.pop();
            Whose::Renamed(form, args::segments(&prefix))
        }
    }
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let line = mac.path.span().start().line;
        match macro_form(&mac.path) {
            Whose::Ours(form) => self.invocation(form, line, mac.tokens.clone()),
            Whose::Renamed(form, prefix) => self.renamed(form, line, &prefix, mac.tokens.clone()),
            Whose::Other => self.scan_tokens(mac.tokens.clone()),
        }
    }

    fn visit_item(&mut self, item: &'ast Item) {
        if let Some(attr) = item_attrs(item).iter().find(|a| is_jwt_secret(a)) {
            self.jwt_item(attr, item);
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        self.odd_place(item);
        syn::visit::visit_impl_item(self, item);
    }

    fn visit_trait_item(&mut self, item: &'ast syn::TraitItem) {
        self.odd_place(item);
        syn::visit::visit_trait_item(self, item);
    }
}

impl Collector<'_> {
    fn invocation(&mut self, form: Form, line: usize, tokens: TokenStream) {
        match args::read(tokens) {
            Ok(spec) if spec.sources.is_empty() => self.unresolved(
                line,
                form.name(),
                "it names no source (the macro would reject it)".to_owned(),
            ),
            Ok(spec) => self.declare(form, line, None, None, spec),
            Err(reason) => self.unresolved(line, form.name(), reason),
        }
    }

    /// `my_sg::secret!(…, crate = my_sg)` names its rename; without that
    /// the path may be another crate's macro, and is listed, not guessed.
    fn renamed(&mut self, form: Form, line: usize, prefix: &str, tokens: TokenStream) {
        match args::read(tokens) {
            Ok(spec) if spec.krate.as_deref() == Some(prefix) && !spec.sources.is_empty() => {
                self.declare(form, line, None, None, spec);
            }
            _ => self.unresolved(
                line,
                form.name(),
                format!("called through `{prefix}::`, which is neither `secretguard` nor named by its `crate = …` option"),
            ),
        }
    }

    fn declare(
        &mut self,
        form: Form,
        line: usize,
        item: Option<String>,
        ty: Option<String>,
        spec: Spec,
    ) {
        self.manifest.declarations.push(Declaration {
            path: self.path.to_owned(),
            line,
            form,
            item,
            ty,
            sources: spec.sources,
            alg: spec.alg,
            encoding: spec.encoding,
            min_len: spec.min_len,
            optional: spec.optional,
            previous: spec.previous,
            refresh: spec.refresh,
        });
    }

    fn unresolved(&mut self, line: usize, form: &'static str, reason: String) {
        self.manifest.unresolved.push(Unresolved {
            path: self.path.to_owned(),
            line,
            form,
            reason,
        });
    }

    /// `secret!(…)` and `#[jwt_secret]` inside another macro's tokens (a
    /// `macro_rules!` body, `vec![…]`): read when literal, listed when not.
    fn scan_tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            match tree {
                TokenTree::Ident(ident) if ident == "secret" || ident == "try_secret" => {
                    if let (Some(TokenTree::Punct(bang)), Some(TokenTree::Group(group))) =
                        (trees.get(i + 1), trees.get(i + 2))
                        && bang.as_char() == '!'
                    {
                        let form = if ident == "secret" {
                            Form::Secret
                        } else {
                            Form::TrySecret
                        };
                        self.invocation(form, ident.span().start().line, group.stream());
                    }
                }
                TokenTree::Group(group)
                    if group.delimiter() == Delimiter::Bracket
                        && is_pound(trees.get(i.wrapping_sub(1)))
                        && names_jwt_secret(&group.stream()) =>
                {
                    self.unresolved(
                        group.span().start().line,
                        "#[jwt_secret]",
                        "on an item inside another macro's tokens, known only where it expands"
                            .to_owned(),
                    );
                }
                TokenTree::Group(group) => self.scan_tokens(group.stream()),
                _ => {}
            }
        }
    }

    fn jwt_item(&mut self, attr: &Attribute, item: &Item) {
        let line = attr.pound_token.span.start().line;
        let shape = match item {
            Item::Static(s) => Ok((s.ident.to_string(), Form::JwtStatic, source_text(&s.ty))),
            Item::Fn(f) => fn_shape(&f.sig),
            Item::Verbatim(tokens) => verbatim_shape
                .parse2(tokens.clone())
                .map_err(|_| {
                    "on an item that does not parse as `static NAME: T;` or `fn name() -> T;`"
                        .to_owned()
                })
                .and_then(|s| s),
            other => Err(format!(
                "on {}, not on a `static` or a `fn`",
                describe(other)
            )),
        };
        match shape.and_then(|shape| attr_spec(attr).map(|spec| (shape, spec))) {
            Ok(((name, form, ty), spec)) => self.jwt_declare(line, name, form, ty, spec),
            Err(reason) => self.unresolved(line, "#[jwt_secret]", reason),
        }
    }

    fn jwt_declare(&mut self, line: usize, name: String, form: Form, ty: String, mut spec: Spec) {
        if spec.sources.is_empty() {
            let env = upper_snake(&name);
            if !secretguard_scan::is_env_name(&env) {
                return self.unresolved(
                    line,
                    "#[jwt_secret]",
                    "no environment variable name follows from the item's name".to_owned(),
                );
            }
            spec.sources.push(Source::Env(env));
        }
        self.declare(form, line, Some(name), Some(ty), spec);
    }

    fn odd_place(&mut self, item: &impl AttrsOf) {
        if let Some(attr) = item.attrs().iter().find(|a| is_jwt_secret(a)) {
            let line = attr.pound_token.span.start().line;
            self.unresolved(
                line,
                "#[jwt_secret]",
                "on an associated item, not on a module-level `static` or `fn`".to_owned(),
            );
        }
    }
}

/// `(name, form, type)` of a `#[jwt_secret]` item, or why not.
type Shape = Result<(String, Form, String), String>;

fn fn_shape(sig: &syn::Signature) -> Shape {
    match &sig.output {
        syn::ReturnType::Type(_, ty) => Ok((sig.ident.to_string(), Form::JwtFn, source_text(ty))),
        syn::ReturnType::Default => Err("on a `fn` that returns nothing".to_owned()),
    }
}

/// `static NAME: T;` and `fn name() -> T;`, which syn keeps verbatim.
fn verbatim_shape(input: ParseStream) -> syn::Result<Shape> {
    input.call(Attribute::parse_outer)?;
    input.parse::<syn::Visibility>()?;
    if input.peek(Token![static]) {
        input.parse::<Token![static]>()?;
        input.parse::<Option<Token![mut]>>()?;
        let ident: syn::Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty: syn::Type = input.parse()?;
        input.parse::<TokenStream>()?;
        return Ok(Ok((ident.to_string(), Form::JwtStatic, source_text(&ty))));
    }
    let sig: syn::Signature = input.parse()?;
    input.parse::<TokenStream>()?;
    Ok(fn_shape(&sig))
}

/// The attribute's arguments; `#[jwt_secret]` alone has none.
fn attr_spec(attr: &Attribute) -> Result<Spec, String> {
    match &attr.meta {
        Meta::Path(_) => Ok(Spec::default()),
        Meta::List(list) => args::read(list.tokens.clone()),
        Meta::NameValue(_) => {
            Err("written `#[jwt_secret = …]`, which the macro does not take".to_owned())
        }
    }
}

fn is_jwt_secret(attr: &Attribute) -> bool {
    let segments = &attr.path().segments;
    segments.last().is_some_and(|s| s.ident == "jwt_secret")
        && (segments.len() == 1 || (segments.len() == 2 && segments[0].ident == "secretguard"))
}

fn is_pound(tree: Option<&TokenTree>) -> bool {
    matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == '#')
}

fn names_jwt_secret(tokens: &TokenStream) -> bool {
    tokens
        .clone()
        .into_iter()
        .any(|t| matches!(&t, TokenTree::Ident(i) if i == "jwt_secret"))
}

/// The type as written in the source, or its tokens when the text is unknown.
fn source_text(ty: &syn::Type) -> String {
    ty.span()
        .source_text()
        .unwrap_or_else(|| quote::ToTokens::to_token_stream(ty).to_string())
}

trait AttrsOf {
    fn attrs(&self) -> Vec<Attribute>;
}

impl AttrsOf for syn::ImplItem {
    fn attrs(&self) -> Vec<Attribute> {
        match self {
            syn::ImplItem::Const(i) => i.attrs.clone(),
            syn::ImplItem::Fn(i) => i.attrs.clone(),
            syn::ImplItem::Type(i) => i.attrs.clone(),
            syn::ImplItem::Macro(i) => i.attrs.clone(),
            syn::ImplItem::Verbatim(tokens) => verbatim_attrs(tokens),
            _ => Vec::new(),
        }
    }
}

impl AttrsOf for syn::TraitItem {
    fn attrs(&self) -> Vec<Attribute> {
        match self {
            syn::TraitItem::Const(i) => i.attrs.clone(),
            syn::TraitItem::Fn(i) => i.attrs.clone(),
            syn::TraitItem::Type(i) => i.attrs.clone(),
            syn::TraitItem::Macro(i) => i.attrs.clone(),
            syn::TraitItem::Verbatim(tokens) => verbatim_attrs(tokens),
            _ => Vec::new(),
        }
    }
}

/// The attributes of an item; a verbatim one has them in its tokens.
fn item_attrs(item: &Item) -> Vec<Attribute> {
    match item {
        Item::Const(i) => i.attrs.clone(),
        Item::Enum(i) => i.attrs.clone(),
        Item::Fn(i) => i.attrs.clone(),
        Item::Impl(i) => i.attrs.clone(),
        Item::Mod(i) => i.attrs.clone(),
        Item::Static(i) => i.attrs.clone(),
        Item::Struct(i) => i.attrs.clone(),
        Item::Trait(i) => i.attrs.clone(),
        Item::Type(i) => i.attrs.clone(),
        Item::Union(i) => i.attrs.clone(),
        Item::Use(i) => i.attrs.clone(),
        Item::Verbatim(tokens) => verbatim_attrs(tokens),
        _ => Vec::new(),
    }
}

/// The attributes a verbatim item starts with.
fn verbatim_attrs(tokens: &TokenStream) -> Vec<Attribute> {
    Attribute::parse_outer
        .parse2(leading_attrs(tokens))
        .unwrap_or_default()
}

/// The `#[…]` pairs a verbatim item starts with.
fn leading_attrs(tokens: &TokenStream) -> TokenStream {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let pairs = trees
        .chunks(2)
        .take_while(|pair| is_pound(pair.first()) && matches!(pair.get(1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket))
        .count();
    trees.into_iter().take(pairs * 2).collect()
}

fn describe(item: &Item) -> &'static str {
    match item {
        Item::Const(_) => "a `const`",
        Item::Enum(_) => "an `enum`",
        Item::Impl(_) => "an `impl`",
        Item::Mod(_) => "a `mod`",
        Item::Struct(_) => "a `struct`",
        Item::Trait(_) => "a `trait`",
        Item::Type(_) => "a `type`",
        Item::Union(_) => "a `union`",
        Item::Use(_) => "a `use`",
        _ => "an item",
    }
}
