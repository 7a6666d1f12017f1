//! A cheap lexical pre-pass that tells, per Rust file, whether the full
//! syn parse and walk could find anything: files it clears are skipped by
//! `secretguard check`.
//!
//! It is conservative by construction. A hand-written lexer follows
//! proc-macro2's (comments, raw strings, byte and C strings, chars and
//! lifetimes, nested block comments) and decodes every string literal as syn
//! does; a file is cleared only when
//!
//! - every string, byte-string, raw-string and C-string literal outside
//!   attributes (macro arguments included) passes
//!   `scan_literal(value, &Context::Plain)` — which begins with the known
//!   formats of `scan_known_format` — and so does what `concat!` makes of
//!   its literals;
//! - nothing in it can give a literal a context where it would count more, or
//!   make a finding without a literal ([`Trigger`] lists each; the engine's
//!   word lists come from `names.rs` itself):
//!   - `allow_hardcoded_secret` anywhere (a reason-less one is a finding);
//!   - a key constructor's name (`from_secret`, …), or a key type on a path
//!     to one (`Key::from_slice`, `Key::<A>::…`, `<X as Key>::new`): every
//!     name [`is_key_constructor`](crate::is_key_constructor) knows;
//!   - `var`/`var_os` and a fallback method (`unwrap_or*`, `or`, `or_else`,
//!     `map_or*`) in one segment with a literal that would count as its
//!     fallback (for a secret variable when `var("…")` names one);
//!   - `dotenv!`/`dotenvy!`; `env!`/`option_env!` of a secret name;
//!     `include_str!`/`include_bytes!` of a key file;
//!   - in one *segment* (a statement or an item, nested groups included),
//!     a secret name — an
//!     identifier for which [`is_secret_name`] holds
//!     where a binding's name goes (`let`, `:`, `=`, `@`, a tuple pattern, a
//!     builder method's literal argument), a function so named (with its
//!     body), or a string literal that is a secret name or a default
//!     account (`admin`, `root`, …) where a key goes (`"password": …`,
//!     `("admin", …)`) — and something that would count bound to it: a
//!     literal that `scan_literal(value, &Context::Binding(…))` flags, key
//!     bytes (`[` then a number, a `hex!`/base64 macro), or a default given
//!     by name (`default = …`, `default_value = …`);
//!   - anywhere in the file, whose segments the walker joins: a password-hash
//!     module's path (`bcrypt::`, whose `use` makes a bare `hash("…")` its
//!     call); a `for` loop's tuple pattern that names a secret (`for (user,
//!     password) in users`, the table a `let` elsewhere), or any with a
//!     password-hash call in the file (`hash_password(pw.as_bytes(), …)`
//!     names a column a password); a password hash or a login given a name
//!     when a `let` or const of the file binds a literal (`let pw = "…";
//!     login(user, pw)`).
//!
//! What the walker never reads is no value: attribute arguments (`#[doc]`,
//! `#[cfg]`; a field's default is the `default…` above), an ABI (`extern
//! "C"`), a function's parameters. Every name-giving context names before
//! its value, so literals before the first name are not probed as values.
//! Doc comments are skipped: the walker ignores attributes, `#[doc]`
//! among them. Plain line and block comments are code where they hold
//! some (`// let key = "…";`, see `comments.rs`): when nothing else holds,
//! the texts the walker would parse from them are classified the same way
//! (`Trigger::CommentedCode`); text there that the lexer cannot follow does
//! not parse either, and is no reason to parse. Their prose is held to the
//! known formats and read for a password written out (`// curl -u
//! admin:s3cret`), line by line, as the walker reads it.
//!
//! A file the lexer cannot follow (unterminated literal or comment,
//! unbalanced delimiters, a bad escape, a shebang or a cargo script's
//! frontmatter, a character outside literals and comments that is neither
//! ASCII, whitespace nor alphabetic)
//! goes to the full parse, so its error is reported. A cleared file is not
//! parsed, so a *syntax* error in it (one the lexer does not see) is not
//! reported: `SECRETGUARD_NO_PREFILTER=1` parses every file
//! (ARCHITECTURE.md, "Measured").
//!
//! When the walker learns a new context, the pre-pass must learn its
//! trigger: `cli/tests/prefilter.rs` checks, over the corpus snippets and
//! this repository (and any tree, opt-in), that no cleared file has a finding.
//!
//! ```
//! use secretguard_scan::prefilter::{Trigger, prefilter};
//!
//! assert_eq!(prefilter("fn add(a: u32, b: u32) -> u32 { a + b }"), None);
//! assert_eq!(
//!     prefilter(r#"fn f() { let db_password = "hunter22"; }"#),
//!     Some(Trigger::SecretName)
//! );
//! assert_eq!(prefilter("fn f() { let s = \"unterminated; }"), Some(Trigger::Lex));
//! ```

use crate::benign::{echoes_name, is_hex};
use crate::formats::{bearer_credential, is_base32_seed, is_prose_token_byte, real_known_format};
use crate::names::{
    CREDENTIAL_CALLS, ENCODING_MACROS, ENCODING_WORDS, KEY_CONSTRUCTORS, KEY_NOUNS,
    KEY_OWNER_METHODS, KEY_OWNERS, MATERIAL_NOUNS, PASSWORD_HASH_CALLS, PASSWORD_HASH_OWNERS,
    SECRET_KEY_ABBREVIATION, SECRET_NOUNS, is_account_name, is_key_file, is_key_material_name,
    is_otp_name, is_password_name, is_secret_name, is_self_chosen_key_name,
};
use crate::placeholder::is_placeholder_text;
use crate::{Context, scan_literal};

/// Why a file goes to the full parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Trigger {
    /// The lexer could not follow the file (or met something it does not
    /// model): the parser decides, and reports the error.
    Lex,
    /// A literal that counts anywhere (`scan_literal` in `Context::Plain`).
    Literal,
    /// `allow_hardcoded_secret`.
    Allow,
    /// A name that is part of a key constructor's path.
    KeyConstructor,
    /// `var`/`var_os`, a fallback method, and a literal a fallback would flag.
    EnvFallback,
    /// A build-time embed (`env!`, `include_bytes!`, `dotenv!`) that could fire.
    Embed,
    /// A secret or account name, and a value that would count bound to it.
    SecretName,
    /// Commented-out code (`// let key = "…";`) in which one of the above
    /// holds, or a known format in a comment's prose.
    CommentedCode,
}

/// Whether the full parse of `source` could find anything: `false` only
/// for files [`prefilter`] clears.
pub fn needs_parse(source: &str) -> bool {
    prefilter(source).is_some()
}

/// `None` when no full parse and walk of `source` can find anything (a
/// finding or an allow without a reason), else the first reason found why it
/// might.
pub fn prefilter(source: &str) -> Option<Trigger> {
    let mut classifier = Classifier::new(source);
    let mut lexer = Lexer::new(source);
    if let Err(trigger) = lexer
        .run(&mut classifier)
        .and_then(|()| classifier.finish())
    {
        return Some(trigger);
    }
    comment_trigger(&lexer)
}

/// [`prefilter`] for a test file (under `tests/`, …) when test inputs are
/// left unreported, as `secretguard check` leaves them by default: `None`
/// when no full parse of `source` can find what is reported in test code —
/// a credential an issuer hands out or a password for a service
/// ([`Rule::is_reported_in_tests`](crate::Rule::is_reported_in_tests)), or
/// an allow without a reason.
///
/// The names and contexts that make a literal count do not matter there:
/// only the known formats of the literals do (and of what `concat!`, an
/// encoding macro or `.repeat(N)` makes of them), and the comments, read
/// as [`prefilter`] reads them.
///
/// ```
/// use secretguard_scan::prefilter::{Trigger, prefilter, prefilter_test_file};
///
/// // a made-up key a test signs with: not reported in test code
/// let test = r#"fn t() { let key = EncodingKey::from_secret(b"test-secret"); }"#;
/// assert_eq!(prefilter(test), Some(Trigger::KeyConstructor));
/// assert_eq!(prefilter_test_file(test), None);
/// // an issuer's token is reported wherever it sits
/// let token = r#"fn t() { client(concat!("ghp_", "x7Yq2LmN9pRs4TvW8zBc1DfG3hJk5MnP6qRs")); }"#;
/// assert_eq!(prefilter_test_file(token), Some(Trigger::Literal));
/// ```
pub fn prefilter_test_file(source: &str) -> Option<Trigger> {
    let mut sink = TestFileSink {
        prev: None,
        bang: None,
        joins: Vec::new(),
        last_literal: String::new(),
        repeat: 0,
        times: None,
    };
    let mut lexer = Lexer::new(source);
    if let Err(trigger) = lexer.run(&mut sink) {
        return Some(trigger);
    }
    comment_trigger(&lexer)
}

/// Whether the walker reports `value` in test code: a known format of a
/// rule reported there, not a stand-in (`postgres://user:password@…`).
fn reported_in_tests(value: &str) -> bool {
    crate::Finding::known(value).is_some_and(|f| !f.stand_in && f.rule.is_reported_in_tests())
}

/// The literals of a test file, for [`prefilter_test_file`].
struct TestFileSink<'a> {
    /// The previous token, as far as macro calls and `.repeat(N)` go.
    prev: Option<TestPrev<'a>>,
    /// A macro call's name has been read, and then `!`.
    bang: Option<MacroArgs>,
    /// Per open group: what `concat!` or an encoding macro makes of it so
    /// far (`None` for any other group).
    joins: Vec<Option<(MacroArgs, String)>>,
    /// The last literal read (up to half of `MAX_REPEATED`).
    last_literal: String,
    /// How far along `.repeat(N)` the tokens after it are: 1 after
    /// `.repeat`, 2 after its `(`, 3 after `N` (whose value is `times`).
    repeat: u8,
    times: Option<Option<u64>>,
}

/// The previous token of a [`TestFileSink`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum TestPrev<'a> {
    Ident(&'a str),
    Dot,
}

impl TestFileSink<'_> {
    fn check(&self, value: &str) -> Step {
        if reported_in_tests(value) {
            Err(Trigger::Literal)
        } else {
            Ok(())
        }
    }
}

impl<'a> Sink<'a> for TestFileSink<'a> {
    fn token(&mut self, tok: Tok<'a>) -> Step {
        let prev = self.prev.take();
        let bang = self.bang.take();
        let repeat = std::mem::take(&mut self.repeat);
        match tok {
            Tok::Ident("allow_hardcoded_secret") => return Err(Trigger::Allow),
            Tok::Ident("repeat") if prev == Some(TestPrev::Dot) => self.repeat = 1,
            Tok::Ident(name) => self.prev = Some(TestPrev::Ident(name)),
            Tok::Punct(b'!', _) => {
                if let Some(TestPrev::Ident(name)) = prev {
                    self.bang = Some(joined_macro_args(name));
                }
            }
            Tok::Punct(b'.', _) => self.prev = Some(TestPrev::Dot),
            Tok::Number(text) => {
                if let Some(Some((MacroArgs::Concat, joined))) = self.joins.last_mut() {
                    joined.push_str(text);
                }
                if repeat == 2 {
                    self.repeat = 3;
                    self.times = Some(int_literal(text));
                }
            }
            Tok::Open(open) => {
                if repeat == 1 && open == b'(' {
                    self.repeat = 2;
                }
                self.joins.push(match bang {
                    Some(args @ (MacroArgs::Concat | MacroArgs::Encoding)) => {
                        Some((args, String::new()))
                    }
                    _ => None,
                });
            }
            Tok::Close(close) => {
                if repeat == 3 && close == b')' {
                    // (a count the pre-pass cannot read goes to the parse,
                    // as in the classifier)
                    let times = self.times.take().flatten().ok_or(Trigger::Literal)?;
                    if let Some(value) = crate::repeated(&self.last_literal, times) {
                        self.check(&value)?;
                    }
                }
                match self.joins.pop().flatten() {
                    Some((MacroArgs::Concat, joined)) => {
                        if let Some(Some((MacroArgs::Concat, outer))) = self.joins.last_mut() {
                            outer.push_str(&joined);
                        }
                        self.check(&joined)?;
                    }
                    Some((_, joined)) => {
                        let compact: String = joined.split_whitespace().collect();
                        self.check(&compact)?;
                    }
                    None => {}
                }
            }
            Tok::Literal { .. } | Tok::Punct(..) | Tok::Other => {}
        }
        Ok(())
    }

    fn literal_token(&mut self, value: &str, _: bool) -> Step {
        self.prev = None;
        self.bang = None;
        self.repeat = 0;
        if let Some(Some((_, joined))) = self.joins.last_mut() {
            joined.push_str(value);
        }
        self.last_literal.clear();
        if value.len() <= crate::MAX_REPEATED / 2 {
            self.last_literal.push_str(value);
        }
        self.check(value)
    }
}

/// What the walker makes of the arguments of a macro named `name` that is
/// no embed: `concat!`'s joined, an encoding macro's (`hex!`, `base64!`)
/// joined without whitespace, or code and tokens of their own.
fn joined_macro_args(name: &str) -> MacroArgs {
    match name {
        "concat" | "concat_bytes" => MacroArgs::Concat,
        _ if ENCODING_MACROS
            .iter()
            .any(|w| crate::names::contains_ignoring_case(name, w)) =>
        {
            MacroArgs::Encoding
        }
        _ => MacroArgs::Own,
    }
}

/// What the comments of a file [`Lexer`] has read make: a known format, a
/// password written out or a PEM key in their prose, or commented-out code
/// that would make a finding.
fn comment_trigger(lexer: &Lexer<'_>) -> Option<Trigger> {
    // a token or a URL with a password in a comment's prose, or a
    // password written out (`// curl -u admin:s3cret`): the line comments'
    // candidates for each apart, a block comment's lines as the walker
    // reads them (`comments::prose_finding`)
    let prose = |text: &str| crate::comments::prose_finding(text).is_some();
    // (a key's body line makes its line comment one with a run of token
    // characters: only then are the line comments read for keys)
    let pem = lexer
        .prose_comments
        .iter()
        .any(|&(start, end)| crate::comments::is_body_line(&lexer.src[start + 2..end]));
    if lexer
        .prose_comments
        .iter()
        .any(|&(start, end)| real_known_format(&lexer.src[start + 2..end]).is_some())
        || lexer
            .comments
            .iter()
            .any(|&(start, end)| crate::stated_password(lexer.src[start + 2..end].trim()).is_some())
        || lexer.prose_blocks.iter().any(|&(start, end)| {
            // the walker reads a line whole, or a `//` comment in it
            lexer.src[start + 2..end - 2].split('\n').any(|line| {
                std::iter::once(line)
                    .chain(line.match_indices("//").map(|(at, _)| &line[at + 2..]))
                    .any(prose)
            })
            // or a PEM key down its lines
            || !crate::comments::pem_keys(
                lexer.src[start + 2..end - 2].split('\n').enumerate().map(|(i, l)| (i, 0, l)),
            )
            .is_empty()
        })
        || pem
            && !crate::comments::pem_keys(
                lexer
                    .comments
                    .iter()
                    .enumerate()
                    .map(|(i, &(start, end))| (i, 0, &lexer.src[start + 2..end])),
            )
            .is_empty()
    {
        return Some(Trigger::CommentedCode);
    }
    if lexer.code_in_comments
        && crate::comments::blocks(lexer.src, &lexer.comments, false)
            .iter()
            .chain(&crate::comments::block_comments(
                lexer.src,
                &lexer.block_comments,
                false,
            ))
            .any(|block| {
                std::iter::once(&block.whole)
                    .chain(block.lines.iter().map(|(_, text)| text))
                    .any(|text| may_flag_code(text))
            })
    {
        return Some(Trigger::CommentedCode);
    }
    None
}

/// Whether the walk of `text`, the text of commented-out code, could find
/// anything: as [`prefilter`], but text the lexer cannot follow does not
/// parse either (the walker skips it), and comments in it are not code.
fn may_flag_code(text: &str) -> bool {
    let mut classifier = Classifier::new(text);
    matches!(
        Lexer::new(text)
            .run(&mut classifier)
            .and_then(|()| classifier.finish()),
        Err(trigger) if trigger != Trigger::Lex
    )
}

/// Placeholder text that a self-chosen secret's name (`jwt_secret`) takes
/// as written (see `names::is_self_chosen_key_name`), where the probe name
/// would not: what the walker may still flag bound to such a name.
fn used_as_written(value: &str) -> bool {
    value.trim().len() >= 4 && is_placeholder_text(value)
}

/// The byte ranges of the plain line comments of `source` (not doc
/// comments), from `//` to the end of the line, and of its plain block
/// comments that may hold code or, in prose, a known format or a password
/// written out, as its lexer meets them (after a byte order mark, which syn
/// strips too); `None` when the lexer cannot follow `source`. (For the
/// walker: `walk::walk_commented_code`.)
#[cfg(any(feature = "syn", test))]
pub(crate) fn comment_ranges(source: &str) -> Option<CommentRanges> {
    let mut lexer = Lexer::new(source);
    lexer.run(&mut Ignore).ok()?;
    Some(CommentRanges {
        lines: lexer.comments,
        blocks: lexer.block_comments,
        prose_blocks: lexer.prose_blocks,
    })
}

/// The byte ranges of the doc line comments of `source` (`///`, `//!`),
/// from `//` to the end of the line, as its lexer meets them (after a byte
/// order mark); `None` when the lexer cannot follow `source`. (For the
/// walker: `walk::walk_doc_comments`.)
#[cfg(feature = "syn")]
pub(crate) fn doc_comment_ranges(source: &str) -> Option<Vec<(usize, usize)>> {
    let mut lexer = Lexer::new(source);
    lexer.docs = Some(Vec::new());
    lexer.run(&mut Ignore).ok()?;
    lexer.docs
}

/// The comments of a file, as [`comment_ranges`] gives them. (Without the
/// walker, only the tests read them, and only the line comments.)
#[cfg(any(feature = "syn", test))]
#[cfg_attr(not(feature = "syn"), allow(dead_code))]
pub(crate) struct CommentRanges {
    /// The plain line comments.
    pub(crate) lines: Vec<(usize, usize)>,
    /// The plain block comments that may hold code (a `"` or a `[`).
    pub(crate) blocks: Vec<(usize, usize)>,
    /// The plain block comments that may hold a known format in prose, or
    /// a password written out (a URL, 16 token characters, a `:`).
    pub(crate) prose_blocks: Vec<(usize, usize)>,
}

/// What the lexer hands its tokens to.
trait Sink<'a> {
    fn token(&mut self, tok: Tok<'a>) -> Step;

    /// A string-ish literal whose value is `value`.
    fn literal_token(&mut self, value: &str, lit_str: bool) -> Step;
}

impl<'a> Sink<'a> for Classifier<'a> {
    fn token(&mut self, tok: Tok<'a>) -> Step {
        self.step(tok, "")
    }

    fn literal_token(&mut self, value: &str, lit_str: bool) -> Step {
        self.step(Tok::Literal { lit_str }, value)
    }
}

/// Takes every token: a lex for the comments alone.
#[cfg(any(feature = "syn", test))]
struct Ignore;

#[cfg(any(feature = "syn", test))]
impl<'a> Sink<'a> for Ignore {
    fn token(&mut self, _: Tok<'a>) -> Step {
        Ok(())
    }

    fn literal_token(&mut self, _: &str, _: bool) -> Step {
        Ok(())
    }
}

/// The identifiers of a file's `let` patterns and `const` and `static`
/// items, names and types alike, whose value holds a literal, 16 numbers,
/// a macro or a variable's fallback: a superset of what the walker binds a
/// key to by name (`literal_of`, `key_bytes`, an empty fallback).
#[derive(Default)]
struct Bindings<'a> {
    names: Vec<&'a str>,
    /// Inside a `let` pattern or a `const`/`static` item's head.
    head: bool,
    /// The depth the head started at: its `=` or `;` is one there (not
    /// `[u8; 32]`'s, nor a struct pattern's braces').
    head_at: usize,
    /// The identifiers of the head read last, until its value tells.
    pending: Vec<&'a str>,
    /// The depth of the `=` whose value is being read, if any.
    value_at: Option<usize>,
    /// The numbers in that value so far: key bytes are 16 or more
    /// (`let idx = 0;` binds no key).
    numbers: u32,
    depth: usize,
}

