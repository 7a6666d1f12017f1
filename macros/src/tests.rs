//! The macros on hostile input: they never panic, and a rejected secret never
//! reaches the output — not in a message, not in the stub left behind.

use proc_macro2::TokenStream;

use crate::expand;
use crate::spec::Macro;

const SECRETS: [&str; 4] = [
    "my-super-secret-key-1234",
    "AKIAIOSFODNN7EXAMPLE",
    "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",
    "KEY_9F86D081884C7D659A2FEAA0",
];

fn tokens(s: &str) -> TokenStream {
    s.parse().expect("test input tokenizes")
}

#[test]
fn rejected_secrets_appear_in_no_output() {
    for secret in SECRETS {
        let inputs = [
            format!("\"{secret}\""),
            format!("env = \"{secret}\""),
            format!("\"API_KEY\", file = \"{secret}\""),
            format!("b\"{secret}\""),
            format!("\"API_KEY\", default = \"{secret}\""),
            format!("\"API_KEY\", alg = \"{secret}\""),
            format!("\"API_KEY\", encoding = \"{secret}\""),
            format!("env!(\"{secret}\")"),
        ];
        for input in &inputs {
            let out = expand::secret(Macro::Secret, tokens(input)).to_string();
            assert!(out.contains("compile_error"), "accepted {input}");
            assert!(!out.contains(secret), "{input} leaked into:\n{out}");
        }
        let item = tokens(&format!("static JWT_SECRET: JwtSecret = \"{secret}\";"));
        let out = expand::jwt_secret(TokenStream::new(), item).to_string();
        assert!(
            out.contains("compile_error") && !out.contains(secret),
            "{out}"
        );
    }
}

/// A small deterministic generator (xorshift) over a vocabulary of the tokens
/// these macros see, glued into thousands of random argument lists.
#[test]
fn random_argument_lists_never_panic() {
    const WORDS: [&str; 30] = [
        "\"API_KEY\"",
        "\"\"",
        "\"jwt secret\"",
        "\"AKIAIOSFODNN7EXAMPLE\"",
        "env",
        "file",
        "vault",
        "alg",
        "encoding",
        "min_len",
        "optional",
        "crate",
        "default",
        "=",
        ",",
        "0",
        "18446744073709551616",
        "-1",
        "b\"x\"",
        "[1, 2]",
        "env!(\"X\")",
        "concat!()",
        "::a::b",
        "\"HS512\"",
        "\"hex\"",
        "(",
        ")",
        "{}",
        "'a",
        "#",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 8) as usize;
        let input: Vec<&str> = (0..len).map(|_| WORDS[(next() % 30) as usize]).collect();
        let Ok(stream) = input.join(" ").parse::<TokenStream>() else {
            continue; // unbalanced delimiters cannot reach a macro
        };
        let _ = expand::secret(Macro::Secret, stream.clone());
        let _ = expand::secret(Macro::TrySecret, stream.clone());
        let item = tokens("static JWT_SECRET: JwtSecret;");
        let _ = expand::jwt_secret(stream.clone(), item);
        let _ = expand::jwt_secret(TokenStream::new(), stream);
    }
}

#[test]
fn accepted_input_expands_to_the_runtime_loader() {
    let out = expand::secret(Macro::Secret, tokens("\"API_KEY\", min_len = 16")).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    assert!(out.contains(":: secretguard :: __private :: load"), "{out}");
    assert!(out.contains("Source :: Env (\"API_KEY\")"), "{out}");
    let out = expand::secret(
        Macro::TrySecret,
        tokens("\"API_KEY\", optional, crate = ::sg"),
    )
    .to_string();
    // no options: the shorthand spec, registered for `preflight` as optional
    assert!(
        out.contains(":: sg :: __private :: Spec :: env (\"API_KEY\""),
        "{out}"
    );
    assert!(out.contains(":: sg :: __private :: SECRETS"), "{out}");
    assert!(out.contains("Registered :: site"), "{out}");
    assert!(out.contains(", true)"), "{out}");
    assert!(
        out.contains("try_load_optional (& __SECRETGUARD_SITE . spec)"),
        "{out}"
    );
}

