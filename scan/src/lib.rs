//! The detection engine of secretguard: does this string look like a credential?
//!
//! Shared by the `secretguard` macros (which refuse a secret where the name of
//! one belongs), the `secretguard check` command and the fuzz targets. The
//! engine ([`scan_literal`], [`scan_embed`], [`check_reference`]) is plain
//! string logic with no dependencies; the `syn` feature adds [`walk`], which
//! finds every string literal of a Rust syntax tree and its context;
//! [`reference`](mod@reference) parses the references to secret stores (Vault, AWS Secrets
//! Manager, KMS) for the macros and the runtime alike. A
//! [`Finding`] says which rule fired and why, in words that never repeat the
//! string.
//!
//! ```
//! use secretguard_scan::{check_reference, Rule};
//!
//! assert_eq!(check_reference("JWT_SECRET"), None);
//! let finding = check_reference("AKIAIOSFODNN7EXAMPLE").unwrap();
//! assert_eq!(finding.rule, Rule::AwsAccessKeyId);
//! assert_eq!(finding.rule.id(), "aws-access-key-id");
//! ```

mod benign;
mod comments;
mod entropy;
mod formats;
mod names;
mod placeholder;
pub mod prefilter;
pub mod reference;
mod rule;
#[cfg(feature = "syn")]
pub mod walk;

pub use entropy::shannon_entropy;
pub use names::{is_env_name, is_key_constructor, is_key_file, is_secret_name, upper_snake};
pub use rule::Rule;

/// Why a string was classified as a credential. The reason names the rule's
/// evidence (a binding, a callee, a variable name) and never the string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The rule that fired.
    pub rule: Rule,
    /// One line on why, without the value.
    pub reason: String,
    /// The credential is a stand-in: a URL, connection string or `Basic`
    /// header whose password is the word for one (`password`, `p@ssw0rd`)
    /// or the user name again (`guest:guest`). It ships in a binary all the
    /// same, so it is reported, but tests write such URLs to exercise
    /// parsers: `secretguard check` does not report it in test code.
    pub stand_in: bool,
}

impl Finding {
    /// A finding of `rule`, because of `reason`.
    pub fn new(rule: Rule, reason: impl Into<String>) -> Self {
        Finding {
            rule,
            reason: reason.into(),
            stand_in: false,
        }
    }

    fn format(rule: Rule) -> Self {
        Finding::new(rule, format!("this looks like {}", rule.describe()))
    }

    /// A known format found in `text`, marked if only a stand-in.
    fn known(text: &str) -> Option<Self> {
        // (the pre-pass and the walker ask it of a literal once for each
        // context they probe: the thread's last text found to hold none is
        // kept, most literals' answer)
        thread_local! {
            static LAST_WITHOUT: std::cell::RefCell<String> =
                const { std::cell::RefCell::new(String::new()) };
        }
        if LAST_WITHOUT.with_borrow(|last| last == text) {
            return None;
        }
        let Some((rule, strength)) = formats::known_format_strength(text) else {
            LAST_WITHOUT.with_borrow_mut(|last| {
                last.clear();
                last.push_str(text);
            });
            return None;
        };
        Some(Finding {
            stand_in: strength == formats::Strength::StandIn,
            ..Finding::format(rule)
        })
    }
}

/// The longest text [`repeated`] makes.
pub(crate) const MAX_REPEATED: usize = 1024;

/// `unit` repeated `times` times (`"0123".repeat(8)`), as the walker and
/// the pre-pass read it; `None` past [`MAX_REPEATED`] bytes.
pub(crate) fn repeated(unit: &str, times: u64) -> Option<String> {
    let times = usize::try_from(times).ok()?;
    (unit.len().checked_mul(times)? <= MAX_REPEATED).then(|| unit.repeat(times))
}