impl<'a> Sink<'a> for Bindings<'a> {
    fn token(&mut self, tok: Tok<'a>) -> Step {
        if let Tok::Ident("let" | "const" | "static") = tok {
            // (a binding in the value of another: that one's names count,
            // whatever its value)
            if self.value_at.take().is_some() {
                self.names.append(&mut self.pending);
            }
            self.pending.clear();
            self.head = true;
            self.head_at = self.depth;
            return Ok(());
        }
        if self.head {
            let here = self.depth == self.head_at;
            match tok {
                Tok::Ident(ident) => self.pending.push(ident),
                Tok::Punct(b'=', second) if here && !matches!(second, b'=' | b'>') => {
                    self.head = false;
                    self.value_at = Some(self.depth);
                    self.numbers = 0;
                }
                Tok::Punct(b';', _) if here => self.head = false,
                Tok::Close(_) if self.depth <= self.head_at => self.head = false,
                _ => {}
            }
        } else if let Some(depth) = self.value_at {
            let holds = match tok {
                Tok::Number(_) => {
                    self.numbers += 1;
                    self.numbers >= 16
                }
                Tok::Punct(b'!', _) => true,
                Tok::Ident(ident) => reads_a_fallback(ident),
                _ => false,
            };
            let ends = match tok {
                Tok::Punct(b';', _) => self.depth == depth,
                Tok::Close(_) => self.depth <= depth,
                _ => false,
            };
            if holds {
                self.names.append(&mut self.pending);
            }
            if holds || ends {
                self.pending.clear();
                self.value_at = None;
            }
        }
        match tok {
            Tok::Open(_) => self.depth += 1,
            Tok::Close(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(())
    }

    fn literal_token(&mut self, _: &str, _: bool) -> Step {
        if self.value_at.take().is_some() {
            self.names.append(&mut self.pending);
        }
        Ok(())
    }
}

/// `var`, `var_os` or a fallback method: what an empty fallback given to
/// a key constructor (`var(..).unwrap_or_default()`), or bound first to a
/// name it is then given, is made of.
fn reads_a_fallback(ident: &str) -> bool {
    matches!(
        ident,
        "var" | "var_os" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default"
    )
}

/// One token, as far as the classifier cares.
#[derive(Clone, Copy)]
enum Tok<'t> {
    Ident(&'t str),
    /// A string, byte-string or C-string literal (its value is passed
    /// beside it); `lit_str` when it is a plain (cooked or raw) string, what
    /// `env!` and friends take.
    Literal {
        lit_str: bool,
    },
    /// An integer or float literal, as written.
    Number(&'t str),
    /// A char or byte literal, a lifetime or a label.
    Other,
    /// A punctuation character and the byte right after it (`::`, `=>`, `+=`).
    Punct(u8, u8),
    Open(u8),
    Close(u8),
}

/// A name whose role the next token decides.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pending<'a> {
    None,
    /// An identifier, whose role the next token decides (a binding's name,
    /// a key type on a path, a `default…` key); `after` what comes right
    /// before it.
    Ident {
        ident: &'a str,
        after: After,
    },
    /// A string literal that is a name: the facts it gives if it is a key
    /// (`"password": …`), and those it gives if it is a value.
    NameLiteral {
        names: Facts,
        values: Facts,
    },
    /// Part way along a path from a key type.
    KeyPath(KeyPath),
}

/// What comes right before a pending identifier.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    Other,
    /// `.`: a field or a method.
    Dot,
    /// `::`: a path's segment.
    PathSep,
}

/// How far along `Key :: from_slice` (or `Key > :: new`) the tokens are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyPath {
    Owner,
    Gt,
    Colon,
    PathSep,
}

/// The previous token, as far as the classifier cares.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev<'a> {
    Other,
    Ident(&'a str),
    /// `name !`: a macro call if a delimiter follows.
    Bang(&'a str),
    /// `[`
    OpenBracket,
    /// `.`
    Dot,
    /// `#` or `#!`: an attribute if `[` follows.
    Pound,
    /// `:` joined to another `:`.
    Colon,
    /// `::`
    PathSep,
    /// `$`: a macro's metavariable if a name follows.
    Dollar,
}

/// How far along `.repeat(N)` the tokens are: the walker reads
/// `"0123".repeat(8)` as the literal it makes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Repeat<'a> {
    None,
    /// `.repeat`
    Name,
    /// `.repeat(`
    Open,
    /// `.repeat(N`
    Times(&'a str),
}

/// The value of an integer literal's text as syn reads it (`8`, `1_000`,
/// `0x10`, `8usize`); `None` for one this does not read.
fn int_literal(text: &str) -> Option<u64> {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let (radix, digits) = match digits.get(..2) {
        Some("0x") => (16, &digits[2..]),
        Some("0o") => (8, &digits[2..]),
        Some("0b") => (2, &digits[2..]),
        _ => (10, &digits[..]),
    };
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let suffix = &digits[end..];
    let integer_suffix = [
        "", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    ];
    if end == 0 || !integer_suffix.contains(&suffix) {
        return None;
    }
    u64::from_str_radix(&digits[..end], radix).ok()
}

/// A build-time embed whose first argument the next token is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Embed {
    None,
    /// `env!`, `option_env!`: fires on a secret name.
    Env,
    /// `include_str!`, `include_bytes!`: fires on a key file.
    Include,
    /// `dotenv!`, `dotenvy!`: fires on any string.
    Dotenv,
    /// `var(`, `var_os(`: the variable's name, a secret one maybe.
    Var,
}

/// The shapes of a list's words: for each first byte, a bit per length
/// (modulo 64). A word whose shape is not there is not in the list: one
/// lookup spares most identifiers the list's comparisons.
const fn shapes<const N: usize>(words: [&str; N]) -> [u64; 256] {
    let mut table = [0u64; 256];
    let mut i = 0;
    while i < N {
        let w = words[i].as_bytes();
        table[w[0] as usize] |= 1 << (w.len() % 64);
        i += 1;
    }
    table
}

static KEY_OWNER_SHAPES: [u64; 256] = shapes(KEY_OWNERS);
static KEY_CONSTRUCTOR_SHAPES: [u64; 256] = shapes(KEY_CONSTRUCTORS);
static CREDENTIAL_CALL_SHAPES: [u64; 256] = shapes(CREDENTIAL_CALLS);
static PASSWORD_HASH_CALL_SHAPES: [u64; 256] = shapes(PASSWORD_HASH_CALLS);
static SEED_CALL_SHAPES: [u64; 256] = shapes(crate::names::SEED_CALLS);

/// Whether `word` is one of `list`, whose [`shapes`] are `shapes`.
fn in_list(shapes: &[u64; 256], list: &[&str], word: &str) -> bool {
    word.as_bytes()
        .first()
        .is_some_and(|&b| shapes[usize::from(b)] & (1 << (word.len() % 64)) != 0)
        && list.contains(&word)
}

/// Facts about a segment of tokens, as bits.
type Facts = u32;
/// A secret-named identifier where a binding's name goes.
const SECRET_IDENT: Facts = 1;
/// `var` or `var_os`.
const ENV_READ: Facts = 1 << 1;
/// `unwrap_or`, `or_else`, …
const FALLBACK_METHOD: Facts = 1 << 2;
/// A literal, not itself a name, that `scan_literal` flags in a secret binding.
const BINDING_VALUE: Facts = 1 << 3;
/// Key bytes maybe: `[` then a number, or a `hex!`/base64 macro.
const KEY_BYTES: Facts = 1 << 4;
/// `default… =`: a default given by name (`#[serde(default = "f")]`).
const DEFAULT: Facts = 1 << 5;
/// A literal `scan_literal` flags as the fallback of a secret variable.
const FALLBACK_VALUE: Facts = 1 << 6;
/// A literal `scan_literal` flags as the fallback of any variable.
const FALLBACK_ANY_VALUE: Facts = 1 << 10;
/// `var("JWT_SECRET")`: a secret variable is read.
const SECRET_VAR: Facts = 1 << 11;
/// A secret or account name literal where a key goes (`"password": …`).
const NAME_LITERAL: Facts = 1 << 7;
/// A key's name where a binding's name goes (`seed`, `hmac_key`, `key_hex`,
/// `"key": …`): hex key material bound to it counts.
const MATERIAL_IDENT: Facts = 1 << 12;
/// Two of them: one may be the other's value (`("password", "token")`).
const NAME_LITERALS: Facts = 1 << 8;
/// A name literal that may be a key or a value (`"admin".to_string()`,
/// `("password", "secret-pass", …)`) and that `scan_literal` flags in a
/// secret binding: a value for another name than its own.
const NAME_VALUE: Facts = 1 << 9;
/// A one-time password's name where a binding's name goes (`totp`,
/// `mfa_seed`): a base32 seed bound to it counts.
const OTP_IDENT: Facts = 1 << 13;
/// A literal of 32 or more hex digits, or a generator's password
/// (`entropy::looks_generated_password`): key material under a key's name.
const MATERIAL_VALUE: Facts = 1 << 14;
/// A literal shaped as a base32 seed.
const BASE32_VALUE: Facts = 1 << 15;
/// A literal of one to three characters, one of them a letter or digit:
/// a password where only a password goes (see [`PASSWORD_SLOT`]).
const SHORT_VALUE: Facts = 1 << 16;
/// A password's name checked against a value (`password == …`), called
/// with one (`.password(…)`), or a call that takes one (`basic_auth`,
/// `Credentials::new`): the value may be as short as `"pwd"` (see
/// `Walker::password_value_in`).
const PASSWORD_SLOT: Facts = 1 << 17;
/// A default account's name (`"sa"`, `"admin"`) among a call's arguments:
/// the literal after it, in a call that connects, is its password however
/// short (`Walker::call_args`). Only a call's arguments take it, so it
/// meets a [`SHORT_VALUE`] only in `(…)`, and reaches the enclosing group
/// only from `(…)` into `(…)` (`connect(String::from("sa"), "pw")`), never
/// from a tuple in an array (`[("SA", x), ("HH", y)]`).
const ACCOUNT_SLOT: Facts = 1 << 18;
/// An identifier or field named for an account (`&email`, `user.name`)
/// directly among a call's arguments: the literal after it, in a call
/// that authenticates, is its password (`Walker::call_args`). It meets a
/// [`BINDING_VALUE`] only in `(…)`.
const ACCOUNT_IDENT: Facts = 1 << 19;
/// Facts about names and calls: they reach the enclosing segment through
/// `(…)` and `[…]` (tuple patterns, arguments) but not through `{…}`.
const NAME_FACTS: Facts = SECRET_IDENT
    | PASSWORD_SLOT
    | ACCOUNT_SLOT
    | MATERIAL_IDENT
    | OTP_IDENT
    | ENV_READ
    | SECRET_VAR
    | FALLBACK_METHOD
    | NAME_LITERAL
    | NAME_LITERALS;

/// Facts about values, which stay inside a macro's arguments (see
/// [`Level::macro_args`]).
const VALUE_FACTS: Facts =
    BINDING_VALUE | NAME_VALUE | MATERIAL_VALUE | BASE32_VALUE | KEY_BYTES | SHORT_VALUE;

/// A function or method (`run(…)`, `.get(…)`; not a path's, whose owner
/// may tell, as `Credentials::Basic(…)`) whose arguments no rule of the
/// walker reads as the value of a name outside the call: none of
/// `names::is_transparent_call`'s, no default (`unwrap_or`), no keyword (`if (…)`), no secret's name, no call
/// that takes or hashes a password, authenticates or connects.
fn is_opaque_callee(callee: &str) -> bool {
    // (bare or not: a callee's path is not known here, and either way is
    // no opaque call)
    if crate::names::is_transparent_call(callee, true)
        // a default is the value of the name it is bound to (`Walker::scan_in`)
        || crate::names::DEFAULT_METHODS.contains(&callee)
        || is_keyword(callee)
        || name_kinds(callee) != 0
        || is_password_name(callee)
        || in_list(&CREDENTIAL_CALL_SHAPES, &CREDENTIAL_CALLS, callee)
        || in_list(&PASSWORD_HASH_CALL_SHAPES, &PASSWORD_HASH_CALLS, callee)
        || in_list(&SEED_CALL_SHAPES, &crate::names::SEED_CALLS, callee)
        || callee == "bearer_auth"
    {
        return false;
    }
    !crate::names::says_it_authenticates(callee)
}

/// What a macro's arguments are to the walker.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MacroArgs {
    /// Not a macro's, or an embed's argument.
    Value,
    /// `concat!`: one literal, joined.
    Concat,
    /// `hex!`, `base64!`: the value of the name outside, and the string
    /// literals in them joined without whitespace is a literal too.
    Encoding,
    /// Code or tokens of their own.
    Own,
}

/// [`PASSWORD_SLOT`] for a password's name (of `kinds`, which a
/// password's name has among them as a secret's), else nothing.
fn password_slot(name: &str, kinds: Facts) -> Facts {
    if kinds & SECRET_IDENT != 0 && crate::names::is_password_name(name) {
        PASSWORD_SLOT
    } else {
        0
    }
}

/// `a | b`, counting name literals up to two.
fn merge(a: Facts, b: Facts) -> Facts {
    let both = if a & b & NAME_LITERAL != 0 {
        NAME_LITERALS
    } else {
        0
    };
    a | b | both
}

/// A keyword after which an expression starts (`return [1, 2]`,
/// `&mut [0u8; 32]`, `match [a, b]`): a `[` after it is an array.
fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "return"
            | "in"
            | "mut"
            | "break"
            | "match"
            | "if"
            | "while"
            | "else"
            | "yield"
            | "move"
            | "let"
            | "const"
            | "static"
            | "box"
            | "loop"
            | "unsafe"
            | "async"
            | "for"
            | "where"
            | "dyn"
            | "impl"
            | "as"
    )
}

/// Whether `facts` hold a name and a value that can make a finding together.
fn name_meets_value(facts: Facts) -> bool {
    let named = facts & (SECRET_IDENT | NAME_LITERAL) != 0;
    (named && facts & (BINDING_VALUE | KEY_BYTES | DEFAULT) != 0)
        || (facts & (SECRET_IDENT | NAME_LITERALS) != 0 && facts & NAME_VALUE != 0)
        || (facts & MATERIAL_IDENT != 0 && facts & (MATERIAL_VALUE | KEY_BYTES | DEFAULT) != 0)
        || (facts & OTP_IDENT != 0 && facts & (BASE32_VALUE | DEFAULT) != 0)
        || (facts & PASSWORD_SLOT != 0 && facts & SHORT_VALUE != 0)
}

/// The facts of one delimited group (the file is the outermost).
struct Level<'a> {
    delimiter: u8,
    /// The segment being read: since the last `;` or item start.
    current: Facts,
    /// Every segment of the group so far.
    union: Facts,
    /// The last token closed a `{…}` group at this level: an item or
    /// statement may start next.
    after_block: bool,
    /// Inside an attribute (`#[…]`), whose literals the walker reads only
    /// as a field's default, which [`DEFAULT`] stands for.
    attribute: bool,
    /// A function's parameters: patterns that bind no literal.
    parameters: bool,
    /// The body of a function named for a secret.
    secret_body: bool,
    /// The body of a function: the values in it are no value of the names
    /// in its signature (its return type, bounds), nor of the item around
    /// it (`impl Token for …`). One it returns as a secret fn's value is
    /// `secret_body`'s.
    fn_body: bool,
    /// The body of `if`, `else`, `while`, `for`, `loop` or `match`, or of
    /// a match arm (`Some(token) => { … }`): the
    /// walker binds no name of the statement to a value in it (`let t = if
    /// … { "…" }` is read as plain literals; `while let Some(token) = … {`).
    control_body: bool,
    /// The arguments of `concat!`: the string literals and numbers directly
    /// in them, joined, as the value they make.
    concat: Option<String>,
    /// The arguments of an encoding macro (`hex!`, `base64!`) while they
    /// are string literals and commas only: their text joined, which the
    /// walker reads without whitespace as the bytes
    /// (`hex!("3a91 07fe")`).
    encoded: Option<String>,
    /// The arguments of a macro that is neither `concat!` nor an encoding
    /// (`format!`, `vec!`, `w!`, `json!`): the walker walks them on their
    /// own, never as the value of a name outside them, so their values stay
    /// here ([`VALUE_FACTS`]).
    macro_args: bool,
    /// The callee of a call that is no path's (`run(…)`, `x.get(…)`):
    /// unless [`is_opaque_callee`] says otherwise, the walker reads no
    /// literal among its arguments as the value of a name outside the call,
    /// so their values stay here, as a macro's (asked only of a group with
    /// values).
    callee: Option<&'a str>,
    /// The identifier a `(` follows, whatever it is (`get_seed(`,
    /// `.login(`, `Self::new(`): a call of the file's own fn, maybe.
    called: Option<&'a str>,
    /// A literal outside attributes is inside, at any depth: when the group
    /// closes, [`Level::called`] was given one, maybe, and so was the
    /// group around it.
    holds_literal: bool,
    /// The secret names that count in the current segment (see
    /// [`Classifier::bound_value`]).
    names: Vec<String>,
    /// Those of the group's earlier segments.
    group_names: Vec<String>,
    /// The arguments of a call named for a secret (`.password(…)`): the
    /// kinds of name it is; with one argument, the walker binds it to the
    /// name.
    call: Facts,
    /// A `,` directly in this group: more than one argument.
    commas: bool,
    /// `let`'s tuple pattern: `let (user, password) = …`.
    let_tuple: bool,
    /// A `for` loop's tuple pattern: `for (user, password) in users`.
    for_tuple: bool,
    /// The arguments of a transparent call (`names::is_transparent_call`:
    /// `String::from(…)`, a newtype's `Base64(…)`): the walker reads its literal as the value of
    /// the call it is in (`.with_password(String::from("password"))`).
    transparent: bool,
    /// Its last token is a default account's name (`from("sa")`): as an
    /// argument, the group is one ([`ACCOUNT_SLOT`]).
    account: bool,
    /// `[` then a number: an array of numbers, key bytes if it is long
    /// enough (the walker's `key_bytes`: 16 or more, not `[0; 32]`).
    numbers: bool,
    /// How many `,` the group holds (saturating).
    comma_count: u8,
    /// A statement directly in this group (a `;`, or `let`, `if`,
    /// `match`, a loop, `return`, `unsafe`): as a function's body, no one
    /// literal the walker reads as its value (`body_literal`).
    statements: bool,
}

impl Level<'_> {
    /// No name so far in the current segment gives a value after it a
    /// name: none of its facts, no secret call's arguments or body.
    fn names_nothing(&self) -> bool {
        self.current & (NAME_FACTS | DEFAULT | ACCOUNT_IDENT) == 0
            && self.call == 0
            && !self.secret_body
            && self.names.is_empty()
    }

    /// Makes a closed level the next group's (see [`Classifier::open_level`]),
    /// as [`Level::new`] would, keeping its vectors' memory.
    fn reopen(&mut self, delimiter: u8) {
        // (every field named: a new one must say how it starts)
        let Level {
            delimiter: open,
            current,
            union,
            after_block,
            attribute,
            parameters,
            secret_body,
            fn_body,
            control_body,
            concat,
            encoded,
            macro_args,
            callee,
            called,
            holds_literal,
            names,
            group_names,
            call,
            commas,
            let_tuple,
            for_tuple,
            transparent,
            account,
            numbers,
            comma_count,
            statements,
        } = self;
        *open = delimiter;
        (*current, *union, *call) = (0, 0, 0);
        *after_block = false;
        *attribute = false;
        *parameters = false;
        *secret_body = false;
        *fn_body = false;
        *control_body = false;
        *concat = None;
        *encoded = None;
        *macro_args = false;
        *callee = None;
        *called = None;
        *holds_literal = false;
        names.clear();
        group_names.clear();
        *commas = false;
        *let_tuple = false;
        *for_tuple = false;
        *transparent = false;
        *account = false;
        *numbers = false;
        *comma_count = 0;
        *statements = false;
    }

    fn new(delimiter: u8) -> Self {
        Level {
            delimiter,
            current: 0,
            union: 0,
            after_block: false,
            attribute: false,
            parameters: false,
            secret_body: false,
            fn_body: false,
            control_body: false,
            concat: None,
            encoded: None,
            macro_args: false,
            callee: None,
            called: None,
            holds_literal: false,
            names: Vec::new(),
            group_names: Vec::new(),
            call: 0,
            commas: false,
            let_tuple: false,
            for_tuple: false,
            transparent: false,
            account: false,
            numbers: false,
            comma_count: 0,
            statements: false,
        }
    }
}