#[test]
fn a_jwt_secret_report_is_named_after_its_item() {
    let item = tokens("static SIGNING: JwtSecret;");
    let out = expand::jwt_secret(tokens("env = \"AUTH_KEY\""), item).to_string();
    assert!(out.contains("label : \"SIGNING\""), "{out}");
    // named like its variable: the one-call shorthand
    let item = tokens("static AUTH_KEY: JwtSecret;");
    let out = expand::jwt_secret(TokenStream::new(), item).to_string();
    assert!(out.contains("Spec :: env (\"AUTH_KEY\""), "{out}");
    // registered with the cell that `preflight` fills
    assert!(
        out.contains("LazySecret :: preflight (& AUTH_KEY)"),
        "{out}"
    );
}

#[test]
fn a_crate_path_reaches_every_rejection() {
    // the args check fails: the spec's path
    let out = expand::secret(Macro::Secret, tokens("\"lower-case\", crate = ::sg")).to_string();
    assert!(out.contains(":: sg :: __private :: rejected"), "{out}");
    // the args do not parse: the path recovered from the raw tokens
    let out = expand::secret(Macro::Secret, tokens("\"A\" \"B\", crate = sg")).to_string();
    assert!(out.contains("sg :: __private :: rejected"), "{out}");
    assert!(!out.contains(":: secretguard"), "{out}");
    let item = tokens("static JWT_SECRET: JwtSecret;");
    let out = expand::jwt_secret(tokens("= , crate = crate::deps::sg"), item).to_string();
    assert!(
        out.contains("crate :: deps :: sg :: __private :: LazySecret"),
        "{out}"
    );
    assert!(!out.contains(":: secretguard"), "{out}");
}

/// The macros reject `min_len` below an algorithm's floor; the runtime enforces
/// the same floor on the loaded key. The macros crate cannot depend on the
/// runtime (expanded code reaches it only through the facade), so rather than
/// copy the numbers into a test, this reads the runtime's own definition —
/// `Algorithm::min_key_len` in runtime/src/jwt.rs — with syn and compares it arm
/// by arm. If that function moves or changes shape, this test fails and says
/// so, instead of passing against a stale copy.
#[test]
fn key_length_floors_match_the_runtime() {
    use crate::spec::Alg;

    let source = include_str!("../../runtime/src/jwt.rs");
    let file = syn::parse_file(source).expect("runtime/src/jwt.rs parses");
    let body = file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(i) if i.trait_.is_none() => Some(i),
            _ => None,
        })
        .filter(|i| matches!(&*i.self_ty, syn::Type::Path(p) if p.path.is_ident("Algorithm")))
        .flat_map(|i| &i.items)
        .find_map(|item| match item {
            syn::ImplItem::Fn(f) if f.sig.ident == "min_key_len" => Some(&f.block),
            _ => None,
        })
        .expect("runtime/src/jwt.rs defines `impl Algorithm { fn min_key_len }`");
    let Some(syn::Stmt::Expr(syn::Expr::Match(body), None)) = body.stmts.last() else {
        panic!("`Algorithm::min_key_len` is no longer one `match`: update this test");
    };
    let mut runtime: Vec<(String, u64)> = body
        .arms
        .iter()
        .map(|arm| {
            let syn::Pat::Path(p) = &arm.pat else {
                panic!("an arm of `min_key_len` is not `Algorithm::X => N`");
            };
            let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(n),
                ..
            }) = &*arm.body
            else {
                panic!("an arm of `min_key_len` is not `Algorithm::X => N`");
            };
            let variant = p.path.segments.last().expect("a path").ident.to_string();
            (variant, n.base10_parse().expect("a number"))
        })
        .collect();
    let mut macros: Vec<(String, u64)> = Alg::ALL
        .iter()
        .map(|alg| (alg.name().to_owned(), alg.min_len()))
        .collect();
    runtime.sort();
    macros.sort();
    assert_eq!(
        macros, runtime,
        "macros (left) and runtime (right) disagree"
    );
}