/// Where a string literal sits, as far as secrets go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context<'a> {
    /// Nowhere in particular: only the literal's own shape counts.
    Plain,
    /// Bound to a `let`, field, const, static or assignment target of this name.
    Binding(&'a str),
    /// An argument of this key constructor (`EncodingKey::from_secret`).
    KeyConstructor(&'a str),
    /// The fallback of `env::var(var).unwrap_or(..)`; `None` when the variable
    /// is not a literal.
    EnvFallback(Option<&'a str>),
}

/// Checks a string that is meant to be a *reference* to a secret (an
/// environment variable name, a path) and says whether it is a credential
/// instead: a known credential format anywhere in it, a random-looking run
/// that no name would contain, or an upper-case word that does not read as
/// words (a base32 TOTP seed, `HUNTER2HUNTER2`).
///
/// Names like `AWS_SECRET_ACCESS_KEY`, `OAUTH2_CLIENT_SECRET` or `SHA256_SALT`
/// pass; `AKIAIOSFODNN7EXAMPLE` and `KEY_9F86D081884C7D659A2FEAA0` do not.
pub fn check_reference(s: &str) -> Option<Finding> {
    if let Some(rule) = formats::known_format(s).or_else(|| formats::aws_documentation_example(s)) {
        return Some(Finding::format(rule));
    }
    if entropy::has_random_run(s) || entropy::has_unreadable_word(s) {
        return Some(Finding::format(Rule::HighEntropy));
    }
    None
}

/// Decides whether the string literal `value`, found in `context`, is a
/// hardcoded credential.
///
/// Known formats win everywhere. Placeholders (`<your-secret>`, `${VAR}`,
/// `xxxx`, `REDACTED`) never count. A secret context lowers the bar: any
/// non-placeholder passed to a key constructor counts; a secret-named binding
/// counts unless the value is plainly a name, path, URL or prose. With no
/// context, only a random-looking base64 token counts, and never a UUID, a
/// digest (hex only), an integrity hash or an identifier.
///
/// ```
/// use secretguard_scan::{scan_literal, Context, Rule};
///
/// let hit = scan_literal("hunter22", &Context::Binding("db_password")).unwrap();
/// assert_eq!(hit.rule, Rule::SecretBinding);
/// assert!(!hit.reason.contains("hunter22"));
/// assert_eq!(scan_literal("DB_PASSWORD", &Context::Binding("db_password_env")), None);
/// assert_eq!(scan_literal("JWT_SECRET", &Context::Binding("jwt_secret")), None);
/// ```
pub fn scan_literal(value: &str, context: &Context<'_>) -> Option<Finding> {
    if let Some(finding) = Finding::known(value) {
        return Some(finding);
    }
    let t = value.trim();
    if let Some(finding) = stated_password(t) {
        return Some(finding);
    }
    // AWS's example credentials: documentation, whatever holds them
    if formats::aws_documentation_example(t).is_some() {
        return None;
    }
    // a password's hash checks passwords; it logs in nowhere, whatever holds it
    if t.starts_with('$') && benign::is_password_hash(t) {
        return None;
    }
    // with no context only the shape counts, and every shape left (a
    // recovery phrase, an AWS secret key, a random token) is 20 characters
    // or more: most literals stop here
    if *context == Context::Plain && t.len() < entropy::MIN_RANDOM_LEN {
        return None;
    }
    // a token that carries no signature is no credential, whatever its name
    if formats::is_unsecured_jwt(t) {
        return None;
    }
    // a key the program makes for itself (a key constructor's, a secret
    // variable's fallback, a signing or session secret's value) is used as
    // written, placeholder text or not: `EncodingKey::from_secret(b"your-secret-key")`
    // signs with a key every reader of the source knows. Template syntax
    // (`<…>`, `${…}`) is no key.
    // (asked only of placeholders: the pre-pass probes every literal)
    let used_as_written = || match *context {
        // a constructor that parses a format (`PrivateKeySigner::from_str`,
        // `Mnemonic::parse`) takes no placeholder: it would fail on one
        Context::KeyConstructor(callee) => !names::parses_key_text(callee),
        // a fallback for the program's own key or a password is used as
        // written; one for a key an issuer hands out (`OPENAI_API_KEY`,
        // `GITHUB_TOKEN`) only stands where the real one goes
        Context::EnvFallback(var) => {
            var.is_some_and(|v| names::is_self_chosen_key_name(v) || names::is_password_name(v))
        }
        Context::Binding(name) => names::is_self_chosen_key_name(name),
        Context::Plain => false,
    };
    // a typed pattern (`asdfasdf…`) marks a binding's slot to fill, as
    // `xxxx` does (ripsecrets' labels agree); run as a fallback or handed to
    // a constructor, it is the key (`"0123".repeat(8)`)
    let marks_a_slot =
        matches!(context, Context::Binding(_) | Context::Plain) && placeholder::is_repeated_unit(t);
    // one digit repeated is a password people set (a Wi-Fi or hotspot
    // default, `88888888`; a PIN), not a slot's mark as `xxxx` is
    if let Context::Binding(name) = *context
        && t.len() >= 4
        && placeholder::is_one_digit_repeated(t)
        && names::is_password_name(name)
    {
        return Some(Finding::new(
            Rule::SecretBinding,
            format!("a literal assigned to `{name}`"),
        ));
    }
    if placeholder::is_placeholder(t)
        && (!used_as_written() || placeholder::is_template(t) || marks_a_slot)
    {
        return None;
    }
    if formats::is_mnemonic(t) {
        return Some(Finding::format(Rule::RecoveryPhrase));
    }
    match *context {
        Context::KeyConstructor(callee) => {
            return Some(Finding::new(
                Rule::KeyConstructor,
                format!("a literal passed to `{callee}` is the key itself"),
            ));
        }
        Context::EnvFallback(var) => {
            // a fallback that only names its variable, `default` aside, for a
            // key an issuer hands out (`PRIVATE_KEY`'s
            // `"default_private_key"`): no key parses from it
            if let Some(v) = var
                && !used_as_written()
                && benign::echoes_name(strip_default(t), v)
            {
                return None;
            }
            let secret_var = var.is_some_and(is_secret_name);
            if secret_var || entropy::looks_random(t) || benign::says_it_is_a_secret(t) {
                let var = var.map_or_else(|| "a variable".to_owned(), |v| format!("`{v}`"));
                return Some(Finding::new(
                    Rule::EnvFallback,
                    format!(
                        "this fallback ships in the binary and is used whenever {var} is unset"
                    ),
                ));
            }
        }
        Context::Binding(name) => {
            if benign::echoes_name(t, name) || benign::names_a_password_field(t, name) {
                return None;
            }
            if names::is_otp_name(name) && formats::is_base32_seed(t) {
                return Some(Finding::new(
                    Rule::TotpSeed,
                    format!("a base32 seed assigned to `{name}`"),
                ));
            }
            // a generator's password under a key's name: the key, not a
            // lookup's (`let key = "FGhe;!?GLh$vv9<c"`, a Tuya device's)
            if entropy::looks_generated_password(t)
                && !is_secret_name(name)
                && names::is_key_material_name(name)
            {
                return Some(Finding::new(
                    Rule::SecretBinding,
                    format!("a random key assigned to `{name}`"),
                ));
            }
            if t.len() >= 32
                && t.len().is_multiple_of(2)
                && benign::is_hex(t)
                && names::is_key_material_name(name)
            {
                return Some(Finding::new(
                    Rule::SecretBinding,
                    format!("hex key material assigned to `{name}`"),
                ));
            }
            // an `Authorization` header's value (`"Bearer some-secret-token"`,
            // a token's name's): its token, as `Walker::authorization_value`
            // reads it
            if let Some(token) = formats::bearer_credential(t)
                && formats::is_token68(token)
                && is_secret_name(name)
                && scan_literal(token, &Context::Binding("bearer_token")).is_some()
            {
                return Some(Finding::new(
                    Rule::SecretBinding,
                    format!("a bearer token assigned to `{name}`"),
                ));
            }
            if is_secret_name(name)
                && (formats::is_app_password(t)
                    || (t.len() >= 4 && !benign::is_reference_or_prose(t)))
            {
                return Some(Finding::new(
                    Rule::SecretBinding,
                    format!("a literal assigned to `{name}`"),
                ));
            }
        }
        Context::Plain => {}
    }
    let public_by_name = matches!(*context, Context::Binding(name) if names::is_public_name(name));
    // (an AWS secret key's shape has no prefix: under an id's name it is
    // that id, `client_id`'s forty characters)
    if formats::is_aws_secret_key(t) && !public_by_name {
        return Some(Finding::format(Rule::AwsSecretAccessKey));
    }
    // (the cheap test first: few literals look random)
    if !entropy::looks_random(t) {
        return None;
    }
    let shaped_benign = public_by_name
        || benign::is_uuid(t)
        || benign::is_stripe_object_id(t)
        || benign::is_public_address(t)
        || benign::is_integrity_hash(t)
        || benign::is_hex(t)
        || benign::is_identifier_like(t)
        || benign::is_alphabet(t)
        || benign::is_encoded_non_secret(t)
        || benign::is_reference_or_prose(t);
    (!shaped_benign).then(|| Finding::format(Rule::HighEntropy))
}

/// `t` without a leading `default` and the `_` or `-` after it, any case.
fn strip_default(t: &str) -> &str {
    match t.get(..7) {
        Some(head) if head.eq_ignore_ascii_case("default") => t[7..].trim_start_matches(['_', '-']),
        _ => t,
    }
}

/// A password written out in `text` (`(password: hunter22)`,
/// `…&password=sikrit`, `curl -u admin:s3cret`), judged as a password's
/// value: what any literal, a format string among them, is asked.
pub(crate) fn stated_password(text: &str) -> Option<Finding> {
    let stated = formats::stated_password(text)?;
    scan_literal(stated, &Context::Binding("password"))?;
    Some(Finding::new(
        Rule::SecretBinding,
        "a password written out in the text (`password: …`)",
    ))
}

/// Only the known credential formats (issuer prefixes, PEM private keys,
/// URLs with a password), anywhere in `text`: what free text such as a
/// comment in a configuration file is checked for, where neither context
/// nor shape would mean anything.
///
/// ```
/// use secretguard_scan::{scan_known_format, Rule};
/// let hit = scan_known_format("old key: AKIAU29PC7ZL4HT2DTCB").unwrap();
/// assert_eq!(hit.rule, Rule::AwsAccessKeyId);
/// assert_eq!(scan_known_format("password rotated monthly"), None);
/// ```
pub fn scan_known_format(text: &str) -> Option<Finding> {
    Finding::known(text)
}

/// Decides whether `name!(arg)` embeds a secret at build time: `env!` or
/// `option_env!` of a secret-named variable, `include_str!` or
/// `include_bytes!` of a key file, `dotenv!` of anything.
///
/// ```
/// use secretguard_scan::scan_embed;
/// assert!(scan_embed("env", "JWT_SECRET").is_some());
/// assert!(scan_embed("env", "CARGO_PKG_VERSION").is_none());
/// assert!(scan_embed("include_bytes", "../keys/signing.pem").is_some());
/// ```
pub fn scan_embed(macro_name: &str, arg: &str) -> Option<Finding> {
    let reason = match macro_name {
        "env" | "option_env" if is_secret_name(arg) => {
            format!("`{macro_name}!` bakes the value of `{arg}` into the binary at build time")
        }
        "include_str" | "include_bytes" if is_key_file(arg) => {
            format!("`{macro_name}!` copies a key file into the binary at build time")
        }
        "dotenv" | "dotenvy" => {
            format!("`{macro_name}!` copies a `.env` value into the binary at build time")
        }
        _ => return None,
    };
    Some(Finding::new(Rule::BuildTimeEmbed, reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_and_paths_pass() {
        for name in [
            "JWT_SECRET",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_ACCESS_KEY_ID",
            "OAUTH2_CLIENT_SECRET",
            "AUTH0_CLIENT_SECRET",
            "SHA256_SALT",
            "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY",
            "GITHUB_TOKEN",
            "SLACK_BOT_TOKEN",
            "DATABASE_URL",
            "K8S_SERVICE_ACCOUNT_TOKEN",
            "INTERNATIONALIZATION_API_KEY",
            "X509_CERTIFICATE_PRIVATE_KEY",
            "API_KEY_V2",
            "/run/secrets/jwt_signing_key",
            "secret/data/jwt#secret",
            "_",
            "",
        ] {
            assert_eq!(check_reference(name), None, "{name}");
        }
    }

    #[test]
    fn credentials_in_name_position_are_caught() {
        let cases = [
            ("AKIAIOSFODNN7EXAMPLE", Rule::AwsAccessKeyId),
            ("ASIAY34FZKBOKMUTVV7A", Rule::AwsAccessKeyId),
            (
                "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",
                Rule::GitHubToken,
            ),
            ("xoxb-1234567890-abcdefghijkl", Rule::SlackToken),
            ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", Rule::StripeKey),
            (
                "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
                Rule::GoogleApiKey,
            ),
            ("sk-proj-abcdefghij0123456789ABCDEFGHIJ", Rule::OpenAiKey),
            (
                "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl",
                Rule::Jwt,
            ),
            ("KEY_9F86D081884C7D659A2FEAA0", Rule::HighEntropy),
            ("JWT_SECRET_7GQ2XK9PLM4ZR8WT", Rule::HighEntropy),
        ];
        for (s, rule) in cases {
            assert_eq!(check_reference(s).map(|f| f.rule), Some(rule), "{s}");
        }
    }

    #[test]
    fn an_aws_unique_id_is_no_key_id() {
        // a role's, a user's and a group's ids are in every ARN and log
        for id in [
            "AROAR42TAWARILN3MNKUT",
            "AIDAJQABLZS4A3QDU576Q",
            "AGPAI23HZ27SI6FQMGNQ2",
        ] {
            assert_eq!(Finding::known(id), None, "{id}");
        }
        assert_eq!(
            Finding::known("ABIAZQ3C8XN1VT6BW0PL").map(|f| f.rule),
            Some(Rule::AwsAccessKeyId)
        );
    }

    #[test]
    fn aws_documentation_examples_are_no_finding_but_no_name() {
        for s in [
            "AKIAIOSFODNN7EXAMPLE",
            "AKIAI44QH8DHBEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ] {
            assert_eq!(scan_literal(s, &Context::Plain), None, "{s}");
            assert_eq!(
                scan_literal(s, &Context::Binding("aws_secret_key")),
                None,
                "{s}"
            );
            assert_eq!(scan_known_format(&format!("key = {s}")), None, "{s}");
            assert!(check_reference(s).is_some(), "{s}");
        }
        assert!(scan_literal("AKIAU29PC7ZL4HT2DTCB", &Context::Plain).is_some());
    }

    #[test]
    fn descriptions_never_contain_the_value() {
        let s = "AKIAIOSFODNN7EXAMPLE";
        let rule = check_reference(s).unwrap().rule;
        assert!(!rule.describe().contains(s));
        assert!(!rule.id().contains(s));
    }
}