/// Reads the tokens of a file and decides, segment by segment, whether a
/// combination that can make a finding is there.
///
/// A segment is a statement or an item: the tokens of one group between
/// `;`s and between items (a `}` followed by an item keyword or `#`). Not
/// between `,`s: a comma inside braces may sit in generics
/// (`let password: Cow<'static, str> = "…"`) or closure parameters
/// (`let password = |a, b| "…"`), and splitting there would part a name
/// from its value (measured: splitting at commas saved 2% of the parse). A
/// nested group's facts count in the segment that holds it: values always
/// (a function's body, a closure's), names only through `(…)` and `[…]`
/// (`let (user, password) = …`). Every context the walker gives a literal
/// through a name lies within one segment: `let`, `const` and `static`
/// bindings, assignments, struct-literal fields, a field's attributes
/// (`#[arg(default_value = "…")]`), a function named for a secret and its
/// body, `env::var(..).unwrap_or(..)`, JSON members and tuples.
struct Classifier<'a> {
    prev: Prev<'a>,
    pending: Pending<'a>,
    embed: Embed,
    /// The groups open, outermost first: `levels[..depth]`. The rest are
    /// closed groups kept for the next to open, so that no `Level` is moved
    /// or dropped (nor its vectors' memory freed) while a file is read.
    /// Read them through [`Classifier::level`] and
    /// [`Classifier::open_levels`], never past `depth`.
    levels: Vec<Level<'a>>,
    /// How many of them are open.
    depth: usize,
    /// Between `fn` and its parameters.
    signature: bool,
    /// After `fn password`, the depth of the group the function is in: its
    /// body is the next `{` at that depth (none if a `;` comes first).
    secret_fn: Option<usize>,
    /// After `fn name`, the depth of the group the function is in, as
    /// `secret_fn` for any function: its body is the next `{` there.
    fn_at: Option<usize>,
    /// After `if`, `else`, `while`, `for`, `loop` or `match`, the depth of
    /// the group it is in: the next `{` there is the body it runs.
    control_at: Option<usize>,
    /// The last token ends an operand (a name, a literal, `)`, `]`, `?`):
    /// a `[` after it indexes (`buf[0]`) rather than starts an array.
    after_operand: bool,
    /// How much of `=>` the last tokens were (1: `=`, 2: `=>`): a `{`
    /// after it is a match arm's body.
    arrow: u8,
    /// A secret or account name has been seen, anywhere.
    seen_name: bool,
    /// The name a pending [`Pending::NameLiteral`] gives.
    pending_name: String,
    /// A call named for a secret whose `(` comes next, and its kinds.
    call: Option<(&'a str, Facts)>,
    /// The file has `var` or `var_os` as a word: a literal anywhere may be
    /// a fallback by name (`let d = "…"; var("X").unwrap_or(d)`).
    env_read_in_file: bool,
    /// A name of a secret the program chooses for itself has been seen
    /// (`jwt_secret`, `session_key`): placeholder text after it may be a
    /// value the walker flags (see `used_as_written`).
    self_chosen: bool,
    /// What the file's literals would count as if a fallback
    /// ([`FALLBACK_VALUE`], [`FALLBACK_ANY_VALUE`]).
    fallback_values: Facts,
    /// What the file's fallback segments read: [`ENV_READ`] for any
    /// variable's fallback, [`SECRET_VAR`] for a secret one's.
    fallback_reads: Facts,
    /// A secret name was just compared (`password ==`, `token !=`): the
    /// literal next is what the check accepts, even when it only repeats
    /// the name (`password != "password"`).
    compared: bool,
    /// `default… =` came last: the literal next is a default's value.
    default_next: bool,
    /// The last identifier came right after `::`: a path's segment.
    ident_after_path: bool,
    /// A `,` came last: it counts in its group when more follows.
    pending_comma: bool,
    /// The depth of the call whose arguments hold a secret variable's name
    /// as the last literal (see [`Classifier::literal`]).
    after_env_name: Option<usize>,
    /// The last string literal read, if short enough to be repeated
    /// (see [`Repeat`]).
    last_literal: String,
    /// How far along `.repeat(N)` the tokens are.
    repeat: Repeat<'a>,
    /// A key constructor's path came last (`Key::new`, `from_secret`):
    /// a `(` next opens its arguments.
    key_call: bool,
    /// The depth of the key constructor's arguments being read, if any
    /// (the outermost): what the walker reads in them is only a literal,
    /// a macro, key bytes, an empty fallback of a variable, or a `let` or
    /// const the literal is bound to, by name.
    key_args_at: Option<usize>,
    /// The identifiers met in a key constructor's arguments: any may be a
    /// `let` or const bound to a key (see [`Bindings`]).
    key_arg_names: Vec<&'a str>,
    /// A password-hash module's path (`bcrypt::`) somewhere: what it
    /// imports (`use bcrypt::{hash, verify}`) the walker reads as that
    /// module's fns wherever they are called, in any segment.
    hash_module: bool,
    /// A `for` loop's tuple pattern (`for (name, pw) in users`), and a call
    /// that hashes a password (`hash_password(…)`): the walker names a
    /// column the loop hashes `password`, whatever the pattern calls it.
    for_tuple: bool,
    hash_call: bool,
    /// A credential type's path came last (`Credentials`, `Pkcs12`): a
    /// method after its `::` is a call that logs in.
    credential_owner: bool,
    /// A call that logs in with a password came last (`login`,
    /// `Credentials::new`): a `(` next opens its arguments.
    credential_call: bool,
    /// The depth of such a call's arguments being read, if any (the
    /// outermost); whether the next identifier begins an argument after the
    /// first (after a `,`, a `&` or a `(`: `login(user, &pw)`,
    /// `String::from(pw)`); and those identifiers: the walker reads a `let`
    /// one of them names as the password, as a hash's
    /// (`walk::bound_password_use`).
    credential_args_at: Option<usize>,
    credential_arg_start: bool,
    credential_arg_names: Vec<&'a str>,
    /// The fn whose signature is being read (`fn get_seed`).
    fn_name: &'a str,
    /// The fns with a parameter named for a secret (`fn get_seed(password:
    /// &str)`): the walker reads a literal a call of one gives it, in any
    /// segment.
    secret_param_fns: Vec<&'a str>,
    /// The identifiers before a `(` that a literal is inside (see
    /// [`Level::holds_literal`]).
    literal_callees: Vec<&'a str>,
    /// After `let x: LocalWallet =` (or `Arc<LocalWallet> =`), the depth
    /// of the group whose segment it is: a literal before that segment ends
    /// may be the text the walker reads as the key (`text_key_type`).
    text_key_at: Option<usize>,
    /// The text read (for [`Bindings`], in the rare file that needs them).
    source: &'a str,
    /// The [`name_kinds`] of identifiers met lately, by a hash of their
    /// text: a file names the same few things again and again.
    kinds_seen: [(&'a str, Facts); KINDS_SEEN],
}

/// How many identifiers' [`name_kinds`] a [`Classifier`] keeps.
const KINDS_SEEN: usize = 64;

/// The names a context is probed with: any password's name would do, since
/// a context's verdict depends on its name only through `is_secret_name`
/// and `is_password_name` (a repeated digit, `88888888`, is a password's
/// value only), and for a binding through an echo of the name (see
/// [`binding_would_flag`]).
const PROBE_BINDING: &str = "password";
const PROBE_VARIABLE: &str = "PASSWORD";

/// Whether a secret-named binding would flag `value`. The verdict depends
/// on the name through `is_secret_name` and through whether the value only
/// repeats it or names a password's field: a value that repeats
/// [`PROBE_BINDING`] (`passwd = "password"`) or names such a field
/// (`"smtp_password"`) is probed with a second name, not a password's.
fn binding_would_flag(value: &str) -> bool {
    scan_literal(value, &Context::Binding(PROBE_BINDING)).is_some()
        || (((crate::names::contains_ignoring_case(value, PROBE_BINDING)
            && echoes_name(value.trim(), PROBE_BINDING))
            || crate::benign::names_a_password_field(value.trim(), PROBE_BINDING))
            && scan_literal(value, &Context::Binding("api_key")).is_some())
}

/// [`crate::names::names_an_account`], asked only of a name whose last
/// word may be one of its words: most identifiers are told by their last
/// byte, with no words split.
fn may_name_an_account(ident: &str) -> bool {
    if !ident.is_ascii() {
        return crate::names::names_an_account(ident);
    }
    let b = ident.as_bytes();
    let words: &[&[u8]] = match b.last().map(u8::to_ascii_lowercase) {
        Some(b'l') => &[b"email", b"mail"],
        Some(b'r') => &[b"user"],
        Some(b'e') => &[b"username"],
        Some(b'n') => &[b"login"],
        Some(b't') => &[b"account"],
        _ => return false,
    };
    // (a word at the end: the whole name, or after `_` or a capital)
    words.iter().any(|w| {
        b.len() >= w.len() && {
            let at = b.len() - w.len();
            b[at..].eq_ignore_ascii_case(w)
                && (at == 0 || b[at - 1] == b'_' || b[at].is_ascii_uppercase())
        }
    }) && crate::names::names_an_account(ident)
}

/// Secret names only ever end (before any trailing non-alphanumerics) in one
/// of the engine's nouns, whatever their case: the last word decides.
fn may_be_secret_name(s: &str) -> bool {
    if !s.is_ascii() {
        return is_secret_name(s);
    }
    let end = trim_end(s.as_bytes());
    end.len() >= 3 && noun_tail_kind(end) & TAIL_NOUN != 0 && is_secret_name(s)
}

/// [`tail_kind`] of `end`'s tail, and of its tail before a number of one
/// or two digits (`password2`, `API_KEY_2`: `names::unnumbered`), nouns'
/// kinds only from that one.
#[inline]
fn noun_tail_kind(end: &[u8]) -> u8 {
    let kind = tail_kind(tail(end));
    if !end.last().is_some_and(u8::is_ascii_digit) {
        return kind;
    }
    let digits = end.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) || digits == end.len() {
        return kind;
    }
    let before = trim_end(&end[..end.len() - digits]);
    if before.len() < 3 {
        return kind;
    }
    kind | (tail_kind(tail(before)) & (TAIL_NOUN | TAIL_MATERIAL))
}

/// The kinds of name `s` is where a binding's name goes: [`SECRET_IDENT`]
/// ([`is_secret_name`]), [`MATERIAL_IDENT`] ([`is_key_material_name`]),
/// [`OTP_IDENT`] ([`is_otp_name`]); 0 for most identifiers, decided
/// without splitting them into words: by the tail of the name (one table
/// lookup) and a pass over its three-byte windows.
fn name_kinds(s: &str) -> Facts {
    if !s.is_ascii() {
        let mut kinds = 0;
        for (yes, kind) in [
            (is_secret_name(s), SECRET_IDENT),
            (is_key_material_name(s), MATERIAL_IDENT),
            (is_otp_name(s), OTP_IDENT),
        ] {
            if yes {
                kinds |= kind;
            }
        }
        return kinds;
    }
    let mut rest = trim_end(s.as_bytes());
    if rest.len() < 3 {
        return if ends_in_sk(rest) && is_key_material_name(s) {
            MATERIAL_IDENT
        } else {
            0
        };
    }
    let mut kinds = 0;
    let mut kind = noun_tail_kind(rest);
    if kind & TAIL_NOUN != 0 && is_secret_name(s) {
        kinds |= SECRET_IDENT;
    }
    // `key_hex`, `secret_bytes`: cut encoding words off as text (a
    // superset of cutting them as words), then look again
    while kind & TAIL_ENCODING != 0 {
        let Some(at) = ENCODING_WORDS.iter().find_map(|w| {
            let at = rest.len().checked_sub(w.len())?;
            (at > 0 && rest[at..].eq_ignore_ascii_case(w.as_bytes())).then_some(at)
        }) else {
            break;
        };
        rest = trim_end(&rest[..at]);
        kind = if rest.len() >= 3 {
            tail_kind(tail(rest))
        } else {
            0
        };
    }
    if (kind & (TAIL_NOUN | TAIL_MATERIAL) != 0 || ends_in_sk(rest)) && is_key_material_name(s) {
        kinds |= MATERIAL_IDENT;
    }
    if may_name_otp(s) && is_otp_name(s) {
        kinds |= OTP_IDENT;
    }
    kinds
}

/// Whether `s` ends in [`SECRET_KEY_ABBREVIATION`], any case (`ALICE_SK`,
/// `aliceSk`; `task` too: [`is_key_material_name`] decides).
fn ends_in_sk(s: &[u8]) -> bool {
    s.len() >= 2 && s[s.len() - 2..].eq_ignore_ascii_case(SECRET_KEY_ABBREVIATION.as_bytes())
}

/// `s` without the non-alphanumeric bytes it ends in.
fn trim_end(mut s: &[u8]) -> &[u8] {
    while let [head @ .., last] = s
        && !last.is_ascii_alphanumeric()
    {
        s = head;
    }
    s
}

/// A [`tail`] of a secret noun (what [`is_secret_name`] needs last).
const TAIL_NOUN: u8 = 1;
/// A [`tail`] of `key`, `keys`, `psk`, `seed` (what
/// [`is_key_material_name`] also takes last).
const TAIL_MATERIAL: u8 = 2;
/// A [`tail`] of an encoding word ([`ENCODING_WORDS`]).
const TAIL_ENCODING: u8 = 4;

/// Open addressing over [`tail`]s: 64 slots for the ~30 tails that matter.
struct TailTable {
    tails: [u32; 64],
    kinds: [u8; 64],
}

const fn tail_slot(t: u32) -> usize {
    (t.wrapping_mul(0x9E37_79B1) >> 26) as usize
}

impl TailTable {
    /// [`TailTable::with`] each of `words`.
    const fn with_all(mut self, words: &[&str], kind: u8) -> Self {
        let mut i = 0;
        while i < words.len() {
            self = self.with(words[i].as_bytes(), kind);
            i += 1;
        }
        self
    }

    const fn with(mut self, word: &[u8], kind: u8) -> Self {
        let t = tail(word);
        let mut i = tail_slot(t);
        while self.tails[i] != 0 && self.tails[i] != t {
            i = (i + 1) % 64;
        }
        self.tails[i] = t;
        self.kinds[i] |= kind;
        self
    }
}

/// Every tail [`name_kinds`] looks for, built from the engine's own word
/// lists at compile time.
const TAILS: TailTable = TailTable {
    tails: [0; 64],
    kinds: [0; 64],
}
.with_all(&SECRET_NOUNS, TAIL_NOUN)
.with_all(&KEY_NOUNS, TAIL_NOUN)
.with_all(&MATERIAL_NOUNS, TAIL_MATERIAL)
.with_all(&ENCODING_WORDS, TAIL_ENCODING);

/// The kinds of word whose tail `t` is, 0 for none.
fn tail_kind(t: u32) -> u8 {
    let mut i = tail_slot(t);
    loop {
        match TAILS.tails[i] {
            0 => return 0,
            x if x == t => return TAILS.kinds[i],
            _ => i = (i + 1) % 64,
        }
    }
}

/// A one-time password's name has one of [`is_otp_name`]'s words in it:
/// `otp` (`totp`, `hotp`), `mfa`, `2fa`, `tfa`, `two` (`two_factor`), `2`
/// and `fa` apart (`2_fa`), `authenticator` (`uth`). One pass over its
/// three-byte windows, any case; a superset, which [`is_otp_name`] decides.
fn may_name_otp(s: &str) -> bool {
    const fn trigram(w: &[u8; 3]) -> u32 {
        (w[0] as u32) << 16 | (w[1] as u32) << 8 | w[2] as u32
    }
    const WORDS: [u32; 6] = [
        trigram(b"otp"),
        trigram(b"mfa"),
        trigram(b"2fa"),
        trigram(b"tfa"),
        trigram(b"two"),
        trigram(b"uth"),
    ];
    if !s.is_ascii() {
        return true;
    }
    // the last three bytes, lower case (`| 0x20` keeps digits), as one number
    let mut window = 0u32;
    s.bytes().enumerate().any(|(i, b)| {
        window = (window << 8 | u32::from(b | 0x20)) & 0xFF_FFFF;
        i >= 2 && (WORDS.contains(&window) || window & 0xFF_00FF == trigram(b"2\0f"))
    })
}

/// Whether `var` or `var_os` is in `source` with no identifier character
/// on either side (each `var` found by memchr's substring search).
fn reads_a_variable(source: &str) -> bool {
    let bytes = source.as_bytes();
    memchr::memmem::find_iter(bytes, b"var").any(|i| {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let len = if bytes[i..].starts_with(b"var_os") {
            6
        } else {
            3
        };
        !before.is_some_and(is_ident_continue)
            && !bytes.get(i + len).is_some_and(|&b| is_ident_continue(b))
    })
}

/// The last three bytes of `s`, lower case, as one number.
const fn tail(s: &[u8]) -> u32 {
    let n = s.len();
    u32::from_le_bytes([
        s[n - 3].to_ascii_lowercase(),
        s[n - 2].to_ascii_lowercase(),
        s[n - 1].to_ascii_lowercase(),
        0,
    ])
}

impl<'a> Classifier<'a> {
    fn new(source: &'a str) -> Self {
        Classifier {
            prev: Prev::Other,
            pending: Pending::None,
            embed: Embed::None,
            levels: vec![Level::new(0)],
            depth: 1,
            signature: false,
            secret_fn: None,
            fn_at: None,
            control_at: None,
            after_operand: false,
            arrow: 0,
            seen_name: false,
            pending_name: String::new(),
            call: None,
            env_read_in_file: reads_a_variable(source),
            self_chosen: false,
            fallback_values: 0,
            fallback_reads: 0,
            compared: false,
            default_next: false,
            ident_after_path: false,
            pending_comma: false,
            last_literal: String::new(),
            after_env_name: None,
            repeat: Repeat::None,
            key_call: false,
            key_args_at: None,
            key_arg_names: Vec::new(),
            hash_module: false,
            for_tuple: false,
            hash_call: false,
            credential_owner: false,
            credential_call: false,
            credential_args_at: None,
            credential_arg_start: false,
            credential_arg_names: Vec::new(),
            fn_name: "",
            secret_param_fns: Vec::new(),
            literal_callees: Vec::new(),
            text_key_at: None,
            source,
            // (an empty slot's text is no identifier's)
            kinds_seen: [("", 0); KINDS_SEEN],
        }
    }

    /// [`name_kinds`] of an identifier, kept for the next time it comes.
    fn ident_kinds(&mut self, ident: &'a str) -> Facts {
        let b = ident.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let hash = usize::from(first.unwrap_or(0))
            .wrapping_mul(31)
            .wrapping_add(usize::from(last.unwrap_or(0)).wrapping_mul(7))
            .wrapping_add(usize::from(b.get(b.len() / 2).copied().unwrap_or(0)).wrapping_mul(3))
            .wrapping_add(b.len());
        let slot = &mut self.kinds_seen[hash % KINDS_SEEN];
        if slot.0 != ident {
            *slot = (ident, name_kinds(ident));
        }
        slot.1
    }

    fn level(&mut self) -> &mut Level<'a> {
        // (the file's level is never closed: `depth` is at least 1)
        &mut self.levels[self.depth - 1]
    }

    /// The groups open, outermost first.
    fn open_levels(&self) -> &[Level<'a>] {
        &self.levels[..self.depth]
    }

    /// Opens a group: the next level, reused if one was kept.
    fn open_level(&mut self, delimiter: u8) -> &mut Level<'a> {
        if self.depth == self.levels.len() {
            self.levels.push(Level::new(delimiter));
        } else {
            self.levels[self.depth].reopen(delimiter);
        }
        self.depth += 1;
        self.level()
    }

    fn set(&mut self, facts: Facts) {
        let level = self.level();
        level.current = merge(level.current, facts);
    }

    fn step(&mut self, tok: Tok<'a>, value: &str) -> Step {
        // (taken before `resolve`, which may set it for the next token)
        let key_call = std::mem::take(&mut self.key_call);
        // a turbofish before the arguments (`from_slice::<T>(…)`): the path
        // alone decides, as it used to
        if key_call && matches!(tok, Tok::Punct(b':', b':')) {
            return Err(Trigger::KeyConstructor);
        }
        if self.key_args_at.is_some() {
            self.key_argument(tok)?;
        }
        if let Some(at) = self.credential_args_at {
            self.credential_argument(tok, at);
        }
        if self.pending != Pending::None {
            self.resolve(tok)?;
        }
        // the literal the walker reads on the right of `==`/`!=` comes
        // before its group or statement ends (`String::from("…")`, `&"…"`)
        let compared = std::mem::take(&mut self.compared);
        match tok {
            Tok::Literal { .. } => {
                if compared && value.trim().len() >= 4 {
                    return Err(Trigger::SecretName);
                }
            }
            Tok::Close(_) | Tok::Punct(b';', _) | Tok::Open(b'{') => {}
            _ => self.compared = compared,
        }
        if self.embed != Embed::None {
            self.embed_argument(tok, value)?;
        }
        if let Some(level) = self.levels[..self.depth].last_mut()
            && let Some(joined) = &mut level.encoded
        {
            match tok {
                Tok::Literal { lit_str: true } => joined.push_str(value),
                Tok::Punct(b',', _) | Tok::Close(_) => {}
                _ => level.encoded = None,
            }
        }
        // a `,` counts once something follows it in its group: a trailing
        // one (`x.api_key(\n    "…",\n)`, as rustfmt writes a long
        // argument) makes no second argument
        // (the token after a `,` is in its group, or closes it)
        if std::mem::take(&mut self.pending_comma) && !matches!(tok, Tok::Close(_)) {
            let level = self.level();
            level.commas = true;
            level.comma_count = level.comma_count.saturating_add(1);
        }
        if let Tok::Punct(b',', _) = tok {
            self.pending_comma = true;
        }
        self.call = self.call.filter(|_| matches!(tok, Tok::Open(b'(')));
        if std::mem::take(&mut self.level().after_block) {
            let starts_item = match tok {
                Tok::Ident(word) => matches!(
                    word,
                    "fn" | "pub"
                        | "let"
                        | "const"
                        | "static"
                        | "struct"
                        | "enum"
                        | "union"
                        | "impl"
                        | "trait"
                        | "type"
                        | "mod"
                        | "use"
                        | "extern"
                        | "unsafe"
                        | "async"
                        | "macro_rules"
                ),
                Tok::Punct(b'#', _) => true,
                _ => false,
            };
            if starts_item {
                self.end_segment()?;
            }
        }
        let prev = std::mem::replace(&mut self.prev, Prev::Other);
        let repeated = self.repeat_step(tok, prev)?;
        let after_operand = std::mem::replace(
            &mut self.after_operand,
            match tok {
                Tok::Ident(word) => !is_keyword(word),
                Tok::Literal { .. } | Tok::Number(_) => true,
                Tok::Close(close) => close != b'}',
                Tok::Punct(p, _) => p == b'?',
                Tok::Open(_) | Tok::Other => false,
            },
        );
        let arrow = self.arrow;
        self.arrow = match tok {
            Tok::Punct(b'=', b'>') => 1,
            Tok::Punct(b'>', _) if arrow == 1 => 2,
            _ => 0,
        };
        match tok {
            // a macro's metavariable (`$token`) binds nothing the walker reads
            Tok::Ident(_) if matches!(prev, Prev::Dollar) => {}
            Tok::Ident(ident) => {
                match ident {
                    "if" | "while" | "for" | "loop" | "match" => {
                        self.level().statements = true;
                        self.control_at = Some(self.depth);
                    }
                    "else" => self.control_at = Some(self.depth),
                    "let" | "return" | "unsafe" => self.level().statements = true,
                    _ => {}
                }
                self.prev = Prev::Ident(ident);
                self.ident_after_path = matches!(prev, Prev::PathSep);
                self.ident(ident, prev)?;
            }
            Tok::Literal { .. } => {
                if let Some(joined) = &mut self.level().concat {
                    joined.push_str(value);
                }
                self.last_literal.clear();
                if value.len() <= crate::MAX_REPEATED / 2 {
                    self.last_literal.push_str(value);
                }
                self.literal(value, prev)?;
            }
            Tok::Number(text) => {
                if let Some(joined) = &mut self.level().concat {
                    joined.push_str(text);
                }
                if matches!(prev, Prev::OpenBracket) {
                    self.level().numbers = true;
                }
            }
            Tok::Punct(b'!', _) => match prev {
                Prev::Ident(name) => self.prev = Prev::Bang(name),
                Prev::Pound => self.prev = Prev::Pound,
                _ => {}
            },
            Tok::Punct(b'#', _) => self.prev = Prev::Pound,
            Tok::Punct(b'$', _) => self.prev = Prev::Dollar,
            Tok::Punct(b'.', _) => self.prev = Prev::Dot,
            Tok::Punct(b':', b':') => self.prev = Prev::Colon,
            Tok::Punct(b':', _) if matches!(prev, Prev::Colon) => self.prev = Prev::PathSep,
            Tok::Punct(b';', _) => {
                self.level().statements = true;
                self.signature = false;
                if self.secret_fn == Some(self.depth) {
                    self.secret_fn = None;
                }
                if self.fn_at == Some(self.depth) {
                    self.fn_at = None;
                }
                if self.control_at == Some(self.depth) {
                    self.control_at = None;
                }
                self.end_segment()?
            }
            Tok::Open(open) => {
                let args = match prev {
                    Prev::Bang(name) => self.macro_call(name),
                    Prev::Ident("var" | "var_os") => {
                        self.embed = Embed::Var;
                        MacroArgs::Value
                    }
                    _ => MacroArgs::Value,
                };
                if open == b'[' && !after_operand {
                    self.prev = Prev::OpenBracket;
                }
                if key_call && open == b'(' && self.key_args_at.is_none() {
                    self.key_args_at = Some(self.depth);
                }
                if std::mem::take(&mut self.credential_call) && self.credential_args_at.is_none() {
                    self.credential_args_at = Some(self.depth);
                }
                // a macro in a key constructor's arguments: the walker reads
                // it in the constructor's context
                if matches!(prev, Prev::Bang(_)) && self.key_args_at.is_some() {
                    return Err(Trigger::KeyConstructor);
                }
                // (what the group around it says, before it opens)
                let outer = self.level();
                let attribute = outer.attribute || (open == b'[' && matches!(prev, Prev::Pound));
                let outer_macro_args = outer.macro_args;
                let parameters = open == b'(' && std::mem::take(&mut self.signature);
                let call = self.call.take().filter(|_| open == b'(');
                let callee = match prev {
                    Prev::Ident(callee)
                        if open == b'('
                            && call.is_none_or(|(_, kinds)| kinds == 0)
                            && !parameters
                            && !self.ident_after_path =>
                    {
                        Some(callee)
                    }
                    _ => None,
                };
                let (mut fn_body, mut control_body, mut secret_body) = (false, false, false);
                if open == b'{' {
                    self.signature = false;
                    fn_body = self.fn_at == Some(self.depth);
                    if fn_body {
                        self.fn_at = None;
                    }
                    // (not a block after `=>` in a macro's own tokens: a
                    // map's value, `hashmap!{ "password" => { "…" } }`)
                    control_body =
                        self.control_at == Some(self.depth) || (arrow == 2 && !outer_macro_args);
                    if control_body {
                        self.control_at = None;
                    }
                    secret_body = self.secret_fn == Some(self.depth);
                    if secret_body {
                        self.secret_fn = None;
                    }
                }
                if call.is_some() {
                    self.seen_name = true;
                }
                let for_tuple = open == b'(' && matches!(prev, Prev::Ident("for"));
                self.for_tuple |= for_tuple;
                let bare = !self.ident_after_path;
                let level = self.open_level(open);
                if args == MacroArgs::Concat {
                    level.concat = Some(String::new());
                }
                if args == MacroArgs::Encoding {
                    level.encoded = Some(String::new());
                }
                level.macro_args = args == MacroArgs::Own;
                level.attribute = attribute;
                level.parameters = parameters;
                level.let_tuple = open == b'(' && matches!(prev, Prev::Ident("let"));
                level.for_tuple = for_tuple;
                level.transparent = open == b'('
                    && matches!(prev, Prev::Ident(callee) if crate::names::is_transparent_call(callee, bare));
                if let Some((name, kinds)) = call {
                    level.call = kinds;
                    level.names.push(name.to_owned());
                }
                level.callee = callee;
                level.called = match prev {
                    Prev::Ident(name) if open == b'(' && !parameters => Some(name),
                    _ => None,
                };
                level.fn_body = fn_body;
                level.control_body = control_body;
                level.secret_body = secret_body;
            }
            Tok::Close(_) => {
                self.end_segment()?;
                // (the lexer balances delimiters: the file's level stays)
                self.depth -= 1;
                let depth = self.depth;
                let inner = &self.levels[depth];
                let (call, commas, union, secret_body, statements) = (
                    inner.call,
                    inner.commas,
                    inner.union,
                    inner.secret_body,
                    inner.statements,
                );
                let (delimiter, parameters, macro_args, callee, fn_body, control_body) = (
                    inner.delimiter,
                    inner.parameters,
                    inner.macro_args,
                    inner.callee,
                    inner.fn_body,
                    inner.control_body,
                );
                let (numbers, comma_count, account) =
                    (inner.numbers, inner.comma_count, inner.account);
                if inner.holds_literal {
                    if let Some(called) = inner.called
                        && self.literal_callees.last() != Some(&called)
                    {
                        self.literal_callees.push(called);
                    }
                    if let Some(outer) = depth.checked_sub(1) {
                        self.levels[outer].holds_literal = true;
                    }
                }
                // a function or a control-flow keyword whose group closes
                // before its body opened (`dyn for<'a> Fn(…)` in a field's
                // type, `fn name` in a macro's tokens) has none
                // (the constructor's arguments end with their group)
                self.key_args_at = self.key_args_at.filter(|&d| d < depth);
                self.credential_args_at = self.credential_args_at.filter(|&d| d < depth);
                self.fn_at = self.fn_at.filter(|&d| d <= depth);
                self.text_key_at = self.text_key_at.filter(|&d| d <= depth);
                self.control_at = self.control_at.filter(|&d| d <= depth);
                // (a password's, with more: `update_pwd(&ctx, id, "…")`)
                if call != 0
                    && (!commas || call & PASSWORD_SLOT != 0)
                    && name_meets_value(call | (union & VALUE_FACTS))
                {
                    // `.password("…")`, `.password(Some("…".into()))`
                    return Err(Trigger::SecretName);
                }
                if secret_body
                    && !statements
                    && union & (BINDING_VALUE | KEY_BYTES | NAME_VALUE) != 0
                {
                    // `fn password() -> &str { "…" }`
                    return Err(Trigger::SecretName);
                }
                let passed = match delimiter {
                    _ if parameters => union & !SECRET_IDENT,
                    _ if macro_args => union & !VALUE_FACTS,
                    _ if union & VALUE_FACTS != 0 && callee.is_some_and(is_opaque_callee) => {
                        union & !VALUE_FACTS
                    }
                    b'{' if fn_body || control_body => union & !(NAME_FACTS | VALUE_FACTS),
                    b'{' => union & !NAME_FACTS,
                    b'(' if self.level().delimiter == b'(' => union,
                    _ => union & !ACCOUNT_SLOT,
                };
                let key_bytes = numbers && comma_count >= 15;
                if key_bytes && self.key_args_at.is_some() {
                    return Err(Trigger::KeyConstructor);
                }
                let (open, closed) = self.levels.split_at_mut(depth);
                let (level, inner) = (&mut open[depth - 1], &mut closed[0]);
                level.current = merge(level.current, passed);
                if account && delimiter == b'(' && level.delimiter == b'(' {
                    level.current |= ACCOUNT_SLOT;
                }
                if key_bytes {
                    level.current |= KEY_BYTES;
                }
                level.after_block = delimiter == b'{';
                if !parameters && delimiter != b'{' {
                    level.names.append(&mut inner.group_names);
                }
                if let Some(joined) = inner.concat.take() {
                    // `concat!("sk_live_", "4eC3…")` counts as the literal it
                    // makes, inside an outer `concat!` too
                    if let Some(outer) = &mut level.concat {
                        outer.push_str(&joined);
                    }
                    self.literal(&joined, Prev::Other)?;
                }
                if let Some(joined) = self.levels[depth].encoded.take().filter(|j| !j.is_empty()) {
                    // `hex!("…")`: what it makes, whitespace gone, is the
                    // value of the name outside
                    let compact: String = joined.split_whitespace().collect();
                    self.literal(&compact, Prev::Other)?;
                }
            }
            Tok::Punct(..) | Tok::Other => {}
        }
        // `"0123".repeat(8)` is the literal it makes, to the walker: the
        // last literal read, repeated (whatever came between: a conversion,
        // `"0123".to_string().repeat(8)`, or nothing the walker reads)
        if let Some(times) = repeated
            && let Some(value) = crate::repeated(&self.last_literal, times)
        {
            self.literal(&value, Prev::Other)?;
        }
        Ok(())
    }

    /// Follows `.repeat(N)`: the number of times at its `)`, a trigger
    /// when that number is one the walker may read and this cannot.
    fn repeat_step(&mut self, tok: Tok<'a>, prev: Prev<'a>) -> Result<Option<u64>, Trigger> {
        let state = std::mem::replace(&mut self.repeat, Repeat::None);
        match (state, tok) {
            (_, Tok::Ident("repeat")) if matches!(prev, Prev::Dot) => self.repeat = Repeat::Name,
            (Repeat::Name, Tok::Open(b'(')) => self.repeat = Repeat::Open,
            (Repeat::Open, Tok::Number(n)) => self.repeat = Repeat::Times(n),
            (Repeat::Times(n), Tok::Close(b')')) => {
                return int_literal(n).map(Some).ok_or(Trigger::Literal);
            }
            _ => {}
        }
        Ok(None)
    }

    /// Ends the current segment of the innermost group: a trigger if it
    /// holds a combination that can make a finding.
    fn end_segment(&mut self) -> Step {
        if self.text_key_at == Some(self.depth) {
            self.text_key_at = None;
        }
        let level = self.level();
        let facts = std::mem::take(&mut level.current);
        level.union = merge(level.union, facts);
        let names = std::mem::take(&mut level.names);
        level.group_names.extend(names);
        if name_meets_value(facts)
            || (level.delimiter == b'(' && facts & ACCOUNT_SLOT != 0 && facts & SHORT_VALUE != 0)
            || (level.delimiter == b'(' && facts & ACCOUNT_IDENT != 0 && facts & BINDING_VALUE != 0)
        {
            return Err(Trigger::SecretName);
        }
        let read = ENV_READ | FALLBACK_METHOD;
        if facts & read == read {
            self.fallback_reads |= facts & (ENV_READ | SECRET_VAR);
        }
        // the fallback may be a literal of this segment or one bound
        // anywhere before or after it in the file
        let values = self.fallback_values;
        if (self.fallback_reads & ENV_READ != 0 && values & FALLBACK_ANY_VALUE != 0)
            || (self.fallback_reads & SECRET_VAR != 0 && values & FALLBACK_VALUE != 0)
        {
            return Err(Trigger::EnvFallback);
        }
        Ok(())
    }

    /// Decides a pending name by the token after it.
    fn resolve(&mut self, next: Tok<'a>) -> Step {
        let pending = std::mem::replace(&mut self.pending, Pending::None);
        let assigns = |next| match next {
            Tok::Punct(b'=', second) => !matches!(second, b'=' | b'>'),
            Tok::Punct(b'+' | b'-' | b'*' | b'/' | b'%' | b'^' | b'&' | b'|', b'=') => true,
            _ => false,
        };
        match pending {
            Pending::None => {}
            Pending::Ident { ident, after } => {
                // a login's arguments open next (see `credential_args_at`):
                // its name's (`login(`), or a method's after a credential
                // type's `::` (`Credentials::new(`)
                let owner_method =
                    std::mem::take(&mut self.credential_owner) && after == After::PathSep;
                match next {
                    Tok::Open(b'(')
                        if owner_method
                            || in_list(&CREDENTIAL_CALL_SHAPES, &CREDENTIAL_CALLS, ident) =>
                    {
                        self.credential_call = true;
                    }
                    Tok::Punct(b':', b':') if crate::names::is_password_owner(ident) => {
                        self.credential_owner = true;
                    }
                    _ => {}
                }
                if matches!(next, Tok::Punct(b':', b':') | Tok::Punct(b'>', _))
                    && in_list(&KEY_OWNER_SHAPES, &KEY_OWNERS, ident)
                {
                    self.key_path(KeyPath::Owner, next)?;
                }
                // `let wallet: LocalWallet = "…".parse()?` (the walker's
                // `text_key_type`; `Arc<LocalWallet> =` is `key_path`'s)
                if assigns(next) && crate::names::TEXT_KEY_TYPES.contains(&ident) {
                    self.text_key_at = Some(self.depth);
                }
                // `default = "f"`, `default_value = "…"`, in an attribute
                // (the walker reads a field's; `let default = …` is none)
                // (smart-default's `#[default("…")]` and
                // `#[serde_inline_default(…)]`, whose first literal is the
                // value: `Walker::smart_default`)
                if (assigns(next) && ident.starts_with("default") && self.level().attribute)
                    || (matches!(ident, "default" | "serde_inline_default")
                        && matches!(next, Tok::Open(b'('))
                        && self.level().attribute)
                {
                    self.set(DEFAULT);
                    self.default_next = true;
                }
                if matches!(next, Tok::Punct(b':', b':')) && PASSWORD_HASH_OWNERS.contains(&ident) {
                    self.hash_module = true;
                }
                if matches!(next, Tok::Open(b'('))
                    && in_list(&PASSWORD_HASH_CALL_SHAPES, &PASSWORD_HASH_CALLS, ident)
                {
                    self.hash_call = true;
                }
                // a password inside: `basic_auth(user, Some("…"))`,
                // `Credentials::new(user, "…")`, `bcrypt::hash("…", cost)`,
                // a wallet's passphrase (`to_seed("…")`, `Seed::new(&m, "…")`)
                if (matches!(next, Tok::Open(b'('))
                    && (in_list(&CREDENTIAL_CALL_SHAPES, &CREDENTIAL_CALLS, ident)
                        || in_list(&PASSWORD_HASH_CALL_SHAPES, &PASSWORD_HASH_CALLS, ident)
                        || in_list(&SEED_CALL_SHAPES, &crate::names::SEED_CALLS, ident)
                        || ident == "bearer_auth"))
                    || (matches!(next, Tok::Punct(b':', b':'))
                        && (crate::names::is_password_owner(ident)
                            || PASSWORD_HASH_OWNERS.contains(&ident)
                            || ident == crate::names::SEED_OWNER))
                {
                    self.name(PROBE_BINDING, SECRET_IDENT | PASSWORD_SLOT);
                }
                // an account's name among a call's arguments: the literal
                // after it may be its password (see `ACCOUNT_IDENT`)
                if matches!(next, Tok::Punct(b',' | b'.', _) | Tok::Close(b')'))
                    && self.level().delimiter == b'('
                    && may_name_an_account(ident)
                {
                    self.set(ACCOUNT_IDENT);
                }
                // a secret's column in a `for` loop's tuple pattern: the
                // walker binds that column of the table the loop iterates,
                // which may be any `let` of the fn (`for (user, password) in
                // users`)
                if matches!(next, Tok::Punct(b',', _) | Tok::Close(b')'))
                    && after == After::Other
                    && self.level().for_tuple
                    && is_secret_name(ident)
                {
                    return Err(Trigger::SecretName);
                }
                // a fn's parameter named for a secret (`Params` in the walker)
                if self.level().parameters
                    && matches!(next, Tok::Punct(b':', second) if second != b':')
                    && self.ident_kinds(ident) & SECRET_IDENT != 0
                    && crate::names::is_secret_parameter(ident)
                    && self.secret_param_fns.last() != Some(&self.fn_name)
                {
                    self.secret_param_fns.push(self.fn_name);
                }
                // a binding's name: `let password =`, `password: T`, `x.password = …`,
                // `password @ ..`, `password += …`, `password == …`, and in a tuple pattern
                // `(user, password)` (never after `.` or `::`); a call
                // `.password(…)`, `password(…)`, whose argument the walker
                // binds to it
                let counts = match next {
                    Tok::Punct(b':', second) => second != b':',
                    Tok::Punct(b'@', _) => true,
                    // a comparison: `password == "…"`, `token != "…"`
                    Tok::Punct(b'=' | b'!', b'=') => true,
                    // (only in `let`'s own tuple pattern, which the walker
                    // pairs with a tuple of values; not a call's argument,
                    // `export(&mut client_secret, b"label")`, `Verbatim(token)`)
                    Tok::Punct(b',', _) | Tok::Close(b')') => {
                        after == After::Other && self.level().let_tuple
                    }
                    // `.password(…)`, `password(…)`: the walker binds a
                    // lone argument to the name (see `Level::call`)
                    // (only for a secret's name, as in the walker; what else
                    // the name is decides which values count)
                    // (and a path's call named for a password, whose one
                    // literal among more arguments the walker binds to it:
                    // `UserMC::update_pwd(&ctx, id, "welcome")`)
                    Tok::Open(b'(')
                        if (after != After::PathSep || is_password_name(ident))
                            && !self.signature =>
                    {
                        if may_be_secret_name(ident) {
                            let kinds = self.ident_kinds(ident);
                            self.call = Some((ident, kinds | password_slot(ident, kinds)));
                            self.self_chosen |= is_self_chosen_key_name(ident);
                        }
                        false
                    }
                    _ => assigns(next),
                };
                if counts {
                    let mut kinds = self.ident_kinds(ident);
                    self.compared =
                        kinds & SECRET_IDENT != 0 && matches!(next, Tok::Punct(b'=' | b'!', b'='));
                    // a secret checked against a literal: however short
                    // (the walker's `compared_value_in`)
                    if self.compared {
                        kinds |= PASSWORD_SLOT;
                    }
                    self.name(ident, kinds);
                }
            }
            // a key: `"password": …`, `("password", …)`, `"password" => …`, `"password".into()`
            Pending::NameLiteral { names, values } => match next {
                Tok::Punct(b':' | b'=', _) => self.name_literal(names),
                // a macro's own argument pairs no name with what follows:
                // the walker reads an expression list's arguments one by one
                // (`debug_span!("Secrets Manager.UpdateSecret", "rpc.system" =
                // "aws-api")`), and other tokens by the key right before
                // (`json!`: `"password": …`)
                Tok::Punct(b',' | b'.', _) if self.level().macro_args => self.set(values),
                // `("password", …)`, `"password".into()` — or a value:
                // `("admin", "secret-pass", …)`, `"admin".to_string()`
                Tok::Punct(b',' | b'.', _) => {
                    let as_value = if values & BINDING_VALUE != 0 {
                        NAME_VALUE
                    } else {
                        0
                    };
                    self.name_literal(names | as_value);
                }
                // `String::from("sa")`: an account's name the walker reads
                // through the call, as the argument it is in
                Tok::Close(b')')
                    if names & NAME_LITERAL != 0 && self.pending_name == PROBE_BINDING =>
                {
                    self.set(values);
                    self.level().account = true;
                }
                _ => self.set(values),
            },
            Pending::KeyPath(stage) => self.key_path(stage, next)?,
        }
        Ok(())
    }

    /// Follows a path from a key type to a key constructor:
    /// `Key::from_slice`, `Key::<Aes256Gcm>::from_slice`, `<X as Key>::new`.
    fn key_path(&mut self, stage: KeyPath, next: Tok<'a>) -> Step {
        self.pending = match (stage, next) {
            (KeyPath::Owner | KeyPath::Gt, Tok::Punct(b':', b':')) => {
                Pending::KeyPath(KeyPath::Colon)
            }
            (KeyPath::Owner, Tok::Punct(b'>', _)) => Pending::KeyPath(KeyPath::Gt),
            // a type around a key type, typing a `let` (`Arc<LocalWallet> =`)
            (KeyPath::Gt, Tok::Punct(b'>', _)) => Pending::KeyPath(KeyPath::Gt),
            (KeyPath::Gt, Tok::Punct(b'=', second)) if !matches!(second, b'=' | b'>') => {
                self.text_key_at = Some(self.depth);
                Pending::None
            }
            (KeyPath::Colon, Tok::Punct(b':', _)) => Pending::KeyPath(KeyPath::PathSep),
            // a call's arguments decide (see `key_args_at`)
            (KeyPath::PathSep, Tok::Ident(method)) if KEY_OWNER_METHODS.contains(&method) => {
                self.key_call = true;
                Pending::None
            }
            (KeyPath::PathSep, Tok::Punct(b'<', _)) => return Err(Trigger::KeyConstructor),
            // `.parse::<PrivateKeySigner>()`
            (KeyPath::Gt, Tok::Open(b'(')) => return Err(Trigger::KeyConstructor),
            _ => Pending::None,
        };
        Ok(())
    }

    /// The first token of an embed macro's arguments.
    fn embed_argument(&mut self, tok: Tok<'a>, value: &str) -> Step {
        let embed = std::mem::replace(&mut self.embed, Embed::None);
        let Tok::Literal { lit_str: true } = tok else {
            return Ok(());
        };
        let fires = match embed {
            Embed::None => false,
            Embed::Env => is_secret_name(value),
            Embed::Include => is_key_file(value),
            Embed::Dotenv => true,
            Embed::Var => {
                if is_secret_name(value) {
                    self.set(SECRET_VAR);
                }
                false
            }
        };
        if fires { Err(Trigger::Embed) } else { Ok(()) }
    }

    fn literal(&mut self, value: &str, prev: Prev<'a>) -> Step {
        // the walker reads no attribute's arguments (`#[doc = "…"]`,
        // `#[cfg(…)]`) but a field's default, which `DEFAULT` stands for
        let attribute = self.level().attribute;
        // the first literal of a bare tuple inside a call that connects or
        // authenticates: an account, whose password follows (`connect(p, t,
        // Some(("user1", "…")))`, `Walker::call_args`)
        // (the pair an argument of the call, or of a `Some(…)` in it: a
        // look at two groups at most, for few literals)
        let account_in_pair = !attribute
            && self.level().delimiter == b'('
            && self.level().called.is_none()
            && !self.level().macro_args
            && self.level().comma_count == 0
            && {
                let outer = self.open_levels().iter().rev().skip(1);
                let mut calls = outer.take(2).map(|l| l.called);
                match calls.next().flatten() {
                    Some("Some") => calls
                        .next()
                        .flatten()
                        .is_some_and(crate::names::takes_an_account_pair),
                    Some(callee) => crate::names::takes_an_account_pair(callee),
                    None => false,
                }
            };
        // (the calls it is an argument of: `Level::holds_literal`)
        if !attribute {
            self.level().holds_literal = true;
        }
        // an environment helper's default: the literal after a secret
        // variable's name among a call's arguments (`get_env_or("DB_PASSWORD",
        // "…")`, `Walker::call_args`), as any secret variable's fallback
        // (the next argument, or inside it: `String::from("…")`)
        if std::mem::take(&mut self.after_env_name)
            .is_some_and(|d| self.depth == d || self.depth == d + 1)
            && !attribute
            && scan_literal(value, &Context::EnvFallback(Some(PROBE_VARIABLE))).is_some()
        {
            // (a name and its value, as the helpers' defaults always were)
            return Err(Trigger::SecretName);
        }
        // (what the literal names, if it is a name: asked once)
        let kinds = if value.len() <= 128 {
            name_kinds(value)
        } else {
            0
        };
        // (`var("…")`'s own argument is the variable: its fallback is
        // `EnvFallback`'s)
        if !attribute
            && self.level().delimiter == b'('
            && self
                .level()
                .called
                .is_some_and(|c| !matches!(c, "var" | "var_os"))
            && kinds & SECRET_IDENT != 0
            && crate::is_env_name(value)
        {
            self.after_env_name = Some(self.depth);
        }
        if self.text_key_at.is_some() && !attribute {
            return Err(Trigger::KeyConstructor);
        }
        if !attribute && scan_literal(value, &Context::Plain).is_some() {
            return Err(Trigger::Literal);
        }
        // an option's default is a value: a known format in it counts (see
        // `Walker::field_defaults`)
        if std::mem::take(&mut self.default_next)
            && attribute
            && crate::scan_known_format(value).is_some()
        {
            return Err(Trigger::Literal);
        }
        // a call's argument that only repeats a name it is given to is the
        // stand-in the program runs with (`.with_password("password")`,
        // `.set("sasl.password", "password")`; see `Walker::value_in`)
        if !attribute && self.echoes_a_name_in_a_call(value) {
            return Err(Trigger::SecretName);
        }
        // an `Authorization` header's value may be one (see
        // `Walker::authorization_value`)
        if !attribute
            && bearer_credential(value)
                .is_some_and(|t| scan_literal(t, &Context::Binding("bearer_token")).is_some())
        {
            return Err(Trigger::SecretName);
        }
        let after_extern = matches!(prev, Prev::Ident("extern"));
        // (an account by its address too, and a server's address in a
        // constructor's arguments (`new…(`), after which an SDK client's
        // takes its key: `Walker::call_args`)
        let name = kinds & SECRET_IDENT != 0
            || (value.len() <= 16 && is_account_name(value.trim()))
            || (value.len() <= 64 && crate::names::is_email_account(value))
            || (self.level().called.is_some_and(|c| c.starts_with("new"))
                && crate::names::is_host_address(value))
            || account_in_pair;
        let other_names = kinds & (MATERIAL_IDENT | OTP_IDENT);
        // a key names what comes after it: the walker pairs no value with a
        // name after it, so the values of a segment before its first name
        // (here or in a group around it) are no one's (`set_default_header(b,
        // HeaderName::from_static("x-amz-target"), "secretsmanager.UpdateSecret",)`)
        if name && self.open_levels().iter().all(Level::names_nothing) {
            self.level().current &= !VALUE_FACTS;
        }
        // a fallback is an argument of a method called on `var(..)`'s
        // result, or a literal bound to a name that is
        if self.env_read_in_file && !attribute {
            if self.fallback_values & FALLBACK_VALUE == 0
                && scan_literal(value, &Context::EnvFallback(Some(PROBE_VARIABLE))).is_some()
            {
                self.fallback_values |= FALLBACK_VALUE;
            }
            if self.fallback_values & FALLBACK_ANY_VALUE == 0
                && scan_literal(value, &Context::EnvFallback(None)).is_some()
            {
                self.fallback_values |= FALLBACK_ANY_VALUE;
            }
        }
        // (an account's name among a call's arguments counts only for the
        // values after it in its segment: a group's inside it, too)
        let seen_name = self.seen_name
            || self
                .open_levels()
                .iter()
                .any(|l| l.current & ACCOUNT_IDENT != 0);
        let current = self.level().current;
        // every name-giving context names before its value (`let`, fields,
        // `fn`, keys), so a value before any name counts in none of them;
        // nor does an attribute's argument (`#[cfg(feature = "…")]`; a
        // field's default is `DEFAULT`) or an ABI (`extern "system"`)
        let mut values = 0;
        if seen_name && !attribute && !after_extern {
            if current & BINDING_VALUE == 0
                && (binding_would_flag(value) || (self.self_chosen && used_as_written(value)))
                && self.bound_value(value)
            {
                values |= BINDING_VALUE;
            }
            // a password field that repeats its name may be a default
            // password (see `Walker::visit_expr_struct`); so may a fn named
            // for the program's own key that returns its own name
            // (`Walker::literal_fn`; whatever it returns, a superset)
            if self.echoes_a_password_name(value) || self.echoes_a_key_fn(value) {
                return Err(Trigger::SecretName);
            }
            // key material (hex, or a generator's password) or a base32
            // seed, for a key's or a one-time password's name
            let t = value.trim();
            if (t.len() >= 32 && t.len().is_multiple_of(2) && is_hex(t))
                || crate::entropy::looks_generated_password(t)
            {
                values |= MATERIAL_VALUE;
            }
            if is_base32_seed(t) {
                values |= BASE32_VALUE;
            }
            if crate::benign::is_short_value(t) {
                values |= SHORT_VALUE;
            }
        }
        if name || other_names != 0 {
            // a key (`"password": …`) or a value (`("admin", "secret-pass")`):
            // the next token tells
            self.seen_name = true;
            let secret = if name { NAME_LITERAL } else { 0 };
            // what the walker binds a value to: the key, or for an account
            // name its password
            self.pending_name.clear();
            self.pending_name.push_str(if kinds & SECRET_IDENT != 0 {
                value
            } else {
                PROBE_BINDING
            });
            self.pending = Pending::NameLiteral {
                names: secret | other_names,
                values,
            };
        } else {
            self.set(values);
        }
        Ok(())
    }

    /// `name` counts where a binding's name goes, as `facts` (none: it is
    /// no name that matters).
    fn name(&mut self, name: &str, facts: Facts) {
        if facts == 0 {
            return;
        }
        self.seen_name = true;
        self.set(facts);
        if facts & SECRET_IDENT != 0 {
            self.self_chosen |= is_self_chosen_key_name(name);
            self.level().names.push(name.to_owned());
        }
    }

    /// The pending name literal is a key, as `facts`.
    fn name_literal(&mut self, facts: Facts) {
        self.set(facts);
        if facts & NAME_LITERAL != 0 {
            let name = std::mem::take(&mut self.pending_name);
            if name == PROBE_BINDING {
                // an account's name: the literal after it in a call that
                // connects may be its password, however short
                self.set(ACCOUNT_SLOT);
            }
            self.self_chosen |= is_self_chosen_key_name(&name);
            self.level().names.push(name);
        }
    }

    /// Whether a literal that a secret binding would flag can be bound to a
    /// name of the segments it is in: not when it only repeats each of them
    /// (`LN_challengePassword = b"challengePassword\0"`), which the
    /// walker never flags. With no name known here (a function named for a
    /// secret), it can.
    fn bound_value(&self, value: &str) -> bool {
        let mut names = self.open_levels().iter().flat_map(|l| &l.names).peekable();
        names.peek().is_none() || names.any(|name| !echoes_name(value.trim(), name))
    }

    /// Whether `value`, directly in a call's arguments, only repeats a
    /// secret name of the segments it is in.
    fn echoes_a_name_in_a_call(&self, value: &str) -> bool {
        let t = value.trim();
        // (an echo is a name: short, of a name's characters)
        // (a value: the argument of a call named for a secret, or one after
        // another — not a macro's, not the first, which is a name's place)
        // (through what the walker reads as the literal itself:
        // `String::from("…")`, `Some("…")`)
        // (a credential call's, a password hash's or a seed's, which name
        // the probe for their arguments, take one argument as well:
        // `to_seed("password")`, `bcrypt::hash("password", 10)`)
        let Some(call) = self.open_levels().iter().rev().find(|l| !l.transparent) else {
            return false;
        };
        let named_call = call.call != 0 || call.commas;
        crate::benign::is_name_shaped(t)
            && call.delimiter == b'('
            && !call.macro_args
            && self
                .open_levels()
                .iter()
                .flat_map(|l| &l.names)
                .any(|name| echoes_name(t, name) && (named_call || name == PROBE_BINDING))
    }

    /// Whether `value`, in the body of a fn named for the program's own key
    /// (`fn default_secret() -> String { "secret".to_string() }`, a serde
    /// default's `default_` aside), only repeats the fn's name.
    fn echoes_a_key_fn(&self, value: &str) -> bool {
        self.open_levels()
            .iter()
            .rev()
            .find(|l| l.delimiter == b'{')
            .is_some_and(|l| l.secret_body)
            && crate::names::names_own_key_fn(self.fn_name)
            && echoes_name(value.trim(), self.fn_name)
    }

    /// Whether `value` only repeats a password's name of the innermost
    /// braces it is in, as a struct literal's field (`ssh_password:
    /// "password"`; not a constant's, `LN_userPassword = b"userPassword"`).
    fn echoes_a_password_name(&self, value: &str) -> bool {
        let t = value.trim();
        t.len() >= 4
            && self
                .open_levels()
                .iter()
                .rev()
                .find(|l| l.delimiter == b'{')
                .is_some_and(|l| {
                    l.names
                        .iter()
                        .any(|name| is_password_name(name) && echoes_name(t, name))
                })
    }

    fn ident(&mut self, ident: &'a str, prev: Prev<'a>) -> Step {
        match ident {
            "allow_hardcoded_secret" => return Err(Trigger::Allow),
            "var" | "var_os" => self.set(ENV_READ),
            "or" | "or_else" | "unwrap_or" | "unwrap_or_else" | "unwrap_or_default" | "map_or"
            | "map_or_else" => self.set(FALLBACK_METHOD),
            // `basic.password().eq("…")`: a check, as `==` (whatever the
            // receiver: the walker's getter is behind the `.`)
            "eq" | "ne" if matches!(prev, Prev::Dot) => self.compared = true,
            // (its definition is no call)
            _ if !matches!(prev, Prev::Ident("fn"))
                && in_list(&KEY_CONSTRUCTOR_SHAPES, &KEY_CONSTRUCTORS, ident) =>
            {
                self.key_call = true;
            }
            _ => {
                if matches!(prev, Prev::Ident("fn")) {
                    self.signature = true;
                    self.fn_name = ident;
                    self.fn_at = Some(self.depth);
                    if may_be_secret_name(ident) {
                        // a function named for a secret: what its body holds counts
                        self.secret_fn = Some(self.depth);
                        self.self_chosen |= is_self_chosen_key_name(ident);
                        self.seen_name = true;
                    }
                }
                // what the name is matters only where the next token puts
                // it: most identifiers are never looked at
                self.pending = Pending::Ident {
                    ident,
                    after: match prev {
                        Prev::Dot => After::Dot,
                        Prev::PathSep => After::PathSep,
                        _ => After::Other,
                    },
                };
            }
        }
        Ok(())
    }

    /// `name!(`: sets up its argument's check, and tells what its
    /// arguments are.
    fn macro_call(&mut self, name: &str) -> MacroArgs {
        self.embed = match name {
            "env" | "option_env" => Embed::Env,
            "include_str" | "include_bytes" => Embed::Include,
            "dotenv" | "dotenvy" => Embed::Dotenv,
            _ => {
                let args = joined_macro_args(name);
                if args == MacroArgs::Encoding {
                    // bytes written as text: key bytes, maybe
                    self.set(KEY_BYTES);
                }
                return args;
            }
        };
        MacroArgs::Value
    }

    /// At the end of the file (the lexer has checked the delimiters balance).
    fn finish(&mut self) -> Step {
        self.resolve(Tok::Other)?;
        self.end_segment()?;
        // `use bcrypt::{hash, verify}`: a bare `hash("…", cost)` anywhere
        // is `bcrypt::hash` to the walker (`walk::hash_imports`)
        if self.hash_module || (self.for_tuple && self.hash_call) {
            return Err(Trigger::SecretName);
        }
        // a call of the file's own fn with a secret's parameter, given a
        // literal (`Walker::own_call_args`)
        if self
            .secret_param_fns
            .iter()
            .any(|f| self.literal_callees.contains(f))
        {
            return Err(Trigger::SecretName);
        }
        // a key constructor given a name a `let` or a const may bind to a
        // literal (`let k = b"…"; Key::from_slice(k)`), wherever it is; a
        // password hash or a login given any such name (`let pw = "…";
        // hash_password(pw)`, `login(user, pw)`,
        // `walk::Walker::bound_password`)
        if !self.key_arg_names.is_empty() || self.hash_call || !self.credential_arg_names.is_empty()
        {
            let mut bindings = Bindings::default();
            // (the text lexed once already)
            let _ = Lexer::new(self.source).run(&mut bindings);
            if (self.hash_call && !bindings.names.is_empty())
                || self
                    .credential_arg_names
                    .iter()
                    .any(|name| bindings.names.contains(name))
            {
                return Err(Trigger::SecretName);
            }
            if self
                .key_arg_names
                .iter()
                .any(|name| bindings.names.contains(name))
            {
                return Err(Trigger::KeyConstructor);
            }
        }
        Ok(())
    }

    /// A token of a login's arguments (see [`Classifier::credential_args_at`]).
    fn credential_argument(&mut self, tok: Tok<'a>, at: usize) {
        let start = std::mem::take(&mut self.credential_arg_start);
        match tok {
            Tok::Punct(b',', _) if self.depth == at + 1 => self.credential_arg_start = true,
            Tok::Open(b'(') => self.credential_arg_start = true,
            Tok::Punct(b'&' | b'*', _) | Tok::Ident("mut") => self.credential_arg_start = start,
            Tok::Ident(ident) if start => self.credential_arg_names.push(ident),
            _ => {}
        }
    }

    /// A token of a key constructor's arguments (see [`Classifier::key_args_at`]).
    fn key_argument(&mut self, tok: Tok<'a>) -> Step {
        match tok {
            Tok::Literal { .. } => return Err(Trigger::KeyConstructor),
            // an environment variable's fallback (`var(..).unwrap_or_default()`)
            Tok::Ident(ident) if reads_a_fallback(ident) => {
                return Err(Trigger::KeyConstructor);
            }
            Tok::Ident(ident) => self.key_arg_names.push(ident),
            // `[0; 32]`: one value repeated (`walk::constant_bytes`)
            Tok::Punct(b';', _) => return Err(Trigger::KeyConstructor),
            _ => {}
        }
        Ok(())
    }
}