/// A reference reaches the runtime in parts, parsed once at compile time.
#[cfg(all(feature = "vault", feature = "aws"))]
#[test]
fn references_expand_to_their_parts() {
    let out = expand::secret(
        Macro::Secret,
        tokens(
            "vault = \"/secret/data/jwt#key\", vault = \"secret/jwt?version=2\", aws = \"prod/db?stage=AWSPREVIOUS\", \
             kms = \"JWT_ENC?key_id=alias/k&app=api\"",
        ),
    )
    .to_string();
    assert!(!out.contains("compile_error"), "{out}");
    for part in [
        "VaultRef { path : \"secret/data/jwt\" , version : :: secretguard :: __private :: None , field : :: secretguard :: __private :: Some (\"key\") }",
        "VaultRef { path : \"secret/jwt\" , version : :: secretguard :: __private :: Some (2u32) , field : :: secretguard :: __private :: None }",
        "AwsSecretRef { id : \"prod/db\" , stage : :: secretguard :: __private :: Some (\"AWSPREVIOUS\") , json_key : :: secretguard :: __private :: None }",
        "KmsSource { variable : \"JWT_ENC\" , key_id : :: secretguard :: __private :: Some (\"alias/k\") , context : & [(\"app\" , \"api\")] , }",
        "label : \"/secret/data/jwt#key\"",
    ] {
        assert!(out.contains(part), "no {part} in:\n{out}");
    }
}

/// `$e:expr` and `$e:literal` arrive in a group without delimiters.
fn invisible_group(inner: &str) -> TokenStream {
    let group = proc_macro2::Group::new(proc_macro2::Delimiter::None, tokens(inner));
    proc_macro2::TokenTree::Group(group).into()
}

#[test]
fn macro_rules_fragments_are_read_through() {
    let out = expand::secret(Macro::Secret, invisible_group("\"API_KEY\"")).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    let mut input = tokens("env =");
    input.extend(invisible_group("\"API_KEY\""));
    let out = expand::secret(Macro::Secret, input).to_string();
    assert!(!out.contains("compile_error"), "{out}");
    for secret in SECRETS {
        let out = expand::secret(Macro::Secret, invisible_group(&format!("\"{secret}\"")));
        let out = out.to_string();
        assert!(
            out.contains("compile_error") && !out.contains(secret),
            "{out}"
        );
    }
}

#[test]
fn suffixes_and_suggestions_never_repeat_a_secret() {
    let out = expand::secret(Macro::Secret, tokens("\"API_KEY\"hunter2")).to_string();
    assert!(
        out.contains("compile_error") && !out.contains("hunter2"),
        "{out}"
    );
    let out = expand::secret(Macro::Secret, tokens("\"database_password\"")).to_string();
    assert!(out.contains("did you mean `DATABASE_PASSWORD`"), "{out}");
    // a passphrase is not a kind of secret's name: no upper-case copy of it
    let out = expand::secret(Macro::Secret, tokens("\"correct-horse-battery-staple\"")).to_string();
    assert!(
        out.contains("compile_error") && !out.contains("STAPLE"),
        "{out}"
    );
}

#[test]
fn refresh_intervals_parse_to_seconds_or_not_at_all() {
    use crate::check::parse_interval;
    assert_eq!(parse_interval("15m"), Some(900));
    assert_eq!(parse_interval("1h30m"), Some(5400));
    assert_eq!(parse_interval("90s"), Some(90));
    assert_eq!(parse_interval("0s"), Some(0));
    for bad in [
        "", "15", "m", "15min", "1d", "500ms", "1.5h", " 15m", "15m ", "-1s", "1h 30m",
    ] {
        assert_eq!(parse_interval(bad), None, "{bad:?}");
    }
    assert_eq!(parse_interval("99999999999999999999h"), None);
}

#[test]
fn refresh_is_checked_and_expanded() {
    let ok = expand::jwt_secret(
        tokens("refresh = \"15m\""),
        tokens("static JWT_SECRET: JwtSecret;"),
    )
    .to_string();
    assert!(ok.contains("RefreshingSecret"), "{ok}");
    assert!(ok.contains("900u64"), "{ok}");
    for (args, item, message) in [
        ("refresh = \"0s\"", "static K: JwtSecret;", "at least 1s"),
        ("refresh = \"25h\"", "static K: JwtSecret;", "at most 24h"),
        (
            "refresh = 15",
            "static K: JwtSecret;",
            "expected a string literal",
        ),
        (
            "refresh = \"15min\"",
            "static K: JwtSecret;",
            "is not a duration",
        ),
        (
            "refresh = \"1m\"",
            "fn k() -> &'static JwtSecret;",
            "cannot be returned as `&'static`",
        ),
    ] {
        let out = expand::jwt_secret(tokens(args), tokens(item)).to_string();
        assert!(out.contains(message), "{args} on {item}:\n{out}");
    }
    let out = expand::secret(Macro::Secret, tokens("\"API_KEY\", refresh = \"1m\"")).to_string();
    assert!(out.contains("`refresh` is for `#[jwt_secret]`"), "{out}");
}