/// Follows proc-macro2's lexer over a file, handing each token to the
/// classifier; `Err(Trigger::Lex)` where it cannot follow.
struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    delimiters: Vec<u8>,
    /// The byte ranges of the plain line comments met (`// …`, not the
    /// doc comments `///` and `//!`), from `//` to the end of the line.
    comments: Vec<(usize, usize)>,
    /// Whether one of them holds a `"` or a `[`: what any finding in
    /// commented-out code needs (a literal or key bytes).
    code_in_comments: bool,
    /// Those of them that hold a URL or a run of 16 token characters: what
    /// a known format in a comment's prose needs.
    prose_comments: Vec<(usize, usize)>,
    /// The byte ranges of the plain block comments (`/* … */`, not `/** */`
    /// nor `/*! */`; the outermost when nested) that hold a `"` or a `[`:
    /// commented-out code, maybe.
    block_comments: Vec<(usize, usize)>,
    /// The byte ranges of the plain block comments with what a known
    /// format in prose needs (as `prose_comments`) or a `:` (a password
    /// written out, `password: …`), in order.
    prose_blocks: Vec<(usize, usize)>,
    /// The byte ranges of the doc line comments (`///`, `//!`), from the
    /// `//` to the end of the line, when asked for ([`doc_comment_ranges`]).
    docs: Option<Vec<(usize, usize)>>,
}

type Step = Result<(), Trigger>;

/// What a byte of a line comment is to [`Lexer::line_comment`]: a token
/// byte as [`crate::formats::real_known_format`] counts them
/// ([`is_prose_token_byte`]), the end of
/// the line, what commented-out code needs (`"`, `[`), a URL's `:`, or
/// nothing (0).
const COMMENT_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if is_prose_token_byte(c) {
            TOKEN
        } else {
            match c {
                b'\n' => NEWLINE,
                b'"' | b'[' => CODE,
                b':' => COLON,
                _ => 0,
            }
        };
        b += 1;
    }
    table
};
const TOKEN: u8 = 1;
const NEWLINE: u8 = 2;
const CODE: u8 = 3;
const COLON: u8 = 4;

const fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// [`is_ident_continue`] of every byte.
static IDENT_CONTINUE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_ident_continue(b as u8);
        b += 1;
    }
    table
};

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        // syn strips a byte order mark
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            delimiters: Vec::new(),
            comments: Vec::new(),
            code_in_comments: false,
            prose_comments: Vec::new(),
            block_comments: Vec::new(),
            prose_blocks: Vec::new(),
            docs: None,
        }
    }

    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn run(&mut self, out: &mut impl Sink<'a>) -> Step {
        // syn strips a shebang line, and the checker blanks a cargo script's
        // frontmatter (`---`, no Rust); rare enough to leave to them
        if (self.src.starts_with("#!") && !self.src.starts_with("#!["))
            || self.src.trim_start().starts_with("---")
        {
            return Err(Trigger::Lex);
        }
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    // indentation comes in runs
                    self.pos += 1;
                    while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n')) {
                        self.pos += 1;
                    }
                }
                b'/' if self.peek(1) == b'/' => self.line_comment(),
                b'/' if self.peek(1) == b'*' => self.block_comment()?,
                b'"' => {
                    self.pos += 1;
                    self.cooked(Kind::Str, out)?;
                }
                b'\'' => {
                    self.quote()?;
                    out.token(Tok::Other)?;
                }
                b'r' if matches!(self.peek(1), b'"' | b'#') => {
                    self.pos += 1;
                    self.raw_or_ident(out)?;
                }
                b'b' if self.peek(1) == b'"' => {
                    self.pos += 2;
                    self.cooked(Kind::Bytes, out)?;
                }
                b'b' if self.peek(1) == b'r' && matches!(self.peek(2), b'"' | b'#') => {
                    self.pos += 2;
                    self.raw(Kind::Bytes, out)?;
                }
                b'b' if self.peek(1) == b'\'' => {
                    self.pos += 2;
                    self.byte_char()?;
                    out.token(Tok::Other)?;
                }
                b'c' if self.peek(1) == b'"' => {
                    self.pos += 2;
                    self.cooked(Kind::CStr, out)?;
                }
                b'c' if self.peek(1) == b'r' && matches!(self.peek(2), b'"' | b'#') => {
                    self.pos += 2;
                    self.raw(Kind::CStr, out)?;
                }
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                    let start = self.pos;
                    self.ident_rest();
                    out.token(Tok::Ident(&self.src[start..self.pos]))?;
                }
                b'0'..=b'9' => {
                    let start = self.pos;
                    self.number();
                    out.token(Tok::Number(&self.src[start..self.pos]))?;
                }
                b'(' | b'[' | b'{' => {
                    self.delimiters.push(b);
                    self.pos += 1;
                    out.token(Tok::Open(b))?;
                }
                b')' | b']' | b'}' => {
                    let open = match b {
                        b')' => b'(',
                        b']' => b'[',
                        _ => b'{',
                    };
                    if self.delimiters.pop() != Some(open) {
                        return Err(Trigger::Lex);
                    }
                    self.pos += 1;
                    out.token(Tok::Close(b))?;
                }
                b'~' | b'!' | b'@' | b'#' | b'$' | b'%' | b'^' | b'&' | b'*' | b'-' | b'='
                | b'+' | b'|' | b';' | b':' | b',' | b'<' | b'.' | b'>' | b'/' | b'?' => {
                    self.pos += 1;
                    out.token(Tok::Punct(b, self.peek(0)))?;
                }
                0x80.. => {
                    let c = self.src[self.pos..].chars().next().unwrap_or('\0');
                    if c.is_whitespace() || c == '\u{200e}' || c == '\u{200f}' {
                        self.pos += c.len_utf8();
                    } else if c.is_alphabetic() {
                        let start = self.pos;
                        self.ident_rest();
                        out.token(Tok::Ident(&self.src[start..self.pos]))?;
                    } else {
                        return Err(Trigger::Lex);
                    }
                }
                _ => return Err(Trigger::Lex),
            }
        }
        if self.delimiters.is_empty() {
            Ok(())
        } else {
            Err(Trigger::Lex)
        }
    }

    fn line_comment(&mut self) {
        let start = self.pos;
        let rest = &self.bytes[start + 2..];
        let doc = matches!(rest, [b'!', ..])
            || matches!(rest, [b'/', after @ ..] if after.first() != Some(&b'/'));
        if doc {
            // documentation: only its end matters (memchr)
            let end =
                memchr::memchr(b'\n', &self.bytes[start..]).map_or(self.bytes.len(), |n| start + n);
            self.pos = (end + 1).min(self.bytes.len());
            if let Some(docs) = &mut self.docs {
                docs.push((start, end));
            }
            return;
        }
        // one table-driven pass to the end of the line, noting what
        // commented-out code needs (a literal, key bytes) and what a known
        // format in prose needs (a URL, or a run of 16 token characters)
        let (mut code, mut prose, mut run) = (false, false, 0u32);
        let mut len = rest.len();
        for (i, &b) in rest.iter().enumerate() {
            match COMMENT_BYTES[usize::from(b)] {
                TOKEN => {
                    run += 1;
                    prose |= run >= 16;
                }
                NEWLINE => {
                    len = i;
                    break;
                }
                class => {
                    run = 0;
                    code |= class == CODE;
                    prose |= class == COLON && rest[i..].starts_with(b"://");
                }
            }
        }
        let end = start + 2 + len;
        self.pos = (end + 1).min(self.bytes.len());
        self.comments.push((start, end));
        self.code_in_comments |= code;
        if prose {
            self.prose_comments.push((start, end));
        }
    }

    /// `/* … */`, nested, counted as proc-macro2 counts them.
    fn block_comment(&mut self) -> Step {
        let bytes = self.bytes;
        let start = self.pos;
        // `/** … */` and `/*! … */` document; `/**/` and `/*** …` do not
        let doc = match bytes.get(start + 2..start + 4) {
            Some([b'!', _]) => true,
            Some([b'*', after]) => *after != b'*' && *after != b'/',
            _ => false,
        };
        let mut depth = 0usize;
        let (mut code, mut prose, mut run) = (false, false, 0u32);
        let mut i = start;
        while i + 1 < bytes.len() {
            if bytes[i] == b'/' && bytes[i + 1] == b'*' {
                depth += 1;
                i += 1;
            } else if bytes[i] == b'*' && bytes[i + 1] == b'/' {
                depth -= 1;
                if depth == 0 {
                    self.pos = i + 2;
                    if code && !doc {
                        self.block_comments.push((start, i + 2));
                        self.code_in_comments = true;
                    }
                    if prose && !doc {
                        self.prose_blocks.push((start, i + 2));
                    }
                    return Ok(());
                }
                i += 1;
            } else {
                // as `line_comment` counts: a URL, or 16 token characters
                match COMMENT_BYTES[usize::from(bytes[i])] {
                    TOKEN => {
                        run += 1;
                        prose |= run >= 16;
                    }
                    class => {
                        run = 0;
                        code |= class == CODE;
                        // a URL, or `password: …` (see `stated_password`)
                        prose |= class == COLON;
                    }
                }
            }
            i += 1;
        }
        Err(Trigger::Lex)
    }

    /// The rest of an identifier, number or literal suffix from `pos`.
    fn ident_rest(&mut self) {
        // (ASCII first, a table's lookup a byte: most identifiers are all of it)
        let rest = &self.bytes[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| !IDENT_CONTINUE[usize::from(b)])
            .unwrap_or(rest.len());
        while let Some(&b) = self.bytes.get(self.pos) {
            if is_ident_continue(b) {
                self.pos += 1;
            } else if b >= 0x80 {
                match self.src[self.pos..].chars().next() {
                    Some(c) if c.is_alphanumeric() => self.pos += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
    }

    /// After `r`: a raw string (`r"…"`, `r#"…"#`), a raw identifier (`r#x`),
    /// or an identifier that starts with `r`.
    fn raw_or_ident(&mut self, out: &mut impl Sink<'a>) -> Step {
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        let start = self.pos - 1;
        match self.peek(hashes) {
            b'"' => return self.raw(Kind::Str, out),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80.. if hashes == 1 => {
                self.pos += 1;
                self.ident_rest();
            }
            _ if hashes == 0 => self.ident_rest(),
            _ => return Err(Trigger::Lex),
        }
        out.token(Tok::Ident(&self.src[start..self.pos]))
    }

    /// A raw literal from its `#`s: the value is the text between the quotes.
    fn raw(&mut self, kind: Kind, out: &mut impl Sink<'a>) -> Step {
        let hashes = self.bytes[self.pos..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        if hashes > 255 || self.peek(hashes) != b'"' {
            return Err(Trigger::Lex);
        }
        let start = self.pos + hashes + 1;
        let mut i = start;
        loop {
            let Some(&b) = self.bytes.get(i) else {
                return Err(Trigger::Lex);
            };
            match b {
                b'"' if self.bytes.len() > i + hashes
                    && self.bytes[i + 1..=i + hashes].iter().all(|&h| h == b'#') =>
                {
                    break;
                }
                b'\r' if self.bytes.get(i + 1) != Some(&b'\n') => return Err(Trigger::Lex),
                0 if kind == Kind::CStr => return Err(Trigger::Lex),
                0x80.. if kind == Kind::Bytes => return Err(Trigger::Lex),
                _ => {}
            }
            i += 1;
        }
        let value = &self.src[start..i];
        self.pos = i + 1 + hashes;
        self.ident_rest();
        out.literal_token(value, kind == Kind::Str)
    }

    /// A cooked string, byte string or C string after its opening quote,
    /// decoded as syn's `value()` does; a bad escape or a bare CR is a lex error.
    fn cooked(&mut self, kind: Kind, out: &mut impl Sink<'a>) -> Step {
        let start = self.pos;
        // the usual case: no escape, no CR, the value is the text
        let mut i = start;
        let plain_end = loop {
            match self.bytes.get(i) {
                None => return Err(Trigger::Lex),
                Some(b'"') => break Some(i),
                Some(b'\\' | b'\r') => break None,
                Some(0x80..) if kind == Kind::Bytes => return Err(Trigger::Lex),
                Some(0) if kind == Kind::CStr => return Err(Trigger::Lex),
                Some(_) => i += 1,
            }
        };
        let lit_str = kind == Kind::Str;
        if let Some(end) = plain_end {
            self.pos = end + 1;
            self.ident_rest();
            return out.literal_token(&self.src[start..end], lit_str);
        }
        let mut decoded = Vec::new();
        self.decode(kind, &mut decoded)?;
        self.ident_rest();
        // a `Str` is UTF-8 (its `\x` escapes are ASCII); the others are read as the walker reads them
        let value = match String::from_utf8(decoded) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        };
        out.literal_token(&value, lit_str)
    }

    /// Decodes escapes from `pos` up to and past the closing quote.
    fn decode(&mut self, kind: Kind, out: &mut Vec<u8>) -> Step {
        let bytes = self.bytes;
        let mut i = self.pos;
        loop {
            let Some(&b) = bytes.get(i) else {
                return Err(Trigger::Lex);
            };
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(());
                }
                b'\r' => {
                    if bytes.get(i + 1) != Some(&b'\n') {
                        return Err(Trigger::Lex);
                    }
                    out.push(b'\n');
                    i += 2;
                }
                b'\\' => {
                    let escape = bytes.get(i + 1).copied().unwrap_or(0);
                    i += 2;
                    match escape {
                        b'x' => {
                            let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
                            let (Some(hi), Some(lo)) = (hex(bytes.get(i)), hex(bytes.get(i + 1)))
                            else {
                                return Err(Trigger::Lex);
                            };
                            let byte = (hi * 16 + lo) as u8;
                            match kind {
                                Kind::Str if byte > 0x7f => return Err(Trigger::Lex),
                                Kind::CStr if byte == 0 => return Err(Trigger::Lex),
                                _ => {}
                            }
                            out.push(byte);
                            i += 2;
                        }
                        b'u' if kind != Kind::Bytes => {
                            let (c, next) = unicode_escape(bytes, i).ok_or(Trigger::Lex)?;
                            if kind == Kind::CStr && c == '\0' {
                                return Err(Trigger::Lex);
                            }
                            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                            i = next;
                        }
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'\\' => out.push(b'\\'),
                        b'0' if kind != Kind::CStr => out.push(0),
                        b'\'' => out.push(b'\''),
                        b'"' => out.push(b'"'),
                        b'\n' | b'\r' => {
                            if escape == b'\r' && bytes.get(i) != Some(&b'\n') {
                                return Err(Trigger::Lex);
                            }
                            while matches!(bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
                                i += 1;
                            }
                        }
                        _ => return Err(Trigger::Lex),
                    }
                }
                0x80.. if kind == Kind::Bytes => return Err(Trigger::Lex),
                0 if kind == Kind::CStr => return Err(Trigger::Lex),
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        }
    }

    /// At `'`: a char literal (`'a'`, `'\n'`, `'"'`) or a lifetime or label (`'a`).
    fn quote(&mut self) -> Step {
        let mut chars = self.src[self.pos + 1..].chars();
        match chars.next() {
            Some('\\') => {
                let at = self.pos + 2;
                let end = match self.bytes.get(at) {
                    Some(b'x')
                        if self
                            .bytes
                            .get(at + 1)
                            .is_some_and(|b| (b'0'..=b'7').contains(b))
                            && self.bytes.get(at + 2).is_some_and(u8::is_ascii_hexdigit) =>
                    {
                        at + 3
                    }
                    Some(b'u') => unicode_escape(self.bytes, at + 1).ok_or(Trigger::Lex)?.1,
                    Some(b'n' | b'r' | b't' | b'\\' | b'0' | b'\'' | b'"') => at + 1,
                    _ => return Err(Trigger::Lex),
                };
                if self.bytes.get(end) != Some(&b'\'') {
                    return Err(Trigger::Lex);
                }
                self.pos = end + 1;
                self.ident_rest();
            }
            Some(c) if chars.next() == Some('\'') => {
                self.pos += 1 + c.len_utf8() + 1;
                self.ident_rest();
            }
            Some(c) if c == '_' || c.is_alphabetic() => {
                // a lifetime or label: `'a`, `'static`, `'r#try`
                self.pos += 1;
                if self.src[self.pos..].starts_with("r#") {
                    self.pos += 2;
                }
                self.ident_rest();
                if self.peek(0) == b'\'' {
                    return Err(Trigger::Lex);
                }
            }
            _ => return Err(Trigger::Lex),
        }
        Ok(())
    }

    /// After `b'`: a byte literal.
    fn byte_char(&mut self) -> Step {
        let end = match self.peek(0) {
            b'\\' => match self.peek(1) {
                b'x' if self.peek(2).is_ascii_hexdigit() && self.peek(3).is_ascii_hexdigit() => {
                    self.pos + 4
                }
                b'n' | b'r' | b't' | b'\\' | b'0' | b'\'' | b'"' => self.pos + 2,
                _ => return Err(Trigger::Lex),
            },
            b'\'' | b'\n' | b'\r' | b'\t' | 0x80.. => return Err(Trigger::Lex),
            _ => self.pos + 1,
        };
        if self.bytes.get(end) != Some(&b'\'') {
            return Err(Trigger::Lex);
        }
        self.pos = end + 1;
        self.ident_rest();
        Ok(())
    }

    /// A number and its suffix: `1`, `0xff_u8`, `1.5e3f64` (an exponent's
    /// sign ends it, harmlessly: `-` and the digits are tokens of their own).
    fn number(&mut self) {
        loop {
            self.ident_rest();
            // `1.5`, but not `1..2` or `1.max(2)`
            if self.peek(0) == b'.' && self.peek(1).is_ascii_digit() {
                self.pos += 1;
                continue;
            }
            break;
        }
    }
}

/// A `\u{…}` escape's char from `i` (at the `{`) and the index past its `}`,
/// by syn's rules (1 to 6 hex digits, `_` after the first).
fn unicode_escape(bytes: &[u8], mut i: usize) -> Option<(char, usize)> {
    if bytes.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let (mut value, mut digits) = (0u32, 0);
    loop {
        let b = *bytes.get(i)?;
        let digit = match b {
            b'_' if digits > 0 => {
                i += 1;
                continue;
            }
            b'}' if digits > 0 => break,
            _ => (b as char).to_digit(16)?,
        };
        if digits == 6 {
            return None;
        }
        value = value * 16 + digit;
        digits += 1;
        i += 1;
    }
    Some((char::from_u32(value)?, i + 1))
}

/// Which kind of string literal: their escapes and allowed bytes differ.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Bytes,
    CStr,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pre-pass's verdict, checked against the full walk when the file
    /// is cleared: a cleared file that parses has nothing to find.
    fn verdict(src: &str) -> Option<Trigger> {
        let verdict = prefilter(src);
        #[cfg(feature = "syn")]
        if verdict.is_none()
            && let Some(report) = full_walk(src)
        {
            assert!(
                report.hits.is_empty() && report.bad_allows.is_empty(),
                "cleared, yet the walk finds {:?} in {src}",
                report.hits
            );
        }
        verdict
    }

    /// What the full parse and walk find in `src`, its commented-out code
    /// included; `None` when it does not parse.
    #[cfg(feature = "syn")]
    fn full_walk(src: &str) -> Option<crate::walk::Report> {
        let mut report = crate::walk::walk_file(&syn::parse_file(src).ok()?);
        report
            .hits
            .extend(crate::walk::walk_commented_code(src).hits);
        Some(report)
    }

    /// How many findings the walk makes in `src`: a case the pre-pass must
    /// send on is one the walk flags.
    #[cfg(feature = "syn")]
    fn walked(src: &str) -> usize {
        crate::walk::walk_file(&syn::parse_file(src).unwrap())
            .hits
            .len()
    }

    const STRIPE: &str = "sk_live_Zq3C8xN1vT6bW0pL4mK9sR2d";

    /// [`prefilter_test_file`]'s verdict, checked against the full walk
    /// when the file is cleared: a cleared test file's findings are all
    /// test inputs (rules not reported in test code, or stand-ins).
    fn test_file_verdict(src: &str) -> Option<Trigger> {
        let verdict = prefilter_test_file(src);
        #[cfg(feature = "syn")]
        if verdict.is_none()
            && let Some(report) = full_walk(src)
        {
            assert!(
                report.bad_allows.is_empty()
                    && report
                        .hits
                        .iter()
                        .all(|h| h.finding.stand_in || !h.finding.rule.is_reported_in_tests()),
                "cleared, yet the walk reports {:?} in {src}",
                report.hits
            );
        }
        verdict
    }

    #[test]
    fn a_test_file_needs_the_parse_only_for_what_tests_report() {
        // made-up keys, passwords and vectors: the walk finds them, and
        // `check` leaves them out of test code
        for src in [
            r#"fn t() { let k = EncodingKey::from_secret(b"test-secret"); }"#,
            r#"#[test] fn t() { let password = "hunter22"; login("admin", password); }"#,
            r#"fn t() { let key = hex!("000102030405060708090a0b0c0d0e0f"); }"#,
            r#"const JWT_SECRET: &str = "c3VwZXJzZWNyZXRrZXkxMjM0NTY3ODkwYWJjZGVmZ2g=";"#,
            r#"fn t() { let mq = "amqp://guest:guest@rabbit.internal:5672"; }"#,
            r#"fn t() { let k = env!("JWT_SECRET"); }"#,
        ] {
            assert_ne!(prefilter(src), None, "{src}");
            assert_eq!(test_file_verdict(src), None, "{src}");
        }
        // an issuer's credential or a service's password is reported in
        // test code too, made by `concat!` or repeated as well
        for src in [
            &format!(r#"fn t() {{ client("{STRIPE}"); }}"#) as &str,
            r#"fn t() { let k = concat!("sk_live_", "Zq3C8xN1vT6bW0pL4mK9sR2d"); }"#,
            r#"fn t() { let k = concat!(concat!("sk_", "live_"), "Zq3C8xN1vT6bW0pL4mK9sR2d"); }"#,
            r#"fn t() { let db = "postgres://app:Xk2pQ9vLm4@db.internal/prod"; }"#,
            r#"fn t() { let h = ("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l"); }"#,
            r#"fn t() { let n = "x".repeat(100000000000000000000000); }"#,
        ] {
            assert_eq!(test_file_verdict(src), Some(Trigger::Literal), "{src}");
        }
        assert_eq!(
            test_file_verdict("#[allow_hardcoded_secret] const K: &str = \"k\";"),
            Some(Trigger::Allow)
        );
        assert_eq!(
            test_file_verdict(&format!("fn t() {{}}\n// client(\"{STRIPE}\");\n")),
            Some(Trigger::CommentedCode)
        );
        assert_eq!(
            test_file_verdict("fn t() { let s = \"open; }"),
            Some(Trigger::Lex)
        );
    }

    #[test]
    fn plain_code_is_cleared() {
        assert_eq!(verdict("fn add(a: u32, b: u32) -> u32 { a + b }"), None);
        assert_eq!(
            verdict(r#"fn f() { println!("hello, {}", "world"); }"#),
            None
        );
        assert_eq!(verdict(""), None);
    }

    #[test]
    fn every_kind_of_string_literal_is_decoded_and_checked() {
        for lit in [
            format!("\"{STRIPE}\""),
            format!("r\"{STRIPE}\""),
            format!("r#\"{STRIPE}\"#"),
            format!("r##\"a \"# {STRIPE}\"##"),
            format!("b\"{STRIPE}\""),
            format!("br#\"{STRIPE}\"#"),
            format!("c\"{STRIPE}\""),
            format!("\"{STRIPE}\"suffix"),
            // `\x5a` is `Z`, `\u{71}` is `q`: the value, not the text, is checked
            "\"sk_live_\\x5a\\u{71}3C8xN1vT6bW0pL4mK9sR2d\"".to_owned(),
            // a line continuation skips the newline and the indentation
            "\"sk_live_Zq3C8x\\\n        N1vT6bW0pL4mK9sR2d\"".to_owned(),
        ] {
            let src = format!("fn f() {{ let x = {lit}; }}");
            assert_eq!(verdict(&src), Some(Trigger::Literal), "{src}");
        }
        // the same key, split by an escape into two words, is no key
        let src = "fn f() { let x = \"sk_live_Zq3C8xN1vT6\\tbW0pL4mK9sR2d\"; }";
        assert_eq!(prefilter(src), None);
    }

    #[test]
    fn an_accounts_short_password_counts_only_among_a_calls_arguments() {
        // the walker's `call_args`: the literal after a default account's
        // name in a call that connects, also through `String::from`
        for src in [
            r#"fn f() { let c = sql_server("sa", "a1"); }"#,
            r#"fn f() { let c = pool.connect(String::from("sa"), "a1"); }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
            #[cfg(feature = "syn")]
            assert!(walked(src) > 0, "{src}");
        }
        // an array holds no call's arguments, nor do sibling tuples in one
        // (regex-syntax, icu_properties)
        for src in [
            r#"fn f() { assert_eq!(exact(["sa", "sb"]), e("x")); }"#,
            r#"fn f() { let v = [("SA", Script::Samaritan), ("HH", Script::Ho)].into_iter(); }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn an_identifier_is_a_name_in_lets_tuple_pattern_not_among_a_calls_arguments() {
        let src = r#"fn f() { let (user, password) = ("deploy", "hunter22"); }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        for src in [
            r#"fn f() { export(&mut client_secret, "hunter22"); }"#,
            r#"fn f() { if x == "hunter22" { return Lit::Verbatim(token); } }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn a_clients_constructor_given_an_account_takes_its_password() {
        let src = r#"fn f() { let api = qbit::api::Api::new("admin", "adminadmin", "http://localhost:8080"); }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        #[cfg(feature = "syn")]
        assert_eq!(walked(src), 1);
    }

    #[test]
    fn a_password_hash_modules_path_anywhere_sends_the_file_to_the_parse() {
        // the walker's `hash_imports`: the import and the call are segments apart
        let src = r#"use bcrypt::{hash, verify}; fn f() { let h = hash("admin123", 12); }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        #[cfg(feature = "syn")]
        assert_eq!(walked(src), 1);
        let src = r#"use std::hash::{hash, Hash}; fn f() { let h = hash("admin123"); }"#;
        assert_eq!(verdict(src), None);
    }

    #[test]
    fn a_for_loops_tuple_pattern_names_the_columns_of_its_table() {
        // the walker's `for_rows` and `table_in`: the table inline or any
        // `let` of the fn, a segment of its own
        for src in [
            r#"fn f() { for (user, password) in [("deploy", "hunter22")] {} }"#,
            r#"fn f() { let users = vec![("deploy", "hunter22")]; for (user, password) in users.iter() { go(user, password); } }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
            #[cfg(feature = "syn")]
            assert_eq!(walked(src), 1, "{src}");
        }
        // a column the loop hashes: the pattern names no secret
        let src = r#"fn f() { let users = vec![("deploy", "hunter22")]; for (user, pw) in users { let h = argon2.hash_password(pw.as_bytes(), &salt); } }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        #[cfg(feature = "syn")]
        assert_eq!(walked(src), 1);
        for src in [
            r#"fn f() { let users = vec![("deploy", "hunter22")]; for (user, home) in users {} }"#,
            r#"fn f() { for x in [("deploy", "hunter22")] { let (user, home) = x; } }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
            #[cfg(feature = "syn")]
            assert_eq!(walked(src), 0, "{src}");
        }
    }

    #[test]
    fn a_value_before_a_segments_first_name_is_no_ones() {
        let src = r#"fn f() { let token = t(); b = s.set_default_header(from_static("x-amz-target"), "secretsmanager.UpdateSecret",); }"#;
        assert_eq!(verdict(src), None);
        for src in [
            r#"fn f() { b = m.insert("api_key", "e81f2c0a9b7d41c3"); }"#,
            // a name around the group, before it
            r#"fn f() { let (user, password) = ("root", "e81f2c0a9b7d41c3"); }"#,
            r#"fn f() { let c = Credentials::new("smtp_username".to_string(), "smtp_password".to_string()); }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
        }
    }

    #[test]
    fn one_value_repeated_is_a_key_constructors_key() {
        // the walker's `constant_bytes`: no literal of text in the file
        let src = "fn f() { App::new().wrap(CookieIdentityPolicy::new(&[0; 32]).name(n)); }";
        assert_eq!(verdict(src), Some(Trigger::KeyConstructor));
        let src = "fn f() { let mut key = [0u8; 32]; rng.fill(&mut key); }";
        assert_eq!(verdict(src), None);
    }

    #[test]
    fn a_name_for_an_account_is_followed_by_its_password() {
        // the walker's `call_args`, with no secret's name in the file
        for src in [
            r#"fn f() { common::register_user(&server, &email, "verysecure"); }"#,
            r#"fn f() { signup(name.to_string(), test_email.to_string(), "testpw123".to_string()); }"#,
            r#"fn f() { client.login((payload.username), String::from("verysecure")); }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
            #[cfg(feature = "syn")]
            assert_eq!(walked(src), 1, "{src}");
        }
        // (whatever the callee: `send(&user, "…")` is parsed too) but not
        // outside a call's arguments
        let src = r#"fn f() { let v = vec![user, "verysecure".into()]; }"#;
        assert_eq!(verdict(src), None);
    }

    #[test]
    fn an_accounts_name_is_told_by_its_last_word() {
        for name in crate::names::ACCOUNT_WORDS {
            for ident in [
                name.to_owned(),
                format!("test_{name}"),
                format!("TEST_{}", name.to_ascii_uppercase()),
            ] {
                assert!(may_name_an_account(&ident), "{ident}");
            }
        }
        assert!(may_name_an_account("userEmail"));
        for ident in [
            "superuser",
            "detail",
            "count",
            "user_name",
            "plugin",
            "email2",
        ] {
            assert!(!may_name_an_account(ident), "{ident}");
        }
    }

    #[test]
    fn a_let_typed_as_a_text_key_type_takes_its_text() {
        // the walker's `text_key_type`, through `key_path` for a type around one
        let wallet = r#"fn f() -> R { let wallet: LocalWallet = "380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc".parse()?; }"#;
        let arc = r#"fn f() { let w: Arc<LocalWallet> = Arc::new("380eb0f3d505f087e438eca80bc4df9a7faa24f868e69fc0440261a0fc0567dc".parse().unwrap()); }"#;
        let nested = r#"fn f() { let s: Option<Arc<PrivateKeySigner>> = Some(Arc::new("0x38".parse().expect("key"))); }"#;
        for src in [wallet, arc, nested] {
            assert_eq!(verdict(src), Some(Trigger::KeyConstructor), "{src}");
        }
        #[cfg(feature = "syn")]
        for src in [wallet, arc] {
            assert_eq!(walked(src), 1, "{src}");
        }
        assert!(
            crate::names::TEXT_KEY_TYPES
                .iter()
                .all(|t| KEY_OWNERS.contains(t))
        );
        // no literal in the segment, no key text (ed25519-dalek's examples)
        for src in [
            "fn f() { type Key = Vec<u8>; let k: Key = k.clone(); }",
            "fn f() { let signing_key: SigningKey = SigningKey::generate(&mut csprng); let n = 1; }",
            r#"fn f() { let w: Arc<LocalWallet> = Arc::new(w); } fn g() { let s = "x"; }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn an_echo_of_a_name_counts_through_a_transparent_call() {
        // esp-radio's access point example (set 12): the walker's
        // `echoed_literal` reads through `String::from`
        for src in [
            r#"fn f() { let c = AccessPointConfig::default().with_password(String::from("password")); }"#,
            r#"fn f() { c.set("sasl.password", Some(String::from("password"))); }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
            #[cfg(feature = "syn")]
            assert_eq!(walked(src), 1, "{src}");
        }
    }

    #[test]
    fn a_value_parsed_from_text_is_that_text() {
        // the walker's `parsed_literal`
        for src in [
            r#"fn f() { let password = Password::from_str("hunter22").unwrap(); }"#,
            r#"fn f() -> R { let password: Password = "hunter22".parse()?; }"#,
        ] {
            assert!(verdict(src).is_some(), "{src}");
            #[cfg(feature = "syn")]
            assert_eq!(walked(src), 1, "{src}");
        }
    }

    #[test]
    fn an_account_by_its_address_is_followed_by_its_password() {
        // the walker's `call_args`
        let src = r#"fn f() { ensure_admin(&pool, "ops@corp.io", "admin123"); }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        // and in a pair (the walker's `credential_pair`)
        let src = r#"const USERS: [(&str, &str); 1] = [("maria@hotmail.com", "maria1234")];"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        #[cfg(feature = "syn")]
        assert_eq!(walked(src), 1);
    }

    #[test]
    fn a_default_is_the_value_of_the_name_it_is_bound_to() {
        let src = r#"fn f() { let password = args.nth(1).unwrap_or_else(|| "testuser123".to_string()); }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        let src = r#"fn f() { let port = args.nth(1).unwrap_or("testuser123"); }"#;
        assert_eq!(verdict(src), None);
    }

    #[test]
    fn a_literal_repeated_is_the_text_it_makes() {
        for src in [
            r#"fn f() { let k = std::env::var("SECRET_KEY").unwrap_or_else(|_| "0123".repeat(8)); }"#,
            r#"fn f() { let jwt_secret = "0123".to_string().repeat(0x8); }"#,
            // a count this does not read: the walker may
            r#"fn f() { let k = "ab".repeat(8.0); }"#,
        ] {
            assert!(verdict(src).is_some(), "{src}");
        }
        let src = r#"fn f() { let line = "-".repeat(40); let token = t(); }"#;
        assert_eq!(verdict(src), None);
        assert_eq!(int_literal("1_000"), Some(1000));
        assert_eq!(int_literal("8usize"), Some(8));
        assert_eq!(int_literal("0x10"), Some(16));
        assert_eq!(int_literal("0b11u8"), Some(3));
        assert_eq!(int_literal("8.0"), None);
        assert_eq!(int_literal("1e3"), None);
    }

    #[test]
    fn raw_strings_end_at_their_own_hashes() {
        // `"#` inside `r##"…"##` does not end it: the secret stays inside a string
        let src = r####"fn f() { let x = r##"a "# let api_key = "k3y-8f2b6c1e9d4a7"; "##; }"####;
        assert_eq!(verdict(src), None);
        let src = r####"fn f() { let x = r#"a"#; let api_key = "k3y-8f2b6c1e9d4a7"; }"####;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
    }

    #[test]
    fn escaped_quotes_stay_inside_the_string() {
        let src = r#"fn f() { let x = "\"; let api_key = \"k3y-8f2b6c1e9d4a7\"; \""; }"#;
        assert_eq!(verdict(src), None);
        let src = r#"fn f() { let x = "a\\"; let api_key = "k3y-8f2b6c1e9d4a7"; }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
    }

    #[test]
    fn chars_are_not_lifetimes_and_quotes_in_chars_open_nothing() {
        let secret = r#"let db_password = "hunter22";"#;
        for before in [
            "let q = '\"';",
            "let q = '\\'';",
            "let q = '\\\\';",
            "let q = 'a'; let r = 'b';",
            "let q = '\\u{1F600}'; let r = '😀';",
            "let q = b'\"'; let r = b'\\x7f';",
            "fn g<'a>(x: &'a str) -> &'a str { x }",
            "'outer: loop { break 'outer; }",
            "let s: &'static str = \"\";",
        ] {
            let src = format!("fn f() {{ {before} {secret} }}");
            assert_eq!(verdict(&src), Some(Trigger::SecretName), "{src}");
        }
    }

    #[test]
    fn comments_hide_code_and_nest() {
        // (an API key: a password is read in any text, `password = "…"`)
        let secret = r#"let api_key = "k3y-8f2b6c1e9d4a7";"#;
        for comment in [
            format!("/// {secret}"),
            format!("//! {secret}"),
            format!("/** {secret} */"),
            format!("/*! {secret} */"),
        ] {
            let src = format!("fn f() {{\n{comment}\n}}");
            assert_eq!(verdict(&src), None, "{src}");
        }
        // a plain block comment's code is commented-out code too
        for comment in [
            format!("/* {secret} */"),
            format!("/*** {secret} */"),
            format!("/* \" */ /* {secret} */"),
            format!("/*\n    {secret}\n*/"),
        ] {
            let src = format!("fn f() {{\n{comment}\n}}");
            assert_eq!(verdict(&src), Some(Trigger::CommentedCode), "{src}");
        }
        // commented-out code is code (see `comments.rs`), alone on its line
        let src = format!("fn f() {{\n    // {secret}\n}}");
        assert_eq!(verdict(&src), Some(Trigger::CommentedCode));
        // a stand-in given to a call the probe names, where commented-out
        // code has no function around it (found by fuzzing)
        for code in [
            r#"let seed = mnemonic.to_seed("password");"#,
            r#"let h = bcrypt::hash("password", 10);"#,
        ] {
            for src in [format!("/*\n{code}\n*/\n"), format!("// {code}\n")] {
                assert_eq!(verdict(&src), Some(Trigger::CommentedCode), "{src}");
            }
        }
        let src = format!("fn f() {{\n    // old:\n    // {secret}\n}}");
        assert_eq!(verdict(&src), Some(Trigger::CommentedCode));
        let src = format!("fn f() {{ g(); // {secret}\n}}");
        assert_eq!(verdict(&src), None);
        // a comment opener inside a string is text
        let src = format!("fn f() {{ let s = \"/*\"; {secret} }}");
        assert_eq!(verdict(&src), Some(Trigger::SecretName));
        let src = format!("fn f() {{ let s = \"//\"; {secret} }}");
        assert_eq!(verdict(&src), Some(Trigger::SecretName));
    }

    #[test]
    fn what_the_lexer_cannot_follow_goes_to_the_parser() {
        for src in [
            "fn f() { let s = \"unterminated; }",
            "fn f() { /* unterminated }",
            "fn f() { /* /* nested, closed once */ }",
            "fn f() { let s = \"\\q\"; }",
            "fn f() { let s = \"\\x80\"; }",
            "fn f() { let s = b\"é\"; }",
            "fn f() { let s = c\"\\0\"; }",
            "fn f() { let c = 'ab'; }",
            "fn f() { let c = ''; }",
            "fn f() { (] }",
            "fn f() {",
            "fn f() }",
            "#!/usr/bin/env run-cargo-script\nfn main() {}",
            "---\n[dependencies]\nx = { git = 'https://u:p@h/x' }\n---\nfn main() {}",
            "fn f() { let x = r##\"a\"#; }",
            "fn f() { let x = 1 ` 2; }",
            "fn f() { let x = \"a\rb\"; }",
        ] {
            assert_eq!(verdict(src), Some(Trigger::Lex), "{src:?}");
        }
        assert_eq!(verdict("#![allow(dead_code)]\nfn f() {}"), None);
        assert_eq!(verdict("\u{feff}fn f() {}"), None);
    }

    #[test]
    fn what_only_looks_like_a_name_beside_a_value_is_cleared() {
        for src in [
            // no array of 16 numbers: an index, a buffer of one value, a short array
            "fn f() { let key_bytes = [0; 32]; let n = key_len[0]; }",
            "fn f(k: &[u8]) { let key = k[0]; let seed = [1, 2, 3]; }",
            // a function body's values are no value of its signature's names
            "fn be_u16<I>(i: I) -> u16 where I: Stream<Token = u8> { trace(\"be_u16\", i) }",
            "impl Token for X { fn f(&self) { g(\"hunter22\"); } }",
            // `default` outside an attribute gives no field its default
            "fn f() { let default = if let Some(eq_token) = input.parse()? { 1 } else { 2 }; }",
            // what a control-flow body holds is no value of the names before it
            "fn f() { while let Some(token) = input.parse()? { is_packed |= ident == \"packed\"; } }",
            "fn f() { let Some(current_token) = next() else { report(\"value\") }; }",
            "fn f() { for token in tokens { print(\"hunter22\"); } }",
            "fn f() { match t { Some(token) => { fail(\"hunter22\"); } _ => {} } }",
            "macro_rules! m { ($token:ident) => { fail(concat!(\"expected \", stringify!($token))) }; }",
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn secret_names_count_beside_a_value() {
        for src in [
            r#"fn f() { let db_password = "hunter22"; }"#,
            r#"fn f() { let r#password = "hunter22"; }"#,
            r#"const API_KEY: &str = "k3y-for-prod";"#,
            r#"fn f() { self.token = String::from("abc123def"); }"#,
            r#"fn f() { let c = Config { password: "hunter22".into(), port: 1 }; }"#,
            r#"fn f() { let (user, password) = ("alice", "hunter22"); }"#,
            r#"fn f() { let creds = ("admin", "P@ssw0rd"); }"#,
            r#"fn f() { let v = json!({ "password": "hunter22" }); }"#,
            r#"fn f() { let c = Client::new().password("hunter22"); }"#,
            r#"fn f() { let c = Client::new("http://localhost:7700", Some("masterKey")); }"#,
            // a call of the file's own fn gives its parameter the literal
            // (wherever the call is)
            r#"fn f() { get_seed("correct-horse-9"); } fn get_seed(password: &str) {}"#,
            // an account and its password as a pair, in a call that connects
            r#"fn f() { let s = SocksStream::connect(p, t, Some(("user1".to_string(), "123456".to_string()))); }"#,
            r#"fn f() { let s = SocksStream::connect(p, t, ("user1", "123456")); }"#,
            // a password hash given a `let` bound to a literal
            r#"fn f() { let pw = "s3cret-Pw-99"; let h = argon.hash_password(pw.as_bytes(), &salt); }"#,
            // or a login (set 32's SFTP demo: `let password = "password"`)
            r#"fn f() { let pw = "s3cret"; s.userauth_password("demo", pw).unwrap(); }"#,
            r#"fn f() { let p = "pass"; let c = Credentials::new("u".into(), p.into()); }"#,
            r#"fn f() { s.sign_on(Some(&"hunter22".into())); } fn sign_on(&self, api_token: &str) {}"#,
            r#"fn api_token() -> &'static str { "hunter22" }"#,
            "const SIGNING_KEY: [u8; 16] = [0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, \
             0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0];",
            "fn f() { let key = &mut [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]; }",
            r#"const SIGNING_KEY: [u8; 4] = hex!("12345678");"#,
            "struct A { #[arg(long, default_value = \"hunter22\")] password: String }",
            "struct A { #[serde(default = \"pw\")] password: String }",
            // commas in generics and closure parameters part nothing
            r#"fn f() { let password: Cow<'static, str> = "hunter22".into(); }"#,
            r#"const PASSWORD: Cow<'static, str> = Cow::Borrowed("hunter22");"#,
            r#"fn f() { let password = |a, b| "hunter22"; }"#,
            r#"fn f() { let c = Config { port: 1, password: "hunter22" }; }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
        }
    }

    #[test]
    fn secret_names_apart_from_values_do_not() {
        for src in [
            // a type, a path, a macro, a field read
            r#"fn f(t: Token) -> Token { let x = "hunter22"; t }"#,
            r#"fn f() { let t = token::Comma; let x = "hunter22"; }"#,
            r#"fn f() { let t = Token![,]; let x = "hunter22"; }"#,
            r#"fn f(c: &C) { g(&c.token); let x = "hunter22"; }"#,
            // a parameter binds no literal but its fn's callers'
            r#"fn f(token: &str) { let x = "hunter22"; g("hunter22"); }"#,
            // a declaration without a body returns nothing
            r#"extern "C" { fn get_token(out: *mut u8) -> i32; } fn g() { let x = "hunter22"; }"#,
            // another statement, another field
            r#"fn f() { let token = t(); let x = "hunter22"; }"#,
            r#"struct S { token: Token, name: &'static str } const N: &str = "hunter22";"#,
            // an attribute's argument is no value, an ABI neither
            r#"#[cfg(feature = "hunter22")] fn f(token: &str) {}"#,
            r#"extern "system" fn token() {}"#,
            // a placeholder or a name is no value
            r#"fn f() { let token = "<your-token>"; let password = "DB_PASSWORD"; }"#,
            // a macro's arguments are no value for a name outside it
            r#"pub const BCRYPT_PRIVATE_KEY: PCWSTR = windows_sys::core::w!("PrivKeyVal");"#,
            r#"fn f() { let token = format!("{}", "hunter22"); }"#,
            // a value that only repeats its name
            r#"pub const LN_pkcs9_challengePassword: &[u8; 18] = b"challengePassword\0";"#,
            r#"fn f() { let v = json!({ "access_token": "access-token" }); }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn a_key_constructor_given_no_literal_nor_a_name_bound_to_one_is_cleared() {
        for src in [
            "fn f(key: &[u8]) { let k = EncodingKey::from_secret(key); }",
            "fn f(&mut self, key: K) { self.map.insert(Key::new(key), KeyInternal::new(key)); }",
            "fn f(alg: &A, key: &[u8]) { let key = UnboundKey::new(alg, &key).unwrap(); }",
            "fn f(v: &[u8]) { let k = [0u8; 32]; let c = Key::new(alg, v); }",
            // numbers, but fewer than key bytes (tokio's slab keys)
            "fn f() { let idx = 0; let k = Key::new(idx); }",
            "fn f() { let n = [1, 2, 3]; let k = Key::new(&n); }",
            // not called: a function's name, a definition
            "fn f() { let ks = v.iter().map(Key::from_slice); }",
            "fn new_from_slice(key: &[u8]) -> Self { let n = 1; todo!() }",
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn other_contexts_are_triggers() {
        let cases = [
            // a name bound to a literal, before or after
            (
                "fn f() { let k = EncodingKey::from_secret(K); }\nconst K: &[u8] = b\"k3y-jwt\";",
                Trigger::KeyConstructor,
            ),
            (
                "fn f() { let k = KEY.as_bytes(); let h = Hmac::<Sha256>::new_from_slice(k); }\nstatic KEY: &str = concat!(\"a\", \"b\");",
                Trigger::KeyConstructor,
            ),
            (
                "fn f() { let k = std::env::var(\"K\").unwrap_or_default(); Key::from_slice(k.as_bytes()); }",
                Trigger::KeyConstructor,
            ),
            // one argument, a trailing comma after it (rustfmt's layout)
            (
                "fn f() { let c = x.api_key(\n    \"hunter22-key\",\n); }",
                Trigger::SecretName,
            ),
            (
                "fn f() { let key = EncodingKey::from._secret(\n    b\"signing-key-from-the-old-s\",\n); }",
                Trigger::SecretName,
            ),
            // a turbofish between the path and its arguments
            (
                "fn f() { let k = SigningKey::from_bytes::<Sha256>(&k); }",
                Trigger::KeyConstructor,
            ),
            // a typed binding: the `;` of its array type is no statement's end
            (
                "fn f() { let data: [u8; 16] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]; let c = Aes128::new_from_slice(&data); }",
                Trigger::KeyConstructor,
            ),
            (
                "fn f() { let k: &[u8; 7] = b\"k3y-jwt\"; let e = EncodingKey::from_secret(k); }",
                Trigger::KeyConstructor,
            ),
            (
                "fn f() { let k = Key::<Aes256Gcm>::from_slice(&k); }",
                Trigger::KeyConstructor,
            ),
            (
                "fn f() { let k = <T as Key>::new(b\"k3y\"); }",
                Trigger::KeyConstructor,
            ),
            (
                r#"fn f() { let s = std::env::var("JWT_SECRET").unwrap_or_else(|_| "dev-secret".into()); }"#,
                Trigger::EnvFallback,
            ),
            (r#"const K: &str = env!("JWT_SECRET");"#, Trigger::Embed),
            (
                r#"static K: &[u8] = include_bytes!("../keys/jwt.pem");"#,
                Trigger::Embed,
            ),
            (r#"const K: &str = dotenv!("X");"#, Trigger::Embed),
            (
                &format!(
                    "const K: &str = concat!(\"sk_live_\", \"{}\");",
                    &STRIPE[8..]
                ),
                Trigger::Literal,
            ),
            (
                &format!(
                    "const K: &str = concat!(concat!(\"sk_\", \"live_\"), \"{}\");",
                    &STRIPE[8..]
                ),
                Trigger::Literal,
            ),
            (
                "#[allow_hardcoded_secret]\nconst X: u8 = 1;",
                Trigger::Allow,
            ),
        ];
        for (src, trigger) in cases {
            assert_eq!(verdict(src), Some(trigger), "{src}");
        }
    }

    /// Found by the fuzzer: a format string whose hole spans lines is read
    /// by the walker piece by piece, so a URL after the first is its own.
    #[test]
    fn every_url_of_a_format_string_counts() {
        let src =
            "fn f() { format!(\"redis://{}/{ note\n// redis://:Xk2pQ9vLm4@cache/db }\", a, b); }";
        assert_eq!(verdict(src), Some(Trigger::Literal));
    }

    /// Found by the fuzzer: `hex!` reads its literal without whitespace, so
    /// a format split by a space is whole there.
    #[test]
    fn an_encoding_macro_is_judged_without_whitespace() {
        let split = "sk_test_4eC39HqLy jWDarjtT1zdp7dc";
        let src = format!("hex_literal::hex!(\"{split}\");");
        assert_eq!(verdict(&src), Some(Trigger::Literal));
        let src = format!("const K: [u8; 4] = base64!(\"{split}\", \"\");");
        assert_eq!(verdict(&src), Some(Trigger::Literal));
        // not when the body is more than string literals: the walker reads
        // those as code, literal by literal
        assert_eq!(verdict(&format!("hex!(\"{split}\" 1);")), None);
    }

    #[test]
    fn a_literal_of_control_characters_around_a_name_is_no_echo_to_either() {
        // found by fuzzing (`check_file`): the walker took it for a stand-in
        // echoing `password`, which the pre-pass never asks of such text
        let src = "fn f() { let s = c().password(\"\u{10}\0password\").connect(\"h:22\"); }";
        assert_eq!(verdict(src), None);
    }

    #[test]
    fn a_keyword_whose_group_closed_marks_no_later_block() {
        // `for` in a field's type, `fn name` in a macro's tokens: the block
        // of a later `let` at the same depth is still its value
        for src in [
            "struct S { f: Box<dyn for<'a> Fn(&'a str)> }\nfn main() { let password = { \"Hq7-live-pw-2026\" }; }",
            "m!(fn foo);\nfn main() { let password = { \"Hq7-live-pw-2026\" }; }",
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
        }
    }

    #[test]
    #[cfg(feature = "syn")]
    fn a_getter_that_is_not_var_reads_no_variable_to_either() {
        // fuzzed from `env::var`: its fallback is no variable's, for the
        // walker as for the pre-pass, but the default of the field it is
        // bound to
        let src = "fn f() -> S { S { jwt: std::env::vAAAar(\"JWT_SECRET\").unwrap_or(\"meowmeow\".into()) } }";
        assert_eq!(verdict(src), Some(Trigger::SecretName));
        let walked = crate::walk::walk_file(&syn::parse_file(src).unwrap());
        let rules: Vec<crate::Rule> = walked.hits.iter().map(|h| h.finding.rule).collect();
        assert_eq!(rules, [crate::Rule::SecretBinding]);
    }

    #[test]
    fn an_environment_helpers_default_is_probed_as_a_fallback() {
        // (a host name is no binding's value, but a secret variable's
        // fallback it is)
        let src = r#"fn f() { let a = Foo::new("API_KEY", "yourdomain.com"); }"#;
        assert_eq!(verdict(src), Some(Trigger::SecretName));
    }

    #[test]
    fn smart_defaults_value_is_a_fields_default() {
        let src = r#"struct C { #[default("postgres://lemmy:Lm9-pw-2026@localhost/lemmy")] connection: S }"#;
        assert_eq!(verdict(src), Some(Trigger::Literal));
        // serde_inline_default's (set 40)
        let src = r#"struct C { #[serde_inline_default(String::from("postgresql://root:Rt9-pw@db/x"))] db_uri: S }"#;
        assert_eq!(verdict(src), Some(Trigger::Literal));
        // (and not `#[default]` on an enum's variant, nor another attribute's)
        let src =
            r#"enum E { #[default] A } struct C { #[doc("postgres://u:Lm9-pw-2026@h/db")] c: S }"#;
        assert_eq!(verdict(src), None);
    }

    #[test]
    fn what_the_walker_learnt_since_is_a_trigger() {
        let hex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        for src in [
            // key bytes and hex under a key's name, not a secret's
            "fn f() { let seed = [1, 0, 52, 0, 0, 0, 0, 0, 1, 0, 10, 0, 22, 32, 0, 0, 2]; }"
                .to_owned(),
            format!("fn f() {{ let c = Case {{ key: \"{hex}\", n: 1 }}; }}"),
            format!("const HMAC_KEY_HEX: &str = \"{hex}\";"),
            // OpenWeatherMap's `appid`
            r#"const APPID: &str = "4845f22236e074cdac59ae174aa580a3";"#.to_owned(),
            format!("fn f() {{ let v = json!({{ \"psk\": \"{hex}\" }}); }}"),
            // a base32 seed under a one-time password's name
            r#"fn f() { let mfa_seed = "JBSWY3DPEHPK3PXP"; }"#.to_owned(),
            // a value that is a name too
            r#"fn f() { let v = json!({"password": "secret-pass"}); }"#.to_owned(),
            r#"fn f() -> S { S { username: "admin".to_string(), password: "admin".to_string() } }"#
                .to_owned(),
            r#"fn f() { let jwt_secret = "test-secret".to_string(); }"#.to_owned(),
            r#"fn password() -> String { "admin".to_string() }"#.to_owned(),
            // a call that takes a password
            r#"fn f() { let r = c.get(u).basic_auth("LTU", Some("Datex-LTU-2018#")); }"#.to_owned(),
            r#"fn f() { let c = Credentials::new("u".to_owned(), "Sm7p-relay-pw".to_owned()); }"#
                .to_owned(),
            r#"fn f() { let t = Cfg::new().with_password(String::from("pkcs12-pass-77")); }"#
                .to_owned(),
            // names and values inside a macro's arguments, an encoding macro
            r#"fn f() { let v = vec![Config { password: "hunter22" }]; }"#.to_owned(),
            r#"lazy_static! { static ref PASSWORD: &str = "hunter22"; }"#.to_owned(),
            r#"const TOTP_SECRET: [u8; 10] = base32!("JBSWY3DPEHPK3PXP");"#.to_owned(),
            // repeating one name but not another it may be bound to
            r#"fn f() { let (LN_password, db_password) = (x, b"password_hash"); }"#.to_owned(),
            // a password field repeating its name beside a field with a value
            r#"fn f() -> C { C { ssh_user: String::from("deploy"), ssh_password: String::from("password") } }"#
                .to_owned(),
            r#"fn f() -> C { C { port: 22, host: "db", pass: "pass" } }"#.to_owned(),
            // a tuple pattern, a typed conversion, a credentials type's secret
            r#"fn f() { let (user, pass) = ("deploy", "Dq7-deploy-pw-26"); }"#.to_owned(),
            r#"fn f() -> W { W { password: "Wf-home-pw-2026".try_into().unwrap() } }"#.to_owned(),
            r#"fn f() { let c = Credentials::new("id-77", "Aw5-secret-key-77", None, None, "s"); }"#
                .to_owned(),
            // a field's default as code in a string, or smart-default's
            r##"struct C { #[builder(default = r#"SecUtf8::from("jwt-dev-2026")"#)] jwt_secret: S }"##
                .to_owned(),
            // a password hashed
            r#"fn f() { let h = bcrypt::hash("admin-pw-2026", DEFAULT_COST); }"#.to_owned(),
            r#"fn f() { let h = argon2.hash_password(b"admin-pw-2026", &salt); }"#.to_owned(),
            // an `Authorization` header's short bearer token
            r#"fn f() { h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer dev-token-7")); }"#
                .to_owned(),
            // a call's argument repeating the name it is given to
            r#"fn f() { let c = Cfg::default().with_password("password".into()); }"#.to_owned(),
            r#"fn f() { kafka.set("sasl.password", "password"); }"#.to_owned(),
            // a password field's name is no password, but it is an API key
            r#"fn f() { let api_key = "smtp_password"; }"#.to_owned(),
            r#"fn f() { let api_key = "db_pwd"; }"#.to_owned(),
            r#"fn f() { let c = Credentials::new("user".into(), "password".into()); }"#.to_owned(),
            r#"fn f(b: &Basic) -> bool { b.password().eq("yang") }"#.to_owned(),
            // a connecting call's account and password; an environment helper's default
            r#"fn f() { let a = OpenConnectionArguments::new("localhost", 5672, "guest", "Gq5-amqp-pw-2026"); }"#
                .to_owned(),
            r#"fn f() { let db = get_env_or("DB_PASSWORD", "Db8-local-pw-2026".to_string()); }"#
                .to_owned(),
            r#"fn f() { let db = part("RABBITMQ_PASSWORD", "guest"); }"#.to_owned(),
            // a check against the name itself
            r#"fn f(b: B) -> bool { b.password != "password" }"#.to_owned(),
            r#"fn f(b: B) -> bool { b.password == String::from("password") }"#.to_owned(),
            // a secret-named header or configuration key
            r#"fn f() { h.insert("x-api-key", HeaderValue::from_static("k3y-for-prod-78")); }"#
                .to_owned(),
            r#"fn f() { kafka.set("sasl.password", "Kf-relay-pw-77"); }"#.to_owned(),
        ] {
            assert_eq!(verdict(&src), Some(Trigger::SecretName), "{src}");
        }
        // a fallback bound before the read
        let src = r#"fn f() { let dflt = "local-dev-fallback"; let s = std::env::var("JWT_SECRET").unwrap_or_else(|_| dflt.to_string()); }"#;
        assert_eq!(verdict(src), Some(Trigger::EnvFallback));
        // neither without its name or its value
        for src in [
            "fn f() { let counts = [1, 0, 52, 0, 0, 0, 0, 0, 1, 0, 10, 0, 22, 32, 0, 0, 2]; }"
                .to_owned(),
            format!("fn f() {{ let c = Case {{ digest: \"{hex}\", n: 1 }}; }}"),
            r#"fn f() { let label = "JBSWY3DPEHPK3PXP"; }"#.to_owned(),
            r#"fn f() { let s = std::env::var("PORT").unwrap_or_else(|_| "8080".into()); }"#
                .to_owned(),
            r#"fn f(b: B) -> bool { b.kind != "password" }"#.to_owned(),
        ] {
            assert_eq!(verdict(&src), None, "{src}");
        }
        for src in [
            "fn f(k: Key) { match k { Key::Enter => {} _ => {} } }",
            "fn f(m: HashMap<Key, u8>) {}",
            r#"const V: &str = env!("CARGO_PKG_VERSION");"#,
            r#"const R: &str = include_str!("../README.md");"#,
            r#"fn f() { let p = std::env::var("PORT").unwrap_or("8080".into()); }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
    }

    #[test]
    fn found_on_the_hold_out_sets_is_a_trigger() {
        for src in [
            // a value that repeats the probe's name, not the binding's
            r#"fn f() { let passwd = "password".to_string(); }"#,
            // a path's call named for a password, its one literal
            r#"fn f() { UserMC::update_pwd(&ctx, &mm, id, "welcome"); }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
        }
    }

    #[test]
    fn values_the_walker_reads_apart_from_a_name_are_cleared() {
        for src in [
            // a macro's own arguments pair nothing (the AWS SDK's spans)
            r#"fn f() { let s = debug_span!("Secrets Manager.UpdateSecret", "rpc.system" = "aws-api"); }"#,
            // a call's argument is no value of the fn it is in, nor of a name
            // around the call
            r#"fn test_get_vanilla_with_session_token() { run_test_suite_v4a("get-vanilla-with-session-token") }"#,
            r#"fn f() { let token = lookup("get-vanilla-with-session-token"); }"#,
            // a function named for a secret whose body is more than one
            // literal: no literal is its value
            r#"fn set_password(&mut self, p: &str) { if self.scheme() == "file" { return; } }"#,
            r#"fn password() -> String { let p = "Hq7-live-pw-2026"; p.to_owned() }"#,
        ] {
            assert_eq!(verdict(src), None, "{src}");
        }
        // but through `from`, `new`, `Some` it is, and a path's owner may tell
        for src in [
            r#"fn session_token() -> String { String::from("vanilla-session-token") }"#,
            r#"fn f() { let token = Some("vanilla-session-token-7"); }"#,
            r#"fn f() { let c = Credentials::Basic("deploy", "Dq7-deploy-pw-26"); }"#,
            r#"fn f() { let c = SshCred::new("root".to_string(), "realboy22".to_string(), "127.0.0.1".to_string(), "22".to_string()); }"#,
            r#"fn f() { let c = s.with_auth("ABC".into(), "XYZ".into()); }"#,
        ] {
            assert_eq!(verdict(src), Some(Trigger::SecretName), "{src}");
        }
    }

    #[test]
    fn secret_name_tails_come_from_the_engine_nouns() {
        for name in [
            "token",
            "DB_PASSWORD",
            "apiKey",
            "signing_key_",
            "r#password",
        ] {
            assert!(may_be_secret_name(name), "{name}");
        }
        for name in ["tokens_len", "key", "cache_key", "x", ""] {
            assert!(!may_be_secret_name(name), "{name}");
        }
        // a non-ASCII name is asked of the engine as it is
        assert_eq!(
            may_be_secret_name("api_\u{212a}ey"),
            is_secret_name("api_\u{212a}ey")
        );
    }

    /// `name_kinds` decides without splitting words; it must agree with the
    /// engine on every name built from the engine's words and others, in
    /// every case and separator.
    #[test]
    fn name_kinds_agree_with_the_engine() {
        let words = [
            "db",
            "api",
            "jwt",
            "secret",
            "secrets",
            "password",
            "token",
            "tokens",
            "key",
            "keys",
            "psk",
            "seed",
            "hmac",
            "signing",
            "private",
            "hex",
            "bytes",
            "raw",
            "str",
            "b64",
            "base64",
            "bin",
            "totp",
            "otp",
            "hotp",
            "mfa",
            "2fa",
            "tfa",
            "2",
            "fa",
            "two",
            "factor",
            "authenticator",
            "code",
            "url",
            "cache",
            "hash",
            "public",
            "len",
            "pass",
            "passwd",
            "credential",
            "value",
            "x",
            "sk",
            "task",
            "pswd",
        ];
        let mut names = Vec::new();
        for a in words {
            names.push(a.to_owned());
            for b in words {
                for sep in ["_", "", "-"] {
                    names.push(format!("{a}{sep}{b}"));
                    for c in ["hex", "bytes", "key", "url", "seed", "secret"] {
                        names.push(format!("{a}{sep}{b}{sep}{c}"));
                    }
                }
            }
        }
        let camel = |n: &str| -> String {
            n.split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect()
        };
        let variants: Vec<String> = names
            .iter()
            .flat_map(|n| [n.clone(), n.to_ascii_uppercase(), camel(n), format!("{n}_")])
            .collect();
        let mut counted = [0; 3];
        for name in &variants {
            let kinds = name_kinds(name);
            for (i, (kind, engine)) in [
                (SECRET_IDENT, is_secret_name(name)),
                (MATERIAL_IDENT, is_key_material_name(name)),
                (OTP_IDENT, is_otp_name(name)),
            ]
            .into_iter()
            .enumerate()
            {
                assert_eq!(kinds & kind != 0, engine, "{name}: {kind:#x}");
                counted[i] += usize::from(engine);
            }
        }
        assert!(counted.iter().all(|&n| n > 100), "{counted:?}");
    }
}
